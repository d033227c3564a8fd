import { InvalidArgumentError } from 'commander';
import { splitVendorList } from '../vendors/resolve.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output.js';

/** `--vendor huawei,zte --vendor hikvision` → ['huawei','zte','hikvision'] */
export function collectList(value: string, previous: string[] = []): string[] {
  return previous.concat(value.split(',').map((s) => s.trim()).filter(Boolean));
}

/** Like collectList, for vendor names: "Huawei Technologies Co., Ltd." keeps its comma. */
export function collectVendors(value: string, previous: string[] = []): string[] {
  return previous.concat(splitVendorList(value));
}

export function parseOutputFormat(value: string): OutputFormat {
  const v = value.toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(v)) {
    throw new InvalidArgumentError(`expected one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  return v as OutputFormat;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

/** The store: an SQLite file (the zero-setup default) or a postgres:// URL (CLEANPATH_DATABASE_URL). */
export const DEFAULT_DB = process.env.CLEANPATH_DATABASE_URL ?? process.env.CLEANPATH_DB ?? './cleanpath.db';

/** `--json` is shorthand for `--format json`; it wins when both are given. */
export function outputFormatOf(opts: { format?: OutputFormat; json?: boolean }): OutputFormat {
  return opts.json ? 'json' : (opts.format ?? 'table');
}
