// A one-line progress bar on stderr, drawn only when stderr is a terminal so that logs and
// pipes stay clean; redrawn at most every 100 ms to cost nothing on fast loops.

export interface Progress {
  update(done: number, total?: number, label?: string): void;
  done(message?: string): void;
}

const SILENT: Progress = { update() {}, done() {} };

export function createProgress(title: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT;
  let last = 0;
  const started = Date.now();
  const draw = (done: number, total?: number, label?: string) => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 60));
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    let bar = '';
    if (total && total > 0) {
      const f = Math.min(1, done / total);
      const filled = Math.round(f * width);
      bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}% `;
    }
    const text = `${title} ${bar}${done.toLocaleString('en-US')} (${rate.toLocaleString('en-US')}/s)${label ? ' ' + label : ''}`;
    stream.write(`\r\x1b[2K${text.slice(0, (stream.columns ?? 80) - 1)}`);
  };
  return {
    update(done, total, label) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(done, total, label);
    },
    done(message) {
      stream.write('\r\x1b[2K' + (message ? message + '\n' : ''));
    },
  };
}
