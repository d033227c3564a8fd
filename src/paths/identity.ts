// Who answered at a hop: SNMP discovery results matched to hop addresses, and alias resolution.
// A router answers traceroutes from whichever interface faces the prober, so one router shows
// up under several addresses across paths. SNMPv3 discovery gives each address the agent's
// engine ID, boots and engine time (RFC 3414); addresses whose engine ID and boots agree and
// whose implied last reboot (probe time − engine time) agrees within a tolerance are one router.
// Engine ID alone is not enough: images with a default engine ID share it across devices.
import type { Device, Evidence } from '../model/index.js';
import { canonicalIp } from './address.js';
import { asObject, int, str, type Json } from './parse/fields.js';

export interface IdentityEvidence {
  kind: string;
  raw: string;
  vendor: string | null;
  confidence: number;
  detail?: string;
  source: string;
}

/** What discovery says about one address. */
export interface AddressIdentity {
  address: string;
  /** The store device it came from, or the discovery file. */
  deviceId?: string;
  name?: string;
  vendor: string | null;
  confidence: number;
  engineId?: string;
  engineBoots?: number;
  engineTime?: number;
  /** Seconds since the epoch: probe time − engine time. */
  lastReboot?: number;
  country?: string;
  operator?: string;
  conflicts: string[];
  evidence: IdentityEvidence[];
}

export interface Router {
  /** The lowest of its addresses: stable and readable. */
  id: string;
  addresses: string[];
  name?: string;
  vendor: string | null;
  confidence: number;
  engineId?: string;
  engineBoots?: number;
  lastReboot?: number;
  country?: string;
  operator?: string;
  conflicts: string[];
  evidence: IdentityEvidence[];
}

export interface RouterIndex {
  byAddress: Map<string, Router>;
  routers: Router[];
}

/** Seconds two reboot estimates may differ and still be one router (probe timing, rounding). */
export const DEFAULT_REBOOT_TOLERANCE_S = 10;
const MAX_EVIDENCE = 32;

function evidenceSource(e: Evidence): string {
  const s = e.source;
  if (s.file) return s.line !== undefined ? `${s.file}:${s.line}` : s.file;
  return [s.probe, s.address, s.time].filter(Boolean).join(' ');
}

function fromEvidence(list: readonly Evidence[]): IdentityEvidence[] {
  return list.slice(0, MAX_EVIDENCE).map((e) => ({
    kind: e.kind,
    raw: e.raw.slice(0, 200),
    vendor: e.vendor,
    confidence: e.confidence,
    ...(e.detail !== undefined ? { detail: e.detail.slice(0, 200) } : {}),
    source: evidenceSource(e),
  }));
}

const ADDRESS_KEYS = ['address', 'ip', 'mgmt_ip', 'management_address', 'target'];

/** Identities of store devices reachable by address: a probe's `address`, an inventory's `ip`... */
export function identitiesFromDevices(devices: Iterable<Device>): AddressIdentity[] {
  const out: AddressIdentity[] = [];
  for (const d of devices) {
    const addrs = new Set<string>();
    for (const k of ADDRESS_KEYS) {
      const a = d.extra[k] !== undefined ? canonicalIp(d.extra[k]!) : null;
      if (a) addrs.add(a);
    }
    const idAddr = canonicalIp(d.id.replace(/^\[([^\]]+)\](:\d+)?$/, '$1'));
    if (idAddr) addrs.add(idAddr);
    if (addrs.size === 0) continue;
    const boots = Number(d.extra['engine_boots']);
    const etime = Number(d.extra['engine_time']);
    const reboot = Date.parse(d.extra['last_reboot'] ?? '');
    for (const address of addrs) {
      const a: AddressIdentity = {
        address,
        deviceId: d.id,
        vendor: d.vendor,
        confidence: d.attribution.confidence,
        conflicts: d.attribution.conflicts.map((c) => c.note),
        evidence: fromEvidence(d.attribution.evidence),
      };
      if (d.name) a.name = d.name;
      if (d.raw.engineId) a.engineId = d.raw.engineId.toLowerCase().replace(/^0x/, '');
      if (d.extra['engine_boots'] !== undefined && Number.isInteger(boots)) a.engineBoots = boots;
      if (d.extra['engine_time'] !== undefined && Number.isInteger(etime)) a.engineTime = etime;
      if (Number.isFinite(reboot)) a.lastReboot = Math.round(reboot / 1000);
      if (d.country) a.country = d.country;
      if (d.operator) a.operator = d.operator;
      out.push(a);
    }
  }
  return out;
}

