// Runs analysis jobs (jobs.ts) off the request thread and remembers their results. A report or a
// plan costs up to seconds of CPU; in a worker thread it never stalls the requests around it.
// Snapshots are immutable, so a result is valid for as long as it is kept: the cache is a plain
// LRU bounded by entries and bytes, and a second request for a result still being computed waits
// for the same computation instead of starting another. Jobs wait in per-organisation queues
// served round-robin (fair-queue.ts) and run within a time and memory budget (slot.ts).
import { QueueFullError } from './errors.js';
import { FairQueue } from './fair-queue.js';
import { runAnalysisJob, type AnalysisJob } from './jobs.js';
import { Slot, type Priority, type SlotJob } from './slot.js';

export type { WorkerReply, WorkerRequest } from './slot.js';

export interface AnalysisRunnerOptions {
  /** Worker threads; 0 runs jobs on the calling thread (blocking it while they run, no queue, no budget). */
  workers: number;
  /** Results kept, at most. */
  cacheEntries: number;
  /** JSON bytes kept, at most (a result larger than this is served but not kept). */
  cacheBytes: number;
  /** Analyses an organisation may have queued or running; beyond, a QueueFullError (429). */
  queuePerOrganisation: number;
  /** Seconds an analysis may run before its worker is stopped. */
  timeLimit: number;
  /** Each worker's heap (V8 old generation), MB. */
  memoryMb: number;
}

/** A finished analysis: its JSON as UTF-8 bytes (encoded once, sent as is), parsed only when a route filters it. */
export class AnalysisResult {
  private value: unknown;
  private parsedOnce = false;
  readonly bytes: Buffer;
  constructor(json: string | Uint8Array) {
    this.bytes = typeof json === 'string' ? Buffer.from(json, 'utf8') : Buffer.from(json.buffer, json.byteOffset, json.byteLength);
  }
  parsed(): unknown {
    if (!this.parsedOnce) {
      this.value = JSON.parse(this.bytes.toString('utf8'));
      this.parsedOnce = true;
    }
    return this.value;
  }
}

interface Pending extends SlotJob {
  organisation: string;
  started: number;
}

/** What a job's duration counts for in the running mean that Retry-After is estimated from. */
const DURATION_WEIGHT = 0.2;

export class AnalysisRunner {
  private readonly cache = new Map<string, Promise<AnalysisResult>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private readonly queue: FairQueue<Pending>;
  private readonly slots: Slot<Pending>[];
  private nextId = 1;
  private closed = false;
  /** Running mean of job durations, ms; a second until the first job says otherwise. */
  private meanMs = 1000;
  /** Computations started (not served from the cache): for tests and the benchmark. */
  computed = 0;

  /**
   * `workers` normal-priority slots, and for bursting organisations (FairQueue) one fewer at low
   * priority (at least one): those take only the CPU the normal ones leave.
   */
  constructor(private readonly opts: AnalysisRunnerOptions) {
    const limits = { timeLimit: opts.timeLimit, memoryMb: opts.memoryMb };
    const slot = (priority: Priority) => new Slot<Pending>(limits, priority, (p) => this.done(p));
    const low = opts.workers === 0 ? 0 : Math.max(1, opts.workers - 1);
    this.slots = [...Array.from({ length: opts.workers }, () => slot('normal')), ...Array.from({ length: low }, () => slot('low'))];
    this.queue = new FairQueue({ perOrganisation: opts.queuePerOrganisation });
  }

  /**
   * The result for `key`, computing it with `job` unless it is cached or being computed. Rejects
   * with a QueueFullError when the job's organisation has its bound of jobs queued or running, and
   * with a BudgetError when the job ran out of time or memory; neither is cached.
   */
  get(key: string, job: AnalysisJob): Promise<AnalysisResult> {
    const hit = this.cache.get(key);
    if (hit) {
      // Most recently used last: Map keeps insertion order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    if (this.slots.length && this.queue.isFull(job.organisation)) return Promise.reject(new QueueFullError(this.opts.queuePerOrganisation, this.retryAfter(job.organisation)));
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

  /**
   * Seconds until the organisation's queue has room again: one of its jobs finishing, about one
   * mean duration away when it has one running, about two when all of its jobs still wait their turn.
   */
  private retryAfter(organisation: string): number {
    const turns = this.queue.load(organisation).running > 0 ? 1 : 2;
    return Math.max(1, Math.ceil((this.meanMs * turns) / 1000));
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

  private execute(job: AnalysisJob): Promise<string | Uint8Array> {
    if (this.slots.length === 0) return runAnalysisJob(job);
    return new Promise<Uint8Array>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, job, organisation: job.organisation, started: 0, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    if (this.closed) return;
    // Every normal worker loaded from the first job on, and a stopped one replaced at once: a worker
    // takes a moment to load, which must not fall on the first job of another organisation to
    // arrive. A low one loads when a burst first needs it.
    for (const slot of this.slots) {
      if (slot.priority === 'normal') slot.warm();
      if (slot.busy) continue;
      const p = this.queue.next(slot.priority);
      if (!p) continue;
      p.started = performance.now();
      slot.run(p);
    }
  }

  private done(p: Pending): void {
    this.queue.finished(p.organisation);
    this.meanMs += DURATION_WEIGHT * (performance.now() - p.started - this.meanMs);
    this.dispatch();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.drain()) p.reject(new Error('the server is closing'));
    await Promise.all(this.slots.map((s) => s.close()));
  }
}
