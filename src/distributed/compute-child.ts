// The compute process of a worker: loads networks, keeps the built graphs of the last few
// sources (by fingerprint) and runs jobs one at a time. It is a separate process so that a
// long shard never delays the parent's lock renewals, and it exits when its parent dies
// (`kill -9` included: the IPC channel closes).
import { InputError } from '../model/index.js';
import { prepareNetwork, runExposureShard, runKillSwitchJob, type PreparedNetwork } from './compute.js';
import { JobSchema } from './jobs.js';

export interface ComputeRequest {
  id: number;
  job: unknown;
  threads: number;
  worker: string;
}

export type ComputeReply =
  | { id: number; ok: true; result: unknown; loadMs: number; runMs: number; cached: boolean }
  | { id: number; ok: false; message: string; permanent: boolean };

/** graphs kept per compute process; a national graph is a few GB, so few */
const CACHE_SIZE = Math.max(1, Number(process.env.CLEANPATH_WORKER_CACHE ?? 2));
const cache = new Map<string, PreparedNetwork>();

async function networkFor(source: Parameters<typeof prepareNetwork>[0], fingerprint: string): Promise<{ p: PreparedNetwork; cached: boolean }> {
  const hit = cache.get(fingerprint);
  if (hit) {
    cache.delete(fingerprint);
    cache.set(fingerprint, hit); // most recently used last
    return { p: hit, cached: true };
  }
  const p = await prepareNetwork(source);
  if (p.fingerprint !== fingerprint) {
    throw new MismatchError(
      `this worker's copy of ${p.net.label} differs from the coordinator's (fingerprint ${p.fingerprint.slice(0, 12)} ≠ ${fingerprint.slice(0, 12)}): every machine must see the same files or store`,
    );
  }
  cache.set(fingerprint, p);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return { p, cached: false };
}

class MismatchError extends Error {}

async function handle(req: ComputeRequest): Promise<ComputeReply> {
  try {
    const job = JobSchema.parse(req.job);
    const t0 = performance.now();
    const { p, cached } = await networkFor(job.source, job.fingerprint);
    const t1 = performance.now();
    const result = job.kind === 'exposure' ? await runExposureShard(p, job, req.threads, req.worker) : runKillSwitchJob(p, job, req.worker);
    return { id: req.id, ok: true, result, loadMs: Math.round(t1 - t0), runMs: Math.round(performance.now() - t1), cached };
  } catch (e) {
    const err = e as Error;
    // bad input or another network will not get better on a retry
    const permanent = err instanceof InputError || err instanceof MismatchError || err instanceof RangeError || err.name === 'ZodError';
    return { id: req.id, ok: false, message: err.message, permanent };
  }
}

process.on('disconnect', () => process.exit(0));
process.on('message', (req: ComputeRequest) => {
  void handle(req).then((reply) => process.send?.(reply));
});
