// Which devices the topology view draws. By default the devices on the sensitive flows' shortest
// paths: every device v with d(s, v) + d(v, t) = d(s, t) for some sensitive flow s → t, which is
// every device on at least one of its equal-cost shortest paths (the exposure analysis's
// definition, DESIGN section 4, over the same links and metrics). Computed here from the topology
// answer the view loads anyway, so no extra request: one bounded Dijkstra search per flow (no
// package here lists every equal-cost path's devices: graphology-shortest-path keeps one path per
// device). A drill-down is a device's k-hop neighbourhood.
import type { Topology } from '../types.js';

export interface IndexedTopology {
  ids: string[];
  index: Map<string, number>;
  /** CSR adjacency: neighbours of v are adj[off[v]..off[v+1]), link metrics in w */
  off: Int32Array;
  adj: Int32Array;
  w: Float64Array;
}

export function indexTopology(t: Topology): IndexedTopology {
  const ids = t.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const deg = new Int32Array(ids.length + 1);
  const ends: Array<[number, number, number]> = [];
  for (const l of t.links) {
    const a = index.get(l.a), b = index.get(l.b);
    if (a === undefined || b === undefined || a === b) continue;
    ends.push([a, b, l.metric]);
    deg[a + 1]!++;
    deg[b + 1]!++;
  }
  for (let i = 1; i <= ids.length; i++) deg[i]! += deg[i - 1]!;
  const off = deg.slice();
  const adj = new Int32Array(ends.length * 2), w = new Float64Array(ends.length * 2);
  const fill = deg.slice(0, ids.length);
  for (const [a, b, m] of ends) {
    adj[fill[a]!] = b; w[fill[a]!++] = m;
    adj[fill[b]!] = a; w[fill[b]!++] = m;
  }
  return { ids, index, off, adj, w };
}

/** A binary min-heap of (key, node) pairs with lazy deletion (stale entries skipped on pop). */
class Heap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size(): number { return this.keys.length; }
  push(k: number, v: number): void {
    let i = this.keys.length;
    this.keys.push(k); this.nodes.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.keys[p]! <= k) break;
      this.keys[i] = this.keys[p]!; this.nodes[i] = this.nodes[p]!;
      i = p;
    }
    this.keys[i] = k; this.nodes[i] = v;
  }
  pop(): [number, number] {
    const top: [number, number] = [this.keys[0]!, this.nodes[0]!];
    const k = this.keys.pop()!, v = this.nodes.pop()!;
    const n = this.keys.length;
    if (!n) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.keys[c + 1]! < this.keys[c]!) c++;
      if (this.keys[c]! >= k) break;
      this.keys[i] = this.keys[c]!; this.nodes[i] = this.nodes[c]!;
      i = c;
    }
    this.keys[i] = k; this.nodes[i] = v;
    return top;
  }
}

/**
 * Least total metric from `s` to every device within reach (Infinity: unreached). The search stops
 * past `bound`, and, given a `target`, past the target's own distance: a device on a shortest path
 * to it is never farther, and in a network spread over sites that keeps each search local.
 */
export function distancesFrom(g: IndexedTopology, s: number, target = -1, bound = Infinity): Float64Array {
  const dist = new Float64Array(g.ids.length).fill(Infinity);
  const heap = new Heap();
  dist[s] = 0;
  heap.push(0, s);
  while (heap.size) {
    const [d, v] = heap.pop();
    if (d > dist[v]!) continue;
    if (d > bound) break;
    if (v === target) bound = d;
    for (let e = g.off[v]!; e < g.off[v + 1]!; e++) {
      const u = g.adj[e]!, nd = d + g.w[e]!;
      if (nd < dist[u]!) {
        dist[u] = nd;
        heap.push(nd, u);
      }
    }
  }
  return dist;
}

export interface PathSubgraph {
  nodes: Set<number>;
  /** flows whose endpoints are both known and connected */
  flows: number;
}

/**
 * Adds the devices on the flow's shortest paths to `into`; false when it has none (unknown or
 * disconnected endpoints). One search from the source, stopped at the target's distance, then a
 * walk back from the target over tight links (d(u) + metric = d(v)): exactly the shortest-path
 * DAG's devices, without a second search.
 */
export function addFlowPaths(g: IndexedTopology, f: { src: string; dst: string }, into: Set<number>): boolean {
  const s = g.index.get(f.src), t = g.index.get(f.dst);
  if (s === undefined || t === undefined) return false;
  const ds = distancesFrom(g, s, t);
  if (ds[t] === Infinity) return false;
  const seen = new Set([t]);
  const stack = [t];
  while (stack.length) {
    const v = stack.pop()!;
    into.add(v);
    for (let e = g.off[v]!; e < g.off[v + 1]!; e++) {
      const u = g.adj[e]!;
      if (!seen.has(u) && ds[u]! + g.w[e]! === ds[v]) {
        seen.add(u);
        stack.push(u);
      }
    }
  }
  return true;
}

/**
 * The devices on any shortest path of any of the flows (endpoints included). Measured at 100k
 * devices (test/web/large-network.ts), 200 flows between random devices: 5.9 s in Node (18 s with
 * a second search per flow; bench/topology-view.ts), hence usePathSubgraph runs it in slices.
 */
export function shortestPathNodes(g: IndexedTopology, flows: ReadonlyArray<{ src: string; dst: string }>): PathSubgraph {
  const nodes = new Set<number>();
  let counted = 0;
  for (const f of flows) if (addFlowPaths(g, f, nodes)) counted++;
  return { nodes, flows: counted };
}

/** The devices at most `k` links from `centre` (breadth first). */
export function kHop(g: IndexedTopology, centre: number, k: number): Set<number> {
  const seen = new Set([centre]);
  let frontier = [centre];
  for (let hop = 0; hop < k && frontier.length; hop++) {
    const next: number[] = [];
    for (const v of frontier)
      for (let e = g.off[v]!; e < g.off[v + 1]!; e++) {
        const u = g.adj[e]!;
        if (!seen.has(u)) {
          seen.add(u);
          next.push(u);
        }
      }
    frontier = next;
  }
  return seen;
}
