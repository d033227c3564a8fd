// Path exposure: which measured paths cross an untrusted vendor's router, an untrusted AS or a
// country to avoid, at which hops, and how often over a time window, per source site,
// destination, AS, country and vendor. Pure functions over measurements, hop facts and routers;
// aggregation is streaming (one pass, memory bounded by the number of distinct keys).
import { DEFAULT_UNTRUSTED } from '../analyses/untrusted.js';
import type { HopFacts } from './enrich/enricher.js';
import type { Router, RouterIndex } from './identity.js';
import type { Measurement } from './types.js';

/** The analysis engine's untrust options, plus the AS predicate paths add. */
export interface PathAvoidOptions {
  untrusted?: string[];
  avoidCountry?: string[];
  avoidOperator?: string[];
  /** AS numbers whose hops count as untrusted (e.g. 4134, 4837, 9808, 58453). */
  avoidAs?: number[];
}

export interface PathPredicate {
  vendors: Set<string>;
  countries: Set<string>;
  operators: Set<string>;
  ases: Set<number>;
}

const norm = (s: string) => s.trim().toLowerCase();

/** Same defaulting as the analysis engine: no predicate at all → the default untrusted vendors. */
export function compilePredicate(o: PathAvoidOptions): PathPredicate {
  const any = o.untrusted || o.avoidCountry || o.avoidOperator || o.avoidAs;
  return {
    vendors: new Set((any ? (o.untrusted ?? []) : DEFAULT_UNTRUSTED).map(norm).filter(Boolean)),
    countries: new Set((o.avoidCountry ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean)),
    operators: new Set((o.avoidOperator ?? []).map(norm).filter(Boolean)),
    ases: new Set(o.avoidAs ?? []),
  };
}

export function describePredicate(p: PathPredicate): { vendors: string[]; countries: string[]; operators: string[]; ases: number[] } {
  return { vendors: [...p.vendors].sort(), countries: [...p.countries].sort(), operators: [...p.operators].sort(), ases: [...p.ases].sort((a, b) => a - b) };
}

export type ExposureReason =
  | { kind: 'vendor'; vendor: string; router: string; confidence: number }
  | { kind: 'as'; asn: number; asName?: string }
  | { kind: 'country'; country: string; source: string }
  | { kind: 'operator'; operator: string; router: string };

export interface AddressView {
  address: string;
  rttMs?: number;
  special?: string;
  asn?: number;
  asName?: string;
  country?: string;
  countrySource?: string;
  lat?: number;
  lon?: number;
  router?: string;
  routerName?: string;
  vendor?: string | null;
  vendorConfidence?: number;
  mpls?: boolean;
  err?: string;
  reasons: ExposureReason[];
}

export interface HopView {
  ttl: number;
  /** Distinct on-time reply addresses; empty for an all-`*` hop. */
  addresses: AddressView[];
  /** Replies that were `*`. */
  timeouts: number;
  /** Late replies (RIPE Atlas `late`), not counted as this hop's addresses. */
  late: number;
  error?: string;
}

export interface MeasurementExposure {
  id?: number;
  format: string;
  site: string;
  destination: string;
  dstAddress?: string;
  time: number;
  reached: boolean;
  hops: HopView[];
  exposed: boolean;
  /** The hops that made it exposed. */
  hits: Array<{ ttl: number; address: string; reasons: ExposureReason[] }>;
}

export type FactsOf = (address: string) => HopFacts | undefined;

export function destinationOf(m: Pick<Measurement, 'dstAddress' | 'dstName'>): string {
  return m.dstName && m.dstAddress ? `${m.dstName} (${m.dstAddress})` : (m.dstAddress ?? m.dstName ?? '?');
}

function reasonsFor(v: AddressView, router: Router | undefined, p: PathPredicate): ExposureReason[] {
  const out: ExposureReason[] = [];
  if (router?.vendor && p.vendors.has(router.vendor.toLowerCase())) out.push({ kind: 'vendor', vendor: router.vendor, router: router.id, confidence: router.confidence });
  if (v.asn !== undefined && p.ases.has(v.asn)) out.push({ kind: 'as', asn: v.asn, ...(v.asName ? { asName: v.asName } : {}) });
  if (p.countries.size) {
    if (v.country && p.countries.has(v.country)) out.push({ kind: 'country', country: v.country, source: v.countrySource ?? 'data' });
    else if (router?.country && p.countries.has(router.country.toUpperCase())) out.push({ kind: 'country', country: router.country.toUpperCase(), source: 'inventory' });
  }
  if (router?.operator && p.operators.has(norm(router.operator))) out.push({ kind: 'operator', operator: router.operator, router: router.id });
  return out;
}

