// Stretch bounds (heuristic): when a flow's clean path after the plan is longer than its bound
// allows (clean cost > bound × cost), replace the devices of a path that meets the bound. Paths
// are tried from a search on metric + λ·(replacement cost of devices not yet usable) for a range
// of λ; the one adding the least replacement cost among those within the bound wins (λ = 0 is
// the plain shortest path, always within any bound >= 1).
import type { Graph } from '../graph/index.js';
import { HeapQueue } from '../graph/queue.js';

export class PenaltySearch {
  private readonly dist: Float64Array;
  private readonly pred: Int32Array;
  private readonly state: Uint8Array;
  private readonly heap: HeapQueue;
  private touched: number[] = [];
  constructor(private readonly g: Graph) {
    this.dist = new Float64Array(g.n).fill(Infinity);
    this.pred = new Int32Array(g.n).fill(-1);
    this.state = new Uint8Array(g.n);
    this.heap = new HeapQueue(g.n);
  }

  /** Path s→t (internal indices, s first) minimising Σ metric + λ·Σ penalty(node); null if none. */
  path(s: number, t: number, penalty: Float64Array, lambda: number): number[] | null {
    const { g, dist, pred, state, heap } = this;
    for (const v of this.touched) {
      dist[v] = Infinity;
      pred[v] = -1;
      state[v] = 0;
    }
    this.touched = [];
    heap.clear();
    dist[s] = lambda * penalty[s]!;
    state[s] = 1;
    this.touched.push(s);
    heap.push(s, dist[s]!);
    for (;;) {
      const u = heap.popBelow(Infinity);
      if (u < 0) return null;
      state[u] = 2;
      if (u === t) break;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const v = g.adj[2 * e]!;
        if (state[v] === 2) continue;
        const nd = dist[u]! + g.adj[2 * e + 1]! + lambda * penalty[v]!;
        if (state[v] === 0) {
          state[v] = 1;
          this.touched.push(v);
          dist[v] = nd;
          pred[v] = u;
          heap.push(v, nd);
        } else if (nd < dist[v]!) {
          heap.decrease(v, dist[v]!, nd);
          dist[v] = nd;
          pred[v] = u;
        }
      }
    }
    const out: number[] = [];
    for (let v = t; v >= 0; v = pred[v]!) out.push(v);
    return out.reverse();
  }

  /** Sum of link metrics along a path of internal nodes. */
  metricOf(path: readonly number[]): number {
    const g = this.g;
    let m = 0;
    for (let i = 1; i < path.length; i++) {
      const u = path[i - 1]!, v = path[i]!;
      let best = Infinity;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) if (g.adj[2 * e] === v && g.adj[2 * e + 1]! < best) best = g.adj[2 * e + 1]!;
      m += best;
    }
    return m;
  }
}

/**
 * Devices (internal indices) to add so that s–t has a usable path of metric <= limit, the
 * cheapest found; null when no path within the limit was found.
 */
export function repairStretch(
  search: PenaltySearch,
  s: number,
  t: number,
  limit: number,
  penalty: Float64Array,
  unusable: Uint8Array,
  meanMetric: number,
  meanCost: number,
): number[] | null {
  const scale = meanCost > 0 ? meanMetric / meanCost : 1;
  let best: number[] | null = null;
  let bestCost = Infinity;
  for (const f of [1000, 100, 10, 1, 0.1, 0.01, 0]) {
    const p = search.path(s, t, penalty, f * scale);
    if (!p || search.metricOf(p) > limit) continue;
    let c = 0;
    const add: number[] = [];
    for (const v of p) {
      if (unusable[v]) {
        c += penalty[v]!;
        add.push(v);
      }
    }
    if (c < bestCost) {
      bestCost = c;
      best = add;
    }
    if (c === 0) break;
  }
  return best;
}
