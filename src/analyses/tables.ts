// An analysis's keyed tables: picking one by id, writing it as CSV, and the one generic diff of a
// table between two runs (Batfish's TableDiff): rows added, removed, and changed by key.
import { recordsToCsv, type CsvCell } from '../model/csv-write.js';
import { InputError } from '../model/index.js';
import type { AnalysisDocument, AnyAnalysis, ColumnSpec, TableCell, TableRow, TableSpec } from './define.js';

export function tableSpec(def: AnyAnalysis, id: string | undefined, where = '--table'): TableSpec<AnalysisDocument> {
  if (id === undefined) return def.tables[0]!;
  const t = def.tables.find((x) => x.id === id);
  if (!t) throw new InputError(where, undefined, `${def.id} has no table '${id}' (tables: ${def.tables.map((x) => x.id).join(', ')})`);
  return t;
}

/** A cell as CSV and text tables write it: a null with a meaning (`inf`) says it. */
export function shownCell(c: ColumnSpec, v: TableCell | undefined): CsvCell {
  return v === null || v === undefined ? (c.nullAs ?? null) : v;
}

/** Through the one CSV writer: the header is the column ids, every text cell defused. */
export function tableCsv(columns: readonly ColumnSpec[], rows: readonly TableRow[]): string {
  const ids = columns.map((c) => c.id);
  return recordsToCsv(ids, rows.map((r) => Object.fromEntries(columns.map((c) => [c.id, shownCell(c, r[c.id])]))));
}

export interface RowChange {
  key: Record<string, TableCell>;
  /** The value columns that differ, before and after. */
  before: TableRow;
  after: TableRow;
}

export interface TableDiff {
  table: string;
  keyColumns: string[];
  added: TableRow[];
  removed: TableRow[];
  changed: RowChange[];
}

function keyText(r: TableRow, keys: readonly string[]): string {
  return JSON.stringify(keys.map((k) => r[k] ?? null));
}

/**
 * Rows of `after` whose key is not in `before` (added), the reverse (removed), and rows whose key
 * is in both with a value column that differs (changed: only those columns; context columns are
 * not compared). A key seen twice in
 * one run is a bug in the analysis's table, not something to diff around.
 */
export function diffTable(spec: { id: string; columns: readonly ColumnSpec[] }, before: readonly TableRow[], after: readonly TableRow[]): TableDiff {
  const keys = spec.columns.filter((c) => c.key).map((c) => c.id);
  const values = spec.columns.filter((c) => !c.key && !c.context).map((c) => c.id);
  const index = (rows: readonly TableRow[]) => {
    const m = new Map<string, TableRow>();
    for (const r of rows) {
      const k = keyText(r, keys);
      if (m.has(k)) throw new Error(`table ${spec.id}: key ${k} appears twice`);
      m.set(k, r);
    }
    return m;
  };
  const a = index(before), b = index(after);
  const added = after.filter((r) => !a.has(keyText(r, keys)));
  const removed = before.filter((r) => !b.has(keyText(r, keys)));
  const changed: RowChange[] = [];
  for (const r of after) {
    const old = a.get(keyText(r, keys));
    if (!old) continue;
    const differing = values.filter((v) => !Object.is(old[v] ?? null, r[v] ?? null));
    if (!differing.length) continue;
    changed.push({
      key: Object.fromEntries(keys.map((k) => [k, r[k] ?? null])),
      before: Object.fromEntries(differing.map((v) => [v, old[v] ?? null])),
      after: Object.fromEntries(differing.map((v) => [v, r[v] ?? null])),
    });
  }
  return { table: spec.id, keyColumns: keys, added, removed, changed };
}
