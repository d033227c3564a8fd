// Per-source exposure: cost, ECMP exposure class and clean cost for every flow of one source.
//
// Phase 1 is one Dijkstra on the whole graph. The reference's DAG dynamic programme is fused into
// it: with metrics >= 1 every shortest-path predecessor of v is settled before v, so pushing two
// bits along equal-cost relaxations gives, when v is settled, "some shortest path to v avoids U"
// (CLEAN) and "some shortest path to v touches U" (DIRTY), exactly as the reference's cc/cd.
//
// Phase 2 finds clean costs only where phase 1 does not already know them. A node settled CLEAN
// has clean cost = cost (a clean shortest path exists and nothing is shorter). Those nodes (K)
// stay fixed; a Dijkstra over the remaining non-untrusted nodes (H), seeded by K's edges into H,
// yields the rest: the last K node of any clean path is where it enters H. Seeds are recorded in
// phase 1 in the order their K node settled (nondecreasing "generation" g, key in g+1..g+maxMetric),
// which lets the bucket queue take them just in time. Both phases stop once their targets settle.
import type { Csr } from './csr.js';
import type { FlowPlan } from './flows.js';
import { createQueue, STRIDE, type NodeQueue, type NodeState } from './queue.js';
import { EXPOSURE_ALL, EXPOSURE_NONE, EXPOSURE_SOME, EXPOSURE_UNREACHABLE } from './types.js';

export interface ExposureArrays {
  /** by flow position; Infinity when unreachable */
  readonly cost: Float64Array;
  readonly clean: Float64Array;
  readonly exposure: Uint8Array;
}

/** Sees each source's shortest-path search before its scratch memory is reused. */
export interface SourceObserver {
  /** `st[STRIDE * v]` is v's cost from the source (>= `inf` when unreached) */
  observe(group: number, st: NodeState, inf: number, order: Int32Array, settled: number): void;
}

const CLEAN = 1, DIRTY = 2, SETTLED = 4, INQ2 = 8, DONE2 = 16;
const K_MASK = SETTLED | CLEAN;
const TARGET = 1, HARD = 2;

/**
 * Int32 costs halve the node state (and its cache misses) when no simple path can overflow them;
 * otherwise doubles hold any sum exactly up to 2^53.
 */
function nodeState(n: number, maxMetric: number): { st: NodeState; inf: number } {
  return maxMetric * Math.max(1, n - 1) < 0x7fffffff
    ? { st: new Int32Array(n * STRIDE), inf: 0x7fffffff }
    : { st: new Float64Array(n * STRIDE), inf: Infinity };
}

export class ExposureKernel {
  private readonly st: NodeState;
  private readonly inf: number;
  /** [inf, inf, 0, 0] per node: the state of an unvisited node, copied in at each source */
  private readonly blank: NodeState;
  private readonly flags: Uint8Array;
  private readonly mark: Uint8Array;
  private readonly order: Int32Array;
  private readonly seedNode: Int32Array;
  private readonly seedGen: Float64Array;
  private readonly queue: NodeQueue;

  constructor(
    private readonly csr: Csr,
    /** 1 per untrusted node, internal order */
    private readonly untrusted: Uint8Array,
    private readonly plan: FlowPlan,
    private readonly out: ExposureArrays,
    private readonly observer: SourceObserver | null = null,
  ) {
    const n = csr.n;
    const { st, inf } = nodeState(n, csr.maxMetric);
    this.st = st;
    this.inf = inf;
    this.blank = st.slice();
    for (let v = 0; v < n; v++) {
      this.blank[STRIDE * v] = inf;
      this.blank[STRIDE * v + 1] = inf;
    }
    this.flags = new Uint8Array(n);
    this.mark = new Uint8Array(n);
    this.order = new Int32Array(n);
    this.seedNode = new Int32Array(n);
    this.seedGen = new Float64Array(n);
    this.queue = createQueue(st, n, csr.maxMetric);
  }

