// Exposure analysis entry point: plan the flows by source, run the kernel (sharded over worker
// threads), summarise in input order.
import { sharedFloat64, sharedInt32, sharedUint8 } from './csr.js';
import { planFlows } from './flows.js';
import { toInternalOrder, type Graph } from './graph.js';
import type { ExposureArrays } from './kernel.js';
import { defaultWorkers, runSharded, type ProgressFn } from './parallel.js';
import { isSensitive, summarise, type ExposureSummary } from './summary.js';
import type { FlowInput } from './types.js';

export interface ExposureOptions {
  /** worker threads; default: the machine's cores. Results never depend on it. */
  workers?: number;
  /** rank untrusted devices by the exposed sensitive flows they carry (one more DAG pass) */
  chokepoints?: boolean;
  /** how many chokepoints to keep; default all */
  topChokepoints?: number;
  onProgress?: ProgressFn;
  /** names the flows in error messages */
  source?: string;
}

export interface ExposureResult extends ExposureArrays {
  readonly flows: readonly FlowInput[];
  readonly summary: ExposureSummary;
}

/** `untrusted` is one byte per node in input order (see buildUntrusted). */
export async function analyseExposure(
  g: Graph,
  untrusted: Uint8Array,
  flows: readonly FlowInput[],
  opts: ExposureOptions = {},
): Promise<ExposureResult> {
  if (untrusted.length !== g.n) throw new RangeError(`untrusted has ${untrusted.length} entries for ${g.n} nodes`);
  const plan = planFlows(g, flows, opts.source);
  const F = flows.length;
  const out: ExposureArrays = { cost: sharedFloat64(F), clean: sharedFloat64(F), exposure: sharedUint8(F) };
  let eligible: Uint8Array | null = null;
  if (opts.chokepoints) {
    eligible = sharedUint8(F);
    for (let i = 0; i < F; i++) eligible[i] = isSensitive(flows[i]!) ? 1 : 0;
  }
  const data = {
    csr: { n: g.n, offsets: g.offsets, adj: g.adj, maxMetric: g.maxMetric },
    untrusted: toInternalOrder(g, untrusted, sharedUint8(g.n)),
    plan,
    out,
    eligible,
    counters: sharedInt32(2),
  };
  const pairs = await runSharded(data, opts.workers ?? defaultWorkers(), opts.onProgress);
  const summary = summarise(g, flows, out, eligible ? pairs : null, opts.topChokepoints);
  return { ...out, flows, summary };
}
