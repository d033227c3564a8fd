// What the terminal a table is read on allows: its width, whether `--wide` lifts it, whether
// colour may be used, and which columns a table had to cut to fit — said once, on stderr, after
// the command (program.ts), however many tables it printed.

/** Where the width came from: said in the cut note, so a piped table's 100 columns are no mystery. */
export type WidthSource = 'terminal' | 'COLUMNS' | 'default';

/**
 * Columns of the terminal the table is read on: the real width on a TTY, else $COLUMNS, else
 * 100 (what a report pasted into a ticket or a CI log still shows without wrapping). Scripts
 * read `--format csv|json`, which no width touches.
 */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): { columns: number; from: WidthSource } {
  if (stream.isTTY && stream.columns) return { columns: stream.columns, from: 'terminal' };
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env >= 40 ? { columns: env, from: 'COLUMNS' } : { columns: 100, from: 'default' };
}

let wide = false;
let toFile = false;

/**
 * Set per run by the program's preAction hook: `--wide` (every table unbounded, every cell
 * whole) and `-o FILE` (no colour in a file, whatever the terminal).
 */
export function configureTerminal(options: { wide?: boolean; toFile?: boolean }): void {
  wide = options.wide === true;
  toFile = options.toFile === true;
}

export function isWide(): boolean {
  return wide;
}

/** The width tables must fit: Infinity under `--wide`. */
export function tableWidth(): number {
  return wide ? Infinity : terminalWidth().columns;
}

const cutColumns = new Set<string>();
const leftOut = new Set<string>();

/** Recorded by the table renderer for the one note after the command. */
export function recordCut(cut: readonly string[], dropped: readonly string[]): void {
  for (const c of cut) cutColumns.add(c);
  for (const c of dropped) leftOut.add(c);
}

/** The note line for what was cut since the last call (undefined when nothing was); clears the record. */
export function takeCutNote(): string | undefined {
  if (!cutColumns.size && !leftOut.size) return undefined;
  const { columns, from } = terminalWidth();
  const why = from === 'terminal' ? 'the terminal' : from === 'COLUMNS' ? '$COLUMNS' : 'the default for output that is not a terminal';
  const parts = [cutColumns.size ? `cut ${[...cutColumns].join(', ')}` : '', leftOut.size ? `left out ${[...leftOut].join(', ')}` : ''].filter(Boolean);
  cutColumns.clear();
  leftOut.clear();
  return `note: tables fit ${columns} columns (${why}): ${parts.join('; ')}; --wide shows all, --format csv|json for scripts`;
}

/**
 * Colour only where a person reads it: never when NO_COLOR is set to anything (no-color.org),
 * always when FORCE_COLOR is set to anything but 0 (CI logs that render it), else on a TTY.
 */
export function colourEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR || toFile) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return stream.isTTY === true;
}

/** Bold when colour is on: a table's header row. */
export function bold(s: string, stream: NodeJS.WriteStream = process.stdout): string {
  return colourEnabled(stream) ? `\x1b[1m${s}\x1b[22m` : s;
}
