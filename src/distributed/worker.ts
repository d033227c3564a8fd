// `cleanpath worker`: takes analysis jobs from the queue and runs them in compute processes (one
// per concurrent job). BullMQ holds a lock on each running job and renews it from this process;
// if this process dies, the lock lapses and another worker's stalled check requeues the job.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ComputeReply, ComputeRequest } from './compute-child.js';
import { JobSchema } from './jobs.js';
import { checkRedis, connect, DEFAULT_PREFIX, LOCK_MS, MAX_STALLED, QUEUE_NAME, STALLED_MS } from './queue.js';

export interface AnalysisWorkerOptions {
  redisUrl: string;
  prefix?: string;
  /** jobs at once, each in its own compute process (and its own graph cache); default 1 */
  concurrency?: number;
  /** threads per job inside a compute process; default 1 */
  threads?: number;
  /** names this worker in logs and results; default host:pid */
  name?: string;
  log?: (line: string) => void;
}

export interface RunningWorker {
  readonly name: string;
  close(): Promise<void>;
}

/** The compiled child beside this module, else the TypeScript source run through tsx. */
function forkCompute(): ChildProcess {
  const js = fileURLToPath(new URL('./compute-child.js', import.meta.url));
  if (existsSync(js)) return fork(js, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ts = fileURLToPath(new URL('./compute-child.ts', import.meta.url));
  const execArgv = process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'];
  return fork(ts, [], { execArgv, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** One compute process, respawned when it dies; runs one request at a time. */
class ComputeSlot {
  private child: ChildProcess | null = null;
  private pending: { id: number; resolve: (r: ComputeReply) => void; reject: (e: Error) => void } | null = null;
  private nextId = 1;
  busy = false;

  /** starts the compute process if it is not running; returns its pid */
  start(): number {
    return this.ensure().pid ?? -1;
  }

  private ensure(): ChildProcess {
    if (this.child && this.child.exitCode === null && this.child.connected) return this.child;
    const c = forkCompute();
    c.on('message', (m: ComputeReply) => {
      if (this.pending && m.id === this.pending.id) {
        const p = this.pending;
        this.pending = null;
        p.resolve(m);
      }
    });
    c.on('exit', (code, signal) => {
      if (this.child === c) this.child = null;
      const p = this.pending;
      this.pending = null;
      p?.reject(new Error(`compute process exited (${signal ?? `code ${code}`}) during the job`));
    });
    this.child = c;
    return c;
  }

  run(job: unknown, threads: number, worker: string): Promise<ComputeReply> {
    const c = this.ensure();
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending = { id, resolve, reject };
      const req: ComputeRequest = { id, job, threads, worker };
      c.send(req);
    });
  }

  kill(): void {
    this.child?.kill('SIGKILL');
    this.child = null;
  }

}

export async function startWorker(opts: AnalysisWorkerOptions): Promise<RunningWorker> {
  await checkRedis(opts.redisUrl);
  const name = opts.name ?? `${hostname()}:${process.pid}`;
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const threads = Math.max(1, opts.threads ?? 1);
  const slots = Array.from({ length: concurrency }, () => new ComputeSlot());

  const processor = async (job: Job): Promise<unknown> => {
    const parsed = JobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id}: invalid payload: ${parsed.error.message}`);
    const j = parsed.data;
    const what = j.kind === 'exposure' ? `exposure groups ${j.from}-${j.to}` : 'killswitch';
    const slot = slots.find((s) => !s.busy);
    if (!slot) throw new Error('no free compute slot (concurrency accounting)');
    slot.busy = true;
    log(`worker ${name}: job ${job.id} (${what}) started, attempt ${job.attemptsMade + 1}, compute pid ${slot.start()}`);
    try {
      const reply = await slot.run(j, threads, name);
      if (!reply.ok) {
        log(`worker ${name}: job ${job.id} failed: ${reply.message}`);
        throw reply.permanent ? new UnrecoverableError(reply.message) : new Error(reply.message);
      }
      log(`worker ${name}: job ${job.id} done (load ${reply.cached ? 'cached' : `${reply.loadMs} ms`}, run ${reply.runMs} ms)`);
      return reply.result;
    } finally {
      slot.busy = false;
    }
  };

  const connection = connect(opts.redisUrl);
  const worker = new Worker(QUEUE_NAME, processor, {
    connection,
    prefix: opts.prefix ?? DEFAULT_PREFIX,
    concurrency,
    name,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_MS,
    maxStalledCount: MAX_STALLED,
    autorun: false,
  });
  worker.on('error', (e) => log(`worker ${name}: ${e.message}`));
  void worker.run();
  await worker.waitUntilReady();
  log(`worker ${name}: ready on ${opts.redisUrl} (queue ${opts.prefix ?? DEFAULT_PREFIX}:${QUEUE_NAME}, concurrency ${concurrency}, threads ${threads})`);
  return {
    name,
    async close() {
      await worker.close();
      for (const s of slots) s.kill();
      // BullMQ leaves connections it was given open
      connection.disconnect();
    },
  };
}
