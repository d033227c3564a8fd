// NetBox REST API results (as pulled by live-client) to one import batch, through the same
// mapping as the dumpdata and saved-page importers (model.ts), plus what only a live pull
// gathers here: countries of sites, layer and network of devices, interface MACs.
import type { ImportBatch, ImportWarning, Layer, NetworkKind, SourceRef } from '../../model/index.js';
import { isObject } from '../json/parse.js';
import type { JsonObject, JsonValue } from '../json/parse.js';
import { quote } from '../util/values.js';
import { countryOfSite, type CountrySource, type NbRegion } from './country-of-site.js';
import { choice, obj, scalarOrUndefined, str } from './json-access.js';
import { layerAndNetwork, type DeviceLabels, type RoleMap } from './live-roles.js';
import { netboxBatch } from './model.js';
import type { NbCable, NbCableEnd, NbDevice, NbSite } from './model.js';

export const LIVE_ENDPOINTS = ['regions', 'sites', 'manufacturers', 'device-types', 'devices', 'interfaces', 'cables'] as const;
export type LiveEndpoint = (typeof LIVE_ENDPOINTS)[number];
export type Pulled = Record<LiveEndpoint, JsonObject[]>;

/** Longest text kept from one server value; NetBox's own fields are far shorter. */
export const MAX_VALUE = 1024;
/** Interface MACs kept per device. */
const MAX_MACS = 64;

export interface LiveStats {
  sites: number;
  sitesWithCountry: number;
  countryFrom: Record<CountrySource, number>;
  devices: number;
  devicesWithLayer: number;
  devicesWithNetwork: number;
  /** Role → devices whose layer stayed blank. */
  unmappedRoles: Record<string, number>;
  devicesWithMac: number;
}

/**
 * `label` names the source in the import record (`netbox+https://host/`); `api` is the API
 * root, so each record's source is its list endpoint and NetBox id (`.../api/dcim/devices/:17`).
 */
export function liveBatch(label: string, api: string, pulled: Pulled, roleMap: RoleMap): { batch: ImportBatch; stats: LiveStats } {
  const reader = new Reader();
  const lines = new LineBook(api);
  const regions = regionMap(pulled.regions, reader);
  const sites = pulled.sites.map((o) => readSite(o, reader, lines));
  const devices = pulled.devices.map((o) => readDevice(o, reader, lines));
  const cables = pulled.cables.map((o) => readCable(o, reader, lines));
  const manufacturers = new Set(pulled.manufacturers.map((o) => reader.text(o['name'])).filter(Boolean)).size;
  const batch = netboxBatch('netbox-live', label, {
    manufacturers: manufacturers > 0 ? manufacturers : new Set(devices.map((d) => d.nb.manufacturer).filter(Boolean)).size,
    deviceTypes: pulled['device-types'].length,
    sites: sites.map((s) => s.nb),
    devices: devices.map((d) => d.nb),
    cables,
  });
  const stats = enrich(batch, { sites, devices, regions, macs: macsByDevice(pulled.interfaces, reader), roleMap });
  lines.relocate(batch);
  batch.warnings.push(...reader.warnings(label));
  batch.meta['interfaces'] = pulled.interfaces.length;
  batch.meta['regions'] = pulled.regions.length;
  return { batch, stats };
}

interface LiveSite {
  nb: NbSite;
  region?: string;
  address?: string;
  lat?: number;
  lon?: number;
}
interface LiveDevice {
  nb: NbDevice;
  labels: DeviceLabels;
  url?: string;
}

