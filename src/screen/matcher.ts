// The matcher: an index over every name of every loaded list, candidate blocking by token (exact,
// typo-tolerant and glued-word look-ups), and a score per candidate with a per-feature
// explanation, in the manner of OpenSanctions' yente: the best name comparison, then qualifiers
// (country) added, then a verdict by threshold.
import { CJK_LEGAL, foldedWords, foldToken, GENERIC_WORDS, MAX_NAME_CHARS, normaliseName } from './normalise.js';
import { pinyinSpelling } from './fold-script.js';
import { TokenWeights } from './weights.js';
import { soundSkeleton, vowelMask } from './skeleton.js';
import { allowedEdits, deletions, editDistance, editSimilarity, trigramDice, trigrams } from './similarity.js';
import type { ListEntity, ScreeningList } from './lists/types.js';
import type { NormalName } from './normalise.js';
import { concatHash, deletionHashes, HashFilter, stringHash } from './string-filter.js';

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
/** Credit for a word met only as another romanisation of it (its sound skeleton). */
const SKELETON_SIMILARITY = 0.7;
/** Most list words one sound skeleton may hold and still be looked up. */
const MAX_SOUND_ALIKES = 3;
/** Most edits, as a share of the longer word, between two words of one sound skeleton. */
const SKELETON_EDITS = 0.4;
/** A word weighing this much or more tells companies apart (see weights.ts). */
export const DISTINCTIVE_WEIGHT = 0.5;
/** Lacking listed words that weigh this little in all ("group", "co") is not lacking a word. */
const MISSING_TOLERANCE = 0.2;
/** Weight of the listed name's words a query must lack, besides a distinctive word of its own, to be capped below match. */
const EACH_LACKS_LISTED = 0.15;
/**
 * A short form: the words met make this share of the query's weight (the query is within the
 * listed name, "Jeviz" for "Multiservicios Jeviz S.A. de C.V.") or SHORT_FORM_LISTED of the
 * listed name's ("Mujahidin Indonesia Barat" for "Mujahidin Indonesia Timur"). Measured on the
 * labelled pairs and the screen benchmark (docs/screening.md): recall at `possible` 0.90 with
 * 0.9 / 0.9, 0.94 with 0.9 / 0.5, 0.96 with 0.5 / 0.5; but 0.9 / 0.5 calls a third more of a
 * generated supplier list `possible` than before and those hits cost screening speed. A missed
 * alias is a silent all-clear, an extra `possible` is a look: 0.9 / 0.5.
 */
const SHORT_FORM_QUERY = 0.9;
const SHORT_FORM_LISTED = 0.5;
/** A short form scores `possible` plus this share of its token score (ordering the short forms). */
const SHORT_FORM_SPREAD = 0.2;
/**
 * Share of the token score that depends on how much of the query the name covers; the rest is
 * how much of the listed name the query covers, which therefore counts more: a listed name's
 * distinctive words that the query lacks cost more than words the query adds.
 */
const QUERY_SHARE = 0.5;

export type Verdict = 'match' | 'possible' | 'no-match';

export interface TokenPair {
  query: string;
  list: string;
  similarity: number;
  /** The list word's weight: how much it says about which company it is (0.05 to 1). */
  weight: number;
}

/** A word of the listed name that no query word met, with its weight. */
export interface MissingToken {
  list: string;
  weight: number;
}

