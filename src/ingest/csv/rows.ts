import { InputError } from '../../model/index.js';
import type { DeviceRecord, Flow, Link } from '../../model/index.js';
import { DEVICE_COLUMNS, buildDevice, deviceColumnIndex } from '../records/device.js';
import { FLOW_COLUMNS, LINK_COLUMNS, buildFlow, buildLink } from '../records/topology.js';
import type { FlowColumn, LinkColumn } from '../records/topology.js';
import { UniqueIds } from '../records/unique.js';
import type { WarningSink } from '../util/warnings.js';

export type CsvKind = 'inventory' | 'links' | 'flows';

/** Which plain CSV a header describes (DESIGN section 4's nodes/links/flows files). */
export function csvKindOf(header: readonly string[]): CsvKind {
  const names = new Set(header.map((h) => h.trim().toLowerCase()));
  if (names.has('a') && names.has('b')) return 'links';
  if (names.has('src') && names.has('dst')) return 'flows';
  if (!names.has('id') && (names.has('a') || names.has('b'))) return 'links';
  if (!names.has('id') && (names.has('src') || names.has('dst'))) return 'flows';
  return 'inventory';
}

/** Records of one kind, built row by row and handed out in batches. */
export interface RowBuilder {
  add(fields: string[], line: number): void;
  count(): number;
  take(n: number): { devices: DeviceRecord[]; links: Link[]; flows: Flow[] };
}

interface Header {
  /** header position -> known column name, or undefined for an unknown column. */
  known: Array<string | undefined>;
  /** header position -> name used in `extra` (the header as written). */
  names: string[];
}

function readHeader(file: string, header: readonly string[], knownColumns: readonly string[], required: readonly string[]): Header {
  const known: Array<string | undefined> = [];
  const names: string[] = [];
  const seen = new Map<string, number>();
  const knownSet = new Set(knownColumns);
  header.forEach((raw, i) => {
    const name = raw.trim();
    const key = name.toLowerCase();
    if (key !== '') {
      const prev = seen.get(key);
      if (prev !== undefined) throw new InputError(file, 1, `duplicate column '${name}' (columns ${prev + 1} and ${i + 1})`);
      seen.set(key, i);
    }
    known.push(knownSet.has(key) ? key : undefined);
    names.push(name === '' ? `column_${i + 1}` : name);
  });
  for (const r of required) {
    if (!seen.has(r)) throw new InputError(file, 1, `missing required column '${r}' (header: ${header.join(',').slice(0, 200)})`);
  }
  return { known, names };
}

function checkWidth(file: string, fields: string[], width: number, line: number): void {
  if (fields.length > width) {
    throw new InputError(file, line, `row has ${fields.length} fields but the header has ${width}`);
  }
}

function extraOf(h: Header, fields: string[]): Record<string, string> {
  const extra: Record<string, string> = {};
  for (let k = 0; k < fields.length; k++) {
    if (h.known[k] === undefined) {
      const v = fields[k];
      if (v !== undefined && v !== '') extra[h.names[k] as string] = v;
    }
  }
  return extra;
}

export interface RowOptions {
  /** Without an id column, rows are keyed by name (their id left ''): see ReaderOptions.nameKeyed. */
  nameKeyed?: boolean;
}

export function inventoryRows(file: string, header: readonly string[], warnings: WarningSink, opts: RowOptions = {}): RowBuilder {
  const byName = opts.nameKeyed === true && !header.some((c) => c.trim().toLowerCase() === 'id');
  if (byName && !header.some((c) => c.trim().toLowerCase() === 'name')) {
    throw new InputError(file, 1, `missing column 'id' or 'name': each row names the device it changes (header: ${header.join(',').slice(0, 200)})`);
  }
  const h = readHeader(file, header, DEVICE_COLUMNS, byName ? ['name'] : ['id']);
  const canon = h.known.map((k) => (k === undefined ? -1 : (deviceColumnIndex(k) ?? -1)));
  const nameAt = deviceColumnIndex('name')!;
  const ids = new UniqueIds(file, 'device');
  let out: DeviceRecord[] = [];
  const width = header.length;
  return {
    add(fields, line) {
      checkWidth(file, fields, width, line);
      const v: Array<string | undefined> = new Array<string | undefined>(DEVICE_COLUMNS.length);
      let hasExtra = false;
      for (let k = 0; k < fields.length; k++) {
        const ci = canon[k] as number;
        if (ci >= 0) v[ci] = fields[k];
        else hasExtra = true;
      }
      if (byName) {
        if ((v[nameAt] ?? '').trim() === '') throw new InputError(file, line, 'device name is empty (this file names devices by name)');
      } else {
        const id = (v[0] ?? '').trim();
        if (id === '') throw new InputError(file, line, 'device id is empty');
        ids.add(id, line);
      }
      const extra = hasExtra ? extraOf(h, fields) : {};
      out.push(buildDevice(v, extra, file, line, (m) => warnings.warn(line, m)));
    },
    count: () => out.length,
    take(n) {
      const devices = out.length <= n ? out : out.slice(0, n);
      out = out.length <= n ? [] : out.slice(n);
      return { devices, links: [], flows: [] };
    },
  };
}

export function linkRows(file: string, header: readonly string[]): RowBuilder {
  const h = readHeader(file, header, LINK_COLUMNS, ['a', 'b']);
  let out: Link[] = [];
  return {
    add(fields, line) {
      checkWidth(file, fields, header.length, line);
      const v: Partial<Record<LinkColumn, string>> = {};
      for (let k = 0; k < fields.length; k++) {
        const col = h.known[k] as LinkColumn | undefined;
        if (col !== undefined) v[col] = fields[k];
      }
      out.push(buildLink(v, extraOf(h, fields), file, line));
    },
    count: () => out.length,
    take(n) {
      const links = out.length <= n ? out : out.slice(0, n);
      out = out.length <= n ? [] : out.slice(n);
      return { devices: [], links, flows: [] };
    },
  };
}

export function flowRows(file: string, header: readonly string[]): RowBuilder {
  const h = readHeader(file, header, FLOW_COLUMNS, ['id', 'src', 'dst']);
  const ids = new UniqueIds(file, 'flow');
  let out: Flow[] = [];
  return {
    add(fields, line) {
      checkWidth(file, fields, header.length, line);
      const v: Partial<Record<FlowColumn, string>> = {};
      for (let k = 0; k < fields.length; k++) {
        const col = h.known[k] as FlowColumn | undefined;
        if (col !== undefined) v[col] = fields[k];
      }
      const flow = buildFlow(v, extraOf(h, fields), file, line);
      ids.add(flow.id, line);
      out.push(flow);
    },
    count: () => out.length,
    take(n) {
      const flows = out.length <= n ? out : out.slice(0, n);
      out = out.length <= n ? [] : out.slice(n);
      return { devices: [], links: [], flows };
    },
  };
}

export const ROW_BUILDERS: Record<CsvKind, (file: string, header: readonly string[], w: WarningSink, opts?: RowOptions) => RowBuilder> = {
  inventory: inventoryRows,
  links: (file, header) => linkRows(file, header),
  flows: (file, header) => flowRows(file, header),
};
