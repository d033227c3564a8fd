// One worker's share of an exposure run: it claims source groups from a shared counter until
// none are left. Every flow's result depends only on its source's search, so which worker runs
// which group never changes a byte of the output.
import { ChokepointCollector } from './chokepoints.js';
import type { Csr } from './csr.js';
import type { FlowPlan } from './flows.js';
import { ExposureKernel, type ExposureArrays } from './kernel.js';

export interface ShardData {
  readonly csr: Csr;
  /** internal order */
  readonly untrusted: Uint8Array;
  readonly plan: FlowPlan;
  readonly out: ExposureArrays;
  /** per flow, 1 when it counts for chokepoints; null skips chokepoints */
  readonly eligible: Uint8Array | null;
  /** [next unclaimed group, groups finished] */
  readonly counters: Int32Array;
}

/** Runs groups until the counter passes the end; returns (flow, internal node) chokepoint pairs. */
export function runShard(d: ShardData, onGroup?: (done: number) => void): Int32Array | null {
  const collector = d.eligible ? new ChokepointCollector(d.csr, d.untrusted, d.plan, d.eligible, d.out) : null;
  const kernel = new ExposureKernel(d.csr, d.untrusted, d.plan, d.out, collector);
  const groups = d.plan.sources.length;
  for (;;) {
    const k = Atomics.add(d.counters, 0, 1);
    if (k >= groups) break;
    kernel.runGroup(k);
    const done = Atomics.add(d.counters, 1, 1) + 1;
    onGroup?.(done);
  }
  return collector ? collector.pairs.toArray() : null;
}
