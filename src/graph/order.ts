// Node numbering for locality. Dijkstra's cost at scale is cache misses on per-node arrays, so
// neighbours should have nearby indices. Input order is often already good (files list devices
// site by site, or a ring in order); a breadth-first order is good for arbitrary orders. Both are
// scored and the better kept, so renumbering never makes an input worse.

/** How many adjacency entries point within `window` positions of their row. */
export function localityScore(n: number, off: Int32Array, raw: Int32Array, pos: Int32Array, window = 8): number {
  let score = 0;
  for (let u = 0; u < n; u++) {
    const pu = pos[u]!;
    for (let e = off[u]!; e < off[u + 1]!; e++) {
      const d = pos[raw[2 * e]!]! - pu;
      if (d <= window && d >= -window) score++;
    }
  }
  return score;
}

/** Breadth-first order over every component, each started at its first node in input order. */
export function bfsOrder(n: number, off: Int32Array, raw: Int32Array): Int32Array {
  const order = new Int32Array(n);
  const seen = new Uint8Array(n);
  let tail = 0;
  for (let root = 0; root < n; root++) {
    if (seen[root]) continue;
    seen[root] = 1;
    let head = tail;
    order[tail++] = root;
    while (head < tail) {
      const u = order[head++]!;
      for (let e = off[u]!; e < off[u + 1]!; e++) {
        const v = raw[2 * e]!;
        if (!seen[v]) {
          seen[v] = 1;
          order[tail++] = v;
        }
      }
    }
  }
  return order;
}

/** Returns internal index → input position, for the better of input and breadth-first order. */
export function chooseOrder(n: number, off: Int32Array, raw: Int32Array): Int32Array {
  const ident = new Int32Array(n);
  for (let i = 0; i < n; i++) ident[i] = i;
  const bfs = bfsOrder(n, off, raw);
  const pos = new Int32Array(n);
  for (let i = 0; i < n; i++) pos[bfs[i]!] = i;
  // a clear margin is required: ties keep the input order, which users can reason about
  return localityScore(n, off, raw, pos) > 1.1 * localityScore(n, off, raw, ident) ? bfs : ident;
}