function enrich(
  batch: ImportBatch,
  ctx: { sites: LiveSite[]; devices: LiveDevice[]; regions: Map<string, NbRegion>; macs: Map<string, string[]>; roleMap: RoleMap },
): LiveStats {
  const stats: LiveStats = {
    sites: batch.sites.length, sitesWithCountry: 0, countryFrom: { region: 0, address: 0, coordinates: 0 },
    devices: batch.devices.length, devicesWithLayer: 0, devicesWithNetwork: 0, unmappedRoles: {}, devicesWithMac: 0,
  };
  const countryBySite = new Map<string, string>();
  batch.sites.forEach((site, i) => {
    const s = ctx.sites[i]!;
    const input = { ...(s.region && { region: s.region }), ...(s.address && { physicalAddress: s.address }), ...(site.lat !== undefined && site.lon !== undefined && { lat: site.lat, lon: site.lon }) };
    const c = countryOfSite(input, ctx.regions);
    if (!c) {
      batch.warnings.push({ file: batch.file, line: s.nb.line, message: `site ${quote(site.id)}: no country from its region, address or coordinates` });
      return;
    }
    site.country = c.code;
    countryBySite.set(site.id, c.code);
    stats.sitesWithCountry++;
    stats.countryFrom[c.from]++;
  });
  batch.devices.forEach((rec, i) => {
    const d = ctx.devices[i]!;
    const country = rec.site === undefined ? undefined : countryBySite.get(rec.site);
    if (country) rec.country = country;
    const { layer, network } = layerAndNetwork(d.labels, ctx.roleMap);
    setScope(rec, layer, network);
    if (layer) stats.devicesWithLayer++;
    else {
      const role = d.labels.role?.slug ?? d.labels.role?.name ?? '(no role)';
      stats.unmappedRoles[role] = (stats.unmappedRoles[role] ?? 0) + 1;
    }
    if (network) stats.devicesWithNetwork++;
    if (d.url) rec.extra['netbox_url'] = d.url;
    const macs = ctx.macs.get(d.nb.pk) ?? [];
    if (macs.length > 0) {
      // The first globally administered MAC names the maker; locally administered ones name nobody.
      rec.raw.mac = macs.find(isGlobalMac) ?? macs[0]!;
      rec.extra['interface_macs'] = macs.join(' ');
      stats.devicesWithMac++;
    }
  });
  return stats;
}

function setScope(rec: { layer?: Layer; network?: NetworkKind }, layer: Layer | undefined, network: NetworkKind | undefined): void {
  if (layer) rec.layer = layer;
  if (network) rec.network = network;
}

const isGlobalMac = (m: string): boolean => (parseInt(m.replace(/[^0-9a-f]/gi, '').slice(0, 2), 16) & 3) === 0;

function regionMap(list: JsonObject[], r: Reader): Map<string, NbRegion> {
  const map = new Map<string, NbRegion>();
  for (const o of list) {
    const pk = str(o['id']);
    if (pk === undefined) continue;
    const region: NbRegion = {};
    const name = r.text(o['name']);
    const slug = r.text(o['slug']);
    const parent = str(obj(o['parent'])?.['id']) ?? str(o['parent']);
    if (name) region.name = name;
    if (slug) region.slug = slug;
    if (parent) region.parent = parent;
    map.set(pk, region);
  }
  return map;
}

function readSite(o: JsonObject, r: Reader, lines: LineBook): LiveSite {
  const pk = str(o['id']) ?? '';
  const nb: NbSite = { pk, line: lines.add('sites', pk), lat: scalarOrUndefined(o['latitude']), lon: scalarOrUndefined(o['longitude']) };
  const name = r.text(o['name']);
  const slug = r.text(o['slug']);
  if (name) nb.name = name;
  if (slug) nb.slug = slug;
  const s: LiveSite = { nb };
  const region = str(obj(o['region'])?.['id']) ?? str(o['region']);
  const address = r.text(o['physical_address']);
  if (region) s.region = region;
  if (address) s.address = address;
  return s;
}

function readDevice(o: JsonObject, r: Reader, lines: LineBook): LiveDevice {
  const pk = str(o['id']) ?? '';
  const nb: NbDevice = { pk, line: lines.add('devices', pk) };
  const type = obj(o['device_type']);
  const role = obj(o['role'] ?? o['device_role']);
  const set = (k: 'name' | 'manufacturer' | 'model' | 'role' | 'serial' | 'status', v: string | undefined) => {
    if (v) nb[k] = v;
  };
  set('name', r.text(o['name']));
  set('model', r.text(type?.['model']));
  set('manufacturer', r.text(obj(type?.['manufacturer'])?.['name']));
  set('role', r.text(role?.['name']));
  set('serial', r.text(o['serial']));
  set('status', r.text(choice(o['status'])));
  const site = obj(o['site']);
  const sitePk = str(site?.['id']);
  if (sitePk) {
    const slug = r.text(site?.['slug']);
    nb.site = slug ? { pk: sitePk, slug } : { pk: sitePk };
  }
  const labels: DeviceLabels = { tags: [], customFields: {} };
  if (role) labels.role = named(role, r);
  for (const t of arrayOf(o['tags']).slice(0, 64)) if (isObject(t)) labels.tags.push(named(t, r));
  for (const [k, v] of Object.entries(obj(o['custom_fields']) ?? {}).slice(0, 256)) {
    const text = typeof v === 'string' ? r.text(v) : undefined;
    if (text) labels.customFields[k] = text;
  }
  const d: LiveDevice = { nb, labels };
  const url = r.text(o['url']);
  if (url) d.url = url;
  return d;
}

