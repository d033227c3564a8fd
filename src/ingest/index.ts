import { open } from 'node:fs/promises';
import { InputError, emptyBatch } from '../model/index.js';
import type { ImportBatch } from '../model/index.js';
import { detectFormat } from './detect.js';
import { DEFAULT_BATCH_SIZE, HEAD_BYTES } from './limits.js';
import { formatModule } from './registry.js';
import type { ColumnMap } from './column-map.js';
import type { FormatId, ImportReader } from './types.js';
import { FORMAT_IDS } from './types.js';
import { errorText } from './util/read-whole.js';

export type { FormatId, FormatInfo, ImportReader } from './types.js';
export { FORMAT_IDS } from './types.js';
export { FORMATS } from './registry.js';
export { detectFormat } from './detect.js';
export { parseColumnMap, readColumnMapFile, type ColumnMap } from './column-map.js';

export interface OpenOptions {
  format?: FormatId;
  batchSize?: number;
  /** Column renames for inventory CSV/JSON (`--map`); other formats are read as they are. */
  columns?: ColumnMap;
  /** See ReaderOptions.nameKeyed (`import --update`). */
  nameKeyed?: boolean;
}

/**
 * Opens a file for import: checks it is a readable regular file, detects its format from its
 * first 64 KiB (unless `format` is given) and returns a reader that yields its records in
 * batches. Throws InputError for an unreadable file or an unknown format.
 */
export async function openImport(path: string, opts: OpenOptions = {}): Promise<ImportReader> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  if (opts.format !== undefined && !(FORMAT_IDS as readonly string[]).includes(opts.format)) {
    throw new InputError(path, undefined, `unknown format '${String(opts.format)}' (known formats: ${FORMAT_IDS.join(', ')})`);
  }
  const head = await readHead(path);
  const format = opts.format ?? detectFormat(head, path);
  return formatModule(format).open(path, { batchSize, ...(opts.columns !== undefined && { columns: opts.columns }), ...(opts.nameKeyed === true && { nameKeyed: true }) });
}

/** Reads a whole file into one batch (all batches merged). */
export async function readImport(path: string, opts: Omit<OpenOptions, 'batchSize'> = {}): Promise<ImportBatch> {
  const reader = await openImport(path, { ...opts, batchSize: Number.MAX_SAFE_INTEGER });
  return mergeBatches(reader);
}

export async function mergeBatches(reader: ImportReader): Promise<ImportBatch> {
  const all = emptyBatch(reader.format, reader.file);
  for await (const b of reader.batches()) {
    // push(...) on huge arrays overflows the stack; concat does not.
    all.devices = all.devices.length === 0 ? b.devices : all.devices.concat(b.devices);
    all.sites = all.sites.concat(b.sites);
    all.links = all.links.length === 0 ? b.links : all.links.concat(b.links);
    all.flows = all.flows.length === 0 ? b.flows : all.flows.concat(b.flows);
    all.warnings = all.warnings.concat(b.warnings);
    Object.assign(all.meta, b.meta);
  }
  return all;
}

async function readHead(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw new InputError(path, undefined, `cannot read file: ${errorText(e)}`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new InputError(path, undefined, 'not a regular file');
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    // A multi-byte character cut at the end of the head decodes to U+FFFD; harmless for detection.
    return buf.subarray(0, bytesRead).toString('utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(path, undefined, `cannot read file: ${errorText(e)}`);
  } finally {
    await handle.close();
  }
}
