// Column headings the report takes from the registry (a label is written once, in the analysis's
// module). The "what changed since" rows come from analyses/compare.ts (describeDiff).
import type { ColumnSpec } from '../analyses/define.js';
import { FLOW_COLUMNS } from '../analyses/exposure.js';

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

export { describeDiff as changeView, CHANGES_SHOWN, type ChangeRow } from '../analyses/compare.js';
