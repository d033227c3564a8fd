import { InputError } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import { isObject, parseJson } from '../json/parse.js';
import type { JsonObject, JsonValue } from '../json/parse.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { readWholeFile } from '../util/read-whole.js';
import { ShapeReader, scalarOrUndefined, str } from './json-access.js';
import { netboxBatch } from './model.js';
import type { NbCable, NbCableEnd, NbDevice, NbSite } from './model.js';

export function netboxApiReader(file: string, _opts: ReaderOptions): ImportReader {
  return {
    format: 'netbox-api',
    file,
    async *batches() {
      yield readNetboxApi(file, await readWholeFile(file));
    },
  };
}

export const NETBOX_ENDPOINTS = ['manufacturers', 'device-types', 'devices', 'sites', 'cables'] as const;
type Endpoint = (typeof NETBOX_ENDPOINTS)[number];

const BUNDLE_KEYS: Record<string, Endpoint> = {
  manufacturers: 'manufacturers',
  'device-types': 'device-types',
  device_types: 'device-types',
  deviceTypes: 'device-types',
  devices: 'devices',
  sites: 'sites',
  cables: 'cables',
};

/**
 * Saved responses of NetBox's REST API (`GET /api/dcim/<endpoint>/`, paginated as
 * `{count, next, previous, results}`). A file holds either
 *  - one page, or an array of pages, of any of the endpoints manufacturers, device-types,
 *    devices, sites, cables: each result's endpoint comes from its `url`
 *    (`.../api/dcim/devices/7/`) or, without one, from its shape; or
 *  - a bundle `{"manufacturers": page|pages, "device-types": ..., "devices": ..., "sites": ...,
 *    "cables": ...}` (any subset; `device_types`/`deviceTypes` also accepted).
 * Devices carry their manufacturer and model nested (`device_type.manufacturer.name`), so a
 * devices page alone is enough to attribute vendors; cables need their devices in the same file
 * for link ends to use the same device ids.
 */
export function readNetboxApi(file: string, text: string): ImportBatch {
  const doc = parseJson(text, file);
  const shape = new ShapeReader(file, doc);
  const items = new Map<Endpoint, Array<{ o: JsonObject; line: number }>>(NETBOX_ENDPOINTS.map((e) => [e, []]));
  const addPage = (page: JsonObject, endpoint: Endpoint | undefined) => {
    if (!('results' in page)) shape.fail(page, undefined, 'expected a NetBox API page {count, next, previous, results: [...]}: no "results"');
    for (const r of shape.objects(shape.list(page, 'results'), '"results"')) {
      const line = shape.lineOf(r);
      const ep = endpoint ?? endpointOf(r);
      if (ep === undefined) throw new InputError(file, line, 'cannot tell which NetBox endpoint this result comes from (no url)');
      if (shape.str(r, 'id') === undefined) shape.fail(r, undefined, `NetBox ${ep} result without an "id"`);
      items.get(ep)?.push({ o: r, line });
    }
  };
  /** `v` is the value of `key` in `parent` (a bundle), or the whole document. */
  const addPages = (v: JsonValue, endpoint: Endpoint | undefined, parent?: JsonObject, key?: string) => {
    const pages = Array.isArray(v) ? v : [v];
    if (!isObject(v) && !Array.isArray(v)) {
      if (parent) shape.fail(parent, key, `"${key}" must be a NetBox API page {count, next, previous, results: [...]} or a list of pages`);
      throw new InputError(file, 1, 'expected a NetBox API page {count, next, previous, results: [...]} or a list of pages');
    }
    for (const page of shape.objects(pages, 'a list of NetBox API pages')) addPage(page, endpoint);
  };
  const root = doc.value;
  if (isObject(root) && !('results' in root)) {
    let any = false;
    for (const [key, v] of Object.entries(root)) {
      const ep = BUNDLE_KEYS[key];
      if (ep === undefined) continue;
      any = true;
      addPages(v, ep, root, key);
    }
    if (!any) throw new InputError(file, 1, `a NetBox API bundle needs one of the keys ${NETBOX_ENDPOINTS.join(', ')}`);
  } else {
    addPages(root, undefined);
  }
  return netboxBatch('netbox-api', file, toContent(items, shape));
}

