// Which untrusted devices lie on at least one shortest path of each exposed sensitive flow.
// A node lies on a shortest s–t path iff t is reachable from it in the shortest-path DAG of s.
// Target sets propagate backwards through the DAG as bitsets (32 targets per word, a few words per
// pass), so ECMP diamonds are counted once, exactly; no path enumeration.
import type { Csr } from './csr.js';
import type { FlowPlan } from './flows.js';
import type { ExposureArrays, SourceObserver } from './kernel.js';
import { STRIDE, type NodeState } from './queue.js';
import { EXPOSURE_ALL, EXPOSURE_SOME } from './types.js';

const WORDS = 4;
const PER_PASS = WORDS * 32;

/** Growable list of (flow position, internal node) pairs. */
export class PairBuffer {
  data = new Int32Array(1024);
  length = 0;
  push(a: number, b: number): void {
    if (this.length + 2 > this.data.length) {
      const d = new Int32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = a;
    this.data[this.length++] = b;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class ChokepointCollector implements SourceObserver {
  private readonly bits: Int32Array;
  private readonly slotOf: Int32Array;
  readonly pairs = new PairBuffer();

  constructor(
    private readonly csr: Csr,
    private readonly untrusted: Uint8Array,
    private readonly plan: FlowPlan,
    /** 1 for flows that count (sensitive), by flow position */
    private readonly eligible: Uint8Array,
    private readonly out: ExposureArrays,
  ) {
    this.bits = new Int32Array(csr.n * WORDS);
    this.slotOf = new Int32Array(csr.n).fill(-1);
  }

  observe(k: number, st: NodeState, _inf: number, order: Int32Array, settled: number): void {
    const { groupStart, flowOrder, flowTarget } = this.plan;
    const exposure = this.out.exposure;
    const slotTarget: number[] = [];
    const slotFlows: number[][] = [];
    for (let i = groupStart[k]!; i < groupStart[k + 1]!; i++) {
      const fi = flowOrder[i]!;
      const x = exposure[fi]!;
      if (this.eligible[fi] === 0 || (x !== EXPOSURE_ALL && x !== EXPOSURE_SOME)) continue;
      const t = flowTarget[fi]!;
      let slot = this.slotOf[t]!;
      if (slot < 0) {
        slot = slotTarget.length;
        this.slotOf[t] = slot;
        slotTarget.push(t);
        slotFlows.push([]);
      }
      slotFlows[slot]!.push(fi);
    }
    for (const t of slotTarget) this.slotOf[t] = -1;
    for (let first = 0; first < slotTarget.length; first += PER_PASS) {
      this.pass(st, order, settled, slotTarget, slotFlows, first, Math.min(slotTarget.length, first + PER_PASS));
    }
  }

  private pass(
    st: NodeState,
    order: Int32Array,
    settled: number,
    slotTarget: number[],
    slotFlows: number[][],
    first: number,
    end: number,
  ): void {
    const { offsets, adj } = this.csr;
    const bits = this.bits, U = this.untrusted;
    let far = 0;
    for (let j = first; j < end; j++) {
      const t = slotTarget[j]!;
      const r = j - first;
      bits[t * WORDS + (r >> 5)]! |= 1 << (r & 31);
      if (st[STRIDE * t]! > far) far = st[STRIDE * t]!;
    }
    let last = settled - 1;
    while (last > 0 && st[STRIDE * order[last]!]! > far) last--;
    // reverse settle order visits every DAG successor before its predecessors
    for (let i = last; i >= 0; i--) {
      const v = order[i]!;
      const base = v * WORDS;
      if ((bits[base]! | bits[base + 1]! | bits[base + 2]! | bits[base + 3]!) === 0) continue;
      const dv = st[STRIDE * v]!;
      for (let e = offsets[v]!, stop = offsets[v + 1]!; e < stop; e++) {
        const p = adj[2 * e]!;
        if (st[STRIDE * p]! + adj[2 * e + 1]! !== dv) continue;
        const pb = p * WORDS;
        for (let w = 0; w < WORDS; w++) bits[pb + w]! |= bits[base + w]!;
      }
    }
    for (let i = 0; i <= last; i++) {
      const v = order[i]!;
      const base = v * WORDS;
      if (U[v] !== 0) {
        for (let w = 0; w < WORDS; w++) {
          let word = bits[base + w]!;
          while (word !== 0) {
            const bit = 31 - Math.clz32(word & -word);
            word &= word - 1;
            for (const fi of slotFlows[first + w * 32 + bit]!) this.pairs.push(fi, v);
          }
        }
      }
      for (let w = 0; w < WORDS; w++) bits[base + w] = 0;
    }
  }
}
