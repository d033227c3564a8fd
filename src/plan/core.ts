// Pure routines over the reduced instance: feasibility, separators, node-weighted paths.
import { HeapQueue } from '../graph/queue.js';
import { UnionFind } from '../graph/unionfind.js';
import type { Reduced } from './reduce.js';

/** Per H node: 1 when usable (a contracted component, or a chosen candidate). */
export function aliveOf(h: Reduced, chosen: Uint8Array): Uint8Array {
  const alive = new Uint8Array(h.n);
  alive.fill(1, 0, h.k);
  for (let j = 0; j < h.n - h.k; j++) alive[h.k + j] = chosen[j]!;
  return alive;
}

/** Union-find of the usable part of H. */
export function usableComponents(h: Reduced, alive: Uint8Array): UnionFind {
  const uf = new UnionFind(h.n);
  for (let u = 0; u < h.n; u++) {
    if (!alive[u]) continue;
    for (let e = h.offsets[u]!; e < h.offsets[u + 1]!; e++) {
      const v = h.adj[e]!;
      if (v > u && alive[v]) uf.union(u, v);
    }
  }
  return uf;
}

/** Demands (indices into ds/dt) whose endpoints are not connected through usable nodes. */
export function violatedDemands(h: Reduced, alive: Uint8Array): number[] {
  const uf = usableComponents(h, alive);
  const out: number[] = [];
  for (let q = 0; q < h.ds.length; q++) if (uf.find(h.ds[q]!) !== uf.find(h.dt[q]!)) out.push(q);
  return out;
}

/** Reusable scratch space for searches over H. */
export class Scratch {
  readonly stampA: Int32Array;
  readonly stampB: Int32Array;
  readonly stampC: Int32Array;
  readonly queue: Int32Array;
  private tick = 0;
  constructor(n: number) {
    this.stampA = new Int32Array(n);
    this.stampB = new Int32Array(n);
    this.stampC = new Int32Array(n);
    this.queue = new Int32Array(n);
  }
  nextTick(): number {
    return ++this.tick;
  }
}

/**
 * A separator row for a demand that is not connected: C = the usable component of `from`, N =
 * its neighbours (all unusable candidates, else they would be in C). Walking any from–to path
 * backwards from `to`, the first node of N met comes right before C is entered or earlier, and
 * the walk up to it avoids N ∪ C: so the nodes of N that a search from `to` reaches without
 * passing N or C form a valid separator, never larger than N. Candidate H nodes, ascending.
 */
export function separator(h: Reduced, alive: Uint8Array, from: number, to: number, sc: Scratch): number[] {
  const tick = sc.nextTick();
  const inC = sc.stampA, inN = sc.stampB, reach = sc.stampC, q = sc.queue;
  let head = 0, tail = 0;
  inC[from] = tick;
  q[tail++] = from;
  while (head < tail) {
    const u = q[head++]!;
    for (let e = h.offsets[u]!; e < h.offsets[u + 1]!; e++) {
      const v = h.adj[e]!;
      if (alive[v]) {
        if (inC[v] !== tick) {
          inC[v] = tick;
          q[tail++] = v;
        }
      } else if (inN[v] !== tick) {
        inN[v] = tick;
      }
    }
  }
  // nodes reachable from `to` outside C
  head = tail = 0;
  reach[to] = tick;
  q[tail++] = to;
  const out: number[] = [];
  while (head < tail) {
    const u = q[head++]!;
    if (inN[u] === tick) {
      out.push(u);
      continue;
    }
    for (let e = h.offsets[u]!; e < h.offsets[u + 1]!; e++) {
      const v = h.adj[e]!;
      if (reach[v] === tick || inC[v] === tick) continue;
      reach[v] = tick;
      q[tail++] = v;
    }
  }
  return out.sort((a, b) => a - b);
}

/**
 * Node-weighted shortest paths from `s` over H: dist[v] = least sum of `w` over the nodes of an
 * s–v path, s included. Stops once every node in `targets` (if given) is settled.
 */
export class NodeDijkstra {
  readonly dist: Float64Array;
  readonly pred: Int32Array;
  private readonly state: Uint8Array;
  private readonly heap: HeapQueue;
  private readonly touched: number[] = [];
  constructor(private readonly h: Reduced) {
    this.dist = new Float64Array(h.n).fill(Infinity);
    this.pred = new Int32Array(h.n).fill(-1);
    this.state = new Uint8Array(h.n);
    this.heap = new HeapQueue(h.n);
  }

  run(s: number, w: Float64Array, targets: ReadonlySet<number> | null, isTarget?: Uint8Array): void {
    const { dist, pred, state, heap, h } = this;
    for (const v of this.touched) {
      dist[v] = Infinity;
      pred[v] = -1;
      state[v] = 0;
    }
    this.touched.length = 0;
    heap.clear();
    let left = targets ? targets.size : -1;
    dist[s] = w[s]!;
    state[s] = 1;
    this.touched.push(s);
    heap.push(s, dist[s]!);
    for (;;) {
      const u = heap.popBelow(Infinity);
      if (u < 0) break;
      state[u] = 2;
      if (targets && (isTarget ? isTarget[u] === 1 : targets.has(u)) && --left === 0) break;
      const du = dist[u]!;
      for (let e = h.offsets[u]!; e < h.offsets[u + 1]!; e++) {
        const v = h.adj[e]!;
        if (state[v] === 2) continue;
        const nd = du + w[v]!;
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
  }

  /** Candidate nodes on the path found to `t` (after `run`). */
  pathCandidates(t: number): number[] {
    const out: number[] = [];
    for (let v = t; v >= 0; v = this.pred[v]!) if (v >= this.h.k) out.push(v);
    return out;
  }
}

/**
 * Lower bound: every feasible plan contains, for each demand, all candidates of some s–t path,
 * so it costs at least the cheapest such path (node weights = replacement costs, components 0).
 * The largest of these over demands is a bound. Stops (still valid) when `deadline` passes.
 */
export function pathBound(h: Reduced, deadline: number): { bound: number; complete: boolean } {
  const bySource = new Map<number, number[]>();
  for (let q = 0; q < h.ds.length; q++) {
    const list = bySource.get(h.ds[q]!);
    if (list) list.push(h.dt[q]!);
    else bySource.set(h.ds[q]!, [h.dt[q]!]);
  }
  const dj = new NodeDijkstra(h);
  let bound = 0;
  for (const [s, ts] of bySource) {
    if (performance.now() > deadline) return { bound, complete: false };
    dj.run(s, h.cost, new Set(ts));
    for (const t of ts) if (dj.dist[t]! > bound && dj.dist[t]! < Infinity) bound = dj.dist[t]!;
  }
  return { bound, complete: true };
}

export function costOf(h: Reduced, chosen: Uint8Array): number {
  let c = 0;
  for (let j = 0; j < chosen.length; j++) if (chosen[j]) c += h.cost[h.k + j]!;
  return c;
}
