// Hop enrichment: what the offline data says about one address. Special-purpose ranges are
// named (private, shared, documentation...); public data has no AS or country for them, so only
// a table of the user's own that covers them gives one (an operator's private space). Then the AS from the iptoasn table
// (or the .mmdb ASN database); the country from an .mmdb geolocation database when given, else
// the RIR delegation, else the AS's registration country. Each source is loaded once; answers
// are cached per address because a month of traceroutes crosses the same routers again and again.
import { parseIpv4, parseIpv6 } from '../address.js';
import type { HopFacts } from '../../model/measured-path.js';
import { specialKind4, specialKind6 } from '../special.js';
import { loadAsnTable, type AsnTable } from './asn-table.js';
import { openMmdb, type MmdbSource } from './mmdb.js';
import { loadRirTable, type RirTable } from './rir.js';

export type { CountrySource, HopFacts } from '../../model/measured-path.js';

export interface EnrichmentFiles {
  asnTables?: string[];
  rirFiles?: string[];
  mmdbFiles?: string[];
}

export interface EnrichmentData {
  asn?: AsnTable;
  rir?: RirTable;
  mmdb: MmdbSource[];
}

export function loadEnrichmentData(files: EnrichmentFiles): EnrichmentData {
  const data: EnrichmentData = { mmdb: [] };
  if (files.asnTables?.length) data.asn = loadAsnTable(files.asnTables);
  if (files.rirFiles?.length) data.rir = loadRirTable(files.rirFiles);
  for (const f of files.mmdbFiles ?? []) data.mmdb.push(openMmdb(f));
  return data;
}

/** One line per loaded source, for notes and the JSON output. */
export function describeEnrichment(d: EnrichmentData): string[] {
  const out: string[] = [];
  if (d.asn) out.push(`iptoasn: ${d.asn.rows} rows, ${d.asn.v4.size} IPv4 + ${d.asn.v6.size} IPv6 segments, ${d.asn.ases.length} ASes (${d.asn.files.join(', ')})`);
  if (d.rir) out.push(`RIR delegations: ${d.rir.rows} records, ${d.rir.v4.size} IPv4 + ${d.rir.v6.size} IPv6 segments (${d.rir.files.join(', ')})`);
  for (const m of d.mmdb) out.push(`mmdb: ${m.databaseType} (${m.file})`);
  return out;
}

const CACHE_LIMIT = 1 << 20;

export class Enricher {
  private readonly cache = new Map<string, HopFacts>();
  private readonly words = new Uint32Array(4);

  constructor(readonly data: EnrichmentData) {}

  /** Index into `data.asn.ases` for an IPv4 address (unsigned 32-bit), or -1. */
  asIndex4(addr: number): number {
    return this.data.asn ? this.data.asn.v4.lookup(addr) : -1;
  }

  /** Index into `data.rir.countries` for an IPv4 address, or -1. */
  countryIndex4(addr: number): number {
    return this.data.rir ? this.data.rir.v4.lookup(addr) : -1;
  }

  facts(address: string): HopFacts {
    const hit = this.cache.get(address);
    if (hit !== undefined) return hit;
    const f = this.compute(address);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(address, f);
    return f;
  }

  private compute(address: string): HopFacts {
    const out: HopFacts = {};
    const v4 = parseIpv4(address);
    let asIdx = -1;
    let ccIdx = -1;
    if (v4 >= 0) {
      const special = specialKind4(v4);
      if (special) out.special = special;
      asIdx = this.asIndex4(v4);
      ccIdx = this.countryIndex4(v4);
    } else {
      const w = this.words;
      if (!parseIpv6(address, w)) return out;
      const special = specialKind6(w);
      if (special) out.special = special;
      if (this.data.asn) asIdx = this.data.asn.v6.lookup(w);
      if (this.data.rir) ccIdx = this.data.rir.v6.lookup(w);
    }
    let asCountry: string | undefined;
    if (asIdx >= 0) {
      const as = this.data.asn!.ases[asIdx]!;
      out.asn = as.asn;
      if (as.name) out.asName = as.name;
      if (as.country) asCountry = as.country;
    }
    for (const m of this.data.mmdb) {
      const f = m.lookup(address);
      if (!f) continue;
      if (out.asn === undefined && f.asn !== undefined) {
        out.asn = f.asn;
        if (f.asName) out.asName = f.asName;
      }
      if (out.country === undefined && f.country) {
        out.country = f.country;
        out.countrySource = 'mmdb';
      }
      if (out.lat === undefined && f.lat !== undefined && f.lon !== undefined) {
        out.lat = f.lat;
        out.lon = f.lon;
      }
    }
    if (out.country === undefined && ccIdx >= 0) {
      out.country = this.data.rir!.countries[ccIdx]!;
      out.countrySource = 'rir';
    }
    if (out.country === undefined && out.asn !== undefined) {
      const c = asCountry ?? this.data.rir?.asCountry.get(out.asn);
      if (c) {
        out.country = c;
        out.countrySource = 'asn-table';
      }
    }
    return out;
  }
}
