// Screening an inventory: every maker and every party between maker and network (supplier,
// reseller, maintainer) named on a device, screened once per distinct name; each hit becomes a
// finding that names the devices and the inventory lines it came from. A party that is itself on
// no list but handles equipment whose maker is listed gets a finding too (via its equipment):
// that is how a reseller of rebadged equipment shows up.
import type { Device } from '../model/index.js';
import type { Screener, ScreenHit, ScreenResult } from './screen.js';

export const PARTY_ROLES = ['maker', 'supplier', 'reseller', 'maintainer'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Devices named per finding; the count is always complete. */
const MAX_DEVICES_LISTED = 50;

export interface PartyDevice {
  id: string;
  /** file:line of the inventory record. */
  source: string;
  /** maker only: how the maker is known. */
  how?: 'attributed' | 'declared';
  /** When the declared maker (the label) differs from the attributed one: the label. */
  label?: string;
}

export interface InventoryParty {
  role: PartyRole;
  name: string;
  /** maker only: the catalog slug it was attributed as. */
  vendor?: string;
  devices: PartyDevice[];
}

export interface ScreeningFinding {
  role: PartyRole;
  /** The name as the inventory (or the vendor catalog, for an attributed maker) gives it. */
  party: string;
  verdict: ScreenHit['verdict'];
  score: number;
  /** listed / ownership: the party's own name hit; equipment: the devices' maker did. */
  via: ScreenHit['via'] | 'equipment';
  hit: ScreenHit;
  deviceCount: number;
  devices: PartyDevice[];
  /** One sentence. */
  reason: string;
}

export interface InventoryScreening {
  parties: (InventoryParty & { result: ScreenResult })[];
  findings: ScreeningFinding[];
}

const sourceOf = (d: Device) => (d.source.file !== undefined ? `${d.source.file}:${d.source.line ?? '?'}` : (d.source.address ?? d.source.probe ?? '?'));

/**
 * Distinct parties of the devices: attributed makers by their catalog legal name, declared makers
 * as written (when no maker was attributed, or the label names another), and each supplier,
 * reseller and maintainer as written.
 */
export function inventoryParties(devices: Iterable<Device>, legalName: (vendor: string) => string | undefined): InventoryParty[] {
  const byKey = new Map<string, InventoryParty>();
  const add = (role: PartyRole, name: string | undefined, dev: PartyDevice, vendor?: string) => {
    const n = name?.trim();
    if (!n) return;
    const key = `${role}\u0000${n}`;
    let p = byKey.get(key);
    if (!p) {
      p = { role, name: n, devices: [], ...(vendor ? { vendor } : {}) };
      byKey.set(key, p);
    }
    p.devices.push(dev);
  };
  for (const d of devices) {
    const src = sourceOf(d);
    const declared = d.raw.declaredVendor?.trim();
    if (d.vendor !== null) {
      const legal = legalName(d.vendor) ?? d.vendor;
      const dev: PartyDevice = { id: d.id, source: src, how: 'attributed' };
      if (declared && d.attribution.evidence.some((e) => e.kind === 'declared' && e.vendor !== d.vendor)) dev.label = declared;
      add('maker', legal, dev, d.vendor);
    } else if (declared) {
      add('maker', declared, { id: d.id, source: src, how: 'declared' });
    }
    add('supplier', d.supplier, { id: d.id, source: src });
    add('reseller', d.reseller, { id: d.id, source: src });
    add('maintainer', d.maintainer, { id: d.id, source: src });
  }
  return [...byKey.values()];
}

function cap(devs: PartyDevice[]): PartyDevice[] {
  return devs.length > MAX_DEVICES_LISTED ? devs.slice(0, MAX_DEVICES_LISTED) : devs;
}

function reasonOf(role: PartyRole, party: string, h: ScreenHit, n: number): string {
  const on = `${h.list.title} (${h.list.version})`;
  const what = h.via === 'listed'
    ? `matches listed party "${h.listed.name}"`
    : `matches "${h.matched.name}", owned by listed party "${h.listed.name}" (${h.pathText})`;
  return `${role} "${party}" of ${n} device(s) ${what} on ${on}: ${h.verdict}, score ${h.score.toFixed(2)}`;
}

/** Screens every party of an inventory; one finding per (party, list hit). */
export function screenInventory(devices: Iterable<Device>, screener: Screener, legalName: (vendor: string) => string | undefined): InventoryScreening {
  const parties = inventoryParties(devices, legalName);
  const cache = new Map<string, ScreenResult>();
  const screened = parties.map((p) => {
    let result = cache.get(p.name);
    if (!result) {
      result = screener.screen(p.name);
      cache.set(p.name, result);
    }
    return { ...p, result };
  });
  const findings: ScreeningFinding[] = [];
  for (const p of screened) {
    for (const h of p.result.hits) {
      findings.push({ role: p.role, party: p.name, verdict: h.verdict, score: h.score, via: h.via, hit: h, deviceCount: p.devices.length, devices: cap(p.devices), reason: reasonOf(p.role, p.name, h, p.devices.length) });
    }
  }
  // The channel: a supplier, reseller or maintainer on no list that handles a listed maker's equipment.
  const makerHit = new Map<string, ScreenHit>();
  for (const p of screened) {
    const best = p.result.hits.find((h) => h.verdict === 'match');
    if (p.role === 'maker' && best) for (const d of p.devices) makerHit.set(d.id, best);
  }
  for (const p of screened) {
    if (p.role === 'maker' || p.result.verdict === 'match') continue;
    const byListed = new Map<string, { hit: ScreenHit; devices: PartyDevice[] }>();
    for (const d of p.devices) {
      const h = makerHit.get(d.id);
      if (!h) continue;
      const k = `${h.list.id}\u0000${h.listed.id}`;
      const g = byListed.get(k) ?? { hit: h, devices: [] };
      g.devices.push(d);
      byListed.set(k, g);
    }
    for (const { hit, devices } of byListed.values()) {
      const labels = [...new Set(screened.filter((m) => m.role === 'maker').flatMap((m) => m.devices).filter((d) => devices.some((x) => x.id === d.id) && d.label).map((d) => d.label!))];
      const rebadged = labels.length ? ` (labelled ${labels.map((l) => `"${l}"`).join(', ')} but identified by evidence as made by them)` : '';
      findings.push({
        role: p.role,
        party: p.name,
        verdict: hit.verdict,
        score: hit.score,
        via: 'equipment',
        hit,
        deviceCount: devices.length,
        devices: cap(devices),
        reason: `${p.role} "${p.name}" handles ${devices.length} device(s) made by listed party "${hit.listed.name}"${rebadged}, on ${hit.list.title} (${hit.list.version}); the ${p.role} itself is on no list`,
      });
    }
  }
  const rank = { match: 0, possible: 1 } as const;
  findings.sort((a, b) => rank[a.verdict] - rank[b.verdict] || PARTY_ROLES.indexOf(a.role) - PARTY_ROLES.indexOf(b.role) || b.score - a.score || a.party.localeCompare(b.party));
  return { parties: screened, findings };
}
