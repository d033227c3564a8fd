// Totals over per-flow results. Every sum runs in flow input order in one thread, so results are
// identical whatever the sharding (floating-point volume sums depend on addition order).
import type { Graph } from './graph.js';
import type { ExposureArrays } from './kernel.js';
import { EXPOSURE_ALL, EXPOSURE_CLASSES, EXPOSURE_SOME, type ExposureClass, type FlowInput } from './types.js';

export type ClassCounts = Record<ExposureClass, number>;

/**
 * An untrusted device and the exposed sensitive flows it can see: those with at least one
 * shortest path through it (exposure `all` or `some`). `flowsAll`/`volumeAll` are the part of
 * those flows whose every shortest path is exposed (not necessarily through this device).
 */
export interface Chokepoint {
  id: string;
  flows: number;
  volume: number;
  flowsAll: number;
  volumeAll: number;
}

export interface ExposureSummary {
  flows: number;
  byClass: ClassCounts;
  sensitiveFlows: number;
  sensitiveByClass: ClassCounts;
  sensitiveVolume: number;
  /** sensitive volume whose every shortest path crosses U / only some do */
  sensitiveVolumeAll: number;
  sensitiveVolumeSome: number;
  /** exposed (all/some) sensitive flows that have / lack a path avoiding U */
  exposedWithCleanPath: number;
  exposedWithoutCleanPath: number;
  /** ranked by flows, then volume, then id; null when not computed */
  chokepoints: Chokepoint[] | null;
}

export const isSensitive = (f: FlowInput): boolean => (f.class ?? 'sensitive') === 'sensitive';
export const volumeOf = (f: FlowInput): number => f.volume ?? 1;

function zeroCounts(): ClassCounts {
  return { none: 0, some: 0, all: 0, unreachable: 0 };
}

export function summarise(
  g: Graph,
  flows: readonly FlowInput[],
  r: ExposureArrays,
  pairs: ReadonlyArray<Int32Array | null> | null,
  top = Infinity,
): ExposureSummary {
  const s: ExposureSummary = {
    flows: flows.length,
    byClass: zeroCounts(),
    sensitiveFlows: 0,
    sensitiveByClass: zeroCounts(),
    sensitiveVolume: 0,
    sensitiveVolumeAll: 0,
    sensitiveVolumeSome: 0,
    exposedWithCleanPath: 0,
    exposedWithoutCleanPath: 0,
    chokepoints: null,
  };
  for (let i = 0; i < flows.length; i++) {
    const f = flows[i]!;
    const x = r.exposure[i]!;
    const cls = EXPOSURE_CLASSES[x]!;
    s.byClass[cls]++;
    if (!isSensitive(f)) continue;
    const v = volumeOf(f);
    s.sensitiveFlows++;
    s.sensitiveByClass[cls]++;
    s.sensitiveVolume += v;
    if (x === EXPOSURE_ALL) s.sensitiveVolumeAll += v;
    if (x === EXPOSURE_SOME) s.sensitiveVolumeSome += v;
    if (x === EXPOSURE_ALL || x === EXPOSURE_SOME) {
      if (r.clean[i] === Infinity) s.exposedWithoutCleanPath++;
      else s.exposedWithCleanPath++;
    }
  }
  if (pairs) s.chokepoints = rankChokepoints(g, flows, r, pairs, top);
  return s;
}

function rankChokepoints(
  g: Graph,
  flows: readonly FlowInput[],
  r: ExposureArrays,
  pairs: ReadonlyArray<Int32Array | null>,
  top: number,
): Chokepoint[] {
  // bucket the pairs by flow so each device's sums follow flow input order
  const F = flows.length;
  const start = new Int32Array(F + 1);
  for (const p of pairs) if (p) for (let i = 0; i < p.length; i += 2) start[p[i]! + 1]!++;
  for (let i = 0; i < F; i++) start[i + 1]! += start[i]!;
  const at = start.slice(0, F);
  const dev = new Int32Array(start[F]!);
  for (const p of pairs) if (p) for (let i = 0; i < p.length; i += 2) dev[at[p[i]!]!++] = p[i + 1]!;
  const byNode = new Map<number, Chokepoint>();
  for (let fi = 0; fi < F; fi++) {
    if (start[fi] === start[fi + 1]) continue;
    const v = volumeOf(flows[fi]!);
    const all = r.exposure[fi] === EXPOSURE_ALL;
    for (let j = start[fi]!; j < start[fi + 1]!; j++) {
      const node = dev[j]!;
      let c = byNode.get(node);
      if (!c) {
        c = { id: g.ids[g.toInput[node]!]!, flows: 0, volume: 0, flowsAll: 0, volumeAll: 0 };
        byNode.set(node, c);
      }
      c.flows++;
      c.volume += v;
      if (all) {
        c.flowsAll++;
        c.volumeAll += v;
      }
    }
  }
  const list = [...byNode.values()].sort(
    (a, b) => b.flows - a.flows || b.volume - a.volume || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return Number.isFinite(top) ? list.slice(0, top) : list;
}
