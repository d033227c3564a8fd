// The matcher: an index over every name of every loaded list, candidate blocking by token (exact,
// typo-tolerant and glued-word look-ups), and a score per candidate with a per-feature
// explanation, in the manner of OpenSanctions' yente: the best name comparison, then qualifiers
// (country) added, then a verdict by threshold.
import { foldToken, GENERIC_WORDS, normaliseName, tokenWeight } from './normalise.js';
import { allowedEdits, deletions, editDistance, editSimilarity, trigramDice, trigrams } from './similarity.js';
import type { ListEntity, ScreeningList } from './lists/types.js';
import type { NormalName } from './normalise.js';

/** yente's default match threshold: a score at or above it is a match. */
export const MATCH_THRESHOLD = 0.7;
/** Below the match threshold but at or above this, a person should look: `possible`. */
export const POSSIBLE_THRESHOLD = 0.5;
/** Country qualifiers: soft signals that move a score, never decide it alone. */
export const COUNTRY_MISMATCH = -0.1;
export const COUNTRY_MATCH = 0.05;
/** A glued or split word found only by its characters counts a little less than a token match. */
const CHAR_FACTOR = 0.85;
/** Names considered in full per query, best by token overlap first. */
const CANDIDATES = 24;

export type Verdict = 'match' | 'possible' | 'no-match';

export interface TokenPair {
  query: string;
  list: string;
  similarity: number;
  weight: number;
}

/** Why a name scored what it did; every number is one feature's contribution. */
export interface Explanation {
  /** The list's spelling that scored best. */
  matchedName: string;
  /** 1 when both names normalise to the same tokens, regardless of order. */
  nameExact: boolean;
  /** Weighted overlap of the two names' tokens (Dice), typos credited at 0.85 / 0.7. */
  nameTokens: number;
  /** Character-trigram overlap, used when a query word is unknown to the list (glued or split words). */
  nameChars: number | null;
  /** max(tokens, chars × 0.85), or 1 when exact. */
  name: number;
  /** +0.05 when the query's country is one of the party's, -0.1 when the party has others only. */
  country: number;
  /** The party name was only a weak alias: capped below the match threshold. */
  weakAlias: boolean;
  tokens: TokenPair[];
}

export interface Candidate {
  list: ScreeningList;
  entity: ListEntity;
  score: number;
  /** `tokens` is filled by NameIndex.explain, for the candidates that are shown. */
  explanation: Explanation;
  /** The query's tokens and the list name compared, for `explain`. */
  readonly compared: { queryTokens: readonly string[]; name: number };
}

interface IndexedName {
  entity: number;
  text: string;
  tokens: Int32Array;
  weight: number;
  chars: string;
  weak: boolean;
}

export interface ScoreOptions {
  /** ISO alpha-2 country of the party screened, if known. */
  country?: string;
  /** Most candidates returned (best first). */
  limit?: number;
  /** Lowest score returned. */
  cutoff?: number;
}

export function verdictOf(score: number, threshold = MATCH_THRESHOLD, possible = POSSIBLE_THRESHOLD): Verdict {
  return score >= threshold ? 'match' : score >= possible ? 'possible' : 'no-match';
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const VOWEL = /[aeiouy]/;

/**
 * In a short word (under 7 letters) one edit is a typo only if it is a transposition, a letter
 * dropped or doubled, or one vowel for another (how transliterations differ: Huawai/Huawei);
 * a different consonant makes a different name (Huamei is not Huawei).
 */
function plausibleTypo(a: string, b: string, edits: number): boolean {
  if (edits !== 1 || a.length >= 7 || a.length !== b.length) return true;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i]) return true;
  return VOWEL.test(a[i]!) && VOWEL.test(b[i]!);
}

/** The words that tell a company apart, glued: what the character comparison looks at. */
function distinctive(tokens: readonly string[]): string {
  const own = tokens.filter((t) => !GENERIC_WORDS.has(t));
  return (own.length > 0 ? own : tokens).join('');
}