  runGroup(k: number): void {
    const { sources, groupStart, flowOrder, flowTarget } = this.plan;
    const s = sources[k]!, a = groupStart[k]!, b = groupStart[k + 1]!;
    const U = this.untrusted, st = this.st, inf = this.inf, flags = this.flags, mark = this.mark;
    st.set(this.blank);
    flags.fill(0);
    let remaining = 0;
    for (let i = a; i < b; i++) {
      const t = flowTarget[flowOrder[i]!]!;
      if ((mark[t]! & TARGET) === 0) {
        mark[t] = TARGET;
        remaining++;
      }
    }
    const settled = this.phase1(s, remaining);
    const sClean = U[s] === 0;
    let hard = 0;
    if (sClean) {
      for (let i = a; i < b; i++) {
        const t = flowTarget[flowOrder[i]!]!;
        if ((mark[t]! & HARD) === 0 && U[t] === 0 && st[STRIDE * t]! !== inf && (flags[t]! & CLEAN) === 0) {
          mark[t]! |= HARD;
          hard++;
        }
      }
    }
    if (hard > 0) this.phase2(hard);
    const { cost, clean, exposure } = this.out;
    for (let i = a; i < b; i++) {
      const fi = flowOrder[i]!;
      const t = flowTarget[fi]!;
      const d = st[STRIDE * t]!;
      mark[t] = 0;
      if (d === inf) {
        cost[fi] = Infinity;
        clean[fi] = Infinity;
        exposure[fi] = EXPOSURE_UNREACHABLE;
        continue;
      }
      const f = flags[t]!;
      cost[fi] = d;
      exposure[fi] = (f & DIRTY) === 0 ? EXPOSURE_NONE : (f & CLEAN) === 0 ? EXPOSURE_ALL : EXPOSURE_SOME;
      const c = st[STRIDE * t + 1]!;
      clean[fi] = !sClean || U[t] !== 0 ? Infinity : (f & CLEAN) !== 0 ? d : c === inf ? Infinity : c;
    }
    if (this.observer) this.observer.observe(k, st, inf, this.order, settled);
  }

  /** Returns how many nodes were settled (a prefix of `order`, nondecreasing cost). */
  private phase1(s: number, remaining: number): number {
    const { offsets, adj } = this.csr;
    const U = this.untrusted, st = this.st, inf = this.inf, flags = this.flags, mark = this.mark;
    const order = this.order, seedNode = this.seedNode, seedGen = this.seedGen, q = this.queue;
    q.clear();
    st[STRIDE * s] = 0;
    flags[s] = CLEAN;
    q.push(s, 0);
    let settled = 0, seeds = 0;
    while (remaining > 0) {
      const u = q.popBelow(Infinity);
      if (u < 0) break;
      const du = st[STRIDE * u]!;
      const f = U[u] !== 0 ? DIRTY : flags[u]!;
      flags[u] = f | SETTLED;
      order[settled++] = u;
      if ((mark[u]! & TARGET) !== 0) remaining--;
      const inK = (f & CLEAN) !== 0;
      for (let e = offsets[u]!, end = offsets[u + 1]!; e < end; e++) {
        const v = adj[2 * e]!;
        const nd = du + adj[2 * e + 1]!;
        const sv = STRIDE * v;
        const dv = st[sv]!;
        if (nd < dv) {
          if (dv === inf) q.push(v, nd);
          else q.decrease(v, dv, nd);
          st[sv] = nd;
          flags[v] = f;
        } else if (nd === dv) {
          flags[v]! |= f;
        }
        if (inK && nd < st[sv + 1]! && U[v] === 0) {
          if (st[sv + 1] === inf) {
            seedNode[seeds] = v;
            seedGen[seeds++] = du;
          }
          st[sv + 1] = nd;
        }
      }
    }
    this.seeds = seeds;
    return settled;
  }

  private seeds = 0;

  private phase2(hard: number): void {
    const { offsets, adj } = this.csr;
    const U = this.untrusted, st = this.st, flags = this.flags, mark = this.mark;
    const seedNode = this.seedNode, seedGen = this.seedGen, seeds = this.seeds, q = this.queue;
    q.clear();
    let sp = 0;
    while (hard > 0) {
      const limit = sp < seeds ? seedGen[sp]! + 1 : Infinity;
      const v = q.popBelow(limit);
      if (v < 0) {
        if (sp >= seeds) break;
        // the floor is now at `limit`; seeds of this generation have keys in limit..limit+maxMetric-1
        while (sp < seeds && seedGen[sp]! + 1 <= limit) {
          const w = seedNode[sp++]!;
          const fw = flags[w]!;
          if ((fw & (INQ2 | DONE2)) === 0 && (fw & K_MASK) !== K_MASK) {
            q.push(w, st[STRIDE * w + 1]!);
            flags[w] = fw | INQ2;
          }
        }
        continue;
      }
      flags[v] = (flags[v]! & ~INQ2) | DONE2;
      if ((mark[v]! & HARD) !== 0) hard--;
      const dv = st[STRIDE * v + 1]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const x = adj[2 * e]!;
        if (U[x] !== 0) continue;
        const fx = flags[x]!;
        if ((fx & K_MASK) === K_MASK) continue;
        const nd = dv + adj[2 * e + 1]!;
        const dx = st[STRIDE * x + 1]!;
        if (nd < dx) {
          if ((fx & INQ2) !== 0) q.decrease(x, dx, nd);
          else {
            q.push(x, nd);
            flags[x] = fx | INQ2;
          }
          st[STRIDE * x + 1] = nd;
        }
      }
    }
  }
}
