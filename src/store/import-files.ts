import { statSync } from 'node:fs';
import { attributeDevice, createIdentifyContext } from '../identify/index.js';
import { FORMAT_IDS, openImport } from '../ingest/index.js';
import { InputError, isOneOf } from '../model/index.js';
import { runImport, type ImportFilesOptions, type ImportPipeline, type ImportSummary } from './import-run.js';
import type { Store } from './types.js';

export type { FileSummary, ImportFilesOptions, ImportProgress, ImportSummary } from './import-run.js';

/**
 * Imports `paths` (any format the ingest stage detects) into one new snapshot of `store`, in
 * one transaction: either every file lands or, on any error, none does.
 */
export function importFiles(store: Store, paths: string[], opts: ImportFilesOptions = {}): Promise<ImportSummary> {
  return runImport(store, paths, opts, realPipeline(opts.tacCsvPath));
}

function realPipeline(tacCsvPath: string | undefined): ImportPipeline {
  const ctx = createIdentifyContext(tacCsvPath === undefined ? {} : { tacCsvPath });
  return {
    open: (path, format) => {
      if (format === undefined) return openImport(path);
      if (!isOneOf(FORMAT_IDS, format)) {
        throw new InputError(path, undefined, `unknown format '${format}' (known formats: ${FORMAT_IDS.join(', ')})`);
      }
      return openImport(path, { format });
    },
    identify: (rec) => attributeDevice(rec, ctx),
    size: (path) => {
      try {
        return statSync(path).size;
      } catch {
        return undefined;
      }
    },
  };
}
