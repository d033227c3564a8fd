// The coordinator: loads the network itself (it needs the graph to merge and summarise), cuts the
// source groups into shards, enqueues one job per shard with an id derived from the network's
// fingerprint and the parameters, waits for them through QueueEvents and merges. Every per-flow
// value lands at its flow's position and every total is summed in flow order by the graph's own
// summarise(), so the output is the single-process output, byte for byte, however the shards fell.
import { createHash } from 'node:crypto';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { AvoidOptions } from '../analyses/untrusted.js';
import { summarise, type ExposureResult, type KillSwitchResult } from '../graph/index.js';
import { absoluteSource, prepareNetwork, type PreparedNetwork } from './compute.js';
import {
  decodeFloat64,
  decodeInt32,
  decodeUint8,
  ExposureShardResultSchema,
  KillSwitchJobResultSchema,
  type AnalysisJob,
  type ExposureJob,
  type KillSwitchJob,
  type NetworkSource,
} from './jobs.js';
import { checkRedis, connect, DEFAULT_PREFIX, QUEUE_NAME } from './queue.js';

export interface DistributedOptions {
  redisUrl: string;
  prefix?: string;
  /** shards of source groups; default min(groups, 64) */
  shards?: number;
  /** give up (and say which shards are missing) after this long; default 1 hour */
  timeoutMs?: number;
  /** groups finished / total */
  onProgress?: (done: number, total: number) => void;
  /** notes for the user (no worker connected yet...) */
  onNote?: (line: string) => void;
  /** leave finished jobs in Redis (default: removed once merged) */
  keepJobs?: boolean;
}

export const DEFAULT_SHARDS = 64;
const DEFAULT_TIMEOUT_MS = 3_600_000;
/** failures other than a worker dying (those are unlimited up to MAX_STALLED) */
const ATTEMPTS = 3;

/** Contiguous, near-equal ranges of groups: [from, to) pairs. */
export function splitGroups(groups: number, shards: number): Array<[number, number]> {
  const k = Math.max(1, Math.min(groups, Math.floor(shards)));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < k; i++) {
    const from = Math.floor((i * groups) / k), to = Math.floor(((i + 1) * groups) / k);
    if (to > from) out.push([from, to]);
  }
  return out;
}

function runKey(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 20);
}

interface Running {
  queue: Queue;
  events: QueueEvents;
  close(): Promise<void>;
}

async function open(opts: DistributedOptions): Promise<Running> {
  await checkRedis(opts.redisUrl);
  const prefix = opts.prefix ?? DEFAULT_PREFIX;
  const qc = connect(opts.redisUrl), ec = connect(opts.redisUrl);
  const queue = new Queue(QUEUE_NAME, { connection: qc, prefix, streams: { events: { maxLen: 1000 } } });
  const events = new QueueEvents(QUEUE_NAME, { connection: ec, prefix });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  return {
    queue,
    events,
    async close() {
      await Promise.allSettled([events.close(), queue.close()]);
      qc.disconnect();
      ec.disconnect();
    },
  };
}

/**
 * Enqueues the jobs (ids fixed by their content: rerunning after a coordinator crash picks up the
 * shards already done) and resolves with their return values in job order.
 */