/** One measurement, hop by hop, with what is known of each address and why it is untrusted. */
export function evaluateMeasurement(m: Measurement, factsOf: FactsOf, routers: RouterIndex, p: PathPredicate, id?: number): MeasurementExposure {
  const hops: HopView[] = [];
  const hits: MeasurementExposure['hits'] = [];
  for (const h of m.hops) {
    const view: HopView = { ttl: h.ttl, addresses: [], timeouts: 0, late: 0 };
    if (h.error) view.error = h.error;
    for (const r of h.replies) {
      if (r.address === null) {
        view.timeouts++;
        continue;
      }
      if (r.late !== undefined) {
        view.late++;
        continue;
      }
      let v = view.addresses.find((a) => a.address === r.address);
      if (!v) {
        v = { address: r.address, reasons: [] };
        const f = factsOf(r.address);
        if (f) {
          if (f.special) v.special = f.special;
          if (f.asn !== undefined) v.asn = f.asn;
          if (f.asName) v.asName = f.asName;
          if (f.country) v.country = f.country;
          if (f.countrySource) v.countrySource = f.countrySource;
          if (f.lat !== undefined && f.lon !== undefined) {
            v.lat = f.lat;
            v.lon = f.lon;
          }
        }
        const router = routers.byAddress.get(r.address);
        if (router) {
          v.router = router.id;
          if (router.name) v.routerName = router.name;
          v.vendor = router.vendor;
          v.vendorConfidence = router.confidence;
        }
        v.reasons = reasonsFor(v, router, p);
        if (v.reasons.length) hits.push({ ttl: h.ttl, address: r.address, reasons: v.reasons });
        view.addresses.push(v);
      }
      if (v.rttMs === undefined && r.rttMs !== undefined) v.rttMs = r.rttMs;
      if (r.mpls?.length) v.mpls = true;
      if (r.err && !v.err) v.err = r.err;
    }
    hops.push(view);
  }
  const e: MeasurementExposure = {
    format: m.format,
    site: m.site,
    destination: destinationOf(m),
    time: m.time,
    reached: m.reached,
    hops,
    exposed: hits.length > 0,
    hits,
  };
  if (id !== undefined) e.id = id;
  if (m.dstAddress) e.dstAddress = m.dstAddress;
  return e;
}

/** One aggregation row: how many measured paths (of how many) cross the key, and where. */
export interface CrossingRow {
  key: string;
  /** Measurements whose path crosses this key at least once. */
  measurements: number;
  /** Of them, measurements the key makes exposed (the key is itself untrusted). */
  untrusted: boolean;
  sites: number;
  destinations: number;
  /** Hop numbers (TTL) it was seen at: lowest and highest. */
  ttlMin: number;
  ttlMax: number;
  label?: string;
}

export interface SiteRow {
  site: string;
  measurements: number;
  exposed: number;
  destinations: number;
  firstTime: number;
  lastTime: number;
}

export interface DestinationRow {
  site: string;
  destination: string;
  measurements: number;
  exposed: number;
  /** exposed / measurements. */
  share: number;
  firstTime: number;
  lastTime: number;
  lastExposedTime: number | null;
  /** Distinct untrusted hops over the window: "ttl address (reason)" with how often, most frequent first. */
  hits: Array<{ ttl: number; address: string; reasons: string[]; count: number }>;
}

export interface RouterRow {
  router: string;
  name?: string;
  vendor: string | null;
  confidence: number;
  addresses: string[];
  untrusted: boolean;
  measurements: number;
  sites: number;
  ttlMin: number;
  ttlMax: number;
  conflicts: string[];
  evidence: Router['evidence'];
}

export interface PathAggregates {
  measurements: number;
  exposed: number;
  reached: number;
  hops: number;
  addressesSeen: number;
  addressesWithAs: number;
  addressesWithCountry: number;
  addressesIdentified: number;
  firstTime: number | null;
  lastTime: number | null;
  bySite: SiteRow[];
  byDestination: DestinationRow[];
  byAs: CrossingRow[];
  byCountry: CrossingRow[];
  byVendor: CrossingRow[];
  routers: RouterRow[];
  /** The most recent exposed measurements, hop by hop (bounded). */
  examples: MeasurementExposure[];
}

