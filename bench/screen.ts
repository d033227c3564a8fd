// Supplier screening throughput (issue 10 benchmark): 1 million generated company names screened
// against a generated 50,000-entity list (FollowTheMoney JSON lines, parsed like a real file).
// A tenth of the queries are variants of listed names (case, legal form, word order, a typo);
// the rest are other generated names, most of them sharing words with the list. Names are built
// before timing, in chunks; the timed loop is the full screen (normalise, block, score, explain,
// ownership walk) on one thread. Peak memory is the largest RSS sampled during the run.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../src/model/seeded-random.js';
import { parseFtm, Screener } from '../src/screen/index.js';
import type { BenchResult } from './types.js';

const ENTITIES = 50_000;
const QUERIES = Number(process.env.Q ?? 1_000_000);
const CHUNK = Math.min(100_000, QUERIES);
const TARGET = 20_000;

const SYLLABLES = ['hua', 'wei', 'zhong', 'xing', 'tian', 'long', 'hai', 'kang', 'da', 'jiang', 'xin', 'tong', 'feng', 'yuan', 'ming', 'guang', 'shen', 'zhou', 'bao', 'li', 'hong', 'sheng', 'chang', 'an', 'rui', 'jie', 'tai', 'ke', 'lian', 'xun', 'kai', 'yi', 'heng', 'fu', 'jin', 'mei'];
const WORDS = ['Nordic', 'Atlas', 'Vector', 'Harbor', 'Summit', 'Orion', 'Falcon', 'Meridian', 'Apex', 'Zenith', 'Cobalt', 'Lumen', 'Vertex', 'Aurora', 'Beacon', 'Crest', 'Delta', 'Ember', 'Granite', 'Helix', 'Ion', 'Juniper', 'Keystone', 'Lotus', 'Mosaic', 'Nova', 'Onyx', 'Pioneer', 'Quartz', 'Raven'];
const GENERIC = ['Technologies', 'Telecom', 'Communications', 'Electronics', 'Networks', 'Systems', 'Digital', 'International', 'Trading', 'Holding', 'Group', 'Cloud', 'Smart', 'Information', 'Industrial'];
const PLACES = ['Shenzhen', 'Beijing', 'Shanghai', 'Hangzhou', 'Hong Kong', 'Dubai', 'Singapore', 'Berlin', 'Paris', 'Tokyo', 'London', 'Moscow', 'Tehran', 'Istanbul'];
const FORMS = ['Co., Ltd.', 'Ltd', 'Limited', 'Corporation', 'Corp.', 'Inc.', 'GmbH', 'S.p.A.', 'K.K.', 'LLC', 'Co Ltd', 'Pte. Ltd.', 'FZE', 'JSC'];
const COUNTRIES = ['cn', 'hk', 'ae', 'sg', 'de', 'fr', 'jp', 'gb', 'ru', 'ir', 'tr'];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[r() % a.length]!;
}

function coined(r: () => number): string {
  const n = 3 + (r() % 2);
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, SYLLABLES);
  return s[0]!.toUpperCase() + s.slice(1);
}

/**
 * A company name: a coined distinctive word (sometimes with a common English one), generic words,
 * maybe a place, a legal form. Coined words come from 36^2 + 36^3 syllable strings, so different
 * names share words as often as real ones do, and the common words are in thousands of names.
 */
function companyName(r: () => number): string {
  const parts: string[] = [];
  if (r() % 3 === 0) parts.push(pick(r, PLACES));
  if (r() % 3 === 0) parts.push(pick(r, WORDS));
  parts.push(coined(r));
  if (r() % 4 === 0) parts.push(coined(r));
  parts.push(pick(r, GENERIC));
  if (r() % 3 === 0) parts.push(pick(r, GENERIC));
  parts.push(pick(r, FORMS));
  return parts.join(' ');
}

/** A name as a supplier might write a listed one: case, legal form, order, one typo. */
function variant(r: () => number, name: string): string {
  let words = name.split(' ');
  const k = r() % 4;
  if (k === 0) return name.toUpperCase();
  if (k === 1) words = [...words.slice(0, -1), pick(r, FORMS)];
  if (k === 2 && words.length > 2) [words[0], words[1]] = [words[1]!, words[0]!];
  if (k === 3) {
    const i = words.findIndex((w) => w.length >= 7);
    if (i >= 0) {
      const w = words[i]!;
      const at = 1 + (r() % (w.length - 2));
      words[i] = w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2);
    }
  }
  return words.join(' ');
}

export async function run(): Promise<BenchResult[]> {
  const r = mulberry32(20_260_801);
  let peak = process.memoryUsage().rss;
  const sample = () => {
    const m = process.memoryUsage().rss;
    if (m > peak) peak = m;
  };
  const listed: string[] = [];
  const lines: string[] = [];
  for (let i = 0; i < ENTITIES; i++) {
    const name = companyName(r);
    listed.push(name);
    const props: Record<string, string[]> = { name: [name], country: [pick(r, COUNTRIES)] };
    if (r() % 5 === 0) props.alias = [companyName(r)];
    // a fifth are subsidiaries of an earlier entity, listed only through it
    const target = !(i > 10 && r() % 5 === 0);
    if (!target) props.parent = [`e${r() % i}`];
    lines.push(JSON.stringify({ id: `e${i}`, schema: 'Company', target, properties: props, last_change: '2026-08-01' }));
  }
  const text = lines.join('\n');
  sample();
  const t0 = performance.now();
  const list = parseFtm(text, 'generated-50k.ftm.jsonl', { id: 'generated' });
  const parseMs = performance.now() - t0;
  const t1 = performance.now();
  const screener = new Screener([list], { asOf: '2026-08-01', limit: 5 });
  const indexMs = performance.now() - t1;
  sample();

  let timed = 0;
  let match = 0;
  let possible = 0;
  let viaOwnership = 0;
  const chunk: string[] = new Array<string>(CHUNK);
  for (let done = 0; done < QUERIES; done += CHUNK) {
    for (let i = 0; i < CHUNK; i++) chunk[i] = r() % 10 === 0 ? variant(r, pick(r, listed)) : companyName(r);
    const ts = performance.now();
    for (let i = 0; i < CHUNK; i++) {
      const res = screener.screen(chunk[i]!);
      if (res.verdict === 'match') match++;
      else if (res.verdict === 'possible') possible++;
      if (res.hits[0]?.via === 'ownership') viaOwnership++;
    }
    timed += performance.now() - ts;
    sample();
  }
  const perSec = QUERIES / (timed / 1000);
  return [
    {
      name: 'names screened',
      value: Math.round(perSec),
      unit: 'names/s',
      target: `>= ${TARGET}`,
      met: perSec >= TARGET,
      note:
        `${QUERIES / 1e6}M generated names (1/10 variants of listed names) against ${ENTITIES.toLocaleString('en-US')} generated entities ` +
        `(${screener.index.nameCount.toLocaleString('en-US')} names; a fifth subsidiaries reached by the ownership walk), one thread, full screen with explanations; ` +
        `${match} match, ${possible} possible (${viaOwnership} via ownership); screening ${(timed / 1000).toFixed(1)} s; list parse ${parseMs.toFixed(0)} ms, index ${indexMs.toFixed(0)} ms`,
    },
    { name: 'peak memory (screening)', value: Math.round(peak / 1048576), unit: 'MB RSS', note: 'largest RSS sampled: list text, parsed list, index and one 100k-name chunk' },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const x of await run()) console.log(JSON.stringify(x, null, 2));
}
