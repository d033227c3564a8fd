import { InputError, type Device, type DeviceRecord, type ImportBatch, type ImportWarning } from '../model/index.js';
import type { ColumnMap } from '../ingest/column-map.js';
import type { NetboxLiveOptions } from '../ingest/netbox/live.js';
import type { EncodedBatch } from './import-threaded.js';
import type { SqlValue } from './rows.js';
import { defaultSnapshotName } from './snapshot-name.js';
import type { ImportContent, ImportWriter, SnapshotInfo, Store } from './types.js';

/**
 * One opened input file, as the ingest stage hands it over; or, read by a worker thread, with
 * its devices already identified and flattened to column values (EncodedBatch).
 */
export interface ImportSource {
  format: string;
  file: string;
  batches(): AsyncIterable<ImportBatch | EncodedBatch>;
}

/** A writer that also takes devices already flattened to column values (both backends' do). */
interface EncodedWriter extends ImportWriter {
  addEncoded(deviceRows: readonly SqlValue[][], rest: Omit<ImportContent, 'devices'>): Promise<void>;
}

/** The stages an import runs through; injected so this module depends on neither. */
export interface ImportPipeline {
  /** `format` forces a format instead of detecting it. */
  open(path: string, format?: string): Promise<ImportSource>;
  identify(rec: DeviceRecord): { device: Device; warnings: ImportWarning[] };
  /** Size of the file, for progress; absent when unknown. */
  size?(path: string): number | undefined;
}

export interface ImportProgress {
  file: string;
  records: number;
  bytesRead?: number;
  totalBytes?: number;
}

export interface ImportFilesOptions {
  /** Defaults to a unique name from the time, e.g. `import-2026-11-28T21-40-12Z`. */
  snapshot?: string;
  /** Start from this snapshot's rows (e.g. add links and flows to an earlier inventory). */
  base?: string;
  note?: string;
  /** The organisation the snapshot belongs to (default: the default organisation). */
  organisation?: string;
  /** Read every file as this format instead of detecting each one's. */
  format?: string;
  /** Renames the columns of inventory CSV/JSON files before they are read (`--map`). */
  columns?: ColumnMap;
  /** Any warning aborts the import (nothing is written). */
  strict?: boolean;
  /**
   * Parse and identify in a worker thread while this one writes: true
   * always, false never; by default for files of at least 8 MiB, where it pays for its start-up.
   */
  worker?: boolean;
  tacCsvPath?: string;
  /** For `netbox+https://HOST/` paths: token variable, role map, progress (ingest/netbox/live.ts). */
  netbox?: NetboxLiveOptions;
  onProgress?: (p: ImportProgress) => void;
}

export interface FileSummary {
  file: string;
  format: string;
  /** Devices + sites + links + flows read from the file. */
  records: number;
  devices: number;
  sites: number;
  links: number;
  flows: number;
  /** How many; the warnings themselves are in ImportSummary.warnings. */
  warnings: number;
}

export interface ImportSummary {
  snapshot: SnapshotInfo;
  files: FileSummary[];
  /** Every warning of every file, file by file, in line order within a batch. */
  warnings: ImportWarning[];
}

/**
 * Reads every file, identifies every device and writes it all as one new snapshot in one
 * transaction: on any error (bad input, a warning under `strict`, a bug) nothing is written.
 * Links and flows may name devices of another file, or of none: that is the analyses' concern.
 */
export async function runImport(store: Store, paths: readonly string[], opts: ImportFilesOptions, pipeline: ImportPipeline): Promise<ImportSummary> {
  if (paths.length === 0) throw new InputError('import', undefined, 'no files to import');
  // Every file is opened (and its format detected) before the write transaction starts.
  const sources: ImportSource[] = [];
  for (const p of paths) sources.push(await pipeline.open(p, opts.format));

  const snapshot = opts.snapshot ?? defaultSnapshotName(new Date(), new Set((await store.listSnapshots(opts.organisation)).map((s) => s.name)));
  const begin = {
    snapshot,
    ...(opts.base !== undefined && { base: opts.base }),
    ...(opts.note !== undefined && { note: opts.note }),
    ...(opts.organisation !== undefined && { organisation: opts.organisation }),
  };
  const writer = await store.beginImport(begin);
  try {
    const files: FileSummary[] = [];
    const all: ImportWarning[] = [];
    for (const [i, src] of sources.entries()) {
      const fs: FileSummary = { file: src.file, format: src.format, records: 0, devices: 0, sites: 0, links: 0, flows: 0, warnings: 0 };
      const warnings: ImportWarning[] = [];
      const totalBytes = pipeline.size?.(paths[i]!);
      for await (const batch of src.batches()) {
        if (!('format' in batch)) {
          for (const w of batch.warnings) warnings.push(w);
          if (opts.strict && warnings.length > 0) throw strictError(warnings);
          if (!('addEncoded' in writer)) throw new Error('this store cannot take pre-encoded device rows');
          await (writer as EncodedWriter).addEncoded(batch.deviceRows, batch);
          fs.devices += batch.devices;
          fs.sites += batch.sites.length;
          fs.links += batch.links.length;
          fs.flows += batch.flows.length;
          fs.records = fs.devices + fs.sites + fs.links + fs.flows;
          opts.onProgress?.(progress(fs, batch, totalBytes));
          continue;
        }
        const devices = identifyAll(batch, pipeline, warnings);
        if (opts.strict && warnings.length > 0) throw strictError(warnings);
        await writer.add({ devices, sites: batch.sites, links: batch.links, flows: batch.flows });
        fs.devices += devices.length;
        fs.sites += batch.sites.length;
        fs.links += batch.links.length;
        fs.flows += batch.flows.length;
        fs.records = fs.devices + fs.sites + fs.links + fs.flows;
        opts.onProgress?.(progress(fs, batch, totalBytes));
      }
      fs.warnings = warnings.length;
      const { file, format, records, devices, sites, links, flows } = fs;
      await writer.addImportRecord({ file, format, records, warnings, devices, sites, links, flows });
      files.push(fs);
      for (const w of warnings) all.push(w);
    }
    return { snapshot: await writer.commit(), files, warnings: all };
  } catch (e) {
    await writer.rollback();
    throw e;
  }
}

/** Attributes the batch's devices; the batch's own warnings and identification's go to `sink`, by line. */
function identifyAll(batch: ImportBatch, pipeline: ImportPipeline, sink: ImportWarning[]): Device[] {
  const found: ImportWarning[] = [...batch.warnings];
  const devices = new Array<Device>(batch.devices.length);
  for (let i = 0; i < devices.length; i++) {
    const r = pipeline.identify(batch.devices[i]!);
    devices[i] = r.device;
    for (const w of r.warnings) found.push(w);
  }
  if (found.length > 1) found.sort((a, b) => a.line - b.line);
  // A loop, not push(...found): a batch can carry more warnings than a call has argument slots.
  for (const w of found) sink.push(w);
  return devices;
}

function strictError(warnings: readonly ImportWarning[]): InputError {
  const w = warnings[0]!;
  return new InputError(w.file, w.line, `${w.message} (strict: warnings are errors; nothing was imported)`);
}

function progress(fs: FileSummary, batch: { meta: Record<string, string | number> }, totalBytes: number | undefined): ImportProgress {
  const p: ImportProgress = { file: fs.file, records: fs.records };
  const bytesRead = batch.meta.bytesRead;
  if (typeof bytesRead === 'number') p.bytesRead = bytesRead;
  if (totalBytes !== undefined) p.totalBytes = totalBytes;
  return p;
}
