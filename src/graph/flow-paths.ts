// One flow's equal-cost shortest paths, hop by hop, and its cheapest clean alternative: what the
// flow view, the attestations and the device page show. The exposure kernel classifies millions
// of flows without ever listing a path; this lists them for one flow (DESIGN section 4 semantics:
// paths over nodes, endpoints count, clean_cost is inf when an endpoint is untrusted).
import type { Graph } from './graph.js';
import type { ExposureClass } from './types.js';

export const DEFAULT_PATH_LIMIT = 64;

export interface FlowPathsOptions {
  /** most paths listed; `total` still counts them all */
  limit?: number;
}

export interface CleanAlternative {
  /** node positions in input order, source first */
  path: number[];
  cost: number;
}

export interface FlowPaths {
  /** least total metric; Infinity when the endpoints are disconnected */
  cost: number;
  /** how many equal-cost shortest paths exist (saturates at Number.MAX_SAFE_INTEGER, see totalSaturated) */
  total: number;
  totalSaturated: boolean;
  /** at most `limit` paths, node positions in input order, in lexicographic order of positions */
  paths: number[][];
  /** the kernel's class for this flow, derived from the same path DAG */
  exposure: ExposureClass;
  /** the cheapest path avoiding every untrusted node; null when none exists */
  clean: CleanAlternative | null;
}

/**
 * `untrusted` is one byte per node in input order (buildUntrusted); `src` and `dst` are input
 * positions. Runs two bounded Dijkstra searches, so it costs milliseconds even at 100k devices.
 */
export function flowPaths(g: Graph, untrusted: Uint8Array, src: number, dst: number, opts: FlowPathsOptions = {}): FlowPaths {
  if (untrusted.length !== g.n) throw new RangeError(`untrusted has ${untrusted.length} entries for ${g.n} nodes`);
  const limit = Math.max(0, Math.floor(opts.limit ?? DEFAULT_PATH_LIMIT));
  const s = g.toInternal[src]!, t = g.toInternal[dst]!;
  const blocked = internalMask(g, untrusted);
  const bad = (v: number): boolean => blocked[v] === 1;
  const dist = dijkstra(g, s, t, null).dist;
  const clean = cleanAlternative(g, s, t, blocked);
  if (dist[t] === Infinity) return { cost: Infinity, total: 0, totalSaturated: false, paths: [], exposure: 'unreachable', clean };
  const dag = shortestPathDag(g, dist, s, t);
  const { total, saturated } = countPaths(dag, s, t);
  const paths = listPaths(dag, s, t, limit).map((p) => p.map((v) => g.toInput[v]!));
  return { cost: dist[t]!, total, totalSaturated: saturated, paths, exposure: classify(dag, s, t, bad), clean };
}

/** `untrusted` in the graph's internal order; rebuilt per call (O(n)), so a caller's later change to it is never missed. */
function internalMask(g: Graph, untrusted: Uint8Array): Uint8Array {
  const mask = new Uint8Array(g.n);
  for (let i = 0; i < g.n; i++) mask[i] = untrusted[g.toInput[i]!] === 1 ? 1 : 0;
  return mask;
}

interface Search {
  dist: Float64Array;
  parent: Int32Array;
}

/** Dijkstra from s, stopped once t is settled; nodes marked in `blocked` (internal order) are never entered. */
function dijkstra(g: Graph, s: number, t: number, blocked: Uint8Array | null): Search {
  // locals, not property loads of g, in the inner loop: this search is most of a flow's cost
  const offsets = g.offsets, adj = g.adj;
  const dist = new Float64Array(g.n).fill(Infinity);
  const parent = new Int32Array(g.n).fill(-1);
  const done = new Uint8Array(g.n);
  const heap = new MinHeap();
  dist[s] = 0;
  heap.push(0, s);
  while (heap.size > 0) {
    const u = heap.pop();
    if (done[u]) continue;
    done[u] = 1;
    if (u === t) break;
    const du = dist[u]!;
    for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
      const v = adj[2 * e]!, d = du + adj[2 * e + 1]!;
      if (d < dist[v]! && (blocked === null || blocked[v] === 0)) {
        dist[v] = d;
        parent[v] = u;
        heap.push(d, v);
      }
    }
  }
  return { dist, parent };
}

