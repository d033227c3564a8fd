// Screening quality (issue 20): precision and recall of the matcher on labelled name pairs built
// from public data (bench/screen-quality/pairs.csv, its sources in SOURCES.md), at `match` and at
// `possible`, next to a token-Jaccard baseline scored on the same pairs in the same run.
//
// Two ways, both with the listed sides loaded as one screening list, as a real list would be:
//   entity — each pair's listed entity with every name the list gives it but the query itself
//            (screening compares a name with all of a party's names);
//   name   — one entity per distinct listed name, that name only: name against name.
// Each query is screened against the list and the pair scores what its listed entity got (0 when
// the matcher did not return it). The baseline is the Jaccard index of the word sets (lower case,
// letters and digits) of the query and the listed name (the best of the entity's names), with
// the same two thresholds. The tune half was used to choose the matcher's constants; the test
// half was not looked at while doing so.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { readCsv } from '../src/ingest/csv/text.js';
import { MATCH_THRESHOLD, NameIndex, POSSIBLE_THRESHOLD, type ListEntity, type ScreeningList } from '../src/screen/index.js';
import type { BenchResult } from './types.js';

const PAIRS = 'bench/screen-quality/pairs.csv';
const GOAL = 0.98;

export interface Pair {
  id: number;
  split: 'tune' | 'test';
  same: boolean;
  kind: string;
  query: string;
  listed: string;
  /** Every other name of the listed entity but the query. */
  listedNames: string[];
}

export function readPairs(file = PAIRS): Pair[] {
  const out: Pair[] = [];
  readCsv(readFileSync(file, 'utf8'), file, (h) => {
    const at = (n: string) => h.indexOf(n);
    const [id, split, label, kind, query, listed, names] = ['id', 'split', 'label', 'kind', 'query', 'listed', 'listed_names'].map(at) as number[];
    return (f) => out.push({
      id: Number(f[id!]), split: f[split!] as Pair['split'], same: f[label!] === 'same', kind: f[kind!]!, query: f[query!]!, listed: f[listed!]!,
      listedNames: f[names!]! === '' ? [] : f[names!]!.split(' | '),
    });
  });
  return out;
}

export type Mode = 'entity' | 'name';

const entity = (id: string, names: string[], line: number): ListEntity => ({
  id, schema: 'Company', names, weakNames: [], countries: [], listed: true, listings: [], owners: [], source: `${PAIRS}:${line}`,
});

/** The listed sides as one list; `entityOf` gives each pair's entity id in it. */
export function pairsList(pairs: readonly Pair[], mode: Mode): { list: ScreeningList; entityOf: (p: Pair) => string } {
  const entities =
    mode === 'name'
      ? [...new Set(pairs.map((p) => p.listed))].map((n, i) => entity(n, [n], i + 2))
      : pairs.map((p, i) => entity(String(p.id), [...new Set([p.listed, ...p.listedNames].filter((n) => n.toLowerCase() !== p.query.toLowerCase()))], i + 2));
  const list: ScreeningList = { id: 'pairs', title: 'labelled pairs (listed side)', format: 'ftm', file: PAIRS, version: '2026-12-03', versionSource: 'file', entities };
  return { list, entityOf: mode === 'name' ? (p) => p.listed : (p) => String(p.id) };
}

/** The matcher's score of each pair: the listed entity's candidate score, or 0 when not returned. */
export function matcherScores(pairs: readonly Pair[], mode: Mode): number[] {
  const { list, entityOf } = pairsList(pairs, mode);
  const index = new NameIndex([list]);
  return pairs.map((p) => {
    const want = entityOf(p);
    return index.query(p.query, { cutoff: 0 }).find((c) => c.entity.id === want)?.score ?? 0;
  });
}

/** The baseline's score of each pair: the best Jaccard over the listed entity's names. */
export function baselineScores(pairs: readonly Pair[], mode: Mode): number[] {
  return pairs.map((p) => Math.max(...(mode === 'name' ? [p.listed] : [p.listed, ...p.listedNames]).filter((n) => n.toLowerCase() !== p.query.toLowerCase()).map((n) => jaccard(p.query, n)), 0));
}

const words = (s: string) => new Set(s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));

export function jaccard(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let common = 0;
  for (const w of x) if (y.has(w)) common++;
  const union = x.size + y.size - common;
  return union === 0 ? 0 : common / union;
}

export interface Quality {
  precision: number;
  recall: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Precision and recall when a score at or above `threshold` is called the same entity. */
export function quality(pairs: readonly Pair[], scores: readonly number[], threshold: number): Quality {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  pairs.forEach((p, i) => {
    const hit = scores[i]! >= threshold;
    if (hit && p.same) tp++;
    else if (hit) fp++;
    else if (p.same) fn++;
  });
  return { precision: tp + fp === 0 ? 1 : tp / (tp + fp), recall: tp + fn === 0 ? 1 : tp / (tp + fn), tp, fp, fn };
}

function rows(who: string, pairs: readonly Pair[], scores: readonly number[], split: string, goals: boolean): BenchResult[] {
  const at = (t: number) => quality(pairs, scores, t);
  const m = at(MATCH_THRESHOLD);
  const p = at(POSSIBLE_THRESHOLD);
  const n = `${pairs.length} pairs (${pairs.filter((x) => x.same).length} same entity)`;
  const goal = (v: number) => (goals ? { target: `>= ${GOAL}`, met: v >= GOAL } : {});
  return [
    { name: `${who}: precision at match (${split})`, value: round(m.precision), unit: '', ...goal(m.precision), note: `${n}; ${m.tp} true, ${m.fp} false matches` },
    { name: `${who}: recall at match (${split})`, value: round(m.recall), unit: '', note: `${n}; ${m.fn} same-entity pairs below match` },
    { name: `${who}: precision at possible (${split})`, value: round(p.precision), unit: '', note: `${n}; ${p.fp} different-entity pairs at possible or above` },
    { name: `${who}: recall at possible (${split})`, value: round(p.recall), unit: '', ...goal(p.recall), note: `${n}; ${p.fn} same-entity pairs below possible` },
  ];
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export async function run(): Promise<BenchResult[]> {
  const pairs = readPairs();
  const out: BenchResult[] = [];
  for (const mode of ['entity', 'name'] as const) {
    const scores = matcherScores(pairs, mode);
    const base = baselineScores(pairs, mode);
    for (const split of ['test', 'tune'] as const) {
      const idx = pairs.map((p, i) => (p.split === split ? i : -1)).filter((i) => i >= 0);
      const ps = idx.map((i) => pairs[i]!);
      const label = `${split} half, ${mode === 'entity' ? "against the entity's names" : 'name against name'}`;
      out.push(...rows('cleanpath', ps, idx.map((i) => scores[i]!), label, split === 'test' && mode === 'entity'));
      out.push(...rows('token Jaccard', ps, idx.map((i) => base[i]!), label, false));
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name}: ${r.value} ${r.note ?? ''}`);
}
