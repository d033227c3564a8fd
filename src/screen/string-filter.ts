// A one-sided filter over strings for the matcher's hot path: most words a query holds that the
// lists do not know, and most of their one-letter deletions, are in no index at all. Looking each
// up in a Map means building the string (a slice and a concatenation) and hashing it; here a
// deletion's hash comes from prefix and suffix hashes of the word without building anything, and
// only a "maybe" from the filter leads to the real look-up. "No" is always right, so results do
// not depend on the filter; a false "maybe" (a few in a hundred here) only costs that look-up.

/** Multiplier of the polynomial hash H(s) = Σ s[j]·B^(n-1-j) mod 2^32. */
const B = 0x01000193;
/** Longest word whose deletions are hashed without building them (names are cut at 300 chars). */
const MAX_HASHED = 1024;
const POW = new Int32Array(MAX_HASHED + 1);
POW[0] = 1;
for (let k = 1; k <= MAX_HASHED; k++) POW[k] = Math.imul(POW[k - 1]!, B);

export function stringHash(s: string): number {
  let h = 0;
  for (let j = 0; j < s.length; j++) h = (Math.imul(h, B) + s.charCodeAt(j)) | 0;
  return h;
}

/** B^k mod 2^32. */
function power(k: number): number {
  if (k <= MAX_HASHED) return POW[k]!;
  let result = 1;
  let base = B;
  for (let e = k; e > 0; e >>>= 1) {
    if (e & 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
  }
  return result;
}

/** Hash of the concatenation a + b from the hashes of its parts. */
export function concatHash(ha: number, hb: number, bLength: number): number {
  return (Math.imul(ha, power(bLength)) + hb) | 0;
}

/**
 * Hashes of `t` with each one character removed, in order (index i: without t[i]), written into
 * `out`; returns false (and writes nothing) for a word too long to hash this way.
 */
export function deletionHashes(t: string, out: Int32Array, pre: Int32Array, suf: Int32Array): boolean {
  const n = t.length;
  if (n > MAX_HASHED || out.length < n || pre.length <= n || suf.length <= n) return false;
  pre[0] = 0;
  for (let j = 0; j < n; j++) pre[j + 1] = (Math.imul(pre[j]!, B) + t.charCodeAt(j)) | 0;
  suf[n] = 0;
  for (let j = n - 1; j >= 0; j--) suf[j] = (Math.imul(t.charCodeAt(j), POW[n - 1 - j]!) + suf[j + 1]!) | 0;
  for (let i = 0; i < n; i++) out[i] = (Math.imul(pre[i]!, POW[n - 1 - i]!) + suf[i + 1]!) | 0;
  return true;
}

/**
 * A Bloom filter of string hashes: two bits, both in one 32-bit word, so a look-up reads memory
 * once (the table is larger than the CPU caches; a miss there is most of a probe's cost).
 */
export class HashFilter {
  private readonly words: Int32Array;
  private readonly shift: number;

  constructor(log2Words = 20) {
    this.words = new Int32Array(2 ** log2Words);
    this.shift = 32 - log2Words;
  }

  private static mask(h: number): number {
    const m = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    return (1 << (m & 31)) | (1 << ((m >>> 5) & 31));
  }

  add(h: number): void {
    const w = Math.imul(h, 0x9e3779b1) >>> this.shift;
    this.words[w] = this.words[w]! | HashFilter.mask(h);
  }

  /** False: no string with this hash was added. True: maybe. */
  has(h: number): boolean {
    const m = HashFilter.mask(h);
    return (this.words[Math.imul(h, 0x9e3779b1) >>> this.shift]! & m) === m;
  }
}
