import { InputError, emptyBatch } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import { DEVICE_COLUMNS, buildDevice, deviceColumnIndex } from '../records/device.js';
import { FLOW_COLUMNS, LINK_COLUMNS, buildFlow, buildLink } from '../records/topology.js';
import { UniqueIds } from '../records/unique.js';
import { renamingFor } from '../column-map.js';
import type { ColumnMap } from '../column-map.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { readWholeFile } from '../util/read-whole.js';
import { WarningSink } from '../util/warnings.js';
import { isObject, parseJson } from './parse.js';
import type { JsonObject, JsonValue, ParsedJson } from './parse.js';

/**
 * Inventory JSON: an array of device objects, or `{devices: [...], links?: [...], flows?: [...]}`,
 * with the inventory CSV's snake_case keys (case-insensitive). Read whole (bounded in size).
 */
export function inventoryJsonReader(file: string, opts: ReaderOptions): ImportReader {
  return {
    format: 'inventory-json',
    file,
    async *batches() {
      yield readInventoryJson(file, await readWholeFile(file), opts.columns);
    },
  };
}

export function readInventoryJson(file: string, text: string, columns?: ColumnMap): ImportBatch {
  const doc = parseJson(text, file);
  const root = doc.value;
  const batch = emptyBatch('inventory-json', file);
  const warnings = new WarningSink(file);
  let devices: JsonValue | undefined;
  let links: JsonValue | undefined;
  let flows: JsonValue | undefined;
  if (Array.isArray(root)) devices = root;
  else if (isObject(root)) {
    // An object with none of the three keys is some other document, not an empty inventory.
    if (!('devices' in root) && !('links' in root) && !('flows' in root)) {
      const keys = Object.keys(root).slice(0, 5).join(', ');
      throw new InputError(file, 1, `expected an array of devices or an object with "devices", "links" or "flows"${keys ? ` (this one has ${keys})` : ' (this one is empty)'}`);
    }
    ({ devices, links, flows } = root);
  }
  else throw new InputError(file, 1, 'expected an array of devices or an object with a "devices" array');

  const deviceIds = new UniqueIds(file, 'device');
  const deviceList = [...records(doc, devices, 'devices', file)];
  const rename = columns === undefined ? undefined : renamingFor(columns, keysOf(deviceList), file);
  for (const [o, line] of deviceList) {
    const v = new Array<string | undefined>(DEVICE_COLUMNS.length);
    const extra: Record<string, string> = {};
    const warn = (m: string) => warnings.warn(line, m);
    for (const [key, val] of Object.entries(o)) {
      const ci = deviceColumnIndex(rename?.get(key.trim().toLowerCase()) ?? key);
      if (ci === undefined) {
        if (val !== null) extra[key] = typeof val === 'string' ? val : JSON.stringify(val);
        continue;
      }
      const s = scalar(val);
      if (s === null) warn(`"${key}" must be a string or a number; dropped`);
      else v[ci] = s;
    }
    const id = (v[0] ?? '').trim();
    if (id === '') throw new InputError(file, line, 'device id is missing or empty');
    deviceIds.add(id, line);
    batch.devices.push(buildDevice(v, extra, file, line, warn));
  }
  for (const [o, line] of records(doc, links, 'links', file)) {
    const { known, extra } = split(o, LINK_COLUMNS, file, line);
    batch.links.push(buildLink(known, extra, file, line));
  }
  const flowIds = new UniqueIds(file, 'flow');
  for (const [o, line] of records(doc, flows, 'flows', file)) {
    const { known, extra } = split(o, FLOW_COLUMNS, file, line);
    const flow = buildFlow(known, extra, file, line);
    flowIds.add(flow.id, line);
    batch.flows.push(flow);
  }
  batch.warnings = warnings.take(true);
  return batch;
}

/** Every key any device object uses: a mapped column must be in at least one of them. */
function keysOf(list: ReadonlyArray<readonly [JsonObject, number]>): Set<string> {
  const keys = new Set<string>();
  for (const [o] of list) for (const k of Object.keys(o)) keys.add(k);
  return keys;
}

function* records(doc: ParsedJson, list: JsonValue | undefined, what: string, file: string): Generator<[JsonObject, number]> {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new InputError(file, 1, `"${what}" must be an array`);
  const listLine = doc.lineOf(list) ?? 1;
  for (const item of list) {
    if (!isObject(item)) throw new InputError(file, listLine, `every element of "${what}" must be an object`);
    yield [item, doc.lineOf(item) ?? listLine];
  }
}

/** A JSON value as the string a CSV cell would hold; null for what has no such form. */
function scalar(v: JsonValue): string | undefined | null {
  if (v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

function split<K extends string>(o: JsonObject, columns: readonly K[], file: string, line: number) {
  const set = new Set<string>(columns);
  const known: Partial<Record<K, string>> = {};
  const extra: Record<string, string> = {};
  for (const [key, val] of Object.entries(o)) {
    const k = key.toLowerCase();
    if (set.has(k)) {
      const s = scalar(val);
      if (s === null) throw new InputError(file, line, `"${key}" must be a string or a number`);
      if (s !== undefined) known[k as K] = s;
    } else if (val !== null) {
      extra[key] = typeof val === 'string' ? val : JSON.stringify(val);
    }
  }
  return { known, extra };
}
