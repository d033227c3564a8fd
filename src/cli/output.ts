// Rendering of keyed rows as an aligned text table, CSV or JSON: every command's output goes
// through here so `--format` means the same thing everywhere.
import stringWidth from 'string-width';
import { isolateText } from '../model/bidi.js';
import { recordsToCsv } from '../model/csv-write.js';
import { bold, isWide, recordCut, tableWidth } from './terminal.js';

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

/** Between two columns. */
const GAP = 2;
/** Text columns yield to this before any column is left out, and to the hard floor only after. */
const SOFT_MIN = 10;
const HARD_MIN = 6;

/**
 * A table that fits the terminal (terminal.ts): `maxWidth` caps every cell; then the widest text
 * columns yield down to 10 characters (or their header); then trailing columns are left out; only
 * if the first alone is too wide do cells go down to 6. The first column (the key) and numbers are
 * not cut before that. Cut and left-out columns are recorded for the one note after the command;
 * `--wide` lifts every limit. Widths are display widths: a CJK character takes 2, a combining mark 0.
 */
export function renderTable(rows: readonly Row[], columns: readonly string[], maxWidth = 48, width = tableWidth()): string {
  const cap = isWide() ? Infinity : maxWidth;
  const full = rows.map((r) => columns.map((c) => printable(cellText(r[c]))));
  const numeric = columns.map((c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] == null));
  // headers too can come from data (a pivot's countries or layers)
  const titles = columns.map(printable);
  const heads = titles.map((c) => stringWidth(c));
  const natural = columns.map((_, i) => Math.max(heads[i]!, ...full.map((t) => stringWidth(t[i]!))));
  const capped = natural.map((w, i) => (numeric[i] ? w : Math.min(w, Math.max(cap, heads[i]!))));
  const floor = (min: number) => capped.map((w, i) => (numeric[i] || (i === 0 && min === SOFT_MIN) ? w : Math.min(w, Math.max(min, heads[i]!))));
  const widths = fitWidths(capped, [floor(SOFT_MIN), floor(HARD_MIN)], width);
  recordCut(titles.filter((_, i) => i < widths.length && widths[i]! < natural[i]!), titles.slice(widths.length));
  const fmt = (cells: readonly string[]) => widths.map((w, i) => padCell(truncate(cells[i]!, w), w, numeric[i]!)).join(' '.repeat(GAP)).trimEnd();
  return [bold(fmt(titles)), fmt(widths.map((w) => '-'.repeat(w))), ...full.map(fmt)].join('\n') + '\n';
}

const lineWidth = (widths: readonly number[]) => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);

/** Narrows `widths` in place, widest first and not below `floors`, until the line fits `total` or cannot narrow. */
function narrow(widths: number[], floors: readonly number[], total: number): void {
  while (lineWidth(widths) > total) {
    let widest = -1;
    for (let i = 0; i < widths.length; i++) if (widths[i]! > floors[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) return;
    widths[widest]! -= 1;
  }
}

/** The widths of the leading columns that fit `total`: the most columns at the softest floor that fits. */
function fitWidths(capped: readonly number[], floorSets: readonly (readonly number[])[], total: number): number[] {
  for (const floors of floorSets) {
    for (let shown = capped.length; shown >= 1; shown--) {
      const widths = capped.slice(0, shown);
      narrow(widths, floors, total);
      if (lineWidth(widths) <= total) return widths;
    }
  }
  const first = [capped[0]!];
  narrow(first, [floorSets.at(-1)![0]!], total);
  return first;
}

/**
 * A cell padded to its column, its text isolated (model/bidi.ts) with the padding outside: a
 * U+202E in a device name, or a Hebrew one, cannot reorder the columns after it on a terminal
 * that lays out bidirectional text. Cut cells are isolated after the cut, so the cut cannot
 * remove their closing mark.
 */
function padCell(t: string, width: number, right: boolean): string {
  const pad = ' '.repeat(Math.max(0, width - stringWidth(t)));
  return right ? pad + isolateText(t) : isolateText(t) + pad;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `s` cut to `max` display columns with a visible ellipsis; whole characters only (a wide one never split). */
function truncate(s: string, max: number): string {
  if (stringWidth(s) <= max) return s;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(s)) {
    const w = stringWidth(segment);
    if (used + w > max - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
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