interface Crossing {
  measurements: number;
  untrusted: boolean;
  sites: Set<string>;
  destinations: Set<string>;
  ttlMin: number;
  ttlMax: number;
  label?: string;
}

function reasonText(r: ExposureReason): string {
  switch (r.kind) {
    case 'vendor':
      return `vendor ${r.vendor}`;
    case 'as':
      return `AS${r.asn}`;
    case 'country':
      return `country ${r.country}`;
    case 'operator':
      return `operator ${r.operator}`;
  }
}

export { reasonText };

/** Streaming aggregation over measurements of a window. */
export class PathAggregator {
  private n = 0;
  private exposedN = 0;
  private reachedN = 0;
  private hopsN = 0;
  private readonly addrSeen = new Set<string>();
  private readonly addrAs = new Set<string>();
  private readonly addrCc = new Set<string>();
  private readonly addrId = new Set<string>();
  private first: number | null = null;
  private last: number | null = null;
  private readonly sites = new Map<string, SiteRow & { dests: Set<string> }>();
  private readonly dests = new Map<string, DestinationRow & { hitMap: Map<string, { ttl: number; address: string; reasons: string[]; count: number }> }>();
  private readonly ases = new Map<string, Crossing>();
  private readonly countries = new Map<string, Crossing>();
  private readonly vendors = new Map<string, Crossing>();
  private readonly routerUse = new Map<string, { measurements: number; sites: Set<string>; ttlMin: number; ttlMax: number; untrusted: boolean }>();
  private readonly examples: MeasurementExposure[] = [];

  constructor(
    private readonly routers: RouterIndex,
    private readonly predicate: PathPredicate,
    private readonly maxExamples = 50,
  ) {}

  add(e: MeasurementExposure): void {
    this.n++;
    if (e.exposed) this.exposedN++;
    if (e.reached) this.reachedN++;
    this.hopsN += e.hops.length;
    this.first = this.first === null ? e.time : Math.min(this.first, e.time);
    this.last = this.last === null ? e.time : Math.max(this.last, e.time);
    const s = this.sites.get(e.site) ?? { site: e.site, measurements: 0, exposed: 0, destinations: 0, firstTime: e.time, lastTime: e.time, dests: new Set<string>() };
    s.measurements++;
    if (e.exposed) s.exposed++;
    s.dests.add(e.destination);
    s.firstTime = Math.min(s.firstTime, e.time);
    s.lastTime = Math.max(s.lastTime, e.time);
    this.sites.set(e.site, s);
    const dk = `${e.site}\u0000${e.destination}`;
    const d = this.dests.get(dk) ?? { site: e.site, destination: e.destination, measurements: 0, exposed: 0, share: 0, firstTime: e.time, lastTime: e.time, lastExposedTime: null, hits: [], hitMap: new Map() };
    d.measurements++;
    d.firstTime = Math.min(d.firstTime, e.time);
    d.lastTime = Math.max(d.lastTime, e.time);
    if (e.exposed) {
      d.exposed++;
      d.lastExposedTime = Math.max(d.lastExposedTime ?? 0, e.time);
      for (const h of e.hits) {
        const k = `${h.ttl}|${h.address}`;
        const cur = d.hitMap.get(k);
        if (cur) cur.count++;
        else if (d.hitMap.size < 64) d.hitMap.set(k, { ttl: h.ttl, address: h.address, reasons: h.reasons.map(reasonText), count: 1 });
      }
    }
    this.dests.set(dk, d);
    // crossings: each key counts once per measurement
    const seenAs = new Set<string>(), seenCc = new Set<string>(), seenVendor = new Set<string>(), seenRouter = new Set<string>();
    for (const h of e.hops) {
      for (const a of h.addresses) {
        this.addrSeen.add(a.address);
        if (a.asn !== undefined) {
          this.addrAs.add(a.address);
          this.cross(this.ases, `AS${a.asn}`, seenAs, e, h.ttl, this.predicate.ases.has(a.asn), a.asName);
        }
        if (a.country) {
          this.addrCc.add(a.address);
          this.cross(this.countries, a.country, seenCc, e, h.ttl, this.predicate.countries.has(a.country));
        }
        if (a.router) {
          this.addrId.add(a.address);
          const vendor = a.vendor ?? 'unknown';
          this.cross(this.vendors, vendor, seenVendor, e, h.ttl, a.vendor != null && this.predicate.vendors.has(a.vendor.toLowerCase()));
          const u = this.routerUse.get(a.router) ?? { measurements: 0, sites: new Set<string>(), ttlMin: h.ttl, ttlMax: h.ttl, untrusted: false };
          if (!seenRouter.has(a.router)) {
            seenRouter.add(a.router);
            u.measurements++;
          }
          u.sites.add(e.site);
          u.ttlMin = Math.min(u.ttlMin, h.ttl);
          u.ttlMax = Math.max(u.ttlMax, h.ttl);
          if (a.reasons.some((r) => r.kind === 'vendor' || r.kind === 'operator')) u.untrusted = true;
          this.routerUse.set(a.router, u);
        }
      }
    }
    if (e.exposed && this.maxExamples > 0) {
      this.examples.push(e);
      if (this.examples.length > this.maxExamples * 2) this.trimExamples();
    }
  }

