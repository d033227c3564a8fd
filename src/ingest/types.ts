import type { ImportBatch } from '../model/index.js';
import type { ColumnMap } from './column-map.js';

export const FORMAT_IDS = [
  'inventory-csv',
  'inventory-json',
  'links-csv',
  'flows-csv',
  'graphml',
  'sndlib-native',
  'sndlib-xml',
  'netbox-dumpdata',
  'netbox-api',
  'snmpwalk',
  'lldp-json',
  'nmap-xml',
] as const;
export type FormatId = (typeof FORMAT_IDS)[number];

export interface FormatInfo {
  id: FormatId;
  description: string;
  example: string;
}

export interface ImportReader {
  format: FormatId;
  file: string;
  batches(): AsyncIterable<ImportBatch>;
}

export interface ReaderOptions {
  /** Records per batch for streaming formats; formats read whole yield one batch. */
  batchSize: number;
  /** Renames an inventory's (CSV or JSON) columns before it is read; other formats ignore it. */
  columns?: ColumnMap;
  /**
   * An inventory CSV may name its devices by `name` instead of `id` (rows then have id ''):
   * for `import --update`, which matches rows to existing devices.
   */
  nameKeyed?: boolean;
}

/** One importable format: what it is and how to open a file of it. */
export interface FormatModule {
  info: FormatInfo;
  open(file: string, opts: ReaderOptions): ImportReader;
}
