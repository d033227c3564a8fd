// Column headings the report takes from the registry (a label is written once, in the analysis's
// module), and the "what changed since" rows every renderer shows the same way.
import type { AnalysisDiff } from '../analyses/compare.js';
import type { ColumnSpec, TableCell } from '../analyses/define.js';
import { FLOW_COLUMNS } from '../analyses/exposure.js';
import { analysisById, isAnalysisId } from '../analyses/registry.js';
import { tableSpec } from '../analyses/tables.js';

function labelOf(columns: readonly ColumnSpec[], id: string): string {
  return columns.find((c) => c.id === id)?.label ?? id;
}

/** The exposure analysis's flow columns, as the flows tables of the HTML and Markdown reports head them. */
export const FLOW_HEADINGS = {
  id: labelOf(FLOW_COLUMNS, 'id'),
  cost: labelOf(FLOW_COLUMNS, 'cost'),
  exposure: labelOf(FLOW_COLUMNS, 'exposure'),
  cleanCost: labelOf(FLOW_COLUMNS, 'clean_cost'),
};

export interface ChangeRow {
  change: 'added' | 'removed' | 'changed';
  key: string;
  detail: string;
}

/** Rows shown per diff; the JSON report has them all. */
export const CHANGES_SHOWN = 100;

function cellText(c: ColumnSpec | undefined, v: TableCell | undefined): string {
  if (v === null || v === undefined) return c?.nullAs ?? '—';
  return String(v);
}

/** One diff as headed sentences: the analysis's title, its table's title and its columns' labels. */
export function changeView(d: AnalysisDiff): { title: string; rows: ChangeRow[]; more: number } {
  const def = isAnalysisId(d.analysis) ? analysisById(d.analysis) : undefined;
  const spec = def ? tableSpec(def, d.table) : undefined;
  const col = (id: string) => spec?.columns.find((c) => c.id === id);
  const label = (id: string) => col(id)?.label ?? id;
  const keyText = (r: Record<string, TableCell>) => d.keyColumns.map((k) => cellText(col(k), r[k])).filter((x) => x !== '' && x !== '—').join(' / ');
  const values = (r: Record<string, TableCell>) => Object.keys(r).filter((k) => !d.keyColumns.includes(k)).map((k) => `${label(k)} ${cellText(col(k), r[k])}`).join('; ');
  const rows: ChangeRow[] = [
    ...d.added.map((r) => ({ change: 'added' as const, key: keyText(r), detail: values(r) })),
    ...d.removed.map((r) => ({ change: 'removed' as const, key: keyText(r), detail: values(r) })),
    ...d.changed.map((c) => ({
      change: 'changed' as const,
      key: keyText(c.key),
      detail: Object.keys(c.after).map((k) => `${label(k)}: ${cellText(col(k), c.before[k])} → ${cellText(col(k), c.after[k])}`).join('; '),
    })),
  ];
  const title = `${def?.title ?? d.analysis} — ${spec?.title ?? d.table}: ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed`;
  return { title, rows: rows.slice(0, CHANGES_SHOWN), more: Math.max(0, rows.length - CHANGES_SHOWN) };
}
