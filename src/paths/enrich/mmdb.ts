// MaxMind-format .mmdb databases (GeoLite2/GeoIP2 Country, City and ASN, and the databases of
// other publishers in the same format), read with mmdb-lib from a buffer. Only the fields that
// enrichment uses are taken from a record, each checked for its type: the file is untrusted.
import { Reader, type Response } from 'mmdb-lib';
import { InputError } from '../../model/index.js';
import { countryCode } from './asn-table.js';
import { readDataFile } from './read-lines.js';

export interface MmdbFacts {
  country?: string;
  lat?: number;
  lon?: number;
  asn?: number;
  asName?: string;
}

export interface MmdbSource {
  file: string;
  databaseType: string;
  lookup(address: string): MmdbFacts | null;
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The facts of one record, whatever the database's kind. */
export function mmdbFacts(rec: unknown): MmdbFacts | null {
  const r = obj(rec);
  if (!r) return null;
  const out: MmdbFacts = {};
  const cc = countryCode(typeof obj(r['country'])?.['iso_code'] === 'string' ? (obj(r['country'])!['iso_code'] as string) : typeof r['country_code'] === 'string' ? r['country_code'] : undefined);
  if (cc) out.country = cc;
  const loc = obj(r['location']);
  const lat = loc?.['latitude'], lon = loc?.['longitude'];
  if (typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
    out.lat = lat;
    out.lon = lon;
  }
  const asn = r['autonomous_system_number'] ?? (typeof r['asn'] === 'string' ? Number(String(r['asn']).replace(/^AS/i, '')) : r['asn']);
  if (typeof asn === 'number' && Number.isInteger(asn) && asn > 0 && asn <= 0xffffffff) out.asn = asn;
  const asName = r['autonomous_system_organization'] ?? r['as_name'];
  if (typeof asName === 'string' && asName) out.asName = asName.slice(0, 200);
  return Object.keys(out).length ? out : null;
}

export function openMmdb(file: string): MmdbSource {
  const buf = readDataFile(file);
  let reader: Reader<Response>;
  try {
    reader = new Reader<Response>(buf);
  } catch (e) {
    throw new InputError(file, undefined, `not a MaxMind DB file: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    file,
    databaseType: String(reader.metadata.databaseType).slice(0, 100),
    lookup(address: string): MmdbFacts | null {
      try {
        return mmdbFacts(reader.get(address));
      } catch {
        // an IPv6 address against an IPv4-only database, or a corrupt record: no facts
        return null;
      }
    },
  };
}