/** The index over a set of lists; build once, query many times (not re-entrant: one query at a time). */
export class NameIndex {
  readonly lists: readonly ScreeningList[];
  private readonly entities: { list: ScreeningList; entity: ListEntity }[] = [];
  private readonly names: IndexedName[] = [];
  private readonly vocab = new Map<string, number>();
  private readonly tokenText: string[] = [];
  private postings: Int32Array[] = [];
  private readonly deletes = new Map<string, number[]>();
  private readonly exact = new Map<string, number[]>();
  private readonly charCache: (Int32Array | undefined)[] = [];
  /** Posting lists longer than this are only used to score names found through rarer tokens. */
  private readonly cap: number;
  // Per-query scratch, reused so a query allocates little.
  private acc: Float64Array;
  private seenBy: Int32Array;
  private touched: Int32Array;
  private stamp = 0;

  constructor(lists: readonly ScreeningList[]) {
    this.lists = lists;
    const building: number[][] = [];
    for (const list of lists) {
      for (const entity of list.entities) {
        const e = this.entities.length;
        this.entities.push({ list, entity });
        const seen = new Set<string>();
        const add = (text: string, weak: boolean) => {
          const n = normaliseName(text);
          if (n.tokens.length === 0 || seen.has(n.key)) return;
          seen.add(n.key);
          const id = this.names.length;
          const distinct = [...new Set(n.tokens)];
          const ids = distinct.map((t) => {
            let tid = this.vocab.get(t);
            if (tid === undefined) {
              tid = this.tokenText.length;
              this.vocab.set(t, tid);
              this.tokenText.push(t);
              building.push([]);
            }
            building[tid]!.push(id);
            return tid;
          });
          this.names.push({ entity: e, text, tokens: Int32Array.from(ids), weight: distinct.reduce((s, t) => s + tokenWeight(t), 0), chars: distinctive(n.tokens), weak });
          const same = this.exact.get(n.key);
          if (same) same.push(id);
          else this.exact.set(n.key, [id]);
        };
        for (const nm of entity.names) add(nm, false);
        for (const nm of entity.weakNames) add(nm, true);
      }
    }
    this.postings = building.map((p) => Int32Array.from(p));
    this.tokenText.forEach((t, tid) => {
      if (allowedEdits(t.length) === 0 || !/^[\p{Script=Latin}\p{N}]+$/u.test(t)) return;
      for (const d of deletions(t)) {
        const l = this.deletes.get(d);
        if (l) l.push(tid);
        else this.deletes.set(d, [tid]);
      }
    });
    this.cap = Math.max(256, Math.ceil(this.names.length * 0.005));
    this.acc = new Float64Array(this.names.length);
    this.seenBy = new Int32Array(this.names.length).fill(-1);
    this.touched = new Int32Array(this.names.length);
  }

  get entityCount(): number {
    return this.entities.length;
  }

  get nameCount(): number {
    return this.names.length;
  }

  /** List tokens a query token may stand for: itself, a typo of one, or two glued together. */
  private resolve(t: string): { tid: number; sim: number; shown: string }[] {
    const id = this.vocab.get(t);
    if (id !== undefined) return [{ tid: id, sim: 1, shown: t }];
    const out: { tid: number; sim: number; shown: string }[] = [];
    const max = allowedEdits(t.length);
    if (max > 0 && /^[\p{Script=Latin}\p{N}]+$/u.test(t)) {
      const cand = new Set<number>();
      for (const x of this.deletes.get(t) ?? []) cand.add(x);
      for (const d of deletions(t)) {
        const v = this.vocab.get(d);
        if (v !== undefined) cand.add(v);
        for (const x of this.deletes.get(d) ?? []) cand.add(x);
      }
      for (const c of cand) {
        const s = this.tokenText[c]!;
        const e = editDistance(t, s, Math.min(max, allowedEdits(s.length)));
        if (e <= Math.min(max, allowedEdits(s.length)) && plausibleTypo(t, s, e)) out.push({ tid: c, sim: editSimilarity(e), shown: s });
      }
      out.sort((a, b) => b.sim - a.sim);
    }
    return out;
  }

