// Minimal CSV reading for the plain benchmark-format files: comma separated, a header line,
// optional double quotes (RFC 4180, not spanning lines), CRLF or LF, blank lines skipped.
import { InputError } from '../model/index.js';

export type RowFn = (fields: string[], line: number) => void;

export function splitCsvLine(text: string, file: string, line: number): string[] {
  if (text.indexOf('"') < 0) return text.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new InputError(file, line, 'unterminated quoted field');
        v += text.slice(i, q);
        if (text[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i >= text.length) return out;
      if (text[i] !== ',') throw new InputError(file, line, 'unexpected text after a quoted field');
      i++;
    } else {
      const c = text.indexOf(',', i);
      if (c < 0) {
        out.push(text.slice(i));
        return out;
      }
      out.push(text.slice(i, c));
      i = c + 1;
    }
  }
}

/** `start` sees the header's lower-cased names and returns the function called for each data line. */
export function readCsv(text: string, file: string, start: (header: string[]) => RowFn): void {
  let row: RowFn | null = null;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 0;
  const len = text.length;
  while (pos < len) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = len;
    line++;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    if (end > pos) {
      const fields = splitCsvLine(text.slice(pos, end), file, line);
      if (row === null) row = start(fields.map((h) => h.trim().toLowerCase()));
      else row(fields, line);
    }
    pos = nl + 1;
  }
  if (row === null) throw new InputError(file, 1, 'empty file: expected a header line');
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
