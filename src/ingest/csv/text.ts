// CSV held whole in memory (the plain network files, cost tables, forced lists) read by the one
// tokenizer, so a quoted comma, a doubled quote, a quoted line break, CRLF or a lone CR mean the
// same in every reader as in the streaming importer. Pure: the callers read the files.
import { InputError } from '../../model/index.js';
import { CsvTokenizer } from './tokenizer.js';

export type RowFn = (fields: string[], line: number) => void;

/**
 * A whole CSV text: `start` sees the header's trimmed, lower-cased names and returns the function
 * called for each data row with its 1-based line. A leading BOM is dropped; blank lines skipped.
 */
export function readCsv(text: string, file: string, start: (header: string[]) => RowFn): void {
  let row = null as RowFn | null;
  const tokenizer = new CsvTokenizer(file, (fields, line) => {
    if (row === null) row = start(fields.map((h) => h.trim().toLowerCase()));
    else row(fields, line);
  });
  tokenizer.push(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  tokenizer.end();
  if (row === null) throw new InputError(file, 1, 'empty file: expected a header line');
}

/**
 * One line the caller split off (line `line` of `file`) into fields. A line cannot hold a row
 * break, so a lone CR outside quotes (which the tokenizer ends a row at) is an error here rather
 * than a field silently holding it. A blank line is one empty field.
 */
export function splitCsvLine(text: string, file: string, line: number): string[] {
  const rows: string[][] = [];
  const tokenizer = new CsvTokenizer(file, (fields) => rows.push(fields), undefined, line);
  tokenizer.push(text);
  tokenizer.end();
  if (rows.length > 1) throw new InputError(file, line, 'a carriage return outside quotes in the middle of a line (quote the field that holds it)');
  return rows[0] ?? [''];
}

/** Column positions by name; `required` names missing from the header are an input error. */
export function columns<R extends string, O extends string>(
  header: readonly string[],
  file: string,
  required: readonly R[],
  optional: readonly O[],
): Record<R, number> & Record<O, number> {
  const at = new Map(header.map((h, i) => [h, i] as const));
  const out: Record<string, number> = {};
  for (const name of required) {
    const i = at.get(name);
    if (i === undefined) throw new InputError(file, 1, `missing column "${name}" (header: ${header.join(',')})`);
    out[name] = i;
  }
  for (const name of optional) out[name] = at.get(name) ?? -1;
  return out as Record<R, number> & Record<O, number>;
}
