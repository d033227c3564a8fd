import { InputError, NothingToAnalyse, type Device, type DeviceRecord, type ImportBatch, type ImportWarning } from '../model/index.js';
import type { ColumnMap } from '../ingest/column-map.js';
import type { NetboxLiveOptions } from '../ingest/netbox/live.js';
import { ReferenceCheck } from './import-refs.js';
import type { EncodedBatch } from './import-threaded.js';
import { prepareUpdate } from './import-update.js';
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
   * Each device row changes one device of `base` (by id, or by name when the file has no id
   * column) instead of adding one; links and flows still add. Needs `base`.
   */
  update?: boolean;
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
 * Every link and flow must name devices of the snapshot (its own or its base's): a phantom is an
 * error at its file and line (import-refs.ts). A file yielding no records is said plainly: a
 * warning beside files that have some, NothingToAnalyse when no file has any.
 */
export async function runImport(store: Store, paths: readonly string[], opts: ImportFilesOptions, pipeline: ImportPipeline): Promise<ImportSummary> {
  if (paths.length === 0) throw new InputError('import', undefined, 'no files to import');
  if (opts.update && opts.base === undefined) throw new InputError('import', undefined, '--update changes the devices of a base snapshot: give --base NAME (or latest)');
  // Every file is opened (and its format detected) before the write transaction starts.
  const sources: ImportSource[] = [];
  for (const p of paths) sources.push(await pipeline.open(p, opts.format));

  const snapshot = opts.snapshot ?? defaultSnapshotName(new Date(), new Set((await store.listSnapshots(opts.organisation)).map((s) => s.name)));
  const update = opts.update ? await readUpdate(store, sources, opts, pipeline) : undefined;
  // "latest" by its name, for messages; the store resolves it the same way (BeginImportOptions.base).
  const base = update?.base ?? (opts.base === 'latest' ? (await store.resolveSnapshot('latest', opts.organisation)).name : opts.base);
  const begin = {
    snapshot,
    ...(base !== undefined && { base }),
    ...(update !== undefined && { replace: update.replace }),
    ...(opts.note !== undefined && { note: opts.note }),
    ...(opts.organisation !== undefined && { organisation: opts.organisation }),
  };
  const writer = await store.beginImport(begin);
  try {
    const refs = new ReferenceCheck(writer, base === undefined ? 'this import' : `this import or in base snapshot "${base}"`);
    const files: FileSummary[] = [];
    const perFile: ImportWarning[][] = [];
    for (const [i, src] of sources.entries()) {
      const fs: FileSummary = { file: src.file, format: src.format, records: 0, devices: 0, sites: 0, links: 0, flows: 0, warnings: 0 };
      const warnings: ImportWarning[] = update?.warnings[i] ?? [];
      const totalBytes = pipeline.size?.(paths[i]!);
      if (update) {
        count(fs, update.rows[i]!, { sites: [], links: [], flows: [] });
        for (const batch of update.batches[i]!) {
          await write(writer, refs, [], batch);
          count(fs, 0, batch);
          opts.onProgress?.(progress(fs, batch, totalBytes));
        }
      }
      for await (const batch of update ? [] : src.batches()) {
        if (!('format' in batch)) {
          for (const w of batch.warnings) warnings.push(w);
          if (opts.strict && warnings.length > 0) throw strictError(warnings);
          await write(writer, refs, batch.deviceRows, batch);
          count(fs, batch.devices, batch);
          opts.onProgress?.(progress(fs, batch, totalBytes));
          continue;
        }
        const devices = identifyAll(batch, pipeline, warnings);
        if (opts.strict && warnings.length > 0) throw strictError(warnings);
        await write(writer, refs, devices, batch);
        count(fs, devices.length, batch);
        opts.onProgress?.(progress(fs, batch, totalBytes));
      }
      files.push(fs);
      perFile.push(warnings);
    }
    const held = refs.finish();
    if (held.links.length > 0 || held.flows.length > 0) await writer.add({ devices: [], sites: [], links: held.links, flows: held.flows });
    emptyFiles(files, perFile);
    const all: ImportWarning[] = [];
    for (const [i, fs] of files.entries()) {
      const warnings = perFile[i]!;
      if (opts.strict && warnings.length > 0) throw strictError(warnings);
      fs.warnings = warnings.length;
      const { file, format, records, devices, sites, links, flows } = fs;
      await writer.addImportRecord({ file, format, records, warnings, devices, sites, links, flows });
      for (const w of warnings) all.push(w);
    }
    return { snapshot: await writer.commit(), files, warnings: all };
  } catch (e) {
    await writer.rollback();
    throw e;
  }
}

/** Read in full before the snapshot is begun: the changed devices are written in the base's copy. */
interface ReadUpdate {
  base: string;
  replace: Device[];
  /** Per file: its batches, device records taken out (they are the updates). */
  batches: ImportBatch[][];
  /** Per file: how many device rows it updates with. */
  rows: number[];
  warnings: ImportWarning[][];
}

async function readUpdate(store: Store, sources: readonly ImportSource[], opts: ImportFilesOptions, pipeline: ImportPipeline): Promise<ReadUpdate> {
  const base = await store.resolveSnapshot(opts.base, opts.organisation);
  const records: DeviceRecord[] = [];
  const out: ReadUpdate = { base: base.name, replace: [], batches: [], rows: [], warnings: [] };
  for (const src of sources) {
    const batches: ImportBatch[] = [];
    const warnings: ImportWarning[] = [];
    let rows = 0;
    for await (const b of src.batches()) {
      if (!('format' in b)) throw new Error('an update is read in this thread, never by the import worker');
      for (const r of b.devices) records.push(r);
      rows += b.devices.length;
      for (const w of b.warnings) warnings.push(w);
      batches.push({ ...b, devices: [], warnings: [] });
    }
    out.batches.push(batches);
    out.rows.push(rows);
    out.warnings.push(warnings);
  }
  const prepared = await prepareUpdate(store, base, records, pipeline.identify);
  out.replace = prepared.replace;
  for (const w of prepared.warnings) out.warnings[sources.findIndex((s) => s.file === w.file)]?.push(w);
  for (const ws of out.warnings) ws.sort((a, b) => a.line - b.line);
  if (opts.strict) {
    const first = out.warnings.find((ws) => ws.length > 0);
    if (first) throw strictError(first);
  }
  return out;
}

/**
 * Writes one batch: links and flows only once every endpoint is known (see ReferenceCheck), so
 * the devices before them go first and are what the check reads.
 */
async function write(writer: ImportWriter, refs: ReferenceCheck, devices: readonly Device[] | readonly SqlValue[][], batch: Omit<ImportContent, 'devices'>): Promise<void> {
  const encoded = devices.length > 0 && Array.isArray(devices[0]);
  const put = (rest: Omit<ImportContent, 'devices'>, ds: readonly Device[] | readonly SqlValue[][]): Promise<void> => {
    // Named one by one: a batch read from a file also carries its device records.
    const { sites, links, flows } = rest;
    return encoded ? encodedWriter(writer).addEncoded(ds as SqlValue[][], { sites, links, flows }) : writer.add({ devices: ds as Device[], sites, links, flows });
  };
  if (batch.links.length === 0 && batch.flows.length === 0) {
    if (encoded) refs.noteEncoded(devices as SqlValue[][]);
    else refs.noteDevices(devices as Device[]);
    await put(batch, devices);
    return;
  }
  if (!refs.ready) {
    await put({ sites: batch.sites, links: [], flows: [] }, devices);
    await refs.open();
    await writer.add({ devices: [], sites: [], links: refs.links(batch.links), flows: refs.flows(batch.flows) });
    return;
  }
  if (encoded) refs.noteEncoded(devices as SqlValue[][]);
  else refs.noteDevices(devices as Device[]);
  await put({ sites: batch.sites, links: refs.links(batch.links), flows: refs.flows(batch.flows) }, devices);
}

function encodedWriter(writer: ImportWriter): EncodedWriter {
  if (!('addEncoded' in writer)) throw new Error('this store cannot take pre-encoded device rows');
  return writer as EncodedWriter;
}

function count(fs: FileSummary, devices: number, batch: Omit<ImportContent, 'devices'>): void {
  fs.devices += devices;
  fs.sites += batch.sites.length;
  fs.links += batch.links.length;
  fs.flows += batch.flows.length;
  fs.records = fs.devices + fs.sites + fs.links + fs.flows;
}

/**
 * A file that yielded no records: a warning when others did, else nothing to import at all
 * (NothingToAnalyse: exit 1, the store unchanged). Never an empty snapshot that looks clean.
 */
function emptyFiles(files: readonly FileSummary[], warnings: readonly ImportWarning[][]): void {
  const empty = files.filter((f) => f.records === 0);
  if (empty.length === 0) return;
  const why = (f: FileSummary): string => `no records: it reads as ${f.format} but holds no devices, sites, links or flows`;
  if (empty.length === files.length) throw new NothingToAnalyse(`${empty.map((f) => `${f.file}: ${why(f)}`).join('; ')}; nothing was imported`);
  for (const [i, f] of files.entries()) {
    if (f.records === 0) warnings[i]!.push({ file: f.file, line: 1, message: `${why(f)} (the other files were imported)` });
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
