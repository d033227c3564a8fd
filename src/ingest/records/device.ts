import { LAYERS, NETWORK_KINDS, TECHNOLOGIES, isOneOf } from '../../model/index.js';
import type { DeviceRecord, RawIdentifiers } from '../../model/index.js';
import { readCountry } from '../util/country.js';
import { isIsoDate, parseDecimal, quote } from '../util/values.js';

/**
 * Inventory columns of DESIGN section 3 (plus banner/lldp raw evidence, and the supplier, reseller
 * and maintainer screened by `cleanpath screen`), in a fixed order.
 */
export const DEVICE_COLUMNS = [
  'id', 'name', 'vendor', 'model', 'role', 'layer', 'technology', 'site', 'country', 'operator',
  'network', 'installed', 'cost', 'lat', 'lon', 'mac', 'sys_object_id', 'sys_descr', 'engine_id',
  'imei', 'serial', 'banner', 'lldp', 'supplier', 'reseller', 'maintainer',
] as const;
export type DeviceColumn = (typeof DEVICE_COLUMNS)[number];

const COLUMN_INDEX = new Map<string, number>(DEVICE_COLUMNS.map((c, i) => [c, i]));
export function deviceColumnIndex(name: string): number | undefined {
  return COLUMN_INDEX.get(name.trim().toLowerCase());
}

const C = Object.fromEntries(DEVICE_COLUMNS.map((c, i) => [c, i])) as Record<DeviceColumn, number>;

/** Raw evidence: column -> RawIdentifiers key. Copied verbatim; identification parses them. */
const RAW: ReadonlyArray<readonly [number, keyof RawIdentifiers]> = [
  [C.vendor, 'declaredVendor'], [C.mac, 'mac'], [C.sys_object_id, 'sysObjectId'],
  [C.sys_descr, 'sysDescr'], [C.engine_id, 'engineId'], [C.imei, 'imei'], [C.serial, 'serial'],
  [C.banner, 'banner'], [C.lldp, 'lldp'],
];
type TextField = 'name' | 'model' | 'role' | 'site' | 'operator' | 'supplier' | 'reseller' | 'maintainer';
const TEXT: ReadonlyArray<readonly [number, TextField]> = [
  [C.name, 'name'], [C.model, 'model'], [C.role, 'role'], [C.site, 'site'], [C.operator, 'operator'],
  [C.supplier, 'supplier'], [C.reseller, 'reseller'], [C.maintainer, 'maintainer'],
];

export type Warn = (message: string) => void;

/**
 * Builds a device from canonical column values (index = position in DEVICE_COLUMNS; undefined or
 * '' = absent). A bad value is warned about and dropped; the record is kept. The caller has checked
 * that the id is present.
 */
export function buildDevice(
  v: ReadonlyArray<string | undefined>,
  extra: Record<string, string>,
  file: string,
  line: number,
  warn: Warn,
): DeviceRecord {
  const raw: RawIdentifiers = {};
  for (const [i, key] of RAW) {
    const s = v[i];
    if (s !== undefined && s !== '') raw[key] = s;
  }
  const d: DeviceRecord = { id: (v[C.id] ?? '').trim(), raw, extra, source: { file, line } };
  for (const [i, key] of TEXT) {
    const s = v[i];
    if (s !== undefined && s !== '') d[key] = s.trim();
  }
  const layer = lower(v[C.layer]);
  if (layer !== undefined) {
    if (isOneOf(LAYERS, layer)) d.layer = layer;
    else warn(`unknown layer ${quote(layer)} (expected one of ${LAYERS.join(', ')}); layer dropped`);
  }
  const tech = lower(v[C.technology]);
  if (tech !== undefined) {
    if (isOneOf(TECHNOLOGIES, tech)) d.technology = tech;
    else warn(`unknown technology ${quote(tech)} (expected one of ${TECHNOLOGIES.join(', ')}); technology dropped`);
  }
  const network = lower(v[C.network]);
  if (network !== undefined) {
    if (isOneOf(NETWORK_KINDS, network)) d.network = network;
    else warn(`unknown network ${quote(network)} (expected one of ${NETWORK_KINDS.join(', ')}); network dropped`);
  }
  const country = v[C.country];
  if (country !== undefined) {
    const cc = readCountry(country, 'country', extra, warn);
    if (cc !== undefined) d.country = cc;
  }
  const installed = present(v[C.installed]);
  if (installed !== undefined) {
    if (isIsoDate(installed)) d.installed = installed;
    else warn(`installed date ${quote(installed)} is not a date as YYYY-MM-DD; installed dropped`);
  }
  const cost = present(v[C.cost]);
  if (cost !== undefined) {
    const n = parseDecimal(cost);
    if (n !== undefined && n >= 0) d.cost = n;
    else warn(`cost ${quote(cost)} is not a non-negative number; cost dropped`);
  }
  const lat = present(v[C.lat]);
  const lon = present(v[C.lon]);
  if (lat !== undefined) {
    const n = parseDecimal(lat);
    if (n !== undefined && n >= -90 && n <= 90) d.lat = n;
    else warn(`lat ${quote(lat)} is not a latitude in [-90, 90]; lat dropped`);
  }
  if (lon !== undefined) {
    const n = parseDecimal(lon);
    if (n !== undefined && n >= -180 && n <= 180) d.lon = n;
    else warn(`lon ${quote(lon)} is not a longitude in [-180, 180]; lon dropped`);
  }
  return d;
}

function present(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
}

function lower(s: string | undefined): string | undefined {
  const t = present(s);
  return t === undefined ? undefined : t.toLowerCase();
}