function endpointOf(r: JsonObject): Endpoint | undefined {
  const url = str(r['url']);
  const m = url ? /\/api\/dcim\/([a-z-]+)\/\d+\/?$/.exec(url) : null;
  if (m) return (NETBOX_ENDPOINTS as readonly string[]).includes(m[1] ?? '') ? (m[1] as Endpoint) : undefined;
  if ('a_terminations' in r || 'b_terminations' in r) return 'cables';
  if ('device_type' in r) return 'devices';
  if ('model' in r && 'manufacturer' in r) return 'device-types';
  if ('latitude' in r || 'longitude' in r || 'facility' in r || 'time_zone' in r) return 'sites';
  if ('name' in r && 'slug' in r) return 'manufacturers';
  return undefined;
}

function toContent(items: Map<Endpoint, Array<{ o: JsonObject; line: number }>>, shape: ShapeReader) {
  const list = (e: Endpoint) => items.get(e) ?? [];
  const manufacturerNames = new Set<string>();
  for (const { o } of list('manufacturers')) {
    const n = shape.str(o, 'name');
    if (n) manufacturerNames.add(n);
  }
  const deviceTypes = new Set<string>();
  for (const { o } of list('device-types')) deviceTypes.add(shape.str(o, 'id') ?? '');
  const sites: NbSite[] = list('sites').map(({ o, line }) => {
    const s: NbSite = { pk: shape.str(o, 'id') ?? '', line, lat: scalarOrUndefined(o['latitude']), lon: scalarOrUndefined(o['longitude']) };
    const name = shape.str(o, 'name');
    const slug = shape.str(o, 'slug');
    if (name) s.name = name;
    if (slug) s.slug = slug;
    return s;
  });
  const devices: NbDevice[] = list('devices').map(({ o, line }) => {
    const d: NbDevice = { pk: shape.str(o, 'id') ?? '', line };
    const type = shape.obj(o, 'device_type');
    const maker = type && shape.obj(type, 'manufacturer', '"device_type.manufacturer"');
    const role = shape.obj(o, 'role') ?? shape.obj(o, 'device_role');
    const set = (k: 'name' | 'manufacturer' | 'model' | 'role' | 'serial' | 'status', v: string | undefined) => {
      if (v) d[k] = v;
    };
    set('name', shape.str(o, 'name'));
    set('model', type && shape.str(type, 'model', '"device_type.model"'));
    set('manufacturer', maker && shape.str(maker, 'name', '"device_type.manufacturer.name"'));
    set('role', role && shape.str(role, 'name', '"role.name"'));
    set('serial', shape.str(o, 'serial'));
    set('status', shape.choice(o, 'status'));
    const site = shape.obj(o, 'site');
    const sitePk = site && shape.str(site, 'id', '"site.id"');
    if (site && sitePk) {
      const slug = shape.str(site, 'slug', '"site.slug"');
      d.site = slug ? { pk: sitePk, slug } : { pk: sitePk };
    }
    return d;
  });
  const ends = (cable: JsonObject, key: string): NbCableEnd[] =>
    shape.objects(shape.list(cable, key), `"${key}"`).map((t) => {
      const target = shape.obj(t, 'object');
      const device = target && shape.obj(target, 'device', '"object.device"');
      const end: NbCableEnd = { type: shape.str(t, 'object_type') ?? '', objectId: shape.str(t, 'object_id') ?? '' };
      const devicePk = device && shape.str(device, 'id', '"object.device.id"');
      const deviceName = device && shape.str(device, 'name', '"object.device.name"');
      const name = target && shape.str(target, 'name', '"object.name"');
      if (devicePk) end.devicePk = devicePk;
      if (deviceName) end.deviceName = deviceName;
      if (name) end.name = name;
      return end;
    });
  const cables: NbCable[] = list('cables').map(({ o, line }) => {
    const c: NbCable = { pk: shape.str(o, 'id') ?? '', a: ends(o, 'a_terminations'), b: ends(o, 'b_terminations'), line };
    const label = shape.str(o, 'label');
    const type = shape.choice(o, 'type');
    const status = shape.choice(o, 'status');
    if (label) c.label = label;
    if (type) c.type = type;
    if (status) c.status = status;
    return c;
  });
  // Without a manufacturers page, count the distinct makers the devices name.
  const manufacturers = manufacturerNames.size > 0 ? manufacturerNames.size : new Set(devices.map((d) => d.manufacturer).filter(Boolean)).size;
  return { manufacturers, deviceTypes: deviceTypes.size, sites, devices, cables };
}
