// A user's cost table (`--cost-table`): `layer,role,cost` CSV (either of layer and role may be
// missing; blank or `*` means any), or a JSON array of {layer, role, cost}. The planner takes the
// rows as plain data (src/plan/costs.ts `CostTable`) over its defaults.
import { InputError } from '../../model/index.js';
import { readText } from './read-text.js';
import { parseTable } from './table.js';

/** Structurally the planner's `CostEntry`. */
export interface CostRow {
  layer?: string;
  role?: string;
  cost: number;
}

function checkCost(v: unknown, file: string, line: number | undefined): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n < 0) throw new InputError(file, line, `cost must be a non-negative number, got "${String(v)}"`);
  return n;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function parseCostTable(text: string, file: string): CostRow[] {
  const { header, rows } = parseTable(text, file, '{layer, role, cost}');
  if (header !== null && (!header.includes('cost') || (!header.includes('layer') && !header.includes('role')))) {
    throw new InputError(file, 1, 'header must name cost and layer and/or role');
  }
  return rows.map(({ fields, line }) => ({ layer: str(fields.layer), role: str(fields.role), cost: checkCost(fields.cost, file, line) }));
}

export async function readCostTable(file: string): Promise<CostRow[]> {
  return parseCostTable(await readText(file), file);
}
