// The analysis worker thread (see runner.ts): runs one job at a time as the server posts them and
// answers with the JSON text, or with the error (an InputError keeps its file, line and detail).
import { parentPort } from 'node:worker_threads';
import { isInputError } from '../../model/index.js';
import { runAnalysisJob } from './jobs.js';
import type { WorkerMessage, WorkerRequest } from './slot.js';

const port = parentPort!;

port.on('message', (m: WorkerRequest) => {
  void (async () => {
    let reply: WorkerMessage;
    try {
      reply = { id: m.id, ok: true, json: await runAnalysisJob(m.job) };
    } catch (e) {
      reply = isInputError(e)
        ? { id: m.id, ok: false, input: { file: e.file, line: e.line, detail: e.detail } }
        : { id: m.id, ok: false, message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
    }
    port.postMessage(reply);
  })();
});

// Loaded: the job's time budget starts now, not while this thread was still loading the analyses.
port.postMessage({ ready: true } satisfies WorkerMessage);