  private trimExamples(): void {
    this.examples.sort((a, b) => b.time - a.time || a.site.localeCompare(b.site));
    this.examples.length = Math.min(this.examples.length, this.maxExamples);
  }

  private cross(map: Map<string, Crossing>, key: string, seen: Set<string>, e: MeasurementExposure, ttl: number, untrusted: boolean, label?: string): void {
    const c = map.get(key) ?? { measurements: 0, untrusted, sites: new Set<string>(), destinations: new Set<string>(), ttlMin: ttl, ttlMax: ttl };
    if (label && !c.label) c.label = label;
    if (!seen.has(key)) {
      seen.add(key);
      c.measurements++;
    }
    c.sites.add(e.site);
    c.destinations.add(e.destination);
    c.ttlMin = Math.min(c.ttlMin, ttl);
    c.ttlMax = Math.max(c.ttlMax, ttl);
    map.set(key, c);
  }

  result(): PathAggregates {
    this.trimExamples();
    const rows = (m: Map<string, Crossing>): CrossingRow[] =>
      [...m]
        .map(([key, c]) => ({
          key,
          measurements: c.measurements,
          untrusted: c.untrusted,
          sites: c.sites.size,
          destinations: c.destinations.size,
          ttlMin: c.ttlMin,
          ttlMax: c.ttlMax,
          ...(c.label ? { label: c.label } : {}),
        }))
        .sort((a, b) => Number(b.untrusted) - Number(a.untrusted) || b.measurements - a.measurements || a.key.localeCompare(b.key));
    const routers: RouterRow[] = [];
    for (const r of this.routers.routers) {
      const u = this.routerUse.get(r.id);
      if (!u) continue;
      routers.push({
        router: r.id,
        ...(r.name ? { name: r.name } : {}),
        vendor: r.vendor,
        confidence: r.confidence,
        addresses: r.addresses.slice(0, 32),
        untrusted: u.untrusted,
        measurements: u.measurements,
        sites: u.sites.size,
        ttlMin: u.ttlMin,
        ttlMax: u.ttlMax,
        conflicts: r.conflicts,
        evidence: r.evidence,
      });
    }
    routers.sort((a, b) => Number(b.untrusted) - Number(a.untrusted) || b.measurements - a.measurements || a.router.localeCompare(b.router));
    return {
      measurements: this.n,
      exposed: this.exposedN,
      reached: this.reachedN,
      hops: this.hopsN,
      addressesSeen: this.addrSeen.size,
      addressesWithAs: this.addrAs.size,
      addressesWithCountry: this.addrCc.size,
      addressesIdentified: this.addrId.size,
      firstTime: this.first,
      lastTime: this.last,
      bySite: [...this.sites.values()]
        .map(({ dests, ...s }) => ({ ...s, destinations: dests.size }))
        .sort((a, b) => b.exposed - a.exposed || a.site.localeCompare(b.site)),
      byDestination: [...this.dests.values()]
        .map(({ hitMap, ...d }) => ({ ...d, share: Math.round((d.exposed / d.measurements) * 10000) / 10000, hits: [...hitMap.values()].sort((a, b) => b.count - a.count || a.ttl - b.ttl) }))
        .sort((a, b) => b.share - a.share || b.exposed - a.exposed || a.site.localeCompare(b.site) || a.destination.localeCompare(b.destination)),
      byAs: rows(this.ases),
      byCountry: rows(this.countries),
      byVendor: rows(this.vendors),
      routers,
      examples: [...this.examples],
    };
  }
}
