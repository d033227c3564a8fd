// Replacement cost per device in EUR, by layer and role. Rough orders of magnitude chosen for
// the demo (documented in docs/demo.md), not quotes: what matters to the planner is that a core
// router costs far more than a radio site, and a radio site far more than a camera.

import type { Rng } from './prng.js';

export type CostClass =
  | 'core' | 'transit' | 'transport' | 'ran5g' | 'ran4g' | 'nms' | 'gateway' | 'ont' | 'camera' | 'handset';

export const COST_TABLE_EUR: Readonly<Record<CostClass, number>> = {
  core: 650_000,
  transit: 800_000,
  transport: 140_000,
  ran5g: 210_000,
  ran4g: 130_000,
  nms: 900_000,
  gateway: 45_000,
  ont: 250,
  camera: 900,
  handset: 700,
};

/** Share of inventory rows left without a cost, so the cost-table fallback gets exercised. */
export const BLANK_COST_SHARE = 0.15;

/** Table value with a ±15% spread, rounded to a plausible quote granularity; or undefined (blank). */
export function costFor(rng: Rng, cls: CostClass): number | undefined {
  const spread = 0.85 + rng.next() * 0.3;
  if (rng.chance(BLANK_COST_SHARE)) return undefined;
  const base = COST_TABLE_EUR[cls] * spread;
  const step = base >= 10_000 ? 1000 : 10;
  return Math.round(base / step) * step;
}
