// Queue names and connections shared by the coordinator and the workers. One BullMQ queue per
// prefix carries both job kinds; the prefix separates deployments (and tests) on one Redis.
import { Redis } from 'ioredis';

export const QUEUE_NAME = 'cleanpath-analyses';
export { DEFAULT_PREFIX, DEFAULT_REDIS_URL } from './defaults.js';

/**
 * How long a worker's lock on a job lives without renewal, and how often workers look for jobs
 * whose lock lapsed. A worker killed mid-job loses its lock after LOCK_MS; the next stalled check
 * of any live worker puts the job back in the queue: retried within LOCK_MS + STALLED_MS.
 * The computation runs outside the worker's event loop (compute-child.ts), so renewals
 * (every LOCK_MS / 2) are never late however long a shard takes.
 */
export const LOCK_MS = 8_000;
export const STALLED_MS = 2_000;
/** a job may be orphaned this many times (worker deaths) before it fails */
export const MAX_STALLED = 5;

/** A connection as BullMQ wants it: no per-command retry limit (blocking commands wait). */
export function connect(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
}

/** Fails fast, with the URL in the message, when Redis does not answer. */
export async function checkRedis(url: string, timeoutMs = 3_000): Promise<void> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: timeoutMs });
  r.on('error', () => {});
  try {
    await r.connect();
    await r.ping();
  } catch (e) {
    throw new Error(`cannot reach Redis at ${url}: ${(e as Error).message} (start one, or pass --redis URL)`);
  } finally {
    r.disconnect();
  }
}
