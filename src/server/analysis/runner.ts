// Runs analysis jobs (jobs.ts) off the request thread and remembers their results. A report or a
// plan costs up to seconds of CPU; in a worker thread it never stalls the requests around it.
// Snapshots are immutable, so a result is valid for as long as it is kept: the cache is a plain
// LRU bounded by entries and bytes, and a second request for a result still being computed waits
// for the same computation instead of starting another.
import { Worker } from 'node:worker_threads';
import { InputError } from '../../model/index.js';
import { runAnalysisJob, type AnalysisJob } from './jobs.js';

export interface WorkerRequest {
  id: number;
  job: AnalysisJob;
}

export type WorkerReply =
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; input: { file: string; line: number | undefined; detail: string } }
  | { id: number; ok: false; message: string; stack: string | undefined; input?: undefined };

export interface AnalysisRunnerOptions {
  /** Worker threads; 0 runs jobs on the calling thread (blocking it while they run). */
  workers: number;
  /** Results kept, at most. */
  cacheEntries: number;
  /** JSON bytes kept, at most (a result larger than this is served but not kept). */
  cacheBytes: number;
}

/** A finished analysis: its JSON as UTF-8 bytes (encoded once, sent as is), parsed only when a route filters it. */
export class AnalysisResult {
  private value: unknown;
  private parsedOnce = false;
  readonly bytes: Buffer;
  constructor(json: string) {
    this.bytes = Buffer.from(json, 'utf8');
  }
  parsed(): unknown {
    if (!this.parsedOnce) {
      this.value = JSON.parse(this.bytes.toString('utf8'));
      this.parsedOnce = true;
    }
    return this.value;
  }
}

// Under tsx (tests, benchmarks from source) the worker is TypeScript and registers tsx first: a
// worker's entry module loads before the loader hooks it would inherit are in place.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url);

function startWorker(): Worker {
  if (!FROM_SOURCE) return new Worker(WORKER_URL);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { eval: true });
}

interface Pending {
  id: number;
  job: AnalysisJob;
  resolve(json: string): void;
  reject(e: unknown): void;
}

/** One worker thread running one job at a time; restarted after a crash. */
class Slot {
  private worker: Worker | undefined;
  current: Pending | undefined;

  constructor(private readonly onIdle: () => void) {}

  run(p: Pending): void {
    this.current = p;
    const w = (this.worker ??= this.spawn());
    w.postMessage({ id: p.id, job: p.job } satisfies WorkerRequest);
  }

  private spawn(): Worker {
    const w = startWorker();
    w.unref();
    w.on('message', (m: WorkerReply) => {
      const p = this.current;
      if (!p || p.id !== m.id) return;
      this.current = undefined;
      if (m.ok) p.resolve(m.json);
      else if (m.input) p.reject(new InputError(m.input.file, m.input.line, m.input.detail));
      else {
        const e = new Error(m.message);
        if (m.stack !== undefined) e.stack = m.stack;
        p.reject(e);
      }
      this.onIdle();
    });
    const died = (why: unknown): void => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const p = this.current;
      this.current = undefined;
      p?.reject(why instanceof Error ? why : new Error(`the analysis worker stopped (${String(why)})`));
      this.onIdle();
    };
    w.on('error', died);
    w.on('exit', (code) => died(`exit code ${code}`));
    return w;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.current?.reject(new Error('the server is closing'));
    this.current = undefined;
    if (w) await w.terminate();
  }
}

export class AnalysisRunner {
  private readonly cache = new Map<string, Promise<AnalysisResult>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private readonly queue: Pending[] = [];
  private readonly slots: Slot[];
  private nextId = 1;
  /** Computations started (not served from the cache): for tests and the benchmark. */
  computed = 0;

  constructor(private readonly opts: AnalysisRunnerOptions) {
    this.slots = Array.from({ length: opts.workers }, () => new Slot(() => this.dispatch()));
  }

  /** The result for `key`, computing it with `job` unless it is cached or being computed. */
  get(key: string, job: AnalysisJob): Promise<AnalysisResult> {
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    this.computed++;
    const promise = this.execute(job).then((json) => new AnalysisResult(json));
    this.cache.set(key, promise);
    promise.then(
      (r) => this.account(key, promise, r.bytes.length),
      () => {
        // A failure is not remembered: the next request tries again.
        if (this.cache.get(key) === promise) this.cache.delete(key);
      },
    );
    this.evict();
    return promise;
  }

  private account(key: string, promise: Promise<AnalysisResult>, size: number): void {
    if (this.cache.get(key) !== promise) return;
    this.sizes.set(key, size);
    this.bytes += size;
    this.evict();
  }

  private evict(): void {
    for (const key of this.cache.keys()) {
      if (this.cache.size <= this.opts.cacheEntries && this.bytes <= this.opts.cacheBytes) return;
      this.cache.delete(key);
      this.bytes -= this.sizes.get(key) ?? 0;
      this.sizes.delete(key);
    }
  }

  private execute(job: AnalysisJob): Promise<string> {
    if (this.slots.length === 0) return runAnalysisJob(job);
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.current) slot.run(this.queue.shift()!);
    }
  }

  async close(): Promise<void> {
    for (const p of this.queue.splice(0)) p.reject(new Error('the server is closing'));
    await Promise.all(this.slots.map((s) => s.close()));
  }
}