/** Why a name scored what it did; every number is one feature's contribution. */
export interface Explanation {
  /** The list's spelling that scored best. */
  matchedName: string;
  /** 1 when both names normalise to the same tokens, regardless of order. */
  nameExact: boolean;
  /**
   * Weighted token score: (share of the listed name's weight met) × (0.5 + 0.5 × share of the
   * query's weight met), typos credited at 0.85 / 0.7; capped below the match threshold when the
   * words met are all common ones and the listed name has others.
   */
  nameTokens: number;
  /** The words met are all common ones (none of weight ≥ 0.5) and the listed name has others (weighing 0.2 or more). */
  noDistinctive: boolean;
  /**
   * Each name has words the other lacks, a distinctive one among the query's, or the query adds a
   * distinctive word to a listed name of one: capped below the match threshold.
   */
  eachLacks: boolean;
  /**
   * One name holds at least half the other's weight, a distinctive word among it (a short or long
   * form of the name): raised to at least `possible`.
   */
  shortForm: boolean;
  /** Character-trigram overlap, used when a query word is unknown to the list (glued or split words). */
  nameChars: number | null;
  /** max(tokens, chars × 0.85), or 1 when exact. */
  name: number;
  /** +0.05 when the query's country is one of the party's, -0.1 when the party has others only. */
  country: number;
  /** The party name was only a weak alias: capped below the match threshold. */
  weakAlias: boolean;
  tokens: TokenPair[];
  /** The listed name's words the query lacks, with their weights (filled with `tokens`). */
  missing: MissingToken[];
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
  /** Sum of its distinct tokens' weights (set once the index knows every token's frequency). */
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

interface Resolution {
  tid: number;
  sim: number;
  shown: string;
}

const LATIN = /^[\p{Script=Latin}\p{N}]+$/u;
const PLAIN = /^[a-z0-9]+$/;

/** Latin letters and digits only (the words typo and glued-word look-ups apply to). */
function isLatin(t: string): boolean {
  return PLAIN.test(t) || LATIN.test(t);
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
  /** Deletion key → the list word (most keys: one, kept unboxed) or words it comes from. */
  private readonly deletes = new Map<string, number | number[]>();
  private readonly exact = new Map<string, number[]>();
  /** Sound skeleton → the distinctive list words with it (skeleton.ts). */
  private readonly skeletons = new Map<string, number[]>();
  /** Per-query scratch: the typo look-ups of the query's unknown words. */
  private readonly typoMemo = new Map<string, readonly Resolution[]>();
  private readonly charCache: (Int32Array | undefined)[] = [];
  /** Posting lists longer than this are only used to score names found through rarer tokens. */
  private readonly cap: number;
  // Per-query scratch, reused so a query allocates little.
  private acc: Float64Array;
  private seenBy: Int32Array;
  private touched: Int32Array;
  private stamp = 0;
  private readonly deferredTid: number[] = [];
  private readonly deferredW: number[] = [];
  /** Per-query scratch: other spellings of the query's known words, credited by creditNear. */
  private readonly nearTid: number[] = [];
  private readonly nearW: number[] = [];
  private readonly nearQi: number[] = [];
  private readonly top: number[] = [];
  private readonly weights: TokenWeights;
  private readonly tokenWeights: Float64Array;
  private readonly nameWeight: Float64Array;
  /** Per-query scratch: each name's rank score (acc[] keeps the weight met). */
  private rank: Float64Array;
  private qRes: (readonly Resolution[])[] = [];
  /** Name i's token ids are nameTokens[tokenStart[i] .. tokenStart[i + 1]). */
  private readonly tokenStart: Int32Array;
  private readonly nameTokens: Int32Array;
  /** A list word's resolution to itself, made once. */
  private readonly selfResolution: (readonly Resolution[] | undefined)[];
  /** Hashes of every list word, deletion key, exact key and foldable word: "no" skips a look-up. */
  private readonly filter = new HashFilter();
  private qIds = new Int32Array(16);
  private qWeights = new Float64Array(16);
  private hashBuf = new Int32Array(64);
  private preBuf = new Int32Array(65);
  private sufBuf = new Int32Array(65);

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
          this.names.push({ entity: e, text, tokens: Int32Array.from(ids), weight: 0, chars: distinctive(n.tokens), weak });
          const same = this.exact.get(n.key);
          if (same) same.push(id);
          else this.exact.set(n.key, [id]);
        };
        for (const nm of entity.names) add(nm, false);
        for (const nm of entity.weakNames) add(nm, true);
        // A Chinese name is also screened as its pinyin ("Zhongxing Tongxun" for 中兴通讯).
        for (const nm of entity.names) {
          // Cut like every name normalised: a hostile list entry costs bounded time.
          const spelled = pinyinSpelling(nm.slice(0, MAX_NAME_CHARS), CJK_LEGAL);
          if (spelled !== undefined) add(spelled, false);
        }
      }
    }
    this.postings = building.map((p) => Int32Array.from(p));
    this.weights = new TokenWeights(this.names.length);
    this.tokenWeights = Float64Array.from(this.tokenText, (t, tid) => this.weights.of(t, this.postings[tid]!.length));
    for (const n of this.names) n.weight = n.tokens.reduce((s, tid) => s + this.tokenWeights[tid]!, 0);
    this.tokenText.forEach((t, tid) => {
      const key = this.tokenWeights[tid]! >= DISTINCTIVE_WEIGHT ? soundSkeleton(t) ?? vowelMask(t) : undefined;
      if (key === undefined) return;
      const same = this.skeletons.get(key);
      if (same) same.push(tid);
      else this.skeletons.set(key, [tid]);
    });
    this.selfResolution = new Array<undefined>(this.tokenText.length).fill(undefined);
    this.tokenText.forEach((t, tid) => {
      if (allowedEdits(t.length) === 0 || !isLatin(t)) return;
      for (const d of deletions(t)) {
        const l = this.deletes.get(d);
        if (l === undefined) this.deletes.set(d, tid);
        else if (typeof l === 'number') this.deletes.set(d, [l, tid]);
        else l.push(tid);
      }
    });
    for (const t of this.tokenText) this.filter.add(stringHash(t));
    for (const d of this.deletes.keys()) this.filter.add(stringHash(d));
    for (const k of this.exact.keys()) this.filter.add(stringHash(k));
    for (const w of foldedWords()) this.filter.add(stringHash(w));
    // The names' token ids and weights again, flat, for the scans over candidate names.
    this.nameWeight = Float64Array.from(this.names, (n) => n.weight);
    this.tokenStart = new Int32Array(this.names.length + 1);
    this.names.forEach((n, i) => (this.tokenStart[i + 1] = this.tokenStart[i]! + n.tokens.length));
    this.nameTokens = new Int32Array(this.tokenStart[this.names.length]!);
    this.names.forEach((n, i) => this.nameTokens.set(n.tokens, this.tokenStart[i]!));
    this.cap = Math.max(256, Math.ceil(this.names.length * 0.005));
    this.acc = new Float64Array(this.names.length);
    this.rank = new Float64Array(this.names.length);
    this.seenBy = new Int32Array(this.names.length).fill(-1);
    this.touched = new Int32Array(this.names.length);
    // Each distinctive list word's other spellings in the lists, found now rather than on a
    // query's first use of the word (the screening loop then only reads them).
    for (let tid = 0; tid < this.tokenText.length; tid++) if (this.tokenWeights[tid]! >= DISTINCTIVE_WEIGHT) this.selfResolved(tid);
  }

  get entityCount(): number {
    return this.entities.length;
  }

  get nameCount(): number {
    return this.names.length;
  }

  /** List tokens a query token may stand for: itself or a typo of one, best first. */
  private resolve(t: string): readonly Resolution[] {
    const id = this.vocab.get(t);
    return id !== undefined ? this.selfResolved(id) : this.unknownResolved(t);
  }

  /**
   * A list word resolves to itself and, when it is distinctive, to the distinctive list words one
   * typo away (two spellings of one transliterated name: Mujahidin / Mujahideen). Found once per
   * word and kept, so a query pays only for the longer posting lists.
   */
  private selfResolved(id: number): readonly Resolution[] {
    let r = this.selfResolution[id];
    if (r === undefined) {
      const self: Resolution = { tid: id, sim: 1, shown: this.tokenText[id]! };
      const near = this.tokenWeights[id]! >= DISTINCTIVE_WEIGHT ? this.typosOf(this.tokenText[id]!, id) : [];
      if (this.tokenWeights[id]! >= DISTINCTIVE_WEIGHT) near.push(...this.soundsLike(this.tokenText[id]!, near, id));
      r = this.selfResolution[id] = near.length === 0 ? [self] : [self, ...near.filter((n) => this.tokenWeights[n.tid]! >= DISTINCTIVE_WEIGHT)];
    }
    return r;
  }

  /**
   * Distinctive list words that sound like `t` (another romanisation of it, see skeleton.ts) and
   * are not among `found` already, credited as a two-edit typo.
   */
  private soundsLike(t: string, found: readonly Resolution[], self: number): Resolution[] {
    const key = soundSkeleton(t) ?? vowelMask(t);
    const ids = key === undefined ? undefined : this.skeletons.get(key);
    // A skeleton many list words share (pinyin syllables make many) says nothing of which one.
    if (ids === undefined || ids.length > MAX_SOUND_ALIKES) return [];
    const out: Resolution[] = [];
    for (const c of ids) {
      if (c === self || found.some((f) => f.tid === c)) continue;
      // Same skeleton, and the letters not too far apart (Hizbul is not Hezbollah).
      const s = this.tokenText[c]!;
      const most = Math.max(2, Math.floor(SKELETON_EDITS * Math.max(s.length, t.length)));
      if (editDistance(t, s, most) <= most) out.push({ tid: c, sim: SKELETON_SIMILARITY, shown: s });
    }
    return out;
  }

  /** typosOf a word the lists do not know, looked up once per query (rewrite asks first). */
  private unknownResolved(t: string): readonly Resolution[] {
    let r = this.typoMemo.get(t);
    if (r === undefined) this.typoMemo.set(t, (r = this.typosOf(t)));
    return r;
  }

  /** Fills hashBuf (deletion hashes), preBuf (prefix hashes) and sufBuf (suffix hashes) for `t`. */
  private hashDeletions(t: string): boolean {
    const n = t.length;
    if (this.hashBuf.length < n) {
      this.hashBuf = new Int32Array(2 * n);
      this.preBuf = new Int32Array(2 * n + 1);
      this.sufBuf = new Int32Array(2 * n + 1);
    }
    return deletionHashes(t, this.hashBuf, this.preBuf, this.sufBuf);
  }

  /** Symmetric deletions: list words one deletion from the word, the word one deletion from them, or both. */
  private typosOf(t: string, self = -1): Resolution[] {
    const max = allowedEdits(t.length);
    if (max === 0 || !isLatin(t)) return self < 0 ? this.soundsLike(t, [], self) : [];
    const n = t.length;
    const hashed = this.hashDeletions(t);
    const hashes = this.hashBuf;
    let cand: Set<number> | undefined;
    const addAll = (xs: number | readonly number[] | undefined) => {
      if (xs === undefined) return;
      cand ??= new Set<number>();
      if (typeof xs === 'number') cand.add(xs);
      else for (const x of xs) cand.add(x);
    };
    if (!hashed || this.filter.has(this.preBuf[n]!)) addAll(this.deletes.get(t));
    for (let i = 0; i < n; i++) {
      if (hashed && !this.filter.has(hashes[i]!)) continue;
      const d = t.slice(0, i) + t.slice(i + 1);
      const v = this.vocab.get(d);
      addAll(v);
      addAll(this.deletes.get(d));
    }
    const out: Resolution[] = [];
    if (cand === undefined) return self < 0 ? this.soundsLike(t, out, self) : out;
    for (const c of cand) {
      if (c === self) continue;
      const s = this.tokenText[c]!;
      const e = editDistance(t, s, Math.min(max, allowedEdits(s.length)));
      if (e <= Math.min(max, allowedEdits(s.length)) && plausibleTypo(t, s, e)) out.push({ tid: c, sim: editSimilarity(e), shown: s });
    }
    // A word the lists do not know: its sound-alikes when no typo of it is a list word.
    if (self < 0 && out.length === 0) return this.soundsLike(t, out, self);
    out.sort((a, b) => b.sim - a.sim);
    return out;
  }

  /** Candidates for one name, best first, with their explanations. */
  query(raw: string, opts: ScoreOptions = {}): Candidate[] {
    const n = normaliseName(raw);
    this.typoMemo.clear();
    const found = this.queryTokens(this.rewrite(n), opts);
    const glued = this.gluedVariant(n);
    return glued === undefined ? found : mergeCandidates(found, this.queryTokens(glued, opts), opts.limit);
  }

  /**
   * The name with adjacent words glued where the lists know them glued ("Petro Iran" →
   * "petroiran", "Nam Chon Gang" → "namchongang"), or undefined when no run of two or three
   * words glues into a list word. Screened besides the name as written, which may be right too.
   */
  private gluedVariant(n: NormalName): NormalName | undefined {
    const t = n.tokens;
    if (t.length < 2) return undefined;
    const h: (number | undefined)[] = [];
    for (const w of t) h.push(isLatin(w) ? stringHash(w) : undefined);
    let out: string[] | undefined;
    for (let i = 0; i < t.length; i++) {
      const three = i + 2 < t.length ? this.knownGlued(t, h, i, 3) : undefined;
      const two = three === undefined && i + 1 < t.length ? this.knownGlued(t, h, i, 2) : undefined;
      const word = three ?? two;
      if (word === undefined) {
        out?.push(t[i]!);
        continue;
      }
      out ??= t.slice(0, i);
      out.push(word);
      i += three !== undefined ? 2 : 1;
    }
    return out === undefined ? undefined : { tokens: out, key: [...out].sort().join(' ') };
  }

  /**
   * Words t[i .. i + n) glued, when the lists hold that word (Latin words only, `h` their hashes
   * or undefined; a filter miss costs a few multiplications).
   */
  private knownGlued(t: readonly string[], h: readonly (number | undefined)[], i: number, n: number): string | undefined {
    let hash = h[i];
    for (let k = i + 1; k < i + n && hash !== undefined; k++) hash = h[k] === undefined ? undefined : concatHash(hash, h[k]!, t[k]!.length);
    if (hash === undefined || !this.filter.has(hash)) return undefined;
    const w = t.slice(i, i + n).join('');
    return this.vocab.has(w) ? w : undefined;
  }

  /**
   * Candidates for the normalised (and rewritten) name `q`, best first.
   *
   * Why one function: this is the screening hot path (every name of every inventory, see the
   * screen benchmark). Its phases (resolve the query words, credit the names sharing them, the
   * deferred very common words, keep the best by Dice, then score in full) share a dozen locals
   * over the index's typed arrays: the touched and deferred counts, the stamp base, the flags of
   * unresolved and unknown words. Kept in one frame they stay in registers; each phase is marked
   * by a comment.
   */
  private queryTokens(q: NormalName, opts: ScoreOptions): Candidate[] {
    if (q.tokens.length === 0) return [];
    const qTokens = q.tokens.length === 1 ? q.tokens : [...new Set(q.tokens)];
    // Each query word looked up once: its list id (-1: unknown) and weight.
    if (this.qIds.length < qTokens.length) {
      this.qIds = new Int32Array(2 * qTokens.length);
      this.qWeights = new Float64Array(2 * qTokens.length);
    }
    const qIds = this.qIds;
    const qWeights = this.qWeights;
    const qRes = this.qRes;
    let qWeight = 0;
    for (let qi = 0; qi < qTokens.length; qi++) {
      const t = qTokens[qi]!;
      const id = this.vocab.get(t);
      qIds[qi] = id ?? -1;
      // A list word resolves to itself and, when distinctive, to its neighbours found at index
      // build (selfResolved); a word the lists do not know is looked up once per query.
      const res = id !== undefined ? this.selfResolved(id) : this.unknownResolved(t);
      qRes[qi] = res;
      // A typo of a list word weighs as that word; a word the lists do not know, by the corpus.
      const w = res.length > 0 ? this.tokenWeights[res[0]!.tid]! : this.weights.of(t, 0);
      qWeights[qi] = w;
      qWeight += w;
    }
    const acc = this.acc;
    const seenBy = this.seenBy;
    const touched = this.touched;
    const postings = this.postings;
    const cap = this.cap;
    let nTouched = 0;
    const deferredTid = this.deferredTid;
    const deferredW = this.deferredW;
    let nDeferred = 0;
    let unresolved = false;
    let allKnown = true;
    // Markers: base + qi + 1 while crediting the query's words, base2 + qi + 1 for their other
    // spellings (creditNear); anything below base was left by an earlier query.
    if (this.stamp + 2 * (qTokens.length + 1) > 2_000_000_000) {
      seenBy.fill(-1);
      this.stamp = 0;
    }
    const base = this.stamp;
    this.stamp += 2 * (qTokens.length + 1);
    let nNear = 0;
    for (let qi = 0; qi < qTokens.length; qi++) {
      const t = qTokens[qi]!;
      const res = qRes[qi]!;
      // Characters are compared only when a distinctive word is not in the lists as written.
      if ((res.length === 0 || res[0]!.sim < 1) && !GENERIC_WORDS.has(t)) unresolved = true;
      if (res.length === 0) allKnown = false;
      const marker = base + qi + 1;
      for (const r of res) {
        const post = postings[r.tid]!;
        const add = this.tokenWeights[r.tid]! * r.sim;
        // Another spelling of a word the lists know only credits names found otherwise:
        // looking through its names too would double the candidates (see creditNear).
        if (r.sim < 1 && qIds[qi]! >= 0 && post.length <= cap) {
          this.nearTid[nNear] = r.tid;
          this.nearW[nNear] = add;
          this.nearQi[nNear++] = qi;
          continue;
        }
        if (post.length > cap) {
          if (nDeferred === deferredTid.length) {
            deferredTid.push(0);
            deferredW.push(0);
          }
          deferredTid[nDeferred] = r.tid;
          deferredW[nDeferred++] = add;
          continue;
        }
        // One credit per query token and name: the best of its resolutions, which come best first.
        for (let k = 0; k < post.length; k++) {
          const nm = post[k]!;
          const seen = seenBy[nm]!;
          if (seen < base) {
            acc[nm] = add;
            touched[nTouched++] = nm;
            seenBy[nm] = marker;
          } else if (seen !== marker) {
            acc[nm] = acc[nm]! + add;
            seenBy[nm] = marker;
          }
        }
      }
    }
    if (nNear > 0) this.creditNear(nNear, base, base + qTokens.length + 1);
    const exactIds = this.filter.has(stringHash(q.key)) ? this.exact.get(q.key) : undefined;
    // A name with the same tokens is a candidate even when all its words are common ones.
    if (exactIds !== undefined) nTouched = this.touchAll(exactIds, base, nTouched);
    // Nothing found through a rare word: look through the names of the least common word only
    // when every query word is a (common) list word — "China Mobile Communications Group". A
    // query with a word the lists do not know shares only common words with any such name.
    if (nTouched === 0 && !allKnown) return [];
    if (nTouched === 0 && nDeferred > 0) {
      // Only very common words: take the names of the least common one (the first on a tie).
      let least = 0;
      for (let d = 1; d < nDeferred; d++) if (postings[deferredTid[d]!]!.length < postings[deferredTid[least]!]!.length) least = d;
      nTouched = this.touchAll(postings[deferredTid[least]!]!, base, nTouched);
    }
    const { tokenStart, nameTokens, nameWeight } = this;
    for (let d = 0; d < nDeferred; d++) {
      const tid = deferredTid[d]!;
      const w = deferredW[d]!;
      for (let k = 0; k < nTouched; k++) {
        const nm = touched[k]!;
        const end = tokenStart[nm + 1]!;
        for (let j = tokenStart[nm]!; j < end; j++) {
          if (nameTokens[j] === tid) {
            acc[nm] = acc[nm]! + w;
            break;
          }
        }
      }
    }
    // Best candidates by the token score (rank[]), then scored in full.
    const rank = this.rank;
    for (let k = 0; k < nTouched; k++) {
      const nm = touched[k]!;
      const met = acc[nm]!;
      rank[nm] = Math.min(1, met / nameWeight[nm]!) * (1 - QUERY_SHARE + QUERY_SHARE * Math.min(1, met / qWeight));
    }
    const top = this.top;
    top.length = 0;
    let floor = -1;
    for (let k = 0; k < nTouched; k++) {
      const nm = touched[k]!;
      const d = rank[nm]!;
      if (top.length < CANDIDATES) {
        top.push(nm);
        if (top.length === CANDIDATES) {
          top.sort((a, b) => rank[b]! - rank[a]!);
          floor = rank[top[CANDIDATES - 1]!]!;
        }
      } else if (d > floor) {
        let i = CANDIDATES - 1;
        while (i > 0 && rank[top[i - 1]!]! < d) {
          top[i] = top[i - 1]!;
          i--;
        }
        top[i] = nm;
        floor = rank[top[CANDIDATES - 1]!]!;
      }
    }
    const cutoff = opts.cutoff ?? POSSIBLE_THRESHOLD;
    const country = opts.country;
    let qChars: Int32Array | undefined;
    let byEntity: Map<number, Candidate> | undefined;
    const names = this.names;
    for (const nm of top) {
      const name = names[nm]!;
      const isExact = exactIds !== undefined && exactIds.includes(nm);
      // Only common words met while the listed name has others: not enough for a match.
      // (The cap changes nothing for a name already below it: the check is skipped.)
      const noDistinctive = !isExact && rank[nm]! >= MATCH_THRESHOLD - 0.01 && acc[nm]! < nameWeight[nm]! - MISSING_TOLERANCE && !this.metDistinctive(nm, qTokens.length);
      // Each name has words the other lacks, a distinctive one among the query's: two companies
      // sharing a word ("Solid Biosciences" / "Solid Ltd"), not one name written two ways.
      // So is a query with a distinctive word more than a listed name of one distinctive word
      // ("Kala Bio" / "Kala Limited"): the listed word alone does not make it that company.
      // (Checked only where it can cap something: a token score or characters at match.)
      let eachLacks = !isExact && rank[nm]! >= MATCH_THRESHOLD - 0.01 && this.eachLacks(nm, qWeight);
      let tokenScore = noDistinctive || eachLacks ? Math.min(rank[nm]!, MATCH_THRESHOLD - 0.01) : rank[nm]!;
      const shortForm = !isExact && tokenScore < POSSIBLE_THRESHOLD && this.isShortForm(nm, qWeight, qTokens.length);
      if (shortForm) tokenScore = POSSIBLE_THRESHOLD + SHORT_FORM_SPREAD * tokenScore;
      let countryScore = 0;
      if (country) {
        const { countries } = this.entities[name.entity]!.entity;
        if (countries.length > 0) countryScore = countries.includes(country) ? COUNTRY_MATCH : COUNTRY_MISMATCH;
      }
      let chars: number | null = null;
      if (unresolved) {
        // The characters can give at most 0.85 (all trigrams shared): a name that stays below
        // the cutoff even so is left out without comparing them.
        if (!isExact && Math.max(0, Math.min(1, Math.max(tokenScore, CHAR_FACTOR) + countryScore)) < cutoff) continue;
        qChars ??= trigrams(distinctive(q.tokens));
        let c = this.charCache[nm];
        if (c === undefined) c = this.charCache[nm] = trigrams(name.chars);
        chars = trigramDice(qChars, c);
      }
      let nameScore = isExact ? 1 : Math.max(tokenScore, chars === null ? 0 : chars * CHAR_FACTOR);
      if (!eachLacks && !isExact && nameScore >= MATCH_THRESHOLD - 0.01) eachLacks = this.eachLacks(nm, qWeight);
      if (eachLacks) nameScore = Math.min(nameScore, MATCH_THRESHOLD - 0.01);
      let score = Math.max(0, Math.min(1, nameScore + countryScore));
      if (name.weak) score = Math.min(score, MATCH_THRESHOLD - 0.01);
      if (score < cutoff) continue;
      byEntity ??= new Map<number, Candidate>();
      const prev = byEntity.get(name.entity);
      if (prev && prev.score >= score) continue;
      const { list, entity } = this.entities[name.entity]!;
      byEntity.set(name.entity, {
        list,
        entity,
        score: round(score),
        explanation: {
          matchedName: name.text,
          nameExact: isExact,
          nameTokens: round(tokenScore),
          noDistinctive,
          eachLacks,
          shortForm,
          nameChars: chars === null ? null : round(chars),
          name: round(nameScore),
          country: countryScore,
          weakAlias: name.weak,
          tokens: [],
          missing: [],
        },
        compared: { queryTokens: qTokens, name: nm },
      });
    }
    if (byEntity === undefined) return [];
    const out = [...byEntity.values()];
    if (out.length > 1) out.sort((a, b) => b.score - a.score || a.entity.names[0]!.localeCompare(b.entity.names[0]!));
    return opts.limit === undefined ? out : out.slice(0, opts.limit);
  }

  /**
   * The query is a short form of the listed name or holds half of it (SHORT_FORM_QUERY,
   * SHORT_FORM_LISTED), a distinctive word as written among the words met: "Jeviz" for
   * "Multiservicios Jeviz S.A. de C.V.", "Bank Markazi Iran" for "Bank Markazi Jomhouri Islami
   * Iran". A person should look.
   */
  private isShortForm(nm: number, qWeight: number, nq: number): boolean {
    const met = this.acc[nm]!;
    return (met / qWeight >= SHORT_FORM_QUERY || met / this.nameWeight[nm]! >= SHORT_FORM_LISTED) && this.metDistinctive(nm, nq, true);
  }

  /** See `eachLacks` in Explanation: the query lacks nothing of name `nm` that matters less than its own distinctive words. */
  private eachLacks(nm: number, qWeight: number): boolean {
    const met = this.acc[nm]!;
    return met <= qWeight - DISTINCTIVE_WEIGHT && (met <= this.nameWeight[nm]! - EACH_LACKS_LISTED || this.oneDistinctive(nm));
  }

  /** Whether name `nm` has one word of weight ≥ DISTINCTIVE_WEIGHT and no other. */
  private oneDistinctive(nm: number): boolean {
    const { tokenStart, nameTokens, tokenWeights } = this;
    let n = 0;
    for (let j = tokenStart[nm]!; j < tokenStart[nm + 1]!; j++) if (tokenWeights[nameTokens[j]!]! >= DISTINCTIVE_WEIGHT) n++;
    return n === 1;
  }

  /** Whether a query word of weight ≥ DISTINCTIVE_WEIGHT (itself or as a typo) is in name `nm`. */
  private metDistinctive(nm: number, nq: number, asWritten = false): boolean {
    const { tokenStart, nameTokens, qRes, tokenWeights } = this;
    const end = tokenStart[nm + 1]!;
    for (let qi = 0; qi < nq; qi++) {
      for (const r of qRes[qi]!) {
        if (tokenWeights[r.tid]! < DISTINCTIVE_WEIGHT || (asWritten && r.sim < 1)) continue;
        for (let j = tokenStart[nm]!; j < end; j++) if (nameTokens[j] === r.tid) return true;
      }
    }
    return false;
  }

  /**
   * Credits the names already touched that hold another spelling of a query word (its typo or
   * sound-alike neighbours: nearTid/nearW/nearQi), once per query word and name, and not a name
   * that holds the word itself (it was credited for it). Walks the neighbours' own names, which are
   * few (distinctive words), not every name touched.
   */
  private creditNear(nNear: number, base: number, base2: number): void {
    const { acc, seenBy, postings, tokenStart, nameTokens, qIds } = this;
    for (let k = 0; k < nNear; k++) {
      const qi = this.nearQi[k]!;
      const marker = base2 + qi + 1;
      const post = postings[this.nearTid[k]!]!;
      for (let p = 0; p < post.length; p++) {
        const nm = post[p]!;
        const seen = seenBy[nm]!;
        if (seen < base || seen === marker) continue;
        let holdsWord = false;
        for (let j = tokenStart[nm]!; j < tokenStart[nm + 1]! && !holdsWord; j++) holdsWord = nameTokens[j] === qIds[qi];
        if (holdsWord) continue;
        acc[nm] = acc[nm]! + this.nearW[k]!;
        seenBy[nm] = marker;
      }
    }
  }

  /** Touches each name of `ids` with no credit (marker `base`), returning the new touched count. */
  private touchAll(ids: ArrayLike<number>, base: number, nTouched: number): number {
    const { acc, seenBy, touched } = this;
    for (let k = 0; k < ids.length; k++) {
      const nm = ids[k]!;
      if (seenBy[nm]! < base) {
        acc[nm] = 0;
        touched[nTouched++] = nm;
      }
      seenBy[nm] = base;
    }
    return nTouched;
  }

  /**
   * Words glued together or split apart, as the lists know them: "Hik Vision" → "hikvision",
   * "HuaweiTech" → "huawei technologies". Only for words the lists do not know as written.
   */
  private rewrite(n: NormalName): NormalName {
    let tokens = n.tokens;
    let changed = false;
    let unknown = false;
    for (const t of tokens) {
      if (!this.vocab.has(t)) {
        unknown = true;
        break;
      }
    }
    if (unknown) {
      const joined: string[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const a = tokens[i]!;
        const b = tokens[i + 1];
        if (
          b !== undefined && (!this.vocab.has(a) || !this.vocab.has(b)) && isLatin(a) && isLatin(b) &&
          this.filter.has(concatHash(stringHash(a), stringHash(b), b.length)) && this.vocab.has(a + b)
        ) {
          joined.push(a + b);
          i++;
          changed = true;
        } else joined.push(a);
      }
      const split: string[] = [];
      for (const t of joined) {
        // A word that is a typo or another spelling of a list word is that word, not two glued.
        const parts = t.length < 6 || this.vocab.has(t) || this.unknownResolved(t).length > 0 ? null : this.splitOf(t);
        if (parts === null) split.push(t);
        else {
          split.push(parts[0], parts[1]);
          changed = true;
        }
      }
      tokens = split;
    }
    return changed ? { tokens, key: [...tokens].sort().join(' ') } : n;
  }

  /** Two list words a word the lists do not know is glued from, the longest first word first. */
  private splitOf(t: string): readonly [string, string] | null {
    if (!isLatin(t)) return null;
    // Prefix and suffix hashes: a split is looked up only when the filter has both halves.
    const n = t.length;
    const hashed = this.hashDeletions(t);
    for (let k = n - 3; k >= 3; k--) {
      if (hashed && !this.filter.has(this.preBuf[k]!)) continue;
      const a = foldToken(t.slice(0, k));
      if (!this.vocab.has(a)) continue;
      if (hashed && !this.filter.has(this.sufBuf[k]!)) continue;
      const b = foldToken(t.slice(k));
      if (this.vocab.has(b)) return [a, b];
    }
    return null;
  }

  /** Fills in which query token met which list token (done only for the candidates shown). */
  explain(c: Candidate): Explanation {
    const e = c.explanation;
    if (e.tokens.length === 0 && !e.nameExact) {
      const name = this.names[c.compared.name]!;
      e.tokens = this.pairs(c.compared.queryTokens, name);
      for (const tid of name.tokens) {
        const t = this.tokenText[tid]!;
        if (!e.tokens.some((p) => p.list === t)) e.missing.push({ list: t, weight: this.tokenWeights[tid]! });
      }
    }
    return e;
  }

  private pairs(qTokens: readonly string[], name: IndexedName): TokenPair[] {
    const out: TokenPair[] = [];
    for (const t of qTokens) {
      let best: TokenPair | undefined;
      for (const r of this.resolve(t)) {
        if (!name.tokens.includes(r.tid)) continue;
        if (!best || r.sim > best.similarity) best = { query: t, list: r.shown, similarity: r.sim, weight: this.tokenWeights[r.tid]! };
      }
      if (best) out.push(best);
    }
    return out;
  }
}

