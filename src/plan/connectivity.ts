import type { Graph } from '../graph/index.js';
import { UnionFind } from '../graph/unionfind.js';

/**
 * Per demand k: 1 when s[k] and t[k] (input positions) are connected through usable nodes only,
 * endpoints included. `usable` is indexed by the graph's internal order.
 */
export function connectedThrough(g: Graph, usable: Uint8Array, s: Int32Array, t: Int32Array): Uint8Array {
  const n = g.n;
  const uf = new UnionFind(n);
  for (let u = 0; u < n; u++) {
    if (!usable[u]) continue;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const v = g.adj[2 * e]!;
      if (v > u && usable[v]) uf.union(u, v);
    }
  }
  const out = new Uint8Array(s.length);
  for (let k = 0; k < s.length; k++) {
    const a = g.toInternal[s[k]!]!, b = g.toInternal[t[k]!]!;
    out[k] = usable[a] && usable[b] && uf.find(a) === uf.find(b) ? 1 : 0;
  }
  return out;
}
