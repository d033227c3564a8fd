// Column maps let a foreign inventory export (a CMDB's "Hostname", "Vendor Name", "Site") import
// as it is: its columns are renamed to ours before the file is read, so nobody rewrites files
// by hand. A map that names a column we do not have, or one the file lacks, is an error: a map
// that silently renames nothing would leave every device without a vendor — a false all-clear.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { didYouMean } from '../model/closest.js';
import { InputError, POLICY_ATTRIBUTES } from '../model/index.js';
import { DEVICE_COLUMNS } from './records/device.js';
import { readWholeFile } from './util/read-whole.js';
import { quote } from './util/values.js';

export interface ColumnMapEntry {
  /** The column as the foreign file names it (matched case-insensitively). */
  source: string;
  /** One of our inventory columns (DEVICE_COLUMNS, or a POLICY_ATTRIBUTES column kept in `extra`). */
  target: string;
  /** Line in the map file, when the map came from one. */
  line?: number;
}

export interface ColumnMap {
  /** Where the map came from, for errors: `--map` or the map file's path. */
  origin: string;
  entries: readonly ColumnMapEntry[];
}

/** Bounds a map: it names columns of one file, never thousands. */
const MAX_ENTRIES = 1000;
const MAX_NAME_CHARS = 200;
const MAX_MAP_FILE_BYTES = 1 << 20;

/** Parses `--map "Vendor Name=vendor,Hostname=name"`. */
export function parseColumnMap(spec: string, origin = '--map'): ColumnMap {
  const entries: ColumnMapEntry[] = [];
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.lastIndexOf('=');
    if (eq < 0) throw new InputError(origin, undefined, `${quote(part.trim())} is not SOURCE=TARGET (e.g. "Vendor Name=vendor")`);
    entries.push({ source: part.slice(0, eq), target: part.slice(eq + 1) });
  }
  return checkMap({ origin, entries });
}

/** Reads a YAML map file: a mapping of source column -> our column, e.g. `Vendor Name: vendor`. */
export async function readColumnMapFile(file: string): Promise<ColumnMap> {
  const text = await readWholeFile(file, MAX_MAP_FILE_BYTES);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const err = doc.errors[0];
  if (err !== undefined) throw new InputError(file, lc.linePos(err.pos[0]).line, `YAML: ${err.message.split('\n')[0] ?? ''}`);
  if (!isMap(doc.contents)) throw new InputError(file, 1, 'expected a YAML mapping of source column to our column, e.g. "Vendor Name: vendor"');
  const entries: ColumnMapEntry[] = [];
  for (const pair of doc.contents.items) {
    const line = isScalar(pair.key) && pair.key.range ? lc.linePos(pair.key.range[0]).line : 1;
    const source = isScalar(pair.key) ? pair.key.value : undefined;
    const target = isScalar(pair.value) ? pair.value.value : undefined;
    if ((typeof source !== 'string' && typeof source !== 'number') || typeof target !== 'string') {
      throw new InputError(file, line, 'every entry must be "source column: our column", both plain text');
    }
    entries.push({ source: String(source), target, line });
  }
  return checkMap({ origin: file, entries });
}

/** Targets must be our columns, each named once; sources non-empty and named once. */
function checkMap(map: ColumnMap): ColumnMap {
  const { origin } = map;
  if (map.entries.length === 0) throw new InputError(origin, undefined, 'the column map is empty');
  if (map.entries.length > MAX_ENTRIES) throw new InputError(origin, undefined, `the column map has more than ${MAX_ENTRIES} entries`);
  // The policy's extra columns (use, funding, grade, purchased) are targets too: they reach the
  // device's `extra` under our name, which is where the rules look for them.
  const columns = [...DEVICE_COLUMNS, ...POLICY_ATTRIBUTES];
  const known = new Set<string>(columns);
  const sources = new Set<string>();
  const targets = new Set<string>();
  const entries = map.entries.map((e) => {
    const source = e.source.trim();
    const target = e.target.trim().toLowerCase();
    const at = e.line;
    if (source === '' || source.length > MAX_NAME_CHARS) throw new InputError(origin, at, `source column ${quote(source)} must be 1-${MAX_NAME_CHARS} characters`);
    if (!known.has(target)) {
      throw new InputError(origin, at, `unknown target column ${quote(e.target.trim())} for ${quote(source)}${didYouMean(target, columns)} (our columns: ${columns.join(', ')})`);
    }
    const key = source.toLowerCase();
    if (sources.has(key)) throw new InputError(origin, at, `source column ${quote(source)} is mapped twice`);
    if (targets.has(target)) throw new InputError(origin, at, `two source columns are mapped to ${quote(target)}`);
    sources.add(key);
    targets.add(target);
    return at === undefined ? { source, target } : { source, target, line: at };
  });
  return { origin, entries };
}

/**
 * Renames a file's columns (its CSV header, or the keys its JSON devices use) through `map`.
 * Every source column must be among `present`; a renamed column may not collide with one the
 * file already has under our name. Returns lower-cased present name -> new name.
 */
export function renamingFor(map: ColumnMap, present: Iterable<string>, file: string): Map<string, string> {
  const have = new Map<string, string>();
  for (const p of present) {
    const k = p.trim().toLowerCase();
    if (!have.has(k)) have.set(k, p.trim());
  }
  const rename = new Map<string, string>();
  for (const e of map.entries) {
    const key = e.source.toLowerCase();
    if (!have.has(key)) {
      const where = e.line === undefined ? map.origin : `${map.origin}:${e.line}`;
      throw new InputError(file, 1, `column ${quote(e.source)} (mapped to ${e.target} by ${where}) is not in the file${didYouMean(e.source, have.values())} (columns: ${[...have.values()].join(', ').slice(0, 300)})`);
    }
    rename.set(key, e.target);
  }
  const mappedSources = new Set(rename.keys());
  for (const e of map.entries) {
    if (have.has(e.target) && !mappedSources.has(e.target)) {
      throw new InputError(file, 1, `the file already has a column '${e.target}'; mapping ${quote(e.source)} to it would make two`);
    }
  }
  return rename;
}

/** A CSV header with the map applied. */
export function mapHeader(map: ColumnMap, header: readonly string[], file: string): string[] {
  const rename = renamingFor(map, header, file);
  return header.map((h) => rename.get(h.trim().toLowerCase()) ?? h);
}
