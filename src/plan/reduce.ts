// The reduced instance the optimisers work on. Every connected set of usable nodes (trusted,
// or forced in) is contracted to one "terminal" node of cost 0: whether a flow has a clean path
// only depends on which components it can join. Candidates are the other untrusted devices.
//
// H node numbering: 0..k-1 contracted components, k..n-1 candidates (column j = node k + j).
import type { Graph } from '../graph/index.js';
import { components } from '../graph/unionfind.js';

export interface Reduced {
  /** nodes of H */
  readonly n: number;
  /** contracted components come first */
  readonly k: number;
  /** CSR of H, targets only, no duplicates, no self-loops */
  readonly offsets: Int32Array;
  readonly adj: Int32Array;
  /** replacement cost per H node (0 for components) */
  readonly cost: Float64Array;
  /** input position of each candidate (index j = node - k) */
  readonly candidateInput: Int32Array;
  /** demands (distinct unordered pairs of H nodes, both components) */
  readonly ds: Int32Array;
  readonly dt: Int32Array;
  /** H node of every input node */
  readonly hOfInput: Int32Array;
}

export interface ReduceInput {
  g: Graph;
  /** 1 = untrusted, input order */
  untrusted: Uint8Array;
  /** 1 = replaced whatever happens (forced by a rule, or endpoint of a sensitive flow), input order */
  fixed: Uint8Array;
  /** replacement cost per input node */
  cost: Float64Array;
  /** demand endpoints, input positions */
  src: Int32Array;
  dst: Int32Array;
}

/**
 * Demand classes, the codes of `Demands.kind` (one byte per sensitive flow, in order). Clean: both
 * endpoints already join through usable nodes (trusted, or replaced whatever happens), so the flow
 * needs nothing chosen. NeedsOptimiser: a path exists, but only through untrusted candidates; the
 * optimiser must open one. Unreachable: no path at all, even through untrusted devices.
 */
export const DemandClass = { Clean: 0, NeedsOptimiser: 1, Unreachable: 2 } as const;
export type DemandClass = (typeof DemandClass)[keyof typeof DemandClass];

export interface Demands {
  /** per demand: its DemandClass code */
  kind: Uint8Array;
  /** per demand: its index in `ds/dt`, -1 when not active */
  pair: Int32Array;
}

/** Contracts the usable components of `input.g` and classifies its demands (the header above). */
export function reduce(input: ReduceInput): { h: Reduced; demands: Demands } {
  const { g, cost } = input;
  const n = g.n;
  const { k, hn, hOfInternal, candInput } = contract(input);
  const { offsets, adj } = reducedLinks(g, hn, hOfInternal);
  const hCost = new Float64Array(hn);
  for (let j = 0; j < candInput.length; j++) hCost[k + j] = cost[candInput[j]!]!;
  const hOfInput = new Int32Array(n);
  for (let u = 0; u < n; u++) hOfInput[g.toInput[u]!] = hOfInternal[u]!;
  const { ds, dt, demands } = classifyDemands(input, hn, hOfInternal);
  return {
    h: { n: hn, k, offsets, adj, cost: hCost, candidateInput: Int32Array.from(candInput), ds, dt, hOfInput },
    demands,
  };
}

/** H node of every internal node: usable components first (0..k-1), then one per candidate. */
function contract(input: ReduceInput): { k: number; hn: number; hOfInternal: Int32Array; candInput: number[] } {
  const { g, untrusted, fixed } = input;
  const n = g.n;
  const usable = new Uint8Array(n);
  for (let u = 0; u < n; u++) {
    const i = g.toInput[u]!;
    usable[u] = untrusted[i] === 0 || fixed[i] === 1 ? 1 : 0;
  }
  const comp = components(n, g.offsets, g.adj, usable);
  const k = comp.sizes.length;
  const hOfInternal = new Int32Array(n);
  let next = k;
  const candInput: number[] = [];
  for (let u = 0; u < n; u++) {
    if (usable[u]) hOfInternal[u] = comp.label[u]!;
    else {
      hOfInternal[u] = next++;
      candInput.push(g.toInput[u]!);
    }
  }
  return { k, hn: next, hOfInternal, candInput };
}

/** CSR of H: the links of g between distinct H nodes, each once per direction. */
function reducedLinks(g: Graph, hn: number, hOfInternal: Int32Array): { offsets: Int32Array; adj: Int32Array } {
  const n = g.n;
  // edges of H: collect per H node with a marker to drop duplicates
  const mark = new Int32Array(hn).fill(-1);
  // members of each H node (internal nodes), to walk rows per H node
  const memberStart = new Int32Array(hn + 1);
  for (let u = 0; u < n; u++) memberStart[hOfInternal[u]! + 1]!++;
  for (let h = 0; h < hn; h++) memberStart[h + 1]! += memberStart[h]!;
  const members = new Int32Array(n);
  const fill = memberStart.slice(0, hn);
  for (let u = 0; u < n; u++) members[fill[hOfInternal[u]!]!++] = u;
  const offsets = new Int32Array(hn + 1);
  let adj = new Int32Array(Math.max(16, g.linkCount * 2));
  let m = 0;
  for (let h = 0; h < hn; h++) {
    offsets[h] = m;
    for (let p = memberStart[h]!; p < memberStart[h + 1]!; p++) {
      const u = members[p]!;
      for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
        const hv = hOfInternal[g.adj[2 * e]!]!;
        if (hv === h || mark[hv] === h) continue;
        mark[hv] = h;
        if (m === adj.length) {
          const bigger = new Int32Array(adj.length * 2);
          bigger.set(adj);
          adj = bigger;
        }
        adj[m++] = hv;
      }
    }
  }
  offsets[hn] = m;
  return { offsets, adj: adj.slice(0, m) };
}

/** Each demand's class, and the distinct unordered pairs of H nodes the optimiser must join. */
function classifyDemands(input: ReduceInput, hn: number, hOfInternal: Int32Array): { ds: Int32Array; dt: Int32Array; demands: Demands } {
  const { g } = input;
  const whole = components(g.n, g.offsets, g.adj, null);
  const nd = input.src.length;
  const kind = new Uint8Array(nd); // DemandClass.Clean unless found otherwise below
  const pair = new Int32Array(nd).fill(-1);
  const seen = new Map<number, number>();
  const ds: number[] = [];
  const dt: number[] = [];
  for (let i = 0; i < nd; i++) {
    const s = input.src[i]!, t = input.dst[i]!;
    const si = g.toInternal[s]!, ti = g.toInternal[t]!;
    if (whole.label[si] !== whole.label[ti]) {
      kind[i] = DemandClass.Unreachable;
      continue;
    }
    const hs = hOfInternal[si]!, ht = hOfInternal[ti]!;
    if (hs === ht) continue;
    kind[i] = DemandClass.NeedsOptimiser;
    const a = Math.min(hs, ht), b = Math.max(hs, ht);
    const key = a * hn + b;
    let q = seen.get(key);
    if (q === undefined) {
      q = ds.length;
      seen.set(key, q);
      ds.push(a);
      dt.push(b);
    }
    pair[i] = q;
  }
  return { ds: Int32Array.from(ds), dt: Int32Array.from(dt), demands: { kind, pair } };
}
