// IEEE OUI registry (npm oui-data) as flat typed arrays for millions of look-ups a second.
// The ~40k assigned 24-bit prefixes sit in an open-addressing hash table (Int32Array keys,
// Uint16Array values = org id + 1), under 1 MB so it stays in cache: a table indexed directly by
// all 2^24 prefixes (32 MB) measured 4-5x slower on random MACs, every look-up a cache miss.
// Prefixes carved into MA-M/MA-S blocks point instead into per-prefix 4096-slot sub-tables
// indexed by the next 12 bits, filled so that the longest assigned prefix wins.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { Catalog } from './catalog.js';
import { loadCatalog } from './catalog.js';
import { parseMacInto } from './mac-parse.js';

export type OuiBlock = 'MA-L' | 'MA-M' | 'MA-S';

export interface OuiMatch {
  /** Assigned prefix in upper-case hex: 6 (MA-L), 7 (MA-M) or 9 (MA-S) digits. */
  prefix: string;
  block: OuiBlock;
  /** Registry organisation name (first line), exactly as written there. */
  org: string;
  /** Last line of the registry entry when it has an address (usually a country code). */
  country: string | null;
  orgId: number;
  /** Catalog slug when the organisation is one of the catalog's OUI organisations. */
  vendor: string | null;
  /** False when the catalog marks this organisation → vendor link as unverified. */
  verified: boolean;
}

const SUB_BITS = 12;
const SUB_SIZE = 1 << SUB_BITS;
/** Lookup results below zero. */
export const OUI_UNASSIGNED = -1;
export const OUI_INVALID = -2;

