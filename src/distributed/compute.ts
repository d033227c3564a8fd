// The work of one job, the same code on every machine: load the network named by the job, build
// the graph, plan the flows, then run one shard of source groups with the graph library's own
// shard runner (src/graph/shard.ts via runSharded) and hand back that shard's per-flow results.
import { resolve } from 'node:path';
import { loadNetwork, type LoadedNetwork } from '../analyses/network.js';
import { untrustedNodes } from '../analyses/untrusted.js';
import { buildGraph, buildKillSet, killSwitch, type Graph } from '../graph/index.js';
import { sharedFloat64, sharedInt32, sharedUint8 } from '../graph/csr.js';
import { planFlows, type FlowPlan } from '../graph/flows.js';
import { toInternalOrder } from '../graph/graph.js';
import { runSharded } from '../graph/parallel.js';
import { isSensitive } from '../graph/summary.js';
import { fingerprintNetwork } from './fingerprint.js';
import {
  encodeArray,
  type ExposureJob,
  type ExposureShardResult,
  type KillSwitchJob,
  type KillSwitchJobResult,
  type NetworkSource,
} from './jobs.js';

export interface PreparedNetwork {
  readonly net: LoadedNetwork;
  readonly g: Graph;
  readonly plan: FlowPlan;
  readonly fingerprint: string;
}

/**
 * File paths become absolute so that a job means the same files whatever directory a worker
 * runs in; a store URL (postgres://...) is left as it is.
 */
export function absoluteSource(s: NetworkSource): NetworkSource {
  const abs = (p: string | undefined) => (p === undefined ? undefined : resolve(p));
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(s.db);
  const out: NetworkSource = { db: isUrl ? s.db : resolve(s.db) };
  if (s.snapshot !== undefined) out.snapshot = s.snapshot;
  if (s.organisation !== undefined) out.organisation = s.organisation;
  for (const k of ['topology', 'nodes', 'links', 'flows'] as const) if (s[k] !== undefined) out[k] = abs(s[k]);
  return out;
}

export async function prepareNetwork(source: NetworkSource): Promise<PreparedNetwork> {
  const net = await loadNetwork(source);
  const g = buildGraph(net, { source: net.label });
  const plan = planFlows(g, net.flows, net.label);
  return { net, g, plan, fingerprint: fingerprintNetwork(net) };
}

/** A plan restricted to groups [from, to): runShard walks its groups, flow indices stay global. */
export function shardPlan(plan: FlowPlan, from: number, to: number): FlowPlan {
  return { ...plan, sources: plan.sources.subarray(from, to), groupStart: plan.groupStart.subarray(from, to + 1) };
}

export async function runExposureShard(p: PreparedNetwork, job: ExposureJob, threads: number, worker: string): Promise<ExposureShardResult> {
  const { g, plan, net } = p;
  const groups = plan.sources.length;
  if (job.to > groups) throw new RangeError(`shard ${job.from}-${job.to} is beyond the ${groups} source groups of ${net.label}`);
  const F = net.flows.length;
  const out = { cost: sharedFloat64(F), clean: sharedFloat64(F), exposure: sharedUint8(F) };
  let eligible: Uint8Array | null = null;
  if (job.chokepoints) {
    eligible = sharedUint8(F);
    for (let i = 0; i < F; i++) eligible[i] = isSensitive(net.flows[i]!) ? 1 : 0;
  }
  const data = {
    csr: { n: g.n, offsets: g.offsets, adj: g.adj, maxMetric: g.maxMetric },
    untrusted: toInternalOrder(g, untrustedNodes(net.nodes, job.avoid), sharedUint8(g.n)),
    plan: shardPlan(plan, job.from, job.to),
    out,
    eligible,
    counters: sharedInt32(2),
  };
  const pairs = await runSharded(data, threads);
  // the shard's flows, in plan order
  const a = plan.groupStart[job.from]!, b = plan.groupStart[job.to]!;
  const cost = new Float64Array(b - a), clean = new Float64Array(b - a), exposure = new Uint8Array(b - a);
  for (let i = a; i < b; i++) {
    const fi = plan.flowOrder[i]!;
    cost[i - a] = out.cost[fi]!;
    clean[i - a] = out.clean[fi]!;
    exposure[i - a] = out.exposure[fi]!;
  }
  let allPairs: Int32Array | null = null;
  if (job.chokepoints) {
    const parts = pairs.filter((x): x is Int32Array => x !== null);
    allPairs = new Int32Array(parts.reduce((n, x) => n + x.length, 0));
    let at = 0;
    for (const x of parts) {
      allPairs.set(x, at);
      at += x.length;
    }
  }
  return {
    kind: 'exposure',
    from: job.from,
    to: job.to,
    cost: encodeArray(cost),
    clean: encodeArray(clean),
    exposure: encodeArray(exposure),
    pairs: allPairs ? encodeArray(allPairs) : null,
    worker,
  };
}

export function runKillSwitchJob(p: PreparedNetwork, job: KillSwitchJob, worker: string): KillSwitchJobResult {
  const removed = buildKillSet(p.net.nodes, { vendors: job.vendors, layers: job.layers, countries: job.countries });
  const r = killSwitch(p.g, p.net.nodes, p.net.flows, removed, { top: job.top });
  return { kind: 'killswitch', ...r, flowStatus: encodeArray(r.flowStatus), worker };
}
