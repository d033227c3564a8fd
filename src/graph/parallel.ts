// Spreads source groups over worker threads that share the graph and result arrays through
// SharedArrayBuffer. One worker (or one group) runs in the calling thread: no spawn cost.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runShard, type ShardData } from './shard.js';

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * The compiled worker next to this module. Running from TypeScript sources (tests, benchmarks
 * under tsx) there is none, and Node 20 does not apply the parent's `--import tsx` hooks to
 * workers, so a small bootstrap registers tsx's require hooks in the worker and loads the .ts source.
 */
function spawnWorker(data: ShardData): Worker {
  const js = new URL('./exposure-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData: data });
  const ts = fileURLToPath(new URL('./exposure-worker.ts', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const boot = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(ts)});`;
  return new Worker(boot, { eval: true, workerData: data });
}

export type ProgressFn = (done: number, total: number) => void;

/** Runs every group once; resolves with each shard's chokepoint pairs (null when not collected). */
export async function runSharded(data: ShardData, workers: number, onProgress?: ProgressFn): Promise<Array<Int32Array | null>> {
  const groups = data.plan.sources.length;
  const count = Math.max(1, Math.min(Math.floor(workers), groups));
  if (count === 1) {
    return [runShard(data, onProgress ? (done) => onProgress(done, groups) : undefined)];
  }
  const timer = onProgress ? setInterval(() => onProgress(Atomics.load(data.counters, 1), groups), 100) : null;
  const pool: Worker[] = [];
  try {
    return await Promise.all(
      Array.from({ length: count }, () => new Promise<Int32Array | null>((resolve, reject) => {
        const w = spawnWorker(data);
        pool.push(w);
        let result: Int32Array | null = null;
        w.once('message', (m: Int32Array | null) => {
          result = m;
        });
        w.once('error', reject);
        w.once('exit', (code) => {
          if (code === 0) resolve(result);
          else reject(new Error(`exposure worker exited with code ${code}`));
        });
      })),
    );
  } catch (e) {
    // one failed shard fails the run: stop the others rather than let them finish unseen
    await Promise.all(pool.map((w) => w.terminate()));
    throw e;
  } finally {
    if (timer) clearInterval(timer);
    onProgress?.(Atomics.load(data.counters, 1), groups);
  }
}
