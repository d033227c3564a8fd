// IP-to-ASN ranges in the iptoasn TSV layout: `range_start TAB range_end TAB AS_number TAB
// country_code TAB AS_description`, addresses as text (ip2asn-v4.tsv, -v6, -combined) or as
// unsigned integers (ip2asn-v4-u32.tsv). AS 0 marks space that is not routed. Rows are indexed
// into prefix tables whose values point at one entry per distinct AS.
import { InputError } from '../../model/index.js';
import { parseIpv4, parseIpv6 } from '../address.js';
import { PrefixTable4Builder, PrefixTable6Builder, wordsToBigInt, type PrefixTable4, type PrefixTable6 } from '../prefix-table.js';
import { forEachLine, readDataFile } from './read-lines.js';

export interface AsInfo {
  asn: number;
  /** ISO alpha-2 of the AS's registration, or null when the table says None/Unknown. */
  country: string | null;
  name: string | null;
}

export interface AsnTable {
  v4: PrefixTable4;
  v6: PrefixTable6;
  /** Values of the prefix tables index this. */
  ases: AsInfo[];
  rows: number;
  files: string[];
}

const MAX_NAME = 200;
/** Bad rows tolerated (reported as the first few) before the file is refused as not this format. */
const MAX_BAD_ROWS = 100;

export function countryCode(s: string | undefined): string | null {
  if (s === undefined) return null;
  const t = s.trim().toUpperCase();
  return /^[A-Z]{2}$/.test(t) && t !== 'ZZ' && t !== 'XX' ? t : null;
}

/** Loads one or more iptoasn TSV files (plain or gzip) into one table; later files win on overlaps. */
export function loadAsnTable(files: readonly string[]): AsnTable {
  const b4 = new PrefixTable4Builder();
  const b6 = new PrefixTable6Builder();
  const ases: AsInfo[] = [];
  const index = new Map<string, number>();
  const byAsn = new Map<number, number>();
  const w = new Uint32Array(4);
  const w2 = new Uint32Array(4);
  let rows = 0;
  for (const file of files) {
    const text = readDataFile(file).toString('utf8');
    const bad: string[] = [];
    let good = 0;
    forEachLine(text, (line, lineNo) => {
      if (line === '' || line.startsWith('#')) return;
      const f = line.split('\t');
      if (f.length < 3) {
        if (bad.length < MAX_BAD_ROWS) bad.push(`${lineNo}: expected start, end, AS number (tab separated)`);
        return;
      }
      const asn = Number(f[2]);
      if (!Number.isInteger(asn) || asn < 0 || asn > 0xffffffff) {
        if (bad.length < MAX_BAD_ROWS) bad.push(`${lineNo}: AS number "${f[2]!.slice(0, 20)}" is not one`);
        return;
      }
      const country = countryCode(f[3]);
      const rawName = f[4]?.trim();
      const name = !rawName || rawName === 'Not routed' || rawName === 'None' ? null : rawName.slice(0, MAX_NAME);
      let value = -1;
      if (asn !== 0) {
        // one entry per AS (as the table lists it); a number seen with another country or name
        // (it happens across files) gets its own entry under a longer key
        value = byAsn.get(asn) ?? -1;
        const seen = value >= 0 ? ases[value]! : undefined;
        if (!seen || seen.country !== country || seen.name !== name) {
          const key = `${asn}\u0000${country ?? ''}\u0000${name ?? ''}`;
          value = index.get(key) ?? -1;
          if (value < 0) {
            value = ases.length;
            ases.push({ asn, country, name });
            index.set(key, value);
            if (!seen) byAsn.set(asn, value);
          }
        }
      }
      const a = f[0]!, z = f[1]!;
      let s4 = parseIpv4(a), e4 = parseIpv4(z);
      if (s4 < 0 && /^\d+$/.test(a) && /^\d+$/.test(z)) {
        s4 = Number(a);
        e4 = Number(z);
        if (!(s4 <= 0xffffffff && e4 <= 0xffffffff)) s4 = -1;
      }
      if (s4 >= 0 && e4 >= s4) {
        good++;
        if (value >= 0) b4.add(s4, e4, value);
        return;
      }
      if (parseIpv6(a, w) && parseIpv6(z, w2)) {
        const s6 = wordsToBigInt(w), e6 = wordsToBigInt(w2);
        if (e6 >= s6) {
          good++;
          if (value >= 0) b6.add(s6, e6, value);
          return;
        }
      }
      if (bad.length < MAX_BAD_ROWS) bad.push(`${lineNo}: "${a.slice(0, 45)}"–"${z.slice(0, 45)}" is not an address range`);
    });
    if (good === 0) throw new InputError(file, undefined, `no IP-to-ASN row found (expected iptoasn TSV: start<TAB>end<TAB>AS<TAB>country<TAB>name)${bad.length ? `; line ${bad[0]}` : ''}`);
    if (bad.length >= MAX_BAD_ROWS) throw new InputError(file, Number(bad[0]!.split(':')[0]), `not an iptoasn TSV: ${bad[0]!.split(': ').slice(1).join(': ')} (and ${bad.length - 1}+ more bad rows)`);
    rows += good;
  }
  return { v4: b4.build(), v6: b6.build(), ases, rows, files: [...files] };
}