  /** Candidates for one name, best first, with their explanations. */
  query(raw: string, opts: ScoreOptions = {}): Candidate[] {
    const q = this.rewrite(normaliseName(raw));
    if (q.tokens.length === 0) return [];
    const qTokens = [...new Set(q.tokens)];
    const qWeight = qTokens.reduce((s, t) => s + tokenWeight(t), 0);
    const acc = this.acc;
    const seenBy = this.seenBy;
    const touched = this.touched;
    let nTouched = 0;
    const deferred: { tid: number; w: number }[] = [];
    let unresolved = false;
    let allKnown = true;
    const base = this.stamp;
    this.stamp += qTokens.length + 1;
    if (this.stamp > 2_000_000_000) {
      seenBy.fill(-1);
      this.stamp = qTokens.length + 1;
    }
    const touch = (nm: number, add: number, marker: number) => {
      if (seenBy[nm]! < base) {
        acc[nm] = 0;
        touched[nTouched++] = nm;
        seenBy[nm] = base;
      }
      // One credit per query token and name: the best of its resolutions, which come best first.
      if (seenBy[nm] !== marker && seenBy[nm]! >= base) {
        acc[nm] = acc[nm]! + add;
        seenBy[nm] = marker;
      }
    };
    qTokens.forEach((t, qi) => {
      const w = tokenWeight(t);
      const res = this.resolve(t);
      // Characters are compared only when a distinctive word is not in the lists as written.
      if ((res.length === 0 || res[0]!.sim < 1) && !GENERIC_WORDS.has(t)) unresolved = true;
      if (res.length === 0) allKnown = false;
      const marker = base + qi + 1;
      for (const r of res) {
        const post = this.postings[r.tid]!;
        if (post.length > this.cap) {
          deferred.push({ tid: r.tid, w: w * r.sim });
          continue;
        }
        for (let k = 0; k < post.length; k++) touch(post[k]!, w * r.sim, marker);
      }
    });
    for (const id of this.exact.get(q.key) ?? []) touch(id, 0, base);
    // Nothing found through a rare word: look through the names of the least common word only
    // when every query word is a (common) list word — "China Mobile Communications Group". A
    // query with a word the lists do not know shares only common words with any such name.
    if (nTouched === 0 && !allKnown) return [];
    if (nTouched === 0 && deferred.length > 0) {
      // Only very common words: take the names of the least common one.
      const least = deferred.reduce((a, b) => (this.postings[a.tid]!.length <= this.postings[b.tid]!.length ? a : b));
      const post = this.postings[least.tid]!;
      for (let k = 0; k < post.length; k++) touch(post[k]!, 0, base);
    }
    for (const d of deferred) {
      for (let k = 0; k < nTouched; k++) {
        const nm = touched[k]!;
        if (this.names[nm]!.tokens.includes(d.tid)) acc[nm] = acc[nm]! + d.w;
      }
    }
    // Best candidates by token overlap (Dice), then scored in full. acc[] becomes the Dice.
    const names = this.names;
    for (let k = 0; k < nTouched; k++) {
      const nm = touched[k]!;
      acc[nm] = (2 * acc[nm]!) / (qWeight + names[nm]!.weight);
    }
    const dice = (nm: number) => acc[nm]!;
    const top: number[] = [];
    let floor = -1;
    for (let k = 0; k < nTouched; k++) {
      const nm = touched[k]!;
      const d = acc[nm]!;
      if (top.length < CANDIDATES) {
        top.push(nm);
        if (top.length === CANDIDATES) {
          top.sort((a, b) => acc[b]! - acc[a]!);
          floor = acc[top[CANDIDATES - 1]!]!;
        }
      } else if (d > floor) {
        let i = CANDIDATES - 1;
        while (i > 0 && acc[top[i - 1]!]! < d) {
          top[i] = top[i - 1]!;
          i--;
        }
        top[i] = nm;
        floor = acc[top[CANDIDATES - 1]!]!;
      }
    }
    const exactIds = this.exact.get(q.key);
    const qChars = unresolved ? trigrams(distinctive(q.tokens)) : undefined;
    const byEntity = new Map<number, Candidate>();
    const cutoff = opts.cutoff ?? POSSIBLE_THRESHOLD;
    for (const nm of top) {
      const name = this.names[nm]!;
      const isExact = exactIds !== undefined && exactIds.includes(nm);
      const tokenScore = Math.min(1, dice(nm));
      let chars: number | null = null;
      if (qChars !== undefined) {
        let c = this.charCache[nm];
        if (c === undefined) c = this.charCache[nm] = trigrams(name.chars);
        chars = trigramDice(qChars, c);
      }
      const nameScore = isExact ? 1 : Math.max(tokenScore, chars === null ? 0 : chars * CHAR_FACTOR);
      const { list, entity } = this.entities[name.entity]!;
      let country = 0;
      if (opts.country && entity.countries.length > 0) country = entity.countries.includes(opts.country) ? COUNTRY_MATCH : COUNTRY_MISMATCH;
      let score = Math.max(0, Math.min(1, nameScore + country));
      if (name.weak) score = Math.min(score, MATCH_THRESHOLD - 0.01);
      if (score < cutoff) continue;
      const prev = byEntity.get(name.entity);
      if (prev && prev.score >= score) continue;
      byEntity.set(name.entity, {
        list,
        entity,
        score: round(score),
        explanation: {
          matchedName: name.text,
          nameExact: isExact,
          nameTokens: round(tokenScore),
          nameChars: chars === null ? null : round(chars),
          name: round(nameScore),
          country,
          weakAlias: name.weak,
          tokens: [],
        },
        compared: { queryTokens: qTokens, name: nm },
      });
    }
    const out = [...byEntity.values()].sort((a, b) => b.score - a.score || a.entity.names[0]!.localeCompare(b.entity.names[0]!));
    return opts.limit === undefined ? out : out.slice(0, opts.limit);
  }

