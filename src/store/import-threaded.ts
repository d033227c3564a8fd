// A threaded import source: a worker thread parses the file, identifies its devices and flattens
// them to column values (import-worker.ts) while this thread writes the previous batch to SQLite,
// so the two halves of an import run on two cores. Errors cross back unchanged (an InputError
// keeps its file, line and message), and the import's one transaction stays in this thread.
import { Worker } from 'node:worker_threads';
import { DEFAULT_BATCH_SIZE } from '../ingest/limits.js';
import { InputError, type Flow, type ImportWarning, type Link, type Site } from '../model/index.js';
import type { SqlValue } from './rows.js';

/** One batch as the worker hands it over: devices already flattened to DEVICE_WIDTH values a row. */
export interface EncodedBatch {
  /** Chunks of whole rows; the snapshot and seq slots are placeholders for the writer. */
  deviceRows: SqlValue[][];
  /** Devices read in this batch (their rows may go out in a later batch's chunks). */
  devices: number;
  /** The batch's own warnings and identification's, by line. */
  warnings: ImportWarning[];
  sites: Site[];
  links: Link[];
  flows: Flow[];
  meta: Record<string, string | number>;
}

export interface WorkerInput {
  path: string;
  format: string;
  tacCsvPath?: string;
  chunkRows: number;
  /** Batches the worker may send ahead of the writer. */
  inFlight: number;
  /** Records per batch read. */
  batchSize: number;
  /** Records per batch of a single-thread import: warnings are grouped and sorted as it does. */
  groupRecords: number;
}

export type WorkerMessage =
  | { t: 'batch'; batch: EncodedBatch }
  | { t: 'end' }
  | { t: 'error'; input: { file: string; line: number | undefined; detail: string } }
  | { t: 'error'; message: string; stack: string | undefined; input?: undefined };

// Under tsx (tests, benchmarks from source) this module is TypeScript and so is the worker,
// which then registers tsx itself first: a worker's entry module is loaded before the loader
// hooks it inherits are in place.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(FROM_SOURCE ? './import-worker.ts' : './import-worker.js', import.meta.url);

function startWorker(input: WorkerInput): Worker {
  const opts = { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } };
  if (!FROM_SOURCE) return new Worker(WORKER_URL, opts);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL.href)}); })`;
  return new Worker(boot, { ...opts, eval: true });
}

/** Batches the worker may run ahead: enough to keep both threads busy, few enough to bound memory. */
const IN_FLIGHT = 4;
/**
 * Records per batch: small, so that a batch dies young on both sides (parsed, sent, written
 * within one young-generation cycle) instead of being copied and promoted by the GC.
 */
const BATCH_RECORDS = 1000;
if (DEFAULT_BATCH_SIZE % BATCH_RECORDS !== 0) throw new Error('the worker batch must divide the default batch');
/** A roomier young generation for the worker: its garbage is almost all per-record. */
const WORKER_YOUNG_MB = 64;

export async function* workerBatches(path: string, format: string, chunkRows: number, tacCsvPath: string | undefined): AsyncGenerator<EncodedBatch> {
  const input: WorkerInput = { path, format, chunkRows, inFlight: IN_FLIGHT, batchSize: BATCH_RECORDS, groupRecords: DEFAULT_BATCH_SIZE };
  if (tacCsvPath !== undefined) input.tacCsvPath = tacCsvPath;
  const worker = startWorker(input);
  const queue: WorkerMessage[] = [];
  let failure: { e: unknown } | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  const poke = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  worker.on('message', (m: WorkerMessage) => {
    queue.push(m);
    poke();
  });
  worker.on('error', (e) => {
    failure ??= { e };
    poke();
  });
  worker.on('exit', () => {
    exited = true;
    poke();
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure.e;
        if (exited) throw new Error(`the import worker for ${path} stopped before the end of the file`);
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const m = queue.shift()!;
      if (m.t === 'end') return;
      if (m.t === 'error') throw revive(m);
      worker.postMessage(0);
      yield m.batch;
    }
  } finally {
    await worker.terminate();
  }
}

function revive(m: Extract<WorkerMessage, { t: 'error' }>): Error {
  if (m.input) return new InputError(m.input.file, m.input.line, m.input.detail);
  const e = new Error(m.message);
  if (m.stack !== undefined) e.stack = m.stack;
  return e;
}
