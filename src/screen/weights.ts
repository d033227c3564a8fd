// Token weights: how much a word says about which company a name is. A word in few names (Quectel,
// Yangtze, Kaspersky) weighs up to 1; one in many (group, technologies, wireless) little. How many
// names hold a word is counted over the loaded lists plus a reference corpus of ordinary company
// names (data/reference-token-counts.json, the SEC's list of filers), so a list made of few
// companies' names does not make their own names look common.
import reference from './data/reference-token-counts.json' with { type: 'json' };
import { FUNCTION_WORDS, GENERIC_WORDS, isLegalForm } from './normalise.js';

/** Least weight a word can have: even "group" says a little. */
const FLOOR = 0.05;
/** A generic word (a place, "technologies", ...) weighs this share of what its frequency says. */
const GENERIC_SHARE = 0.4;
/** A word in this share of all names or fewer weighs 1. */
const RARE_SHARE = 0.0005;

const REF_COUNTS: ReadonlyMap<string, number> = new Map(Object.entries(reference.counts));
const NUMBER = /^\p{N}+$/u;
const SHORT_LATIN = /^[\p{Script=Latin}\p{N}]{1,2}$/u;

export class TokenWeights {
  private readonly total: number;
  private readonly scale: number;

  /** `listNames`: how many names the loaded lists hold. */
  constructor(listNames: number) {
    this.total = reference.names + listNames + 1;
    this.scale = Math.log(this.total / (Math.max(2, this.total * RARE_SHARE) + 1));
  }

  /** The weight of `token`, which `inList` names of the loaded lists hold. */
  of(token: string, inList: number): number {
    const df = inList + (REF_COUNTS.get(token) ?? 0);
    if (FUNCTION_WORDS.has(token) || isLegalForm(token)) return FLOOR;
    let w = Math.min(1, Math.max(FLOOR, Math.log(this.total / (df + 1)) / this.scale));
    if (GENERIC_WORDS.has(token)) w = Math.max(FLOOR, w * GENERIC_SHARE);
    else if (NUMBER.test(token)) w = Math.min(w, 0.5);
    else if (SHORT_LATIN.test(token)) w = Math.min(w, 0.6);
    return Math.round(w * 1000) / 1000;
  }
}