/** Identities from `cleanpath probe snmp --json` output (an array of results); non-replies skipped. */
export function identitiesFromProbeJson(doc: unknown, file: string): AddressIdentity[] {
  if (!Array.isArray(doc)) return [];
  const out: AddressIdentity[] = [];
  for (const item of doc) {
    const o = asObject(item);
    if (!o || o['status'] !== 'reply') continue;
    const address = typeof o['address'] === 'string' ? canonicalIp(o['address']) : null;
    if (!address) continue;
    const engineId = str(o, 'engineId');
    const a: AddressIdentity = {
      address,
      deviceId: `${file}#${address}`,
      vendor: typeof o['vendor'] === 'string' ? o['vendor'].slice(0, 64) : null,
      confidence: typeof o['confidence'] === 'number' && o['confidence'] >= 0 && o['confidence'] <= 1 ? o['confidence'] : 0,
      conflicts: Array.isArray(o['conflicts']) ? o['conflicts'].slice(0, 8).map((c) => String(asObject(c)?.['note'] ?? '').slice(0, 200)).filter(Boolean) : [],
      evidence: [],
    };
    if (engineId && /^[0-9a-f]+$/i.test(engineId)) a.engineId = engineId.toLowerCase();
    const boots = int(o, 'engineBoots', 0, 0x7fffffff);
    if (boots !== undefined) a.engineBoots = boots;
    const et = int(o, 'engineTime', 0, 0x7fffffff);
    if (et !== undefined) a.engineTime = et;
    const reboot = Date.parse(str(o, 'lastReboot') ?? '');
    if (Number.isFinite(reboot)) a.lastReboot = Math.round(reboot / 1000);
    if (Array.isArray(o['evidence'])) {
      for (const e of o['evidence'].slice(0, MAX_EVIDENCE)) {
        const eo = asObject(e) as Json | undefined;
        if (!eo || typeof eo['kind'] !== 'string' || typeof eo['raw'] !== 'string') continue;
        a.evidence.push({
          kind: eo['kind'].slice(0, 32),
          raw: eo['raw'].slice(0, 200),
          vendor: typeof eo['vendor'] === 'string' ? eo['vendor'].slice(0, 64) : null,
          confidence: typeof eo['confidence'] === 'number' ? eo['confidence'] : 0,
          ...(typeof eo['detail'] === 'string' ? { detail: eo['detail'].slice(0, 200) } : {}),
          source: `snmpv3-discovery ${address} ${str(o, 'time') ?? ''}`.trim(),
        });
      }
    }
    out.push(a);
  }
  return out;
}

/** Two numbers are "close" when within `tol`: reboot estimates from different probe times. */
function sameRouter(a: AddressIdentity, b: AddressIdentity, tol: number): boolean {
  if (!a.engineId || a.engineId !== b.engineId) return false;
  if (a.engineBoots === undefined || a.engineBoots !== b.engineBoots) return false;
  if (a.lastReboot === undefined || b.lastReboot === undefined) return false;
  return Math.abs(a.lastReboot - b.lastReboot) <= tol;
}

function cmpAddress(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups addresses into routers (alias resolution) and indexes them by address. When the same
 * address has several identities (probed twice, or in the store and a file), the most confident
 * wins for the address; all its evidence is kept on the router.
 */
export function resolveRouters(identities: readonly AddressIdentity[], toleranceS = DEFAULT_REBOOT_TOLERANCE_S): RouterIndex {
  const best = new Map<string, AddressIdentity>();
  for (const a of identities) {
    const cur = best.get(a.address);
    if (!cur || a.confidence > cur.confidence || (a.confidence === cur.confidence && (a.lastReboot ?? 0) > (cur.lastReboot ?? 0))) best.set(a.address, a);
  }
  // bucket by engine ID and boots, then cluster by reboot time within the tolerance
  const groups: AddressIdentity[][] = [];
  const buckets = new Map<string, AddressIdentity[]>();
  for (const a of best.values()) {
    if (a.engineId && a.engineBoots !== undefined && a.lastReboot !== undefined) {
      const k = `${a.engineId}|${a.engineBoots}`;
      (buckets.get(k) ?? buckets.set(k, []).get(k)!).push(a);
    } else groups.push([a]);
  }
  for (const members of buckets.values()) {
    members.sort((x, y) => x.lastReboot! - y.lastReboot! || cmpAddress(x.address, y.address));
    let cur: AddressIdentity[] = [];
    for (const m of members) {
      if (cur.length && !sameRouter(cur[cur.length - 1]!, m, toleranceS)) {
        groups.push(cur);
        cur = [];
      }
      cur.push(m);
    }
    if (cur.length) groups.push(cur);
  }
  const byAddress = new Map<string, Router>();
  const routers: Router[] = [];
  for (const g of groups) {
    g.sort((x, y) => cmpAddress(x.address, y.address));
    const lead = [...g].sort((x, y) => y.confidence - x.confidence)[0]!;
    const evidence: IdentityEvidence[] = [];
    const seen = new Set<string>();
    for (const m of g) for (const e of m.evidence) {
      const k = `${e.kind}|${e.raw}|${e.vendor}`;
      if (!seen.has(k) && evidence.length < MAX_EVIDENCE) {
        seen.add(k);
        evidence.push(e);
      }
    }
    const vendors = new Set(g.map((m) => m.vendor).filter((v): v is string => v !== null));
    const conflicts = [...new Set(g.flatMap((m) => m.conflicts))];
    if (vendors.size > 1) conflicts.push(`aliases disagree on the vendor: ${[...vendors].sort().join(' vs ')}`);
    const r: Router = {
      id: g[0]!.address,
      addresses: g.map((m) => m.address),
      vendor: lead.vendor,
      confidence: lead.confidence,
      conflicts,
      evidence,
    };
    const name = g.find((m) => m.name)?.name;
    if (name) r.name = name;
    if (lead.engineId) r.engineId = lead.engineId;
    if (lead.engineBoots !== undefined) r.engineBoots = lead.engineBoots;
    if (lead.lastReboot !== undefined) r.lastReboot = lead.lastReboot;
    const country = g.find((m) => m.country)?.country;
    if (country) r.country = country;
    const operator = g.find((m) => m.operator)?.operator;
    if (operator) r.operator = operator;
    routers.push(r);
    for (const m of g) byAddress.set(m.address, r);
  }
  routers.sort((x, y) => cmpAddress(x.id, y.id));
  return { byAddress, routers };
}
