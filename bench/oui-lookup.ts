// MAC-to-vendor look-ups per second over 10 million random MAC strings (issue 2 benchmark).
// Strings are generated before timing, in chunks, with a seeded PRNG; the timed loop parses each
// string and resolves it to an organisation and catalog vendor, as identification does.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { getOuiIndex } from '../src/vendors/oui-index.js';
import type { BenchResult } from './types.js';
import { mulberry32 } from '../src/model/seeded-random.js';

const TOTAL = 10_000_000;
const CHUNK = 1_000_000;
const TARGET = 5_000_000;

const prng = mulberry32;

const HEX_LOWER = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const HEX_UPPER = Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0));
const COLON = 58;
const DASH = 45;
const DOT = 46;

/**
 * One random MAC in a rotating notation (colon, dash, Cisco dotted, bare; random case); a quarter
 * use a real assigned MA-L prefix. Built from char codes so the string is flat, as strings read
 * from a file are (a concatenated "rope" would make the first read pay for flattening it).
 */
function makeMac(r: () => number, i: number, assigned: Int32Array, codes: number[]): string {
  const x = r();
  const y = r();
  const hi = (x & 3) === 0 ? assigned[(x >>> 2) % assigned.length]! : x >>> 8;
  const digits = (y & 1) === 1 ? HEX_UPPER : HEX_LOWER;
  const nibbles = [hi >>> 20, hi >>> 16, hi >>> 12, hi >>> 8, hi >>> 4, hi, y >>> 28, y >>> 24, y >>> 20, y >>> 16, y >>> 12, y >>> 8];
  codes.length = 0;
  const shape = i % 4;
  for (let k = 0; k < 12; k++) {
    if (shape === 0 && k > 0 && k % 2 === 0) codes.push(COLON);
    else if (shape === 1 && k > 0 && k % 2 === 0) codes.push(DASH);
    else if (shape === 2 && (k === 4 || k === 8)) codes.push(DOT);
    codes.push(digits[nibbles[k]! & 15]!);
  }
  return String.fromCharCode(...codes);
}

export async function run(): Promise<BenchResult[]> {
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const idx = getOuiIndex();
  const loadMs = performance.now() - t0;
  const rssIndex = process.memoryUsage().rss - rss0;

  // Real MA-L prefixes so a share of look-ups exercise catalog vendors, not only misses.
  const assignedList: number[] = [];
  for (let p = 0; p < 1 << 24; p++) if (idx.orgIdOf(p, 0) >= 0 && p % 3 === 0) assignedList.push(p);
  const assigned = Int32Array.from(assignedList);

  const r = prng(20240601);
  let timed = 0;
  let hits = 0;
  let vendors = 0;
  let invalid = 0;
  const chunk: string[] = new Array(CHUNK);
  const codes: number[] = [];
  for (let done = 0; done < TOTAL; done += CHUNK) {
    const n = Math.min(CHUNK, TOTAL - done);
    for (let i = 0; i < n; i++) chunk[i] = makeMac(r, done + i, assigned, codes);
    const ts = performance.now();
    for (let i = 0; i < n; i++) {
      const id = idx.orgIdOfMac(chunk[i]!);
      if (id >= 0) {
        hits++;
        if (idx.orgVendor[id]! >= 0) vendors++;
      } else if (id === -2) invalid++;
    }
    timed += performance.now() - ts;
  }
  const perSec = TOTAL / (timed / 1000);
  const heapMb = (process.memoryUsage().heapUsed / 1048576).toFixed(0);
  return [
    {
      name: 'MAC-to-vendor look-ups',
      value: Math.round(perSec),
      unit: 'look-ups/s',
      target: `>= ${TARGET}`,
      met: perSec >= TARGET,
      note:
        `${TOTAL / 1e6}M random MAC strings (colon, dash, Cisco dotted, bare; mixed case; 1/4 with an assigned prefix), ` +
        `parse + longest-prefix org + vendor, one thread; ${hits} assigned, ${vendors} catalog vendor, ${invalid} invalid; ` +
        `lookup time ${(timed / 1000).toFixed(2)} s; index load ${loadMs.toFixed(0)} ms (${idx.entryCount} registry entries, ` +
        `+${(rssIndex / 1048576).toFixed(0)} MB RSS); heap after ${heapMb} MB`,
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(JSON.stringify(r, null, 2));
}
