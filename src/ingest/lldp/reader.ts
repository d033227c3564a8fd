// `lldpcli -f json show neighbors` (lldpd): each neighbour becomes a device (its chassis
// description is LLDP evidence, a MAC chassis ID is OUI evidence) and a link from the local
// host. lldpd's "json" output collapses one-element lists to objects and keys interfaces and
// chassis by name; the regular "json0" output (`-f json0`) keeps every list. Both are read.
//
// lldpcli does not say who the local host is: it is the file's name without its extension
// (`edge-router-1.json` → `edge-router-1`), or `local_chassis` when the file carries one (the
// output of `lldpcli -f json show chassis` merged in as {"lldp": ..., "local-chassis": ...}).
import { basename } from 'node:path';
import { InputError, emptyBatch } from '../../model/index.js';
import type { DeviceRecord, ImportBatch } from '../../model/index.js';
import { isObject, parseJson, type JsonObject, type JsonValue } from '../json/parse.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { readWholeFile } from '../util/read-whole.js';
import { ShapeReader, kindOf } from '../json/shape.js';
import { WarningSink } from '../util/warnings.js';
import { TopologyBuilder, type LldpNeighborInput } from './neighbors.js';

export function lldpJsonReader(file: string, _opts: ReaderOptions): ImportReader {
  return {
    format: 'lldp-json',
    file,
    async *batches() {
      yield readLldpJson(file, await readWholeFile(file));
    },
  };
}

const MAX_NEIGHBORS = 100_000;

/** A list however lldpd wrote it: array, single object, or an object keyed by name. */
function list(v: JsonValue | undefined): JsonValue[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** `{"eth0": {...}}` → ["eth0", {...}]; a json0 entry `{"name": "eth0", ...}` → ["eth0", it]. */
function named(v: JsonValue): [string | undefined, JsonObject][] {
  if (!isObject(v)) return [];
  if ('name' in v || 'via' in v || 'id' in v || 'chassis' in v || 'port' in v) {
    const n = scalar(v['name']);
    return [[n, v]];
  }
  return Object.entries(v).filter((e): e is [string, JsonObject] => isObject(e[1]));
}

/** A string value, also out of json0's [{"value": "x"}] and {"value": "x"} wrappers. */
function scalar(v: JsonValue | undefined): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length > 0 ? scalar(v[0]) : undefined;
  if (isObject(v) && 'value' in v) return scalar(v['value']);
  return undefined;
}

function strings(v: JsonValue | undefined): string[] {
  return list(v).map(scalar).filter((s): s is string => s !== undefined && s !== '');
}

function idOf(v: JsonValue | undefined): { type?: string; value?: string } {
  const o = list(v)[0];
  if (typeof o === 'string') return { value: o };
  if (!isObject(o)) return {};
  const r: { type?: string; value?: string } = {};
  const t = scalar(o['type']);
  const val = scalar(o['value']);
  if (t !== undefined) r.type = t;
  if (val !== undefined) r.value = val;
  return r;
}