  /**
   * Words glued together or split apart, as the lists know them: "Hik Vision" → "hikvision",
   * "HuaweiTech" → "huawei technologies". Only for words the lists do not know as written.
   */
  private rewrite(n: NormalName): NormalName {
    const latin = (t: string) => /^[\p{Script=Latin}\p{N}]+$/u.test(t);
    let tokens = n.tokens;
    let changed = false;
    if (tokens.some((t) => !this.vocab.has(t))) {
      const joined: string[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const a = tokens[i]!;
        const b = tokens[i + 1];
        if (b !== undefined && latin(a) && latin(b) && (!this.vocab.has(a) || !this.vocab.has(b)) && this.vocab.has(a + b)) {
          joined.push(a + b);
          i++;
          changed = true;
        } else joined.push(a);
      }
      const split: string[] = [];
      for (const t of joined) {
        if (this.vocab.has(t) || t.length < 6 || !latin(t)) {
          split.push(t);
          continue;
        }
        let done = false;
        for (let k = t.length - 3; k >= 3 && !done; k--) {
          const a = foldToken(t.slice(0, k));
          const b = foldToken(t.slice(k));
          if (this.vocab.has(a) && this.vocab.has(b)) {
            split.push(a, b);
            done = changed = true;
          }
        }
        if (!done) split.push(t);
      }
      tokens = split;
    }
    return changed ? { tokens, key: [...tokens].sort().join(' ') } : n;
  }

  /** Fills in which query token met which list token (done only for the candidates shown). */
  explain(c: Candidate): Explanation {
    if (c.explanation.tokens.length === 0 && !c.explanation.nameExact) c.explanation.tokens = this.pairs(c.compared.queryTokens, this.names[c.compared.name]!);
    return c.explanation;
  }

  private pairs(qTokens: readonly string[], name: IndexedName): TokenPair[] {
    const out: TokenPair[] = [];
    for (const t of qTokens) {
      let best: TokenPair | undefined;
      for (const r of this.resolve(t)) {
        if (!name.tokens.includes(r.tid)) continue;
        if (!best || r.sim > best.similarity) best = { query: t, list: r.shown, similarity: r.sim, weight: tokenWeight(t) };
      }
      if (best) out.push(best);
    }
    return out;
  }
}

/** One line a person can read: "tokens 0.89 (huawai≈huawei, technologies); country -0.1". */
export function explainText(e: Explanation): string {
  const parts: string[] = [];
  if (e.nameExact) parts.push('same name after normalisation');
  else {
    const pairs = e.tokens.map((p) => (p.similarity === 1 ? p.query : `${p.query}≈${p.list}`)).join(', ');
    parts.push(`tokens ${e.nameTokens.toFixed(2)}${pairs ? ` (${pairs})` : ''}`);
    if (e.nameChars !== null) parts.push(`characters ${e.nameChars.toFixed(2)}`);
  }
  if (e.country !== 0) parts.push(`country ${e.country > 0 ? '+' : ''}${e.country}`);
  if (e.weakAlias) parts.push('weak alias (capped below match)');
  return `${parts.join('; ')} vs "${e.matchedName}"`;
}
