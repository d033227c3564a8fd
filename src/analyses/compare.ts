// Any analysis of the registry, run on two snapshots and diffed table by table (tables.ts): the
// one generic "what changed" behind `cleanpath diff --analysis`, the API's diff route, and the
// report's and dashboard's "what changed since".
import type { AnalysisDocument, AnalysisSource, AnyAnalysis, ColumnSpec, RunEnv, TableCell } from './define.js';
import { analysisById, isAnalysisId } from './registry.js';
import { diffTable, tableSpec, type TableDiff } from './tables.js';

export interface AnalysisDiff extends TableDiff {
  analysis: string;
  /** The earlier and the later snapshot, as named by their documents' sources. */
  before: string;
  after: string;
  /** Why either run had nothing to analyse: its rows then mean little. */
  nothingToAnalyse: { before: string | null; after: string | null };
}

/** The diff of two documents of one analysis, for one of its tables (default the main one). */
export function diffDocuments(def: AnyAnalysis, before: AnalysisDocument, after: AnalysisDocument, names: { before: string; after: string }, table?: string): AnalysisDiff {
  const spec = tableSpec(def, table);
  return {
    analysis: def.id,
    before: names.before,
    after: names.after,
    nothingToAnalyse: { before: before.nothingToAnalyse, after: after.nothingToAnalyse },
    ...diffTable(spec, spec.rows(before), spec.rows(after)),
  };
}

/** Runs `def` on both sources with the same parameters and diffs the chosen table. */
export async function compareRuns(def: AnyAnalysis, before: AnalysisSource, after: AnalysisSource, params: Record<string, unknown>, env: RunEnv, table?: string): Promise<AnalysisDiff> {
  tableSpec(def, table);
  const a = await def.run(before, params, { ...env, strict: false });
  const b = await def.run(after, params, { ...env, strict: false });
  return diffDocuments(def, a, b, { before: before.snapshot ?? 'latest', after: after.snapshot ?? 'latest' }, table);
}

export interface ChangeRow {
  change: 'added' | 'removed' | 'changed';
  key: string;
  detail: string;
}

/** Rows shown per diff in a report; the JSON has them all. */
export const CHANGES_SHOWN = 100;

function cellText(c: ColumnSpec | undefined, v: TableCell | undefined): string {
  if (v === null || v === undefined) return c?.nullAs ?? '—';
  return String(v);
}

/** One diff as headed sentences: the analysis's title, its table's title and its columns' labels. */
export function describeDiff(d: AnalysisDiff, shown = CHANGES_SHOWN): { title: string; rows: ChangeRow[]; more: number } {
  const def = isAnalysisId(d.analysis) ? analysisById(d.analysis) : undefined;
  const spec = def ? tableSpec(def, d.table) : undefined;
  const col = (id: string) => spec?.columns.find((c) => c.id === id);
  const label = (id: string) => col(id)?.label ?? id;
  const keyText = (r: Record<string, TableCell>) => d.keyColumns.map((k) => cellText(col(k), r[k])).filter((x) => x !== '' && x !== '—').join(' / ');
  const values = (r: Record<string, TableCell>) =>
    Object.keys(r).filter((k) => !d.keyColumns.includes(k) && !col(k)?.context && ((r[k] !== null && r[k] !== '') || col(k)?.nullAs !== undefined)).map((k) => `${label(k)} ${cellText(col(k), r[k])}`).join('; ');
  const rows: ChangeRow[] = [
    ...d.added.map((r) => ({ change: 'added' as const, key: keyText(r), detail: values(r) })),
    ...d.removed.map((r) => ({ change: 'removed' as const, key: keyText(r), detail: values(r) })),
    ...d.changed.map((c) => ({
      change: 'changed' as const,
      key: keyText(c.key),
      detail: Object.keys(c.after).map((k) => `${label(k)}: ${cellText(col(k), c.before[k])} → ${cellText(col(k), c.after[k])}`).join('; '),
    })),
  ];
  const name = def?.title ?? d.analysis;
  const title = `${spec && spec.title !== name ? `${name} — ${spec.title}` : name}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`;
  return { title, rows: rows.slice(0, shown), more: Math.max(0, rows.length - shown) };
}
