// RIR statistics exchange files (delegated-<rir>-extended-latest and the plain delegated-<rir>
// form): `registry|cc|type|start|value|date|status[|opaque-id|...]`. For ipv4 `value` is the
// number of addresses (not always a power of two); for ipv6 it is the prefix length; asn rows
// give an AS's registration country. Only allocated and assigned rows carry a country; the
// version line, summary lines (`|*|`) and comments are skipped.
import { InputError } from '../../model/index.js';
import { parseIpv4, parseIpv6 } from '../address.js';
import { PrefixTable4Builder, PrefixTable6Builder, wordsToBigInt, type PrefixTable4, type PrefixTable6 } from '../prefix-table.js';
import { countryCode } from './asn-table.js';
import { forEachLine, readDataFile } from './read-lines.js';

export interface RirTable {
  v4: PrefixTable4;
  v6: PrefixTable6;
  /** Values of the prefix tables index this: ISO alpha-2 codes. */
  countries: string[];
  /** Registration country per AS number, from asn rows. */
  asCountry: Map<number, string>;
  /** Registry (afrinic, apnic, arin, lacnic, ripencc) per value, for the evidence. */
  registries: string[];
  rows: number;
  files: string[];
}

const REGISTRIES = new Set(['afrinic', 'apnic', 'arin', 'lacnic', 'ripencc', 'iana']);
const STATUSES = new Set(['allocated', 'assigned']);

export function loadRirTable(files: readonly string[]): RirTable {
  const b4 = new PrefixTable4Builder();
  const b6 = new PrefixTable6Builder();
  const countries: string[] = [];
  const registries: string[] = [];
  const index = new Map<string, number>();
  const asCountry = new Map<number, string>();
  const w = new Uint32Array(4);
  let rows = 0;
  for (const file of files) {
    const text = readDataFile(file).toString('utf8');
    let records = 0;
    let sawHeader = false;
    let firstBad: { line: number; why: string } | undefined;
    forEachLine(text, (line, lineNo) => {
      if (line === '' || line.startsWith('#')) return;
      const f = line.split('|');
      if (!sawHeader && /^\d/.test(f[0] ?? '') && f.length >= 4) {
        sawHeader = true; // version|registry|serial|records|startdate|enddate|UTCoffset
        return;
      }
      if (f[1] === '*' || f[5] === 'summary') return;
      if (f.length < 7 || !REGISTRIES.has(f[0]!.toLowerCase())) {
        firstBad ??= { line: lineNo, why: `expected registry|cc|type|start|value|date|status, got "${line.slice(0, 80)}"` };
        return;
      }
      records++;
      const status = f[6]!.toLowerCase();
      const cc = countryCode(f[1]);
      if (!STATUSES.has(status) || cc === null) return;
      const key = `${cc}|${f[0]!.toLowerCase()}`;
      let value = index.get(key);
      if (value === undefined) {
        value = countries.length;
        countries.push(cc);
        registries.push(f[0]!.toLowerCase());
        index.set(key, value);
      }
      const type = f[2]!.toLowerCase();
      const n = Number(f[4]);
      if (type === 'ipv4') {
        const s = parseIpv4(f[3]!);
        if (s < 0 || !Number.isInteger(n) || n < 1 || s + n - 1 > 0xffffffff) {
          firstBad ??= { line: lineNo, why: `bad ipv4 block ${f[3]}|${f[4]}` };
          return;
        }
        b4.add(s, s + n - 1, value);
      } else if (type === 'ipv6') {
        if (!parseIpv6(f[3]!, w) || !Number.isInteger(n) || n < 0 || n > 128) {
          firstBad ??= { line: lineNo, why: `bad ipv6 block ${f[3]}|${f[4]}` };
          return;
        }
        b6.addPrefix(wordsToBigInt(w), n, value);
      } else if (type === 'asn') {
        const first = Number(f[3]);
        if (Number.isInteger(first) && Number.isInteger(n) && n >= 1 && n <= 1 << 20) for (let a = first; a < first + n; a++) asCountry.set(a, cc);
      }
    });
    if (records === 0) {
      throw new InputError(file, firstBad?.line, `no RIR delegation record found (expected registry|cc|type|start|value|date|status)${firstBad ? `: ${firstBad.why}` : ''}`);
    }
    rows += records;
  }
  return { v4: b4.build(), v6: b6.build(), countries, registries, asCountry, rows, files: [...files] };
}
