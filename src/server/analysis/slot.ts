// One analysis worker thread running one job at a time, within a time and a memory budget. A job
// over its time budget has its worker terminated (a running analysis cannot be interrupted any
// other way); a job over its memory budget is stopped by V8 itself (the worker's resourceLimits).
// Either way the job fails with a BudgetError and the slot starts a fresh worker for the next one.
import { Worker } from 'node:worker_threads';
import { InputError } from '../../model/index.js';
import { BudgetError } from './errors.js';
import type { AnalysisJob } from './jobs.js';

export interface WorkerRequest {
  id: number;
  job: AnalysisJob;
}

export type WorkerReply =
  | { id: number; ok: true; json: string }
  | { id: number; ok: false; input: { file: string; line: number | undefined; detail: string } }
  | { id: number; ok: false; message: string; stack: string | undefined; input?: undefined };

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
  resolve(json: string): void;
  reject(e: unknown): void;
}

// Under tsx (tests, benchmarks from source) the worker is TypeScript and registers tsx first: a
// worker's entry module loads before the loader hooks it would inherit are in place.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './worker.ts' : './worker.js', import.meta.url);

function startWorker(memoryMb: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: memoryMb } };
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

export class Slot<J extends SlotJob = SlotJob> {
  private worker: Worker | undefined;
  private current: J | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Whether the worker has loaded its code: a job's time budget starts from then. */
  private ready = false;

  /** `onDone` hears of every job that ends, however it ends, once the slot is free again. */
  constructor(
    private readonly limits: SlotLimits,
    private readonly onDone: (job: J) => void,
  ) {}

  get busy(): boolean {
    return this.current !== undefined;
  }

  run(p: J): void {
    this.current = p;
    const w = (this.worker ??= this.spawn());
    if (this.ready) this.startClock();
    w.postMessage({ id: p.id, job: p.job } satisfies WorkerRequest);
  }

  /** Ends the current job: frees the slot first, so that onDone can hand it the next. */
  private settle(outcome: { json: string } | { error: unknown }): void {
    const p = this.current;
    if (!p) return;
    clearTimeout(this.timer);
    this.current = undefined;
    if ('json' in outcome) p.resolve(outcome.json);
    else p.reject(outcome.error);
    this.onDone(p);
  }

  private startClock(): void {
    this.timer = setTimeout(() => this.overTime(), this.limits.timeLimit * 1000);
  }

  private overTime(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
    this.settle({ error: new BudgetError('time', `${this.limits.timeLimit} s`) });
  }

  private spawn(): Worker {
    const w = startWorker(this.limits.memoryMb);
    w.unref();
    this.ready = false;
    w.on('message', (m: WorkerMessage) => {
      // A terminated worker's last messages are no answer to the current job.
      if (this.worker !== w) return;
      if ('ready' in m) {
        this.ready = true;
        if (this.current) this.startClock();
        return;
      }
      if (this.current?.id !== m.id) return;
      this.settle(m.ok ? { json: m.json } : { error: replyError(m) });
    });
    const died = (why: unknown): void => {
      if (this.worker !== w) return;
      this.worker = undefined;
      const oom = why instanceof Error && (why as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      const error = oom ? new BudgetError('memory', `${this.limits.memoryMb} MB of heap`) : why instanceof Error ? why : new Error(`the analysis worker stopped (${String(why)})`);
      this.settle({ error });
    };
    w.on('error', died);
    w.on('exit', (code) => died(`exit code ${code}`));
    return w;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    const p = this.current;
    clearTimeout(this.timer);
    this.current = undefined;
    p?.reject(new Error('the server is closing'));
    if (w) await w.terminate();
  }
}
