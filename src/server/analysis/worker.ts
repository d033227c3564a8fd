// The analysis worker thread (see runner.ts): runs one job at a time as the server posts them and
// answers with the JSON text, or with the error (an InputError keeps its file, line and detail).
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { isInputError } from '../../model/index.js';
import type { WorkerData, WorkerMessage, WorkerRequest } from './slot.js';

const port = parentPort!;

// On Linux a nice value is per thread, so this lowers this worker's priority alone (before it loads
// the analyses, which takes a while). Elsewhere it would lower the whole server's: left as is.
const { nice } = workerData as WorkerData;
if (nice !== 0 && process.platform === 'linux') setPriority(nice);

const { runAnalysisJob } = await import('./jobs.js');

/** The reply to a job, and what it transfers rather than copies. */
async function answer(m: WorkerRequest): Promise<[WorkerMessage, ArrayBuffer[]]> {
  try {
    // TextEncoder's array owns its buffer (Buffer.from may share a pool's), so it can be transferred.
    const bytes = new TextEncoder().encode(await runAnalysisJob(m.job));
    return [{ id: m.id, ok: true, bytes }, [bytes.buffer as ArrayBuffer]];
  } catch (e) {
    const reply: WorkerMessage = isInputError(e)
      ? { id: m.id, ok: false, input: { file: e.file, line: e.line, detail: e.detail } }
      : { id: m.id, ok: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
    return [reply, []];
  }
}

port.on('message', (m: WorkerRequest) => {
  void answer(m).then(([reply, transfer]) => port.postMessage(reply, transfer));
});

// Loaded: the job's time budget starts now, not while this thread was still loading the analyses.
port.postMessage({ ready: true } satisfies WorkerMessage);
