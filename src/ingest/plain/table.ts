// The small tables users hand the planner (cost table, forced list) come as CSV with a header or
// as a JSON array of objects. One reader for both (they were copy-pasted loaders), so a row is
// always a name -> value record with the line it came from; each table checks its own fields.
import { splitCsvLine } from '../csv/text.js';
import { InputError } from '../../model/index.js';

export interface TableRow {
  /** CSV: strings by the header's lower-cased names; JSON: the object as written */
  fields: Readonly<Record<string, unknown>>;
  /** 1-based line of a CSV row; undefined for JSON (entries have no reliable line) */
  line: number | undefined;
}

export interface Table {
  /** the CSV header's lower-cased names; null for JSON */
  header: readonly string[] | null;
  rows: TableRow[];
}

/** `shape` names the expected object in messages, e.g. `{id, deadline, reason}`. */
export function parseTable(text: string, file: string, shape: string): Table {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) return { header: null, rows: jsonRows(trimmed, file, shape) };
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '', file, 1).map((h) => h.trim().toLowerCase());
  const rows: TableRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const f = splitCsvLine(lines[i]!, file, i + 1);
    // No prototype: a header named "constructor" or "__proto__" is just a column.
    const fields = Object.create(null) as Record<string, unknown>;
    // A short row leaves later names undefined, which each table reports in its own words.
    header.forEach((name, c) => {
      if (name !== '' && !(name in fields)) fields[name] = f[c];
    });
    rows.push({ fields, line: i + 1 });
  }
  return { header, rows };
}

function jsonRows(text: string, file: string, shape: string): TableRow[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, undefined, `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!Array.isArray(data)) throw new InputError(file, undefined, `expected an array of ${shape}`);
  return data.map((x: unknown, i) => {
    if (typeof x !== 'object' || x === null) throw new InputError(file, undefined, `entry ${i + 1}: expected an object`);
    return { fields: x as Record<string, unknown>, line: undefined };
  });
}
