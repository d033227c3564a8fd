// A word's sound skeleton: what stays of a Latin spelling when the letters transliterations
// disagree on are folded away, so that two romanisations of one Arabic, Persian, Russian or Korean
// name meet (Mujahidin / Mujahideen, Hizballah / Hezbollah, Rosoboroneksport / Rosoboronexport,
// Evrofinans / Evrofinance, Kontsern / Concern). Vowels, h, doubled letters and the choice between
// letters for one sound (c/k/q, ph/f, w/v, ts/s, x/ks) go; the consonants, in order, remain.

/** Shortest skeleton worth looking up: shorter ones (Babaie → "bb") join unrelated words. */
export const MIN_SKELETON = 4;

const DIGRAPHS: readonly (readonly [RegExp, string])[] = [
  [/ph/g, 'f'],
  [/c(?=[eiy])/g, 's'],
  [/ck/g, 'k'],
  [/ts/g, 's'],
  [/tz/g, 's'],
  [/x/g, 'ks'],
  [/[cq]/g, 'k'],
  [/w/g, 'v'],
  [/z/g, 's'],
];
const LATIN_WORD = /^[a-z]+$/;

/** The skeleton of a lower-case Latin word, or undefined when it is too short to tell words apart. */
export function soundSkeleton(word: string): string | undefined {
  if (word.length < 5 || !LATIN_WORD.test(word)) return undefined;
  let s = word;
  for (const [from, to] of DIGRAPHS) s = s.replace(from, to);
  // The first letter stays whatever it is (as in Soundex): Hizballah / Hezbollah keep their h.
  let out = s[0]!;
  for (const ch of s.slice(1)) {
    if ('aeiouyh'.includes(ch)) continue;
    if (out.endsWith(ch)) continue;
    out += ch;
  }
  return out.length >= MIN_SKELETON ? out : undefined;
}

const VOWEL = /[aeiou]/g;
const SHORT_WORD = /^[a-z]{3,6}$/;

/**
 * A short word with its vowels masked (Dey / Day → "d*y", Noor / Nour → "n**r"): short names
 * are told apart by their consonants, and their vowels are what transliterations change. Undefined
 * for other words and for words of fewer than two consonants (they would meet too many others).
 */
export function vowelMask(word: string): string | undefined {
  if (!SHORT_WORD.test(word)) return undefined;
  const masked = word.replace(VOWEL, '*');
  let consonants = 0;
  for (const ch of masked) if (ch !== '*') consonants++;
  return consonants >= 2 && consonants < word.length ? `*${masked}` : undefined;
}
