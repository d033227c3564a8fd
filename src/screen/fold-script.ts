// Script and transliteration folding for names that are not plain ASCII: Traditional Chinese to
// Simplified (OpenCC's tables), Russian Cyrillic to Latin (a transliteration library's Russian
// table), and Latin spellings that differ only by how a transliteration ended a word.
import * as OpenCC from 'opencc-js/t2cn';
import cyrillicModule from 'cyrillic-to-translit-js';

const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

interface Transliterator {
  transform(s: string, space?: string): string;
}
// The package is CommonJS: its module.exports (the factory) arrives as the default import, which
// its declaration file types as a module namespace.
const cyrillicToTranslit = cyrillicModule as unknown as (config: { preset: 'ru' }) => Transliterator;

let toSimplified: ((s: string) => string) | undefined;
let russian: Transliterator | undefined;

/** Traditional characters to Simplified ("華為" → "华为"); other text unchanged. */
export function simplifiedChinese(s: string): string {
  if (!HAN.test(s)) return s;
  const convert = toSimplified ?? (toSimplified = OpenCC.Converter({ from: 't', to: 'cn' }));
  return convert(s);
}

/** Russian Cyrillic to Latin letters ("Касперский" → "Kasperskii"); other text unchanged. */
export function latinFromCyrillic(s: string): string {
  if (!CYRILLIC.test(s)) return s;
  const r = russian ?? (russian = cyrillicToTranslit({ preset: 'ru' }));
  return r.transform(s);
}

const ADJECTIVE_END = /(?:skii|skiy|skij|skyi|skyy|skogo|skaya|skoi|skoy|skoe)$/;
const TONE_NUMBERS = /^(?:[a-z]{1,6}[1-5]){1,6}$/;

/**
 * One Latin word's transliteration-insensitive form: the Russian adjective endings that
 * transliteration systems write differently become "-sky" (Kasperskiy, Kasperskii, Kasperskogo →
 * kaspersky), and pinyin with tone numbers loses them (zhong1xing1 → zhongxing).
 */
export function foldTransliteration(t: string): string {
  if (t.length > 5 && ADJECTIVE_END.test(t)) return t.replace(ADJECTIVE_END, 'sky');
  if (TONE_NUMBERS.test(t) && t.length > 2) return t.replace(/[1-5]/g, '');
  return t;
}
