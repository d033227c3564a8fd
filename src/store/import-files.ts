import { statSync } from 'node:fs';
import { attributeDevice, createIdentifyContext } from '../identify/index.js';
import { FORMAT_IDS, openImport, type ColumnMap } from '../ingest/index.js';
import { withNetboxLive } from '../ingest/netbox/live.js';
import { readTacFile } from '../ingest/plain/index.js';
import { InputError, isOneOf } from '../model/index.js';
import { runImport, type ImportFilesOptions, type ImportPipeline, type ImportSource, type ImportSummary } from './import-run.js';
import { workerBatches } from './import-threaded.js';
import { DEVICE_CHUNK } from './sqlite-writer.js';
import type { Store } from './types.js';

/** Files at least this big are read in a worker thread (unless `worker` says otherwise). */
const WORKER_MIN_BYTES = 8 << 20;

export type { FileSummary, ImportFilesOptions, ImportProgress, ImportSummary } from './import-run.js';

/**
 * Imports `paths` (any format the ingest stage detects) into one new snapshot of `store`, in
 * one transaction: either every file lands or, on any error, none does.
 */
export function importFiles(store: Store, paths: string[], opts: ImportFilesOptions = {}): Promise<ImportSummary> {
  // Both backends' writers take the worker's pre-encoded rows (SQLite binds them, PostgreSQL COPYs them).
  const threaded = opts.worker !== false;
  // A column map is applied in this thread only: a mapped file is never read by the worker.
  // So is an update: its rows are matched to the base's devices before they are identified.
  const workerMin = threaded && opts.columns === undefined && !opts.update ? (opts.worker === true ? 0 : WORKER_MIN_BYTES) : Infinity;
  return runImport(store, paths, opts, withNetboxLive(realPipeline(opts.tacCsvPath, workerMin, opts.columns, opts.update === true), opts.netbox));
}

function realPipeline(tacCsvPath: string | undefined, workerMinBytes: number, columns?: ColumnMap, nameKeyed = false): ImportPipeline {
  let ctx: ReturnType<typeof createIdentifyContext> | undefined;
  const size = (path: string): number | undefined => {
    try {
      return statSync(path).size;
    } catch {
      return undefined;
    }
  };
  return {
    open: async (path, format) => {
      if (format !== undefined && !isOneOf(FORMAT_IDS, format)) {
        throw new InputError(path, undefined, `unknown format '${format}' (known formats: ${FORMAT_IDS.join(', ')})`);
      }
      // Detects the format (and rejects an unreadable or unknown file) before any thread starts.
      const reader = await openImport(path, { ...(format !== undefined && { format }), ...(columns !== undefined && { columns }), ...(nameKeyed && { nameKeyed }) });
      // Only the streaming inventory CSV reader is threaded: the other formats are read whole
      // and hold topology rather than many devices.
      if (reader.format !== 'inventory-csv' || (size(path) ?? 0) < workerMinBytes) return reader;
      const source: ImportSource = {
        format: reader.format,
        file: reader.file,
        batches: () => workerBatches(path, reader.format, DEVICE_CHUNK, tacCsvPath),
      };
      return source;
    },
    // Built on first use: a threaded import identifies in its worker and never needs it here.
    identify: (rec) => attributeDevice(rec, (ctx ??= createIdentifyContext(tacCsvPath === undefined ? {} : { tac: readTacFile(tacCsvPath) }))),
    size,
  };
}
