// A word's sound skeleton: what stays of a Latin spelling when the letters transliterations
// disagree on are folded away, so that two romanisations of one Arabic, Persian, Russian or Korean
// name meet (Mujahidin / Mujahideen, Hizballah / Hezbollah, Rosoboroneksport / Rosoboronexport,
// Evrofinans / Evrofinance, Kontsern / Concern). Vowels, h, doubled letters and the choice between
// letters for one sound (c/k/q, ph/f, w/v, ts/s, x/ks) go; the consonants, in order, remain.

/** Shortest skeleton worth looking up: shorter ones (Babaie → "bb") join unrelated words. */
export const MIN_SKELETON = 4;

const LATIN_WORD = /^[a-z]+$/;
const DROPPED = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'h']);

/**
 * The letter `word[i]` stands for, and how many letters it takes: ph → f, c before e/i/y → s,
 * ck → k, ts/tz → s, x → ks, c/q → k, w → v, z → s; any other letter itself.
 */
function soundAt(word: string, i: number): [string, number] {
  const ch = word[i]!;
  const next = word[i + 1];
  if (ch === 'p' && next === 'h') return ['f', 2];
  if (ch === 'c') return next === 'k' ? ['k', 2] : next === 'e' || next === 'i' || next === 'y' ? ['s', 1] : ['k', 1];
  if (ch === 't' && (next === 's' || next === 'z')) return ['s', 2];
  if (ch === 'x') return ['ks', 1];
  if (ch === 'q') return ['k', 1];
  if (ch === 'w') return ['v', 1];
  if (ch === 'z') return ['s', 1];
  return [ch, 1];
}

/** The skeleton of a lower-case Latin word, or undefined when it is too short to tell words apart. */
export function soundSkeleton(word: string): string | undefined {
  if (word.length < 5 || !LATIN_WORD.test(word)) return undefined;
  // The first letter stays whatever it is (as in Soundex): Hizballah / Hezbollah keep their h.
  let [out, i] = soundAt(word, 0);
  while (i < word.length) {
    const [sound, used] = soundAt(word, i);
    i += used;
    for (const ch of sound) if (!DROPPED.has(ch) && !out.endsWith(ch)) out += ch;
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
