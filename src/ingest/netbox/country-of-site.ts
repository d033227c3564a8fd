// A NetBox site's country: NetBox has no country field, so it is read from what sites do carry,
// in order of trust: the region tree, the physical address, the coordinates.
import { countryCode } from '../../model/index.js';
import { countryAtPoint } from '../util/country-at-point.js';

export interface NbRegion {
  name?: string;
  slug?: string;
  parent?: string;
}

export interface SiteCountryInput {
  region?: string;
  physicalAddress?: string;
  lat?: number;
  lon?: number;
}

export type CountrySource = 'region' | 'address' | 'coordinates';

export interface SiteCountry {
  code: string;
  from: CountrySource;
  /** The region name, address text or coordinates it came from. */
  evidence: string;
}

/** Regions deeper than this are a loop or a hostile server, not geography. */
const MAX_REGION_DEPTH = 64;

export function countryOfSite(site: SiteCountryInput, regions: ReadonlyMap<string, NbRegion>): SiteCountry | undefined {
  return fromRegions(site.region, regions) ?? fromAddress(site.physicalAddress) ?? fromPoint(site.lat, site.lon);
}

/**
 * The region closest to the root that is named like a country. Closest to the root, because
 * sub-national regions can share a country's name (the US state of Georgia under "United
 * States"); a two- or three-letter code counts only there too ("CA" under "US" is California).
 */
export function fromRegions(start: string | undefined, regions: ReadonlyMap<string, NbRegion>): SiteCountry | undefined {
  let found: SiteCountry | undefined;
  const seen = new Set<string>();
  for (let pk = start; pk !== undefined && !seen.has(pk) && seen.size < MAX_REGION_DEPTH; pk = regions.get(pk)?.parent) {
    seen.add(pk);
    const r = regions.get(pk);
    if (!r) break;
    const isRoot = r.parent === undefined || !regions.has(r.parent);
    const code = regionCountry(r, isRoot);
    if (code) found = { code, from: 'region', evidence: r.name ?? r.slug ?? pk };
  }
  return found;
}

function regionCountry(r: NbRegion, isRoot: boolean): string | undefined {
  for (const label of [r.name, r.slug?.replace(/[-_]+/g, ' ')]) {
    if (!label) continue;
    const t = label.trim();
    if (t.length <= 3 && !isRoot) continue;
    const code = countryCode(t);
    if (code) return code;
  }
  return undefined;
}

/**
 * The country word of a postal address: its last line, else the last comma-separated part of
 * it, postcodes removed. Two-letter words are never read as codes: in "Raleigh, NC" or
 * "Los Angeles, CA" they are states.
 */
export function fromAddress(address: string | undefined): SiteCountry | undefined {
  if (!address) return undefined;
  const lines = address.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const last = lines.at(-1);
  if (!last) return undefined;
  const candidates = [last, last.split(',').at(-1) ?? ''];
  for (const c of candidates) {
    const word = c.replace(/[\d-]+/g, ' ').trim();
    if (word.length < 3) continue;
    const code = countryCode(word) ?? countryCode(word.replace(/\.$/, ''));
    if (code) return { code, from: 'address', evidence: last };
  }
  return undefined;
}

function fromPoint(lat: number | undefined, lon: number | undefined): SiteCountry | undefined {
  if (lat === undefined || lon === undefined) return undefined;
  const code = countryAtPoint(lat, lon);
  return code ? { code, from: 'coordinates', evidence: `${lat},${lon}` } : undefined;
}
