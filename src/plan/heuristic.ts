// Heuristic plan with a proven lower bound (docs/plan.md):
// - dual ascent over separator rows gives a feasible dual of the cut LP, hence a lower bound,
//   and its tight candidates a first plan;
// - shortest paths on node costs (one demand at a time, chosen devices free) a second plan;
// - the better one is pruned (drop devices no demand needs) and improved by key-node exchange.
import { UnionFind } from '../graph/unionfind.js';
import { aliveOf, costOf, NodeDijkstra, Scratch, separator, violatedDemands } from './core.js';
import type { Reduced } from './reduce.js';

export interface DualAscent {
  /** Σ of the dual values raised: a lower bound on the optimum */
  bound: number;
  /** the separator rows raised (candidate H nodes), valid rows of the cut ILP */
  rows: number[][];
  /** candidates made tight (residual cost 0), a feasible plan when `complete` */
  tight: Uint8Array;
  complete: boolean;
}

const tightEps = (c: number): number => 1e-9 * Math.max(1, c);

/** Union-find over usable H nodes that grows as candidates become usable. */
class Growing {
  readonly uf: UnionFind;
  constructor(
    private readonly h: Reduced,
    readonly alive: Uint8Array,
  ) {
    this.uf = new UnionFind(h.n);
    for (let u = 0; u < h.n; u++) if (alive[u]) this.link(u);
  }
  private link(u: number): void {
    const h = this.h;
    for (let e = h.offsets[u]!; e < h.offsets[u + 1]!; e++) {
      const v = h.adj[e]!;
      if (this.alive[v]) this.uf.union(u, v);
    }
  }
  add(u: number): void {
    if (this.alive[u]) return;
    this.alive[u] = 1;
    this.link(u);
  }
  connected(a: number, b: number): boolean {
    return this.uf.find(a) === this.uf.find(b);
  }
}

export function dualAscent(h: Reduced, deadline: number): DualAscent {
  const nc = h.n - h.k;
  const r = h.cost.slice();
  const alive = aliveOf(h, new Uint8Array(nc));
  for (let v = h.k; v < h.n; v++) if (r[v]! <= tightEps(h.cost[v]!)) alive[v] = 1;
  const grow = new Growing(h, alive);
  const sc = new Scratch(h.n);
  const rows: number[][] = [];
  let bound = 0;
  let queue: number[] = [];
  for (let q = 0; q < h.ds.length; q++) queue.push(q);
  let complete = true;
  while (queue.length) {
    const nextRound: number[] = [];
    for (const q of queue) {
      const s = h.ds[q]!, t = h.dt[q]!;
      if (grow.connected(s, t)) continue;
      if (performance.now() > deadline) {
        complete = false;
        break;
      }
      const a = separator(h, alive, s, t, sc);
      const b = separator(h, alive, t, s, sc);
      const row = b.length < a.length ? b : a;
      if (!row.length) continue; // cannot happen for reachable demands
      let delta = Infinity;
      for (const v of row) if (r[v]! < delta) delta = r[v]!;
      bound += delta;
      rows.push(row);
      for (const v of row) {
        r[v]! -= delta;
        if (r[v]! <= tightEps(h.cost[v]!)) {
          r[v] = 0;
          grow.add(v);
        }
      }
      nextRound.push(q);
    }
    if (!complete) break;
    queue = nextRound;
  }
  const tight = new Uint8Array(nc);
  for (let j = 0; j < nc; j++) tight[j] = alive[h.k + j]!;
  return { bound, rows, tight, complete };
}

/** Shortest-path heuristic: connect demands one by one along node-cost-cheapest paths. */
export function shortestPathPlan(h: Reduced, start: Uint8Array, deadline: number): Uint8Array | null {
  const chosen = start.slice();
  const alive = aliveOf(h, chosen);
  const grow = new Growing(h, alive);
  const w = new Float64Array(h.n);
  for (let v = h.k; v < h.n; v++) w[v] = alive[v] ? 0 : h.cost[v]!;
  const dj = new NodeDijkstra(h);
  // expensive demands first: their paths tend to serve the cheap ones too
  const order = Array.from({ length: h.ds.length }, (_, q) => q);
  for (const q of order) {
    const s = h.ds[q]!, t = h.dt[q]!;
    if (grow.connected(s, t)) continue;
    if (performance.now() > deadline) return null;
    dj.run(s, w, new Set([t]));
    for (const v of dj.pathCandidates(t)) {
      if (!alive[v]) {
        grow.add(v);
        chosen[v - h.k] = 1;
        w[v] = 0;
      }
    }
  }
  return chosen;
}

