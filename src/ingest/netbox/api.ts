import { InputError } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import { isObject, parseJson } from '../json/parse.js';
import type { JsonObject, JsonValue, ParsedJson } from '../json/parse.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { readWholeFile } from '../util/read-whole.js';
import { choice, obj, scalarOrUndefined, str } from './json-access.js';
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
  const items = new Map<Endpoint, Array<{ o: JsonObject; line: number }>>(NETBOX_ENDPOINTS.map((e) => [e, []]));
  const addPages = (v: JsonValue | undefined, endpoint: Endpoint | undefined) => {
    const pages = Array.isArray(v) ? v : [v];
    for (const page of pages) {
      if (!isObject(page) || !Array.isArray(page['results'])) {
        const line = isObject(page) || Array.isArray(page) ? (doc.lineOf(page) ?? 1) : 1;
        throw new InputError(file, line, 'expected a NetBox API page {count, next, previous, results: [...]}');
      }
      for (const r of page['results']) {
        if (!isObject(r)) continue;
        const line = doc.lineOf(r) ?? 1;
        const ep = endpoint ?? endpointOf(r);
        if (ep === undefined) throw new InputError(file, line, 'cannot tell which NetBox endpoint this result comes from (no url)');
        items.get(ep)?.push({ o: r, line });
      }
    }
  };
  const root = doc.value;
  if (isObject(root) && !('results' in root)) {
    let any = false;
    for (const [key, v] of Object.entries(root)) {
      const ep = BUNDLE_KEYS[key];
      if (ep === undefined) continue;
      any = true;
      addPages(v, ep);
    }
    if (!any) throw new InputError(file, 1, `a NetBox API bundle needs one of the keys ${NETBOX_ENDPOINTS.join(', ')}`);
  } else {
    addPages(root, undefined);
  }
  return netboxBatch('netbox-api', file, toContent(items, doc));
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

function toContent(items: Map<Endpoint, Array<{ o: JsonObject; line: number }>>, _doc: ParsedJson) {
  const list = (e: Endpoint) => items.get(e) ?? [];
  const manufacturerNames = new Set<string>();
  for (const { o } of list('manufacturers')) {
    const n = str(o['name']);
    if (n) manufacturerNames.add(n);
  }
  const deviceTypes = new Set<string>();
  for (const { o } of list('device-types')) deviceTypes.add(str(o['id']) ?? '');
  const sites: NbSite[] = list('sites').map(({ o, line }) => {
    const s: NbSite = { pk: str(o['id']) ?? '', line, lat: scalarOrUndefined(o['latitude']), lon: scalarOrUndefined(o['longitude']) };
    const name = str(o['name']);
    const slug = str(o['slug']);
    if (name) s.name = name;
    if (slug) s.slug = slug;
    return s;
  });
  const devices: NbDevice[] = list('devices').map(({ o, line }) => {
    const d: NbDevice = { pk: str(o['id']) ?? '', line };
    const type = obj(o['device_type']);
    const set = (k: 'name' | 'manufacturer' | 'model' | 'role' | 'serial' | 'status', v: string | undefined) => {
      if (v) d[k] = v;
    };
    set('name', str(o['name']));
    set('model', str(type?.['model']));
    set('manufacturer', str(obj(type?.['manufacturer'])?.['name']));
    set('role', str(obj(o['role'] ?? o['device_role'])?.['name']));
    set('serial', str(o['serial']));
    set('status', choice(o['status']));
    const site = obj(o['site']);
    const sitePk = str(site?.['id']);
    if (sitePk) {
      const slug = str(site?.['slug']);
      d.site = slug ? { pk: sitePk, slug } : { pk: sitePk };
    }
    return d;
  });
  const ends = (v: JsonValue | undefined): NbCableEnd[] =>
    (Array.isArray(v) ? v : []).filter(isObject).map((t) => {
      const target = obj(t['object']);
      const device = obj(target?.['device']);
      const end: NbCableEnd = { type: str(t['object_type']) ?? '', objectId: str(t['object_id']) ?? '' };
      const devicePk = str(device?.['id']);
      const deviceName = str(device?.['name']);
      const name = str(target?.['name']);
      if (devicePk) end.devicePk = devicePk;
      if (deviceName) end.deviceName = deviceName;
      if (name) end.name = name;
      return end;
    });
  const cables: NbCable[] = list('cables').map(({ o, line }) => {
    const c: NbCable = { pk: str(o['id']) ?? '', a: ends(o['a_terminations']), b: ends(o['b_terminations']), line };
    const label = str(o['label']);
    const type = choice(o['type']);
    const status = choice(o['status']);
    if (label) c.label = label;
    if (type) c.type = type;
    if (status) c.status = status;
    return c;
  });
  // Without a manufacturers page, count the distinct makers the devices name.
  const manufacturers = manufacturerNames.size > 0 ? manufacturerNames.size : new Set(devices.map((d) => d.manufacturer).filter(Boolean)).size;
  return { manufacturers, deviceTypes: deviceTypes.size, sites, devices, cables };
}