export function readLldpJson(file: string, text: string): ImportBatch {
  const parsed = parseJson(text, file);
  const root = parsed.value;
  if (!isObject(root) || !('lldp' in root)) throw new InputError(file, 1, 'not lldpcli JSON: no top-level "lldp" key');
  const batch = emptyBatch('lldp-json', file);
  const warnings = new WarningSink(file);
  const lineOf = (o: JsonValue | undefined): number => (o !== null && typeof o === 'object' ? (parsed.lineOf(o) ?? 1) : 1);
  const local = root['local-chassis'];
  const localChassis = isObject(local) ? (isObject(local['chassis']) ? local['chassis'] : local) : undefined;
  let localId = basename(file).replace(/(\.lldp)?\.json0?$/i, '');
  if (localChassis !== undefined) {
    for (const [name, c] of named(localChassis)) {
      const n = name ?? scalar(c['name']);
      if (n) localId = n;
      const desc = scalar(c['descr']);
      const cid = idOf(c['id']);
      const d: DeviceRecord = { id: localId, name: localId, raw: {}, extra: { lldp_local: 'true' }, source: { file, line: lineOf(c) } };
      if (desc) d.raw.lldp = desc;
      if (cid.type === 'mac' && cid.value) d.raw.mac = cid.value;
      batch.devices.push(d);
      break;
    }
  }
  const b = new TopologyBuilder();
  for (const d of batch.devices) b.addDevice(d);
  let count = 0;
  const shape = new ShapeReader(file, parsed);
  for (const [ifName, iface] of interfaces(shape, root)) {
    const line = lineOf(iface);
    if (++count > MAX_NEIGHBORS) throw new InputError(file, line, `more than ${MAX_NEIGHBORS} neighbours`);
    const port = objectsOf(shape, iface, 'port')[0];
    const portObj = port ?? {};
    const chassisList = objectsOf(shape, iface, 'chassis').flatMap((c) => namedStrict(shape, c, 'chassis'));
    if (chassisList.length === 0) warnings.warn(line, `interface ${ifName ?? scalar(iface['name']) ?? '?'} lists no neighbour chassis; skipped`);
    for (const [chassisName, ch] of chassisList) {
      const cid = idOf(ch['id']);
      const pid = idOf(portObj['id']);
      const caps = list(ch['capability'])
        .filter((c) => isObject(c) && (c['enabled'] === true || scalar(c['enabled']) === 'true' || scalar(c['enabled']) === 'on'))
        .map((c) => (isObject(c) ? scalar(c['type']) : undefined))
        .filter((s): s is string => s !== undefined);
      const n: LldpNeighborInput = { localId, chassisIsMac: cid.type === 'mac', managementAddresses: [...strings(ch['mgmt-ip'])], capabilities: caps };
      const lp = ifName ?? scalar(iface['name']);
      if (lp !== undefined) n.localPort = lp;
      if (cid.value !== undefined) n.chassisId = cid.value;
      const sn = chassisName ?? scalar(ch['name']);
      if (sn !== undefined) n.sysName = sn;
      const desc = scalar(ch['descr']);
      if (desc !== undefined) n.sysDesc = desc;
      if (pid.value !== undefined) n.portId = pid.value;
      const pd = scalar(portObj['descr']);
      if (pd !== undefined) n.portDesc = pd;
      if (b.addNeighbor(n, { file, line: lineOf(ch) }) === undefined) warnings.warn(line, `neighbour on ${lp ?? 'an interface'} has no chassis ID, name or management address; skipped`);
    }
  }
  batch.devices = [...b.devices.values()];
  batch.links = b.links;
  batch.meta['neighbors'] = count;
  batch.meta['localHost'] = localId;
  batch.warnings = warnings.take(true);
  return batch;
}

/**
 * Every interface entry of every "lldp" object, as [name, entry]. lldpd writes an "lldp" object
 * holding only "interface" (absent when it sees no neighbour); anything else is not neighbours
 * output and is refused at the line of the offending value, never read as "no neighbours".
 */
function interfaces(shape: ShapeReader, root: JsonObject): [string | undefined, JsonObject][] {
  const top = root['lldp'];
  if (top === null || top === undefined) return [];
  const lldps = Array.isArray(top) ? top : [top];
  const out: [string | undefined, JsonObject][] = [];
  for (const [i, lldp] of lldps.entries()) {
    if (!isObject(lldp)) {
      if (Array.isArray(lldp) && lldp.length === 0) continue;
      return Array.isArray(top) ? shape.fail(top, i, `every element of "lldp" must be an object, got ${kindOf(lldp)}`) : shape.fail(root, 'lldp', '"lldp" must be an object or a list of objects');
    }
    const keys = Object.keys(lldp);
    if (!('interface' in lldp) && keys.length > 0) {
      shape.fail(lldp, undefined, `"lldp" has no "interface" (keys: ${keys.slice(0, 5).join(', ')}): not the output of lldpcli -f json show neighbors`);
    }
    for (const entry of objectsOf(shape, lldp, 'interface')) out.push(...namedStrict(shape, entry, 'interface'));
  }
  return out;
}

/** `o[key]` as lldpd writes a list: absent or null (none), one object, or a list of objects. */
function objectsOf(shape: ShapeReader, o: JsonObject, key: string): JsonObject[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (isObject(v)) return [v];
  if (!Array.isArray(v)) return shape.fail(o, key, `"${key}" must be an object or a list of objects, got ${kindOf(v)}`);
  return shape.objects(v, `"${key}"`);
}

/** Like `named`, but an entry keyed by name must hold an object. */
function namedStrict(shape: ShapeReader, v: JsonObject, what: string): [string | undefined, JsonObject][] {
  const entries = named(v);
  if (entries.length === 1 && entries[0]![1] === v) return entries;
  for (const [k, x] of Object.entries(v)) if (!isObject(x)) shape.fail(v, k, `${what} "${k}" must be an object, got ${kindOf(x)}`);
  return entries;
}
