// The worker side of a threaded import (see import-threaded.ts): reads one file, identifies its
// devices and flattens them to column values, so the importing thread only writes to SQLite.
// Batches go out as the importing thread asks for them (a few in flight), so memory stays bounded.
import { parentPort, workerData } from 'node:worker_threads';
import { attributeDevice, createIdentifyContext } from '../identify/index.js';
import { openImport, type FormatId } from '../ingest/index.js';
import { readTacFile } from '../ingest/plain/index.js';
import { isInputError, type ImportWarning } from '../model/index.js';
import type { EncodedBatch, WorkerInput, WorkerMessage } from './import-threaded.js';
import { pushDeviceValues, type SqlValue } from './rows.js';

const input = workerData as WorkerInput;
const port = parentPort!;
let credits = input.inFlight;
let wake: (() => void) | undefined;
port.on('message', () => {
  credits++;
  wake?.();
});

function send(m: WorkerMessage): void {
  port.postMessage(m);
}

async function sendBatch(b: EncodedBatch): Promise<void> {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  wake = undefined;
  credits--;
  send({ t: 'batch', batch: b });
}

async function run(): Promise<void> {
  const ctx = createIdentifyContext(input.tacCsvPath === undefined ? {} : { tac: readTacFile(input.tacCsvPath) });
  const reader = await openImport(input.path, { format: input.format as FormatId, batchSize: input.batchSize });
  const chunkRows = input.chunkRows;
  // Whole chunks only, carried across batches, so the writer runs each as one statement as is.
  let chunk: SqlValue[] = [];
  let inChunk = 0;
  // Warnings go out per group of `groupRecords` records, sorted by line within the group: the
  // batches a single-thread import reads, so both report the same warnings in the same order
  // (and --strict stops at the same one).
  let group: ImportWarning[] = [];
  let inGroup = 0;
  for await (const b of reader.batches()) {
    const rows: SqlValue[][] = [];
    for (const w of b.warnings) group.push(w);
    const recs = b.devices;
    for (let i = 0; i < recs.length; i++) {
      const r = attributeDevice(recs[i]!, ctx);
      for (const w of r.warnings) group.push(w);
      // The snapshot and seq slots are the writer's to fill.
      pushDeviceValues(chunk, 0, 0, r.device);
      if (++inChunk === chunkRows) {
        rows.push(chunk);
        chunk = [];
        inChunk = 0;
      }
    }
    inGroup += recs.length;
    const final = typeof b.meta.rows === 'number';
    let warnings: ImportWarning[] = [];
    if (final || inGroup >= input.groupRecords) {
      warnings = group;
      if (warnings.length > 1) warnings.sort((x, y) => x.line - y.line);
      group = [];
      inGroup = 0;
    }
    await sendBatch({ deviceRows: rows, devices: recs.length, warnings, sites: b.sites, links: b.links, flows: b.flows, meta: b.meta });
  }
  if (group.length > 0) throw new Error('import worker: warnings left over after the final batch');
  if (inChunk > 0) await sendBatch({ deviceRows: [chunk], devices: 0, warnings: [], sites: [], links: [], flows: [], meta: {} });
  send({ t: 'end' });
}

run().catch((e: unknown) => {
  if (isInputError(e)) send({ t: 'error', input: { file: e.file, line: e.line, detail: e.detail } });
  else send({ t: 'error', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });
});
