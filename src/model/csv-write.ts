// The one CSV writer: every CSV cleanpath writes (each command's `--format csv`, the report, the
// exposure file, the demo's input files) goes through `csvCell`, so no stage can forget the
// spreadsheet defusing. It lives in model/ because every stage may import model/.
//
// Text comes from devices and their owners (SNMP sysName, NetBox names, operators): a cell that
// a spreadsheet would read as a formula (OWASP "CSV injection") gets a leading `'`, which
// spreadsheets show as a text marker. Numbers we format ourselves are never touched, nor is a
// string that is a plain number ("-3", "-1.5e3"): a spreadsheet reads it as that number anyway,
// and the benchmark file must stay byte-identical to the reference. A cell's bidi embeddings and
// overrides are closed at its end (model/bidi.ts), so a U+202E cannot reverse the rest of the line.

import { closeBidi } from './bidi.js';

export type CsvCell = string | number | boolean | null | undefined;

/** What spreadsheets start a formula with (or skip before one): = + - @, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A negative decimal number, which a spreadsheet reads as a number, not a formula. */
const NEGATIVE_NUMBER = /^-(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** RFC 4180: a field holding one of these is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

/** `s` with a leading `'` when a spreadsheet would run it as a formula. */
export function defuse(s: string): string {
  if (!FORMULA_START.test(s)) return s;
  if (s.charCodeAt(0) === 45 /* - */ && NEGATIVE_NUMBER.test(s)) return s;
  return `'${s}`;
}

/** Numbers as JavaScript prints them (shortest exact form); infinities as `inf` like the reference. */
function numberText(v: number): string {
  if (Number.isFinite(v)) return String(v);
  if (Number.isNaN(v)) return '';
  return v > 0 ? 'inf' : '-inf';
}

/** One field: empty for null/undefined, numbers and booleans as is, text closed, defused, quoted. */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const s = defuse(closeBidi(v));
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly CsvCell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) out += (i === 0 ? '' : ',') + csvCell(cells[i]);
  return out;
}

/**
 * A whole file: the header, then one line per row. Lines end with LF, not RFC 4180's CRLF: the
 * outputs predate this module, tests and the C++ reference compare them byte for byte, and every
 * spreadsheet and our own reader accept both.
 */
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvCell[]>): string {
  const lines = [csvRow(header)];
  for (const r of rows) lines.push(csvRow(r));
  return lines.join('\n') + '\n';
}

/** Rows kept as records: the columns pick and order the cells. */
export function recordsToCsv<K extends string>(columns: readonly K[], rows: Iterable<Partial<Record<K, CsvCell>>>): string {
  const lines = [csvRow(columns)];
  for (const r of rows) lines.push(csvRow(columns.map((c) => r[c])));
  return lines.join('\n') + '\n';
}
