// The CLI run inside the test's process: what a spawn prints, without a second or two of start-up
// per command. It goes through runCli, the entry point's own error handling, so exit codes and
// the `cleanpath: file:line: ...` messages are those a user sees. Environment variables are set for
// the run and the whole environment restored after (the CLI sets some for its workers, e.g.
// --catalog, which must not leak into the next command); NO_COLOR is set as cli() sets it unless
// `env` says otherwise.
import { buildProgram } from '../../src/cli/program.js';
import { runCli } from '../../src/cli/run.js';
import type { CliResult } from './helpers.js';

type Write = typeof process.stdout.write;

/** `cleanpath ARGS` with `env` set (undefined unsets a variable); stdout and stderr captured. */
export async function runInProcess(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const [stdout, stderr] = [process.stdout.write, process.stderr.write];
  // runCli adds an EPIPE listener to stdout per run: a process runs it once, this helper many times
  const listeners = new Set(process.stdout.listeners('error'));
  // The CLI writes strings; the test runner's own reports (binary, on stdout) pass through.
  const capture = (into: string[], original: Write, stream: NodeJS.WriteStream): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (typeof chunk !== 'string') return (original as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
      into.push(chunk);
      return true;
    }) as Write;
  setEnv({ NO_COLOR: '1', ...env });
  process.stdout.write = capture(out, stdout, process.stdout);
  process.stderr.write = capture(err, stderr, process.stderr);
  process.exitCode = undefined;
  let code = 0;
  try {
    await runCli(buildProgram(), ['node', 'cleanpath', ...args]);
    code = Number(process.exitCode ?? 0);
  } finally {
    process.stdout.write = stdout;
    process.stderr.write = stderr;
    process.exitCode = undefined;
    for (const l of process.stdout.listeners('error')) if (!listeners.has(l)) process.stdout.off('error', l as (e: Error) => void);
    restoreEnv(saved);
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function restoreEnv(saved: NodeJS.ProcessEnv): void {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  setEnv(saved);
}

function setEnv(env: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
}