/** The candidates of two spellings of one query: each entity once, at its better score. */
function mergeCandidates(a: Candidate[], b: Candidate[], limit: number | undefined): Candidate[] {
  if (b.length === 0) return a;
  const best = new Map<ListEntity, Candidate>();
  for (const c of [...a, ...b]) {
    const prev = best.get(c.entity);
    if (prev === undefined || c.score > prev.score) best.set(c.entity, c);
  }
  const out = [...best.values()].sort((x, y) => y.score - x.score || x.entity.names[0]!.localeCompare(y.entity.names[0]!));
  return limit === undefined ? out : out.slice(0, limit);
}

/**
 * One line a person can read, each word with its weight:
 * "tokens 0.89 (huawai≈huawei 0.66, technologies 0.3; lacks japan 0.3); country -0.1".
 */
export function explainText(e: Explanation): string {
  const parts: string[] = [];
  if (e.nameExact) parts.push('same name after normalisation');
  else {
    const met = e.tokens.map((p) => `${p.similarity === 1 ? p.query : `${p.query}≈${p.list}`} ${p.weight}`).join(', ');
    const lacks = e.missing.map((m) => `${m.list} ${m.weight}`).join(', ');
    const words = [met, lacks ? `lacks ${lacks}` : ''].filter(Boolean).join('; ');
    parts.push(`tokens ${e.nameTokens.toFixed(2)}${words ? ` (${words})` : ''}`);
    if (e.noDistinctive) parts.push('no distinctive word in common (capped below match)');
    if (e.eachLacks) parts.push('each name has words the other lacks (capped below match)');
    if (e.shortForm) parts.push('one name within the other (at least possible)');
    if (e.nameChars !== null) parts.push(`characters ${e.nameChars.toFixed(2)}`);
  }
  if (e.country !== 0) parts.push(`country ${e.country > 0 ? '+' : ''}${e.country}`);
  if (e.weakAlias) parts.push('weak alias (capped below match)');
  return `${parts.join('; ')} vs "${e.matchedName}"`;
}