/** Drops chosen devices, most expensive first, while every demand stays connected. */
export function prune(h: Reduced, chosen: Uint8Array, locked: Uint8Array | null, deadline: number): void {
  const order: number[] = [];
  for (let j = 0; j < chosen.length; j++) if (chosen[j] && !(locked && locked[j])) order.push(j);
  order.sort((a, b) => h.cost[h.k + b]! - h.cost[h.k + a]! || a - b);
  const alive = aliveOf(h, chosen);
  for (const j of order) {
    if (performance.now() > deadline) return;
    alive[h.k + j] = 0;
    if (violatedDemands(h, alive).length) alive[h.k + j] = 1;
    else chosen[j] = 0;
  }
}

/**
 * Key-node exchange: take one chosen device out, reconnect what it served along cheapest paths
 * (it excluded), keep the change when cheaper. Repeats while it improves, until `deadline`.
 */
export function improve(h: Reduced, chosen: Uint8Array, deadline: number): void {
  const dj = new NodeDijkstra(h);
  const w = new Float64Array(h.n);
  for (let pass = 0; pass < 3; pass++) {
    let improved = false;
    const order: number[] = [];
    for (let j = 0; j < chosen.length; j++) if (chosen[j]) order.push(j);
    order.sort((a, b) => h.cost[h.k + b]! - h.cost[h.k + a]! || a - b);
    for (const j of order) {
      if (!chosen[j]) continue;
      if (performance.now() > deadline) return;
      const trial = chosen.slice();
      trial[j] = 0;
      const alive = aliveOf(h, trial);
      let bad = violatedDemands(h, alive);
      if (!bad.length) {
        chosen[j] = 0;
        improved = true;
        continue;
      }
      for (let v = h.k; v < h.n; v++) w[v] = alive[v] ? 0 : h.cost[v]!;
      w[h.k + j] = Infinity;
      let added = 0;
      const limit = h.cost[h.k + j]!;
      const grow = new Growing(h, alive);
      for (const q of bad) {
        const s = h.ds[q]!, t = h.dt[q]!;
        if (grow.connected(s, t)) continue;
        dj.run(s, w, new Set([t]));
        if (!(dj.dist[t]! < Infinity)) {
          added = Infinity;
          break;
        }
        for (const v of dj.pathCandidates(t)) {
          if (!alive[v]) {
            added += h.cost[v]!;
            grow.add(v);
            trial[v - h.k] = 1;
            w[v] = 0;
          }
        }
        if (added >= limit) break;
      }
      if (added < limit) {
        bad = violatedDemands(h, aliveOf(h, trial));
        if (!bad.length) {
          prune(h, trial, null, deadline);
          if (costOf(h, trial) < costOf(h, chosen)) {
            chosen.set(trial);
            improved = true;
          }
        }
      }
    }
    if (!improved) return;
  }
}

export interface HeuristicResult {
  chosen: Uint8Array;
  dual: DualAscent;
}

/** Best of the dual-ascent and shortest-path plans, pruned and improved; always feasible. */
export function heuristicPlan(h: Reduced, deadline: number): HeuristicResult {
  const nc = h.n - h.k;
  const now = performance.now();
  const share = (f: number): number => now + (deadline - now) * f;
  const dual = dualAscent(h, share(0.35));
  const candidates: Uint8Array[] = [];
  if (dual.complete) {
    const a = dual.tight.slice();
    prune(h, a, null, share(0.5));
    candidates.push(a);
  }
  const sp = shortestPathPlan(h, new Uint8Array(nc), share(0.6));
  if (sp) {
    prune(h, sp, null, share(0.7));
    candidates.push(sp);
  }
  if (!candidates.length) {
    // out of time: every candidate replaced connects every reachable demand
    const all = new Uint8Array(nc).fill(1);
    prune(h, all, null, share(0.8));
    candidates.push(all);
  }
  let best = candidates[0]!;
  for (const c of candidates) if (costOf(h, c) < costOf(h, best)) best = c;
  improve(h, best, deadline);
  return { chosen: best, dual };
}
