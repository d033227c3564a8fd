import type { DeviceRecord, Site } from './device.js';
import type { Flow, Link } from './topology.js';

/** A problem in one value of an otherwise good file: reported, the record kept. */
export interface ImportWarning {
  file: string;
  line: number;
  message: string;
}

/** Everything one importer read from one file, before identification. */
export interface ImportBatch {
  format: string;
  file: string;
  devices: DeviceRecord[];
  sites: Site[];
  links: Link[];
  flows: Flow[];
  warnings: ImportWarning[];
  /** Facts about the file as a whole (network name, manufacturer count...). */
  meta: Record<string, string | number>;
}

export function emptyBatch(format: string, file: string): ImportBatch {
  return { format, file, devices: [], sites: [], links: [], flows: [], warnings: [], meta: {} };
}
