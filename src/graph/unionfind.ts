// Disjoint sets over node indices, path halving and union by size, in typed arrays.
export class UnionFind {
  readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }

  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      const gp = p[p[x]!]!;
      p[x] = gp;
      x = gp;
    }
    return x;
  }

  union(a: number, b: number): void {
    let ra = this.find(a), rb = this.find(b);
    if (ra === rb) return;
    if (this.size[ra]! < this.size[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
  }
}

/** Component label per node (a dense 0..k-1 numbering) and component sizes. */
export interface Components {
  readonly label: Int32Array;
  readonly sizes: Int32Array;
}

/** Components of the CSR graph restricted to nodes with `alive[v] !== 0` (dead nodes get -1). */
export function components(n: number, offsets: Int32Array, adj: Int32Array, alive: Uint8Array | null): Components {
  const uf = new UnionFind(n);
  for (let u = 0; u < n; u++) {
    if (alive && alive[u] === 0) continue;
    for (let e = offsets[u]!; e < offsets[u + 1]!; e++) {
      const v = adj[2 * e]!;
      if (v > u && (!alive || alive[v] !== 0)) uf.union(u, v);
    }
  }
  const label = new Int32Array(n).fill(-1);
  const rootLabel = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  for (let u = 0; u < n; u++) {
    if (alive && alive[u] === 0) continue;
    const r = uf.find(u);
    if (rootLabel[r]! < 0) {
      rootLabel[r] = sizes.length;
      sizes.push(0);
    }
    label[u] = rootLabel[r]!;
    sizes[label[u]!]!++;
  }
  return { label, sizes: Int32Array.from(sizes) };
}