function named(o: JsonObject, r: Reader): { slug?: string; name?: string } {
  const out: { slug?: string; name?: string } = {};
  const slug = r.text(o['slug']);
  const name = r.text(o['name']);
  if (slug) out.slug = slug;
  if (name) out.name = name;
  return out;
}

function readCable(o: JsonObject, r: Reader, lines: LineBook): NbCable {
  const pk = str(o['id']) ?? '';
  const ends = (v: JsonValue | undefined): NbCableEnd[] =>
    arrayOf(v).filter(isObject).map((t) => {
      const target = obj(t['object']);
      const device = obj(target?.['device']);
      const end: NbCableEnd = { type: str(t['object_type']) ?? '', objectId: str(t['object_id']) ?? '' };
      const devicePk = str(device?.['id']);
      const deviceName = r.text(device?.['name']);
      const name = r.text(target?.['name']);
      if (devicePk) end.devicePk = devicePk;
      if (deviceName) end.deviceName = deviceName;
      if (name) end.name = name;
      return end;
    });
  const c: NbCable = { pk, a: ends(o['a_terminations']), b: ends(o['b_terminations']), line: lines.add('cables', pk) };
  const label = r.text(o['label']);
  const type = r.text(choice(o['type']));
  const status = r.text(choice(o['status']));
  if (label) c.label = label;
  if (type) c.type = type;
  if (status) c.status = status;
  return c;
}

/** NetBox before 4.2: `mac_address` on the interface; since: `primary_mac_address.mac_address`. */
function macsByDevice(interfaces: JsonObject[], r: Reader): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const o of interfaces) {
    const device = str(obj(o['device'])?.['id']) ?? str(o['device']);
    const mac = r.text(o['mac_address']) ?? r.text(obj(o['primary_mac_address'])?.['mac_address']);
    if (device === undefined || mac === undefined) continue;
    let list = out.get(device);
    if (!list) out.set(device, (list = []));
    if (list.length < MAX_MACS && !list.includes(mac)) list.push(mac);
  }
  return out;
}

const arrayOf = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);

/** Reads server strings, cutting any longer than MAX_VALUE (and counting them). */
class Reader {
  private cut = 0;
  text(v: JsonValue | undefined): string | undefined {
    const s = str(v);
    if (s === undefined || s.length <= MAX_VALUE) return s;
    this.cut++;
    return s.slice(0, MAX_VALUE);
  }
  warnings(file: string): ImportWarning[] {
    return this.cut === 0 ? [] : [{ file, line: 0, message: `${this.cut} values longer than ${MAX_VALUE} characters were cut to that length` }];
  }
}

/**
 * netboxBatch keys every record and warning by one file and a line; here each record gets a
 * distinct provisional line, turned afterwards into its list endpoint and NetBox id
 * (`https://host/api/dcim/devices/:17` is device 17).
 */
class LineBook {
  private readonly where = new Map<number, SourceRef & { file: string; line: number }>();
  constructor(private readonly api: string) {}

  add(endpoint: 'sites' | 'devices' | 'cables', pk: string): number {
    const line = this.where.size + 1;
    const id = /^\d+$/.test(pk) ? Number(pk) : 0;
    this.where.set(line, { file: `${this.api}dcim/${endpoint}/`, line: id });
    return line;
  }

  relocate(batch: ImportBatch): void {
    const at = (line: number | undefined) => (line === undefined ? undefined : this.where.get(line));
    for (const rec of [...batch.devices, ...batch.sites, ...batch.links]) {
      const w = at(rec.source.line);
      if (w) rec.source = { file: w.file, line: w.line };
    }
    // Warnings stay under the source's own name (the import record files them by it); the line
    // is the NetBox id, and the message names the site or device.
    batch.warnings = batch.warnings.map((x) => {
      const w = at(x.line);
      return w ? { ...x, line: w.line } : x;
    });
  }
}
