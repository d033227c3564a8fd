import { emptyBatch } from '../../model/index.js';
import type { DeviceRecord, ImportBatch, Link, Site } from '../../model/index.js';
import { quote } from '../util/values.js';
import { WarningSink } from '../util/warnings.js';

/**
 * NetBox content as both its dumpdata export and its REST API describe it, reduced to what
 * cleanpath uses. Ids are NetBox primary keys (as strings).
 */
export interface NbSite { pk: string; name?: string; slug?: string; lat?: unknown; lon?: unknown; line: number }
export interface NbDevice {
  pk: string;
  name?: string;
  manufacturer?: string;
  model?: string;
  role?: string;
  site?: { pk: string; slug?: string };
  serial?: string;
  status?: string;
  line: number;
}
export interface NbCableEnd { type: string; objectId: string; devicePk?: string; deviceName?: string; name?: string }
export interface NbCable { pk: string; a: NbCableEnd[]; b: NbCableEnd[]; label?: string; type?: string; status?: string; line: number }
export interface NetboxContent {
  manufacturers: number;
  deviceTypes: number;
  sites: NbSite[];
  devices: NbDevice[];
  cables: NbCable[];
}

/**
 * Devices keep the manufacturer as declared vendor evidence and the serial as raw evidence;
 * a device's id is its name when that is unique in the export, else `device-<pk>` (NetBox
 * names are optional and only unique per site). A cable becomes a link only when both ends are
 * interfaces of devices: console, power and patch-panel cabling is not data-plane topology.
 */
export function netboxBatch(format: string, file: string, nb: NetboxContent): ImportBatch {
  const batch = emptyBatch(format, file);
  const warnings = new WarningSink(file);
  const nameCount = new Map<string, number>();
  for (const d of nb.devices) if (d.name) nameCount.set(d.name, (nameCount.get(d.name) ?? 0) + 1);
  const idOf = (pk: string, name: string | undefined) => (name && nameCount.get(name) === 1 ? name : `device-${pk}`);
  const devicePk = new Map<string, string>();
  const siteIdOf = (s: { pk: string; slug?: string }) => s.slug || `site-${s.pk}`;

  for (const s of nb.sites) {
    const site: Site = { id: siteIdOf(s), source: { file, line: s.line } };
    if (s.name) site.name = s.name;
    const lat = coord(s.lat, 90);
    const lon = coord(s.lon, 180);
    if (lat === null || lon === null) warnings.warn(s.line, `site ${quote(site.id)} has an invalid latitude/longitude; dropped`);
    else if (lat !== undefined && lon !== undefined) {
      site.lat = lat;
      site.lon = lon;
    }
    batch.sites.push(site);
  }
  for (const d of nb.devices) {
    const rec: DeviceRecord = { id: idOf(d.pk, d.name), raw: {}, extra: { netbox_id: d.pk }, source: { file, line: d.line } };
    devicePk.set(d.pk, rec.id);
    if (d.name) rec.name = d.name;
    if (d.manufacturer) rec.raw.declaredVendor = d.manufacturer;
    else warnings.warn(d.line, `device ${quote(rec.id)} has no known manufacturer`);
    if (d.serial) rec.raw.serial = d.serial;
    if (d.model) rec.model = d.model;
    if (d.role) rec.role = d.role;
    if (d.site) rec.site = siteIdOf(d.site);
    if (d.status) rec.extra['status'] = d.status;
    batch.devices.push(rec);
  }
  let interfaceCables = 0;
  for (const c of nb.cables) {
    const ends = (list: NbCableEnd[]) =>
      list.every((e) => e.type === 'dcim.interface' && e.devicePk !== undefined) ? list : undefined;
    const a = ends(c.a);
    const b = ends(c.b);
    if (!a || !b || a.length === 0 || b.length === 0) continue;
    interfaceCables++;
    const seen = new Set<string>();
    for (const ea of a) {
      for (const eb of b) {
        const da = devicePk.get(ea.devicePk ?? '') ?? idOf(ea.devicePk ?? '', ea.deviceName);
        const db = devicePk.get(eb.devicePk ?? '') ?? idOf(eb.devicePk ?? '', eb.deviceName);
        const pair = `${da}\u0000${db}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        const link: Link = {
          id: seen.size === 1 ? `cable-${c.pk}` : `cable-${c.pk}-${seen.size}`,
          a: da, b: db, metric: 1, extra: { netbox_cable_id: c.pk }, source: { file, line: c.line },
        };
        if (ea.name) link.extra['a_interface'] = ea.name;
        if (eb.name) link.extra['b_interface'] = eb.name;
        if (c.label) link.extra['label'] = c.label;
        if (c.type) link.extra['type'] = c.type;
        if (c.status) link.extra['status'] = c.status;
        batch.links.push(link);
      }
    }
  }
  batch.meta['manufacturers'] = nb.manufacturers;
  batch.meta['deviceTypes'] = nb.deviceTypes;
  batch.meta['sites'] = nb.sites.length;
  batch.meta['devices'] = nb.devices.length;
  batch.meta['cables'] = nb.cables.length;
  batch.meta['interfaceCables'] = interfaceCables;
  batch.warnings = warnings.take(true);
  return batch;
}

/** undefined = absent, null = present but not a coordinate. */
function coord(v: unknown, max: number): number | undefined | null {
  if (v === null || v === undefined || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= max ? n : null;
}
