// One analysis worker thread running one job at a time, within a time and a memory budget. A job
// over its time budget has its worker terminated (a running analysis cannot be interrupted any
// other way); a job over its memory budget is stopped by V8 itself (the worker's resourceLimits).
// Either way the job fails with a BudgetError and the slot starts a fresh worker for the next one.
// A slot runs its jobs at normal or low priority: on Linux, a low slot's thread has a higher nice
// value, so that a flood of one organisation's jobs yields the CPU to everyone else's.
import { Worker } from 'node:worker_threads';
import { InputError } from '../../model/index.js';
import { BudgetError } from './errors.js';
import type { AnalysisJob } from './jobs.js';

export interface WorkerRequest {
  id: number;
  job: AnalysisJob;
}

export type WorkerReply =
  /** The result's JSON as UTF-8, its buffer transferred: no copy, and no large string on the request thread. */
  | { id: number; ok: true; bytes: Uint8Array }
  | { id: number; ok: false; input: { file: string; line: number | undefined; detail: string } }
  | { id: number; ok: false; message: string; stack: string | undefined; input?: undefined };

export interface WorkerData {
  /** The worker thread's scheduling priority (Linux nice value); 0 leaves it as the server's. */
  nice: number;
}

/** What the worker posts: a reply to a job, or once, when its code has loaded, that it is ready. */
export type WorkerMessage = WorkerReply | { ready: true };

export interface SlotLimits {
  /** Seconds a job may run. */
  timeLimit: number;
  /** The worker's old-generation heap, MB. */
  memoryMb: number;
}

export interface SlotJob {
  id: number;
  job: AnalysisJob;
  resolve(bytes: Uint8Array): void;
  reject(e: unknown): void;
}

// Under tsx (tests, benchmarks from source) the worker is TypeScript and registers tsx first: a
// worker's entry module loads before the loader hooks it would inherit are in place.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url);

function startWorker(memoryMb: number, nice: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: memoryMb }, workerData: { nice } satisfies WorkerData };
  if (!FROM_SOURCE) return new Worker(WORKER_URL, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

function replyError(m: WorkerReply & { ok: false }): Error {
  if (m.input) return new InputError(m.input.file, m.input.line, m.input.detail);
  const e = new Error(m.message);
  if (m.stack !== undefined) e.stack = m.stack;
  return e;
}

/** Normal: the server's priority. Low: yields the CPU to the request thread and to normal jobs. */
export type Priority = 'normal' | 'low';
const NICE: Record<Priority, number> = { normal: 0, low: 10 };

export class Slot<J extends SlotJob = SlotJob> {
  private worker: Worker | undefined;
  private current: J | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Whether the worker has loaded its code: a job's time budget starts from then. */
  private ready = false;

  /** `onDone` hears of every job that ends, however it ends, once the slot is free again. */
  constructor(
    private readonly limits: SlotLimits,
    readonly priority: Priority,
    private readonly onDone: (job: J) => void,
  ) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  /** Starts the worker now if it is not running, so that the next job need not wait for it to load. */
  warm(): Worker {
    return (this.worker ??= this.spawn());
  }

  run(p: J): void {
    this.current = p;
    const w = this.warm();
    if (this.ready) this.startClock();
    w.postMessage({ id: p.id, job: p.job } satisfies WorkerRequest);
  }

  /** Ends the current job: frees the slot first, so that onDone can hand it the next. */
  private settle(outcome: { bytes: Uint8Array } | { error: unknown }): void {
    const p = this.current;
    if (!p) return;
    clearTimeout(this.timer);
    this.current = undefined;
    if ('bytes' in outcome) p.resolve(outcome.bytes);
    else p.reject(outcome.error);
    this.onDone(p);
  }

  private startClock(): void {
    this.timer = setTimeout(() => this.overTime(), this.limits.timeLimit * 1000);
  }

  private overTime(): void {
    void this.stop();
    this.settle({ error: new BudgetError('time', `${this.limits.timeLimit} s`) });
  }

  /** Forgets the worker (its late messages and exit are then ignored) and terminates it. */
  private async stop(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private spawn(): Worker {
    const w = startWorker(this.limits.memoryMb, NICE[this.priority]);
    w.unref();
    this.ready = false;
    w.on('message', (m: WorkerMessage) => {
      if (this.worker !== w) return;
      if ('ready' in m) {
        this.ready = true;
        if (this.current) this.startClock();
      } else if (this.current?.id === m.id) this.settle(m.ok ? { bytes: m.bytes } : { error: replyError(m) });
    });
    const died = (why: unknown): void => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const oom = why instanceof Error && (why as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.settle({ error: oom ? new BudgetError('memory', `${this.limits.memoryMb} MB of heap`) : why instanceof Error ? why : new Error(`the analysis worker stopped (${String(why)})`) });
    };
    w.on('error', died);
    w.on('exit', (code) => died(`exit code ${code}`));
    return w;
  }

  async close(): Promise<void> {
    const p = this.current;
    clearTimeout(this.timer);
    this.current = undefined;
    p?.reject(new Error('the server is closing'));
    await this.stop();
  }
}