function cleanAlternative(g: Graph, s: number, t: number, blocked: Uint8Array): CleanAlternative | null {
  if (blocked[s] || blocked[t]) return null;
  const { dist, parent } = dijkstra(g, s, t, blocked);
  if (dist[t] === Infinity) return null;
  const path: number[] = [];
  for (let v = t; v !== -1; v = parent[v]!) path.push(g.toInput[v]!);
  return { path: path.reverse(), cost: dist[t]! };
}

/** Successor lists of the shortest-path DAG restricted to nodes on some shortest s–t path. */
interface Dag {
  succ: Map<number, number[]>;
  /** DAG nodes by decreasing distance from s (t first) */
  byDistanceDesc: number[];
}

function shortestPathDag(g: Graph, dist: Float64Array, s: number, t: number): Dag {
  const succ = new Map<number, number[]>([[t, []]]);
  const order: number[] = [t];
  // walk back from t over tight edges; every node reached lies on a shortest s–t path
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    if (v === s) continue;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const u = g.adj[2 * e]!;
      if (dist[u]! + g.adj[2 * e + 1]! !== dist[v]) continue;
      let list = succ.get(u);
      if (!list) {
        succ.set(u, (list = []));
        order.push(u);
      }
      list.push(v);
    }
  }
  for (const list of succ.values()) list.sort((a, b) => g.toInput[a]! - g.toInput[b]!);
  order.sort((a, b) => dist[b]! - dist[a]!);
  return { succ, byDistanceDesc: order };
}

function countPaths(dag: Dag, s: number, t: number): { total: number; saturated: boolean } {
  const ways = new Map<number, number>([[t, 1]]);
  let saturated = false;
  for (const u of dag.byDistanceDesc) {
    if (u === t) continue;
    let sum = 0;
    for (const v of dag.succ.get(u)!) sum += ways.get(v)!;
    if (sum > Number.MAX_SAFE_INTEGER) {
      sum = Number.MAX_SAFE_INTEGER;
      saturated = true;
    }
    ways.set(u, sum);
  }
  return { total: ways.get(s)!, saturated };
}

/** Depth-first over successors in position order: paths come out in lexicographic order. */
function listPaths(dag: Dag, s: number, t: number, limit: number): number[][] {
  const out: number[][] = [];
  const path: number[] = [s];
  const next: number[] = [0];
  while (path.length > 0 && out.length < limit) {
    const u = path[path.length - 1]!;
    if (u === t) {
      out.push(path.slice());
      path.pop();
      next.pop();
      continue;
    }
    const list = dag.succ.get(u)!;
    const i = next[next.length - 1]!;
    if (i >= list.length) {
      path.pop();
      next.pop();
      continue;
    }
    next[next.length - 1] = i + 1;
    path.push(list[i]!);
    next.push(0);
  }
  return out;
}

/** `all` when every shortest path has an untrusted node, `none` when none has, else `some`. */
function classify(dag: Dag, s: number, t: number, bad: (v: number) => boolean): ExposureClass {
  const anyClean = new Map<number, boolean>();
  const allClean = new Map<number, boolean>();
  for (const u of dag.byDistanceDesc) {
    const ok = !bad(u);
    if (u === t) {
      anyClean.set(u, ok);
      allClean.set(u, ok);
      continue;
    }
    const list = dag.succ.get(u)!;
    anyClean.set(u, ok && list.some((v) => anyClean.get(v)));
    allClean.set(u, ok && list.every((v) => allClean.get(v)));
  }
  if (allClean.get(s)) return 'none';
  return anyClean.get(s) ? 'some' : 'all';
}

/** A binary min-heap of (key, node) with lazy deletion left to the caller. */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  push(key: number, node: number): void {
    const k = this.keys, n = this.nodes;
    let i = k.length;
    k.push(key);
    n.push(node);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (k[p]! <= key) break;
      k[i] = k[p]!;
      n[i] = n[p]!;
      i = p;
    }
    k[i] = key;
    n[i] = node;
  }
  pop(): number {
    const k = this.keys, n = this.nodes;
    const top = n[0]!;
    const lastKey = k.pop()!, lastNode = n.pop()!;
    if (k.length > 0) this.siftDown(lastKey, lastNode);
    return top;
  }
  private siftDown(key: number, node: number): void {
    const k = this.keys, n = this.nodes, len = k.length;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= len) break;
      if (c + 1 < len && k[c + 1]! < k[c]!) c++;
      if (k[c]! >= key) break;
      k[i] = k[c]!;
      n[i] = n[c]!;
      i = c;
    }
    k[i] = key;
    n[i] = node;
  }
}