async function runJobs(r: Running, jobs: Array<{ id: string; data: AnalysisJob; groups: number }>, totalGroups: number, opts: DistributedOptions, what: string): Promise<unknown[]> {
  const { queue, events } = r;
  const added: Job[] = [];
  for (const j of jobs) {
    const old = await queue.getJob(j.id);
    // a failed run of the same shard would otherwise block the id: clear it and try again
    if (old && (await old.getState()) === 'failed') await old.remove();
    added.push(await queue.add(j.data.kind, j.data, { jobId: j.id, attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: false, removeOnFail: false }));
  }
  const workers = await queue.getWorkers();
  if (workers.length === 0) opts.onNote?.(`no worker is connected to ${opts.redisUrl} yet; waiting (start one: cleanpath worker --redis ${opts.redisUrl})`);

  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let doneGroups = 0;
  const finished = new Set<string>();
  opts.onProgress?.(0, totalGroups);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      const missing = jobs.filter((j) => !finished.has(j.id)).map((j) => j.id);
      const live = await queue.getWorkers().catch(() => []);
      reject(new Error(
        `${what}: ${missing.length} of ${jobs.length} shard(s) unfinished after ${Math.round(timeoutMs / 1000)} s ` +
          `(${live.length} worker(s) connected to ${opts.redisUrl}, prefix ${opts.prefix ?? DEFAULT_PREFIX}); first missing: ${missing.slice(0, 3).join(', ')}`,
      ));
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      timeout,
      Promise.all(added.map(async (job, i) => {
        try {
          await job.waitUntilFinished(events);
        } catch (e) {
          throw new Error(`${what}: shard ${jobs[i]!.id} failed: ${(e as Error).message}`);
        }
        const fresh = await queue.getJob(job.id!);
        if (!fresh) throw new Error(`${what}: shard ${job.id} vanished from the queue before its result was read`);
        finished.add(job.id!);
        doneGroups += jobs[i]!.groups;
        opts.onProgress?.(doneGroups, totalGroups);
        return fresh.returnvalue as unknown;
      })),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function cleanUp(r: Running, ids: string[], keep: boolean | undefined): Promise<void> {
  if (keep) return;
  for (const id of ids) await (await r.queue.getJob(id))?.remove().catch(() => {});
}

export interface DistributedExposure {
  result: ExposureResult;
  network: PreparedNetwork;
  shards: number;
  /** which worker ran each shard */
  workers: string[];
}

export async function distributedExposure(
  sourceIn: NetworkSource,
  avoid: AvoidOptions,
  params: { chokepoints: boolean; topChokepoints?: number },
  opts: DistributedOptions,
): Promise<DistributedExposure> {
  const source = absoluteSource(sourceIn);
  const r = await open(opts);
  try {
    const network = await prepareNetwork(source);
    const { g, plan, net, fingerprint } = network;
    const groups = plan.sources.length;
    const ranges = splitGroups(groups, opts.shards ?? DEFAULT_SHARDS);
    const avoidClean: ExposureJob['avoid'] = {};
    for (const k of ['untrusted', 'avoidCountry', 'avoidOperator', 'avoidLayer'] as const) if (avoid[k] !== undefined) avoidClean[k] = avoid[k];
    const key = runKey({ kind: 'exposure', fingerprint, avoidClean, chokepoints: params.chokepoints, ranges: ranges.length });
    const jobs = ranges.map(([from, to]) => ({
      id: `exposure-${key}-${from}-${to}`,
      groups: to - from,
      data: { kind: 'exposure', source, fingerprint, from, to, avoid: avoidClean, chokepoints: params.chokepoints } satisfies ExposureJob,
    }));
    const F = net.flows.length;
    const out = { cost: new Float64Array(F), clean: new Float64Array(F), exposure: new Uint8Array(F) };
    const pairs: Int32Array[] = [];
    const workers: string[] = [];
    const values = groups === 0 ? [] : await runJobs(r, jobs, groups, opts, 'distributed exposure');
    values.forEach((v, k) => {
      const s = ExposureShardResultSchema.parse(v);
      const [from, to] = ranges[k]!;
      if (s.from !== from || s.to !== to) throw new Error(`shard ${jobs[k]!.id} answered for groups ${s.from}-${s.to}`);
      const a = plan.groupStart[from]!, n = plan.groupStart[to]! - a;
      const cost = decodeFloat64(s.cost, n, jobs[k]!.id), clean = decodeFloat64(s.clean, n, jobs[k]!.id);
      const exposure = decodeUint8(s.exposure, n, jobs[k]!.id);
      for (let i = 0; i < n; i++) {
        const fi = plan.flowOrder[a + i]!;
        out.cost[fi] = cost[i]!;
        out.clean[fi] = clean[i]!;
        out.exposure[fi] = exposure[i]!;
      }
      if (s.pairs !== null) pairs.push(decodeInt32(s.pairs, jobs[k]!.id));
      workers.push(s.worker);
    });
    await cleanUp(r, jobs.map((j) => j.id), opts.keepJobs);
    const summary = summarise(g, net.flows, out, params.chokepoints ? pairs : null, params.topChokepoints);
    return { result: { ...out, flows: net.flows, summary }, network, shards: jobs.length, workers };
  } finally {
    await r.close();
  }
}

export interface DistributedKillSwitch {
  result: KillSwitchResult;
  network: PreparedNetwork;
  worker: string;
}

/**
 * A kill-switch is one connectivity pass (union-find) over the whole graph: it does not split by
 * source, so it runs as one job on one worker, with the same queue, retries and crash recovery.
 */
export async function distributedKillSwitch(
  sourceIn: NetworkSource,
  spec: { vendors: string[]; layers?: string[]; countries?: string[]; top: number },
  opts: DistributedOptions,
): Promise<DistributedKillSwitch> {
  const source = absoluteSource(sourceIn);
  const r = await open(opts);
  try {
    const network = await prepareNetwork(source);
    const data: KillSwitchJob = { kind: 'killswitch', source, fingerprint: network.fingerprint, vendors: spec.vendors, top: spec.top };
    if (spec.layers) data.layers = spec.layers;
    if (spec.countries) data.countries = spec.countries;
    const id = `killswitch-${runKey(data)}`;
    const [value] = await runJobs(r, [{ id, data, groups: 1 }], 1, opts, 'distributed kill-switch');
    const s = KillSwitchJobResultSchema.parse(value);
    await cleanUp(r, [id], opts.keepJobs);
    const { kind: _kind, worker, ...rest } = s;
    const result: KillSwitchResult = { ...rest, flowStatus: decodeUint8(s.flowStatus, network.net.flows.length, id) };
    return { result, network, worker };
  } finally {
    await r.close();
  }
}
