// Script and transliteration folding for names that are not plain ASCII: Traditional Chinese to
// Simplified (OpenCC's tables), Russian Cyrillic to Latin (a transliteration library's Russian
// table), Chinese characters to pinyin (pinyin-pro), and Latin spellings that differ only by how a
// transliteration ended a word. The libraries carry large tables: each is loaded on first use, so
// screening plain-ASCII names never pays for them.
import { createRequire } from 'node:module';
import type * as OpenCCModule from 'opencc-js/t2cn';
import type * as PinyinModule from 'pinyin-pro';

const require = createRequire(import.meta.url);
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const CYRILLIC = /\p{Script=Cyrillic}/u;

interface Transliterator {
  transform(s: string, space?: string): string;
}

let toSimplified: ((s: string) => string) | undefined;
let russian: Transliterator | undefined;
let pinyinOf: typeof PinyinModule.pinyin | undefined;

/** Traditional characters to Simplified ("華為" → "华为"); other text unchanged. */
export function simplifiedChinese(s: string): string {
  if (!HAN.test(s)) return s;
  const convert = toSimplified ?? (toSimplified = (require('opencc-js/t2cn') as typeof OpenCCModule).Converter({ from: 't', to: 'cn' }));
  return convert(s);
}

/** Russian Cyrillic to Latin letters ("Касперский" → "Kasperskii"); other text unchanged. */
export function latinFromCyrillic(s: string): string {
  if (!CYRILLIC.test(s)) return s;
  // A CommonJS module whose module.exports is the factory.
  const r = russian ?? (russian = (require('cyrillic-to-translit-js') as (config: { preset: 'ru' }) => Transliterator)({ preset: 'ru' }));
  return r.transform(s);
}

/**
 * The pinyin of a name's Chinese characters, two syllables to a word, as pinyin names are mostly
 * written ("中兴通讯" → "zhongxing tongxun"), or undefined when it has none. `cjkLegal` lists the
 * legal forms to leave out first (有限公司, ...).
 */
export function pinyinSpelling(name: string, cjkLegal: readonly string[]): string | undefined {
  if (!HAN.test(name)) return undefined;
  let s = simplifiedChinese(name);
  for (const f of cjkLegal) s = s.split(f).join(' ');
  const spell = pinyinOf ?? (pinyinOf = (require('pinyin-pro') as typeof PinyinModule).pinyin);
  const words: string[] = [];
  for (const run of s.match(HAN_RUN) ?? []) {
    const syllables = spell(run, { toneType: 'none', type: 'array', v: true });
    for (let i = 0; i < syllables.length; i += 2) words.push(syllables.slice(i, i + 2).join(''));
  }
  return words.length > 0 ? words.join(' ') : undefined;
}

const ADJECTIVE_END = /(?:skii|skiy|skij|skyi|skyy|skogo|skaya|skoi|skoy|skoe)$/;
const TONE_NUMBERS = /^(?:[a-z]{1,6}[1-5]){1,6}$/;

/**
 * One Latin word's transliteration-insensitive form: the Russian adjective endings that
 * transliteration systems write differently become "-sky" (Kasperskiy, Kasperskii, Kasperskogo →
 * kaspersky), and pinyin with tone numbers loses them (zhong1xing1 → zhongxing).
 */
export function foldTransliteration(t: string): string {
  const n = t.length;
  // Cheap tests first (a tone digit at the end, a "k" where the endings have one): this runs on
  // every word of every name screened.
  const last = t.charCodeAt(n - 1);
  if (last >= 0x31 && last <= 0x35) return n > 2 && TONE_NUMBERS.test(t) ? t.replace(/[1-5]/g, '') : t;
  if (n <= 5 || (t.charCodeAt(n - 3) !== 0x6b && t.charCodeAt(n - 4) !== 0x6b && t.charCodeAt(n - 5) !== 0x6b)) return t;
  return ADJECTIVE_END.test(t) ? t.replace(ADJECTIVE_END, 'sky') : t;
}
