// Screening quality (issue 20): precision and recall of the matcher on labelled name pairs built
// from public data (bench/screen-quality/pairs.csv, its sources in SOURCES.md), at `match` and at
// `possible`, next to a token-Jaccard baseline scored on the same pairs in the same run.
//
// The listed sides are loaded as one screening list, as a real list would be: one entity per
// distinct listed name, holding that name only, so each pair is name against name (the pairs'
// listed_names column, the entity's other names, is not used: an entity per pair would repeat a
// name in many entities, which distorts both the token weights and the 24 candidates kept).
// Each query is screened against the list and the pair scores what its listed name got (0 when
// the matcher did not return it). The baseline is the Jaccard index of the word sets (lower case,
// letters and digits) of the query and the listed name, with the same two thresholds. The tune half was used to choose the matcher's constants; the test
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
  /** Every other name of the listed entity but the query (kept with the pairs, not scored). */
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

/** The listed names as one list: an entity per distinct name, its id the name itself. */
export function pairsList(pairs: readonly Pair[]): ScreeningList {
  const entities: ListEntity[] = [...new Set(pairs.map((p) => p.listed))].map((n, i) => ({
    id: n, schema: 'Company', names: [n], weakNames: [], countries: [], listed: true, listings: [], owners: [], source: `${PAIRS}:${i + 2}`,
  }));
  return { id: 'pairs', title: 'labelled pairs (listed side)', format: 'ftm', file: PAIRS, version: '2026-12-03', versionSource: 'file', entities };
}

/** The matcher's score of each pair: the listed name's candidate score, or 0 when not returned. */
export function matcherScores(pairs: readonly Pair[]): number[] {
  const index = new NameIndex([pairsList(pairs)]);
  return pairs.map((p) => index.query(p.query, { cutoff: 0 }).find((c) => c.entity.id === p.listed)?.score ?? 0);
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
  const scores = matcherScores(pairs);
  const base = pairs.map((p) => jaccard(p.query, p.listed));
  const out: BenchResult[] = [];
  for (const split of ['test', 'tune'] as const) {
    const idx = pairs.map((p, i) => (p.split === split ? i : -1)).filter((i) => i >= 0);
    const ps = idx.map((i) => pairs[i]!);
    out.push(...rows('cleanpath', ps, idx.map((i) => scores[i]!), `${split} half`, split === 'test'));
    out.push(...rows('token Jaccard', ps, idx.map((i) => base[i]!), `${split} half`, false));
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) console.log(`${r.name}: ${r.value} ${r.note ?? ''}`);
}
