// Rendering of keyed rows as an aligned text table, CSV or JSON: every command's output goes
// through here so `--format` means the same thing everywhere.
import { isolateText } from '../model/bidi.js';
import { recordsToCsv } from '../model/csv-write.js';

export type Cell = string | number | boolean | null | undefined;
export type Row = Record<string, Cell>;
export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(2);
  return String(v);
}

/** Strips control characters so a hostile device string cannot move the cursor or recolour the terminal. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/**
 * Columns of the terminal the table is read on: the real width on a TTY, else $COLUMNS, else
 * 100 (what a report pasted into a ticket or a CI log still shows without wrapping).
 */
export function terminalColumns(): number {
  if (process.stdout.isTTY && process.stdout.columns) return process.stdout.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env >= 40 ? env : 100;
}

/**
 * `maxWidth` caps every cell; `totalWidth`, when given, narrows the widest columns (never below
 * their header or 6 characters) until a line fits, so free text yields before ids do.
 */
export function renderTable(rows: readonly Row[], columns: readonly string[], maxWidth = 48, totalWidth?: number): string {
  let text = rows.map((r) => columns.map((c) => truncate(printable(cellText(r[c])), maxWidth)));
  const widths = columns.map((c, i) => Math.max(c.length, ...text.map((t) => t[i]!.length)));
  if (totalWidth !== undefined && fitWidths(widths, columns, totalWidth)) {
    text = text.map((t) => t.map((cell, i) => truncate(cell, widths[i]!)));
  }
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] == null));
  const fmt = (cells: string[]) => cells.map((t, i) => padCell(t, widths[i]!, numeric[i]!)).join('  ').trimEnd();
  return [fmt([...columns]), fmt(widths.map((w) => '-'.repeat(w))), ...text.map(fmt)].join('\n') + '\n';
}

/** Narrows `widths` in place to fit `total` (with two spaces between columns); true when any changed. */
function fitWidths(widths: number[], columns: readonly string[], total: number): boolean {
  const line = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  let changed = false;
  while (line() > total) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) {
      const floor = Math.max(6, columns[i]!.length);
      if (widths[i]! > floor && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    }
    if (widest < 0) break;
    widths[widest]! -= 1;
    changed = true;
  }
  return changed;
}

/**
 * A cell padded to its column, its text isolated (model/bidi.ts) with the padding outside: a
 * U+202E in a device name, or a Hebrew one, cannot reorder the columns after it on a terminal
 * that lays out bidirectional text. Cut cells are isolated after the cut, so the cut cannot
 * remove their closing mark.
 */
function padCell(t: string, width: number, right: boolean): string {
  const pad = ' '.repeat(Math.max(0, width - t.length));
  return right ? pad + isolateText(t) : isolateText(t) + pad;
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** Through the one writer (model/csv-write.ts): every text cell defused against spreadsheet formulas. */
export function renderCsv(rows: readonly Row[], columns: readonly string[]): string {
  return recordsToCsv(columns, rows);
}

export function renderJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function render(format: OutputFormat, rows: readonly Row[], columns: readonly string[], json: unknown = rows): string {
  switch (format) {
    case 'table':
      return renderTable(rows, columns);
    case 'csv':
      return renderCsv(rows, columns);
    case 'json':
      return renderJson(json);
  }
}