/** Whitespace and case only: the registry's spelling is otherwise matched exactly. */
export function normaliseOrgName(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

export class OuiIndex {
  readonly orgNames: readonly string[];
  readonly orgCountry: readonly (string | null)[];
  /** org id → index into vendorSlugs, or -1. */
  readonly orgVendor: Int16Array;
  readonly orgVerified: Uint8Array;
  readonly vendorSlugs: readonly string[];
  /** Catalog OUI organisation names not present in the registry (stale catalog entries). */
  readonly missingCatalogOrgs: readonly string[];
  readonly entryCount: number;
  /** Milliseconds spent reading and indexing the registry; 0 when built from given data. */
  loadMs = 0;

  private readonly keys: Int32Array;
  private readonly vals: Uint16Array;
  private readonly shift: number;
  private readonly mask: number;
  private readonly sub: Uint16Array;
  private readonly subBlockLen: Uint8Array;
  private readonly subBase: number;
  private readonly subPrefix: Int32Array;
  private readonly scratch = new Int32Array(2);

  constructor(registry: Readonly<Record<string, string>>, catalog: Catalog) {
    const r = scanRegistry(registry);
    this.entryCount = r.entries;
    this.orgNames = r.orgNames;
    this.orgCountry = r.orgCountry;
    this.subBase = 0x10000 - r.parents.size;
    if (r.orgNames.length + 1 >= this.subBase) {
      throw new Error(`OUI registry has ${r.orgNames.length} organisations: too many for the 16-bit index`);
    }
    const sub = subTables(r, this.subBase);
    this.sub = sub.sub;
    this.subBlockLen = sub.subBlockLen;
    this.subPrefix = sub.subPrefix;
    const hash = prefixHash(r.top);
    this.shift = hash.shift;
    this.mask = hash.mask;
    this.keys = hash.keys;
    this.vals = hash.vals;
    const links = catalogLinks(catalog, r.orgNames);
    this.orgVendor = links.orgVendor;
    this.orgVerified = links.orgVerified;
    this.missingCatalogOrgs = links.missingCatalogOrgs;
    this.vendorSlugs = links.vendorSlugs;
  }

  /** Org id + 1, sub-table reference (>= subBase), or 0 for an unassigned 24-bit prefix. */
  private topValue(p: number): number {
    const keys = this.keys;
    let h = Math.imul(p, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[h]!;
      if (k === p) return this.vals[h]!;
      if (k === -1) return 0;
      h = (h + 1) & this.mask;
    }
  }

  /** Org id for a MAC given as its two 24-bit halves, or OUI_UNASSIGNED. */
  orgIdOf(hi24: number, lo24: number): number {
    let v = this.topValue(hi24);
    if (v >= this.subBase) v = this.sub[((v - this.subBase) << SUB_BITS) | (lo24 >>> SUB_BITS)]!;
    return v - 1;
  }

  /** Hot path: org id for a MAC string, OUI_UNASSIGNED, or OUI_INVALID when it does not parse. */
  orgIdOfMac(mac: string): number {
    const out = this.scratch;
    if (parseMacInto(mac, out) === null) return OUI_INVALID;
    let v = this.topValue(out[0]!);
    if (v >= this.subBase) v = this.sub[((v - this.subBase) << SUB_BITS) | (out[1]! >>> SUB_BITS)]!;
    return v - 1;
  }

  /** Catalog slug for a MAC string, or null (unparseable, unassigned or not a catalog organisation). */
  vendorOfMac(mac: string): string | null {
    const id = this.orgIdOfMac(mac);
    if (id < 0) return null;
    const vi = this.orgVendor[id]!;
    return vi < 0 ? null : this.vendorSlugs[vi]!;
  }

  /**
   * A number identifying the assigned block that covers the MAC (same block, same number), for
   * callers that cache per-block results; -1 when no block covers it.
   */
  blockKey(hi24: number, lo24: number): number {
    const t = this.topValue(hi24);
    if (t === 0) return -1;
    if (t < this.subBase) return hi24;
    const slot = ((t - this.subBase) << SUB_BITS) | (lo24 >>> SUB_BITS);
    if (this.sub[slot] === 0) return -1;
    const len = this.subBlockLen[slot]!;
    if (len === 6) return hi24;
    // Above 2^24 so it cannot collide with an MA-L key; an MA-M key ignores the MA-S digits.
    const rest = len === 7 ? (lo24 >>> 20) << 8 : lo24 >>> SUB_BITS;
    return 0x1000000 + hi24 * SUB_SIZE + rest;
  }

  /** Full description of the longest assigned prefix covering the MAC, or null if none is. */
  match(hi24: number, lo24: number): OuiMatch | null {
    const t = this.topValue(hi24);
    let v = t;
    let len = 6;
    if (t >= this.subBase) {
      const i = ((t - this.subBase) << SUB_BITS) | (lo24 >>> SUB_BITS);
      v = this.sub[i]!;
      len = this.subBlockLen[i]!;
    }
    if (v === 0) return null;
    const id = v - 1;
    const full = hi24.toString(16).padStart(6, '0') + lo24.toString(16).padStart(6, '0');
    const vi = this.orgVendor[id]!;
    return {
      prefix: full.slice(0, len).toUpperCase(),
      block: len === 6 ? 'MA-L' : len === 7 ? 'MA-M' : 'MA-S',
      org: this.orgNames[id]!,
      country: this.orgCountry[id] ?? null,
      orgId: id,
      vendor: vi < 0 ? null : this.vendorSlugs[vi]!,
      verified: vi >= 0 && this.orgVerified[id] === 1,
    };
  }

  /** MA-M/MA-S sub-assigned MA-L prefixes (for tests and diagnostics). */
  subdividedPrefixes(): number[] {
    return Array.from(this.subPrefix);
  }
}

function readRegistry(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const path = require.resolve('oui-data');
  const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${path}: expected an object of prefix → organisation`);
  }
  return data as Record<string, string>;
}

let shared: OuiIndex | undefined;

/** The registry from oui-data, loaded and indexed on first call only. */
export function getOuiIndex(): OuiIndex {
  if (!shared) {
    const t0 = performance.now();
    const idx = new OuiIndex(readRegistry(), loadCatalog());
    idx.loadMs = performance.now() - t0;
    shared = idx;
  }
  return shared;
}

/** The registry read once: organisations (first line = name, last line = country), MA-L prefixes, and longer blocks under their parent prefix. */
interface RegistryRead {
  orgNames: string[];
  orgCountry: (string | null)[];
  /** 24-bit prefix → org id + 1 (MA-L entries) */
  top: Map<number, number>;
  /** MA-M (7 hex digits) and MA-S (9) blocks with their org id */
  longer: [string, number][];
  /** 24-bit prefix carved into longer blocks → its sub-table slot */
  parents: Map<number, number>;
  entries: number;
}

function scanRegistry(registry: Readonly<Record<string, string>>): RegistryRead {
  const orgIds = new Map<string, number>();
  const orgNames: string[] = [];
  const orgCountry: (string | null)[] = [];
  const orgOf = (value: string): number => {
    const nl = value.indexOf('\n');
    const name = (nl < 0 ? value : value.slice(0, nl)).trim();
    let id = orgIds.get(name);
    if (id === undefined) {
      id = orgNames.length;
      orgIds.set(name, id);
      orgNames.push(name);
      const lastNl = value.lastIndexOf('\n');
      const country = lastNl < 0 ? null : value.slice(lastNl + 1).trim() || null;
      orgCountry.push(country);
    }
    return id;
  };

  const top = new Map<number, number>();
  const longer: [string, number][] = [];
  const parents = new Map<number, number>();
  let entries = 0;
  for (const key in registry) {
    const value = registry[key];
    if (typeof value !== 'string' || !/^[0-9A-F]+$/.test(key)) continue;
    const id = orgOf(value);
    entries++;
    if (key.length === 6) {
      top.set(parseInt(key, 16), id + 1);
    } else if (key.length === 7 || key.length === 9) {
      longer.push([key, id]);
      const p = parseInt(key.slice(0, 6), 16);
      if (!parents.has(p)) parents.set(p, parents.size);
    }
  }
  return { orgNames, orgCountry, top, longer, parents, entries };
}

/** The 4096-slot sub-table of each carved prefix, longest block winning; points `top` at them. */
function subTables(r: RegistryRead, subBase: number): { sub: Uint16Array; subBlockLen: Uint8Array; subPrefix: Int32Array } {
  const { top, longer, parents } = r;
  const sub = new Uint16Array(parents.size * SUB_SIZE);
  const subBlockLen = new Uint8Array(parents.size * SUB_SIZE);
  const subPrefix = new Int32Array(parents.size);
  for (const [p, slot] of parents) {
    subPrefix[slot] = p;
    const base = slot * SUB_SIZE;
    sub.fill(top.get(p) ?? 0, base, base + SUB_SIZE);
    subBlockLen.fill(6, base, base + SUB_SIZE);
  }
  // Shorter blocks first so a nested longer block overwrites its slots.
  longer.sort((a, b) => a[0].length - b[0].length);
  for (const [key, id] of longer) {
    const base = parents.get(parseInt(key.slice(0, 6), 16))! * SUB_SIZE;
    const rest = parseInt(key.slice(6), 16);
    const from = key.length === 7 ? rest << 8 : rest;
    const count = key.length === 7 ? 256 : 1;
    sub.fill(id + 1, base + from, base + from + count);
    subBlockLen.fill(key.length, base + from, base + from + count);
  }
  for (const [p, slot] of parents) top.set(p, subBase + slot);
  return { sub, subBlockLen, subPrefix };
}

/** The open-addressing table of the 24-bit prefixes (linear probing, Fibonacci hashing). */
function prefixHash(top: ReadonlyMap<number, number>): { shift: number; mask: number; keys: Int32Array; vals: Uint16Array } {
  // Load factor at most 1/4 keeps probe chains short for the mostly-absent random prefixes.
  let bits = 10;
  while (1 << bits < top.size * 4) bits++;
  const shift = 32 - bits;
  const mask = (1 << bits) - 1;
  const keys = new Int32Array(1 << bits).fill(-1);
  const vals = new Uint16Array(1 << bits);
  for (const [p, v] of top) {
    let h = Math.imul(p, 0x9e3779b1) >>> shift;
    while (keys[h] !== -1) h = (h + 1) & mask;
    keys[h] = p;
    vals[h] = v;
  }
  return { shift, mask, keys, vals };
}

/** Registry organisations → catalog vendors, by normalised name; catalog names the registry lacks. */
function catalogLinks(catalog: Catalog, orgNames: readonly string[]) {
  const vendorSlugs: string[] = [];
  const byName = new Map<string, { vendor: number; verified: boolean; name: string }>();
  for (const v of catalog.vendors) {
    const vi = vendorSlugs.push(v.slug) - 1;
    for (const o of v.ouiOrgs) byName.set(normaliseOrgName(o.name), { vendor: vi, verified: o.verified, name: o.name });
  }
  const orgVendor = new Int16Array(orgNames.length).fill(-1);
  const orgVerified = new Uint8Array(orgNames.length);
  const seen = new Set<string>();
  for (let i = 0; i < orgNames.length; i++) {
    const key = normaliseOrgName(orgNames[i]!);
    const hit = byName.get(key);
    if (hit) {
      orgVendor[i] = hit.vendor;
      orgVerified[i] = hit.verified ? 1 : 0;
      seen.add(key);
    }
  }
  const missingCatalogOrgs = [...byName.entries()].filter(([k]) => !seen.has(k)).map(([, v]) => v.name);
  return { orgVendor, orgVerified, missingCatalogOrgs, vendorSlugs };
}
