// Replacement cost per device: the inventory's `cost` when given, else a table by layer and role
// that users can override with their own rows (read from a file by src/ingest/plain/cost-table.ts:
// the planner reads no file).

export interface CostEntry {
  /** empty or `*`: any layer */
  layer?: string;
  /** empty or `*`: any role */
  role?: string;
  cost: number;
}

/**
 * Default table (EUR, orders of magnitude, not quotes): what matters to the planner is the
 * ratio between a core router, a radio site and a camera. Role entries (any layer) win over
 * layer entries; `layer+role` entries win over both; the catch-all is the last resort.
 */
export const DEFAULT_COST_TABLE: readonly CostEntry[] = [
  { layer: 'core', cost: 600_000 },
  { layer: 'transport', cost: 140_000 },
  { layer: 'ran', cost: 150_000 },
  { layer: 'nms', cost: 800_000 },
  { layer: 'access', cost: 20_000 },
  { layer: 'enterprise', cost: 15_000 },
  { layer: 'handset', cost: 700 },
  { layer: 'iot', cost: 300 },
  { layer: 'surveillance', cost: 900 },
  { role: 'router', cost: 120_000 },
  { role: 'switch', cost: 25_000 },
  { role: 'firewall', cost: 60_000 },
  { role: 'gateway', cost: 45_000 },
  { role: 'ont', cost: 250 },
  { role: 'olt', cost: 90_000 },
  { role: 'camera', cost: 900 },
  { layer: 'core', role: 'router', cost: 650_000 },
  { layer: 'ran', role: 'gnodeb', cost: 210_000 },
  { layer: 'ran', role: 'enodeb', cost: 130_000 },
  { cost: 50_000 },
];

const norm = (s: string | null | undefined): string => {
  const t = (s ?? '').trim().toLowerCase();
  return t === '*' ? '' : t;
};

export class CostTable {
  private readonly exact = new Map<string, number>();
  private readonly byRole = new Map<string, number>();
  private readonly byLayer = new Map<string, number>();
  private fallback = 0;

  /** Later entries override earlier ones with the same key: pass defaults, then the user's. */
  constructor(...tables: ReadonlyArray<readonly CostEntry[]>) {
    for (const t of tables) for (const e of t) this.set(e);
  }

  set(e: CostEntry): void {
    const l = norm(e.layer), r = norm(e.role);
    if (l && r) this.exact.set(`${l}\u0000${r}`, e.cost);
    else if (r) this.byRole.set(r, e.cost);
    else if (l) this.byLayer.set(l, e.cost);
    else this.fallback = e.cost;
  }

  lookup(layer: string | null | undefined, role: string | null | undefined): number {
    const l = norm(layer), r = norm(role);
    return this.exact.get(`${l}\u0000${r}`) ?? this.byRole.get(r) ?? this.byLayer.get(l) ?? this.fallback;
  }
}

/** What a device's cost depends on. */
export interface CostAttributes {
  cost?: number | null;
  layer?: string | null;
  role?: string | null;
}

/** Cost per node (input order): its own `cost`, else the table's value for its layer and role. */
export function nodeCosts(attrs: readonly (CostAttributes | undefined)[], table: CostTable): { cost: Float64Array; fromTable: number } {
  const cost = new Float64Array(attrs.length);
  let fromTable = 0;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs[i];
    if (a && typeof a.cost === 'number' && Number.isFinite(a.cost) && a.cost >= 0) cost[i] = a.cost;
    else {
      cost[i] = table.lookup(a?.layer, a?.role);
      fromTable++;
    }
  }
  return { cost, fromTable };
}
