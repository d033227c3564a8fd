// Turns "a Huawei transport router at Frankfurt" into an inventory row with the kind of raw
// evidence real inventories hold: usually a MAC, often SNMP data, only sometimes a vendor name.

import type { Layer, NetworkKind, Technology } from '../model/index.js';
import type { CostClass } from './costs.js';
import { costFor } from './costs.js';
import { formatMac, MacPool, vendorEngineId, type MacStyle } from './evidence.js';
import type { Country } from './places.js';
import type { Rng } from './prng.js';
import type { DemoDevice } from './types.js';
import { DECLARED_NAMES, kindOfLayer, productOf, type DemoVendor, type Kind } from './vendors.js';

/** Probability that each kind of evidence is present, per product kind. */
const EVIDENCE_ODDS: Readonly<Record<Kind, { mac: number; oid: number; descr: number; engine: number }>> = {
  core: { mac: 0.7, oid: 0.6, descr: 0.6, engine: 0.45 },
  transport: { mac: 0.8, oid: 0.55, descr: 0.45, engine: 0.4 },
  ran: { mac: 0.85, oid: 0.3, descr: 0.25, engine: 0.35 },
  nms: { mac: 0.8, oid: 0.3, descr: 0.4, engine: 0.3 },
  gateway: { mac: 0.8, oid: 0.5, descr: 0.5, engine: 0.4 },
};

/** Share of devices that carry no evidence at all: identification should say "unknown". */
const NO_EVIDENCE_SHARE = 0.015;

export interface InfraSpec {
  id: string;
  name: string;
  vendor: DemoVendor;
  layer: Layer;
  kind?: Kind;
  role?: string;
  technology?: Technology;
  site: string;
  country: Country;
  operator: string;
  network: NetworkKind;
  installed: string;
  costClass: CostClass;
  lat: number;
  lon: number;
  macStyle: MacStyle;
  declaredShare: number;
  ipv4: readonly number[];
}

export class DeviceFactory {
  constructor(
    private readonly rng: Rng,
    readonly macs: MacPool,
  ) {}

  /** A network element (router, radio site, NMS, gateway) with randomly drawn evidence. */
  infra(s: InfraSpec): DemoDevice {
    const rng = this.rng;
    const kind = s.kind ?? kindOfLayer(s.layer);
    const product = productOf(s.vendor, kind);
    const odds = EVIDENCE_ODDS[kind];
    const mac12 = this.macs.next(s.vendor);
    const version = rng.pick(product.versions);
    const d: DemoDevice = {
      id: s.id, name: s.name, trueVendor: s.vendor, role: s.role ?? product.role, layer: s.layer,
      site: s.site, country: s.country, operator: s.operator, network: s.network,
      installed: s.installed, lat: s.lat, lon: s.lon,
    };
    if (s.technology) d.technology = s.technology;
    const cost = costFor(rng, s.costClass);
    if (cost !== undefined) d.cost = cost;
    // Draw every die even when its result is discarded, so one device's choices never shift
    // the random stream of the next (keeps the scenario stable under small edits).
    const declared = rng.chance(s.declaredShare);
    const declaredName = rng.pick(DECLARED_NAMES[s.vendor]);
    const withModel = rng.chance(declared ? 0.7 : 0.15);
    const hasMac = rng.chance(odds.mac);
    const hasOid = rng.chance(odds.oid);
    const hasDescr = rng.chance(odds.descr);
    const hasEngine = rng.chance(odds.engine);
    const blank = rng.chance(NO_EVIDENCE_SHARE);
    if (blank) return d;
    if (declared) d.declaredVendor = declaredName;
    if (withModel) d.model = product.model;
    if (hasMac) d.mac = formatMac(mac12, s.macStyle);
    if (hasOid) d.sysObjectId = product.oid;
    if (hasDescr) d.sysDescr = product.descr(version);
    if (hasEngine) {
      const e = vendorEngineId(s.vendor, mac12, s.ipv4);
      if (e) d.engineId = e;
    }
    if (!d.declaredVendor && !d.mac && !d.sysObjectId && !d.sysDescr && !d.engineId) d.mac = formatMac(mac12, s.macStyle);
    return d;
  }
}

/** A date as YYYY-MM-DD, uniform between two years (inclusive of the first, exclusive of the end). */
export function dateBetween(rng: Rng, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  const t = a + Math.floor(rng.next() * ((b - a) / 86_400_000)) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

export const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;
