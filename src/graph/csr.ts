// Compressed sparse rows for an undirected graph with positive integer metrics. Storage is
// SharedArrayBuffer-backed so worker threads read the very same memory without copies.
import { chooseOrder } from './order.js';

export interface Csr {
  readonly n: number;
  /** n + 1 row starts into `adj`, counted in entries (one entry = two Int32 slots). */
  readonly offsets: Int32Array;
  /** interleaved [target, metric] pairs: both halves of an edge share a cache line */
  readonly adj: Int32Array;
  readonly maxMetric: number;
}

export interface CompiledGraph extends Csr {
  /** input position → internal index (internal order is chosen for memory locality) */
  readonly toInternal: Int32Array;
  /** internal index → input position */
  readonly toInput: Int32Array;
  /** distinct undirected links after merging parallel ones and dropping self-loops */
  readonly linkCount: number;
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.max(1, length)), 0, length);
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length);
}

/**
 * Builds the CSR from endpoint positions. Parallel links collapse to their least metric: an
 * equal-cost test `d[p] + w == d[v]` holds for some parallel edge iff it holds for the least one,
 * so costs and the ECMP DAG are the reference's exactly. Self-loops never lie on a shortest path.
 */
export function compileCsr(n: number, ea: Int32Array, eb: Int32Array, ew: Int32Array, renumber = true): CompiledGraph {
  const m = ea.length;
  const deg = new Int32Array(n + 1);
  let maxMetric = 1;
  for (let i = 0; i < m; i++) {
    const a = ea[i]!, b = eb[i]!;
    if (a === b) continue;
    deg[a + 1]!++;
    deg[b + 1]!++;
    if (ew[i]! > maxMetric) maxMetric = ew[i]!;
  }
  for (let i = 0; i < n; i++) deg[i + 1]! += deg[i]!;
  const raw = new Int32Array(deg[n]! * 2);
  const fill = deg.slice(0, n);
  for (let i = 0; i < m; i++) {
    const a = ea[i]!, b = eb[i]!, w = ew[i]!;
    if (a === b) continue;
    let p = fill[a]!++;
    raw[2 * p] = b;
    raw[2 * p + 1] = w;
    p = fill[b]!++;
    raw[2 * p] = a;
    raw[2 * p + 1] = w;
  }
  // merge parallel links in place, row by row
  const seenBy = new Int32Array(n).fill(-1);
  const slot = new Int32Array(n);
  const off = new Int32Array(n + 1);
  let out = 0;
  for (let u = 0; u < n; u++) {
    off[u] = out;
    for (let e = deg[u]!; e < deg[u + 1]!; e++) {
      const v = raw[2 * e]!, w = raw[2 * e + 1]!;
      if (seenBy[v] === u) {
        const q = slot[v]!;
        if (w < raw[2 * q + 1]!) raw[2 * q + 1] = w;
      } else {
        seenBy[v] = u;
        slot[v] = out;
        raw[2 * out] = v;
        raw[2 * out + 1] = w;
        out++;
      }
    }
  }
  off[n] = out;

  const toInput = renumber ? chooseOrder(n, off, raw) : identity(n);
  const toInternal = new Int32Array(n);
  for (let i = 0; i < n; i++) toInternal[toInput[i]!] = i;
  const offsets = sharedInt32(n + 1);
  const adj = sharedInt32(out * 2);
  let p = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = p;
    const u = toInput[i]!;
    for (let e = off[u]!; e < off[u + 1]!; e++, p++) {
      adj[2 * p] = toInternal[raw[2 * e]!]!;
      adj[2 * p + 1] = raw[2 * e + 1]!;
    }
  }
  offsets[n] = p;
  return { n, offsets, adj, maxMetric, toInternal, toInput: sharedCopy(toInput), linkCount: out / 2 };
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function sharedCopy(a: Int32Array): Int32Array {
  const s = sharedInt32(a.length);
  s.set(a);
  return s;
}
