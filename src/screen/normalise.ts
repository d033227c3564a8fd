// Name normalisation for screening: the same company written many ways ("HUAWEI TECHNOLOGIES
// CO.,LTD", "Huawei Tech. Co. Ltd", "华为技术有限公司") must come out as the same tokens.
// Case, accents, punctuation and legal forms go; spelling variants of common words fold into one;
// runs of Chinese, Japanese or Korean characters become overlapping character pairs, because those
// scripts do not separate words with spaces. Traditional Chinese folds into Simplified and
// Russian Cyrillic into Latin letters first (fold-script.ts), so every script meets the same tokens.
import { foldTransliteration, latinFromCyrillic, simplifiedChinese } from './fold-script.js';

/** Longest name normalised; longer input is cut so a hostile string costs bounded time. */
export const MAX_NAME_CHARS = 300;

/** A legal form, matched as whole tokens at the end of a name (or anywhere, for the long ones). */
const LEGAL_FORMS: readonly string[] = [
  'co', 'company', 'companies', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'lp', 'llp', 'plc',
  'gmbh', 'mbh', 'ag', 'kg', 'ohg', 'eg', 'se', 'spa', 'srl', 'sa', 'sas', 'sarl', 'sl', 'slu', 'kk', 'gk', 'ab', 'oy', 'oyj',
  'as', 'asa', 'aps', 'bv', 'nv', 'pty', 'pvt', 'pte', 'private', 'sdn', 'bhd', 'ltda', 'cv', 'sro', 'zoo', 'sp', 'ua',
  'jsc', 'pjsc', 'ojsc', 'cjsc', 'ooo', 'zao', 'oao', 'ao', 'pao', 'tbk', 'pt', 'jv', 'fze', 'fzco', 'fzllc', 'wll', 'kft', 'doo',
  'kabushiki', 'kaisha', 'yugen', 'godo', 'gomei', 'goshi', 'coop', 'cooperatief', 'ua', 'tov', 'ooo', 'fzc', 'dmcc', 'lda', 'sac', 'sal',
];

/**
 * Legal forms written out in words, removed wherever they stand (Russian and Belarusian names put
 * them first: "Open Joint Stock Company Zvezda", "Aktsionernoe Obshchestvo ..."). Longest first.
 */
const LEGAL_PHRASES: readonly (readonly string[])[] = [
  'open joint stock company', 'public joint stock company', 'closed joint stock company', 'joint stock company',
  'limited liability company', 'additional liability company', 'limited liability partnership', 'public limited company',
  'private limited company', 'company limited', 'sociedad de responsabilidad limitada', 'sociedad anonima', 'societe anonyme',
  'otkrytoe aktsionernoe obshchestvo', 'zakrytoe aktsionernoe obshchestvo', 'publichnoe aktsionernoe obshchestvo',
  'aktsionernoe obshchestvo', 'obshchestvo s ogranichennoi otvetstvennostiu', 'obshchestvo s ogranichennoy otvetstvennostyu',
  'obshchestvo s ogranichennoi otvetstvennostyu', 'federal state unitary enterprise', 'state unitary enterprise',
  'kabushiki kaisha', 'yugen kaisha', 'godo kaisha',
].map((p) => p.split(' '));
const PHRASES_BY_FIRST = new Map<string, (readonly string[])[]>();
for (const p of LEGAL_PHRASES) PHRASES_BY_FIRST.set(p[0]!, [...(PHRASES_BY_FIRST.get(p[0]!) ?? []), p]);
/** Short legal forms also dropped at the start of a name ("OOO Romashka", "PAO Zvezda", "JSC CB North Credit"). */
const LEADING_LEGAL = new Set(['ooo', 'oao', 'zao', 'pao', 'ao', 'jsc', 'pjsc', 'ojsc', 'cjsc', 'llc', 'tov', 'fgup', 'gup']);
const LEGAL = new Set(LEGAL_FORMS);

/** CJK legal forms (longest first), removed wherever they stand. */
export const CJK_LEGAL: readonly string[] = ['股份有限公司', '有限责任公司', '有限公司', '株式会社', '有限会社', '合同会社', '公司', '주식회사', '유한회사'];

/** Spelling variants of the same word (abbreviations, British/American, singular/plural). */
const FOLD: Readonly<Record<string, string>> = {
  labs: 'lab', laboratory: 'lab', laboratories: 'lab', laboratoriya: 'lab',
  tech: 'technologies', techs: 'technologies', technology: 'technologies', techn: 'technologies', technologie: 'technologies',
  tecnologia: 'technologies', tecnologias: 'technologies', technologia: 'technologies', techno: 'technologies',
  intl: 'international', int: 'international', internat: 'international',
  telecom: 'telecommunications', telecoms: 'telecommunications', telecommunication: 'telecommunications', telecomm: 'telecommunications',
  telecomunicazioni: 'telecommunications', telekommunikation: 'telecommunications',
  comm: 'communications', comms: 'communications', communication: 'communications', commun: 'communications',
  elec: 'electronics', electronic: 'electronics', elektronik: 'electronics',
  svc: 'services', svcs: 'services', service: 'services', serv: 'services',
  sys: 'systems', system: 'systems', systeme: 'systems',
  network: 'networks', netzwerk: 'networks', netzwerke: 'networks', net: 'networks',
  grp: 'group', gruppe: 'group', holdings: 'holding', hldgs: 'holding', hldg: 'holding',
  dev: 'device', devices: 'device', eqpt: 'equipment', equip: 'equipment',
  mfg: 'manufacturing', mfr: 'manufacturing', ind: 'industries', industry: 'industries', industrial: 'industries',
  invest: 'investment', investments: 'investment', digit: 'digital', sci: 'science', sciences: 'science',
  dusseldorf: 'duesseldorf', munchen: 'muenchen', munich: 'muenchen', brasil: 'brazil', espana: 'spain', mexiko: 'mexico', deutschland: 'germany', italia: 'italy', nippon: 'japan', uk: 'britain',
  and: '&',
};

/** Words every company list is full of: they count, but far less than a distinctive word. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([
  'technologies', 'international', 'telecommunications', 'communications', 'electronics', 'services', 'systems', 'networks',
  'group', 'holding', 'device', 'equipment', 'manufacturing', 'industries', 'investment', 'digital', 'science', 'trading',
  'global', 'solutions', 'cloud', 'software', 'data', 'information', 'smart', 'mobile', 'new', 'development', 'engineering',
  'research', 'institute', 'center', 'centre', 'branch', 'office', 'representative', 'enterprise', 'enterprises', 'products',
  'commercial', 'import', 'export', 'logistics', 'partners', 'consulting', 'management', 'capital', 'power', 'energy',
  'security', 'tele', 'vision', 'lab', 'labs', 'openlab', 'high', 'hi', 'the', 'of', '&', 'de', 'di', 'du', 'des', 'und', 'et', 'y',
  // the trade's own common words, which a general corpus of company names holds too rarely
  'wireless', 'broadband', 'satellite', 'optical', 'optics', 'semiconductor', 'semiconductors', 'microelectronics', 'memory', 'chip',
  'chips', 'electric', 'electrical', 'intelligent', 'intelligence', 'innovation', 'innovations', 'robotics', 'automation', 'computer',
  'computing', 'internet', 'online', 'media', 'video', 'imaging', 'sensor', 'sensors', 'iot', 'ai', 'tech', 'telecom', 'radio',
  'signal', 'micro', 'photonics', 'fiber', 'fibre', 'cable', 'cables', 'terminal', 'terminals', 'instruments', 'instrument',
  // places, which tell affiliates apart but are also what people append to a name
  'china', 'chinese', 'shenzhen', 'beijing', 'shanghai', 'hangzhou', 'guangzhou', 'chengdu', 'wuhan', 'nanjing', 'suzhou', 'xian',
  'dongguan', 'hong', 'kong', 'hongkong', 'taiwan', 'macau', 'japan', 'tokyo', 'korea', 'germany', 'duesseldorf', 'muenchen',
  'berlin', 'italy', 'france', 'paris', 'britain', 'england', 'london', 'usa', 'us', 'america', 'americas', 'europe', 'european',
  'asia', 'pacific', 'middle', 'east', 'africa', 'latin', 'india', 'russia', 'brazil', 'mexico', 'canada', 'australia',
  'singapore', 'malaysia', 'thailand', 'vietnam', 'indonesia', 'philippines', 'pakistan', 'turkey', 'egypt', 'spain', 'belgium',
  'netherlands', 'switzerland', 'sweden', 'poland', 'argentina', 'chile', 'peru', 'colombia', 'south', 'north', 'west', 'united',
  'kingdom', 'states', 'emirates', 'arab', 'saudi', 'dubai', 'zhejiang', 'jiangsu', 'guangdong', 'sichuan', 'hubei', 'shaanxi',
  'iran', 'iranian', 'iraq', 'syria', 'syrian', 'lebanon', 'afghanistan', 'yemen', 'belarus', 'ukraine', 'cuba', 'venezuela',
  'myanmar', 'burma', 'libya', 'sudan', 'somalia', 'nigeria', 'kenya', 'panama', 'cyprus', 'moscow', 'tehran', 'istanbul',
]);

/** Function words: they join the words of a name and say nothing about which company it is. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'the', 'of', 'for', '&', 'in', 'on', 'at', 'to', 'by', 'with', 'a', 'an', 'de', 'del', 'la', 'le', 'les', 'da', 'do', 'dos',
  'das', 'di', 'du', 'des', 'und', 'et', 'y', 'e', 'van', 'von', 'der',
]);

/** A legal form word (co, ltd, gmbh, ...), which can also stand inside a name. */
export function isLegalForm(token: string): boolean {
  return LEGAL.has(token);
}

export interface NormalName {
  /** Tokens in the order written (Latin words folded; CJK as character pairs). */
  tokens: string[];
  /** Tokens sorted and joined by a space: equal for names that differ only in word order. */
  key: string;
}

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const SUCCESSOR = /\band any successor,? sub-unit,? or subsidiary thereof\b/gi;

const ASCII = /^[\x00-\x7f]*$/;
const ASCII_SPLIT = /[^a-z0-9&]+/;
const SPLIT = /[^\p{L}\p{N}&]+/u;
const INITIALISM = /\b(?:[a-z]\.){2,}(?![a-z])/g;
const SLASHED = /\b([a-z])\/([a-z])\b/g;
const QUOTES = /['’`]/g;
const FOLDS = new Map(Object.entries(FOLD));

/** Case, accent, punctuation, word-order and legal-form insensitive form of a company name. */
export function normaliseName(input: string): NormalName {
  let s = input.length > MAX_NAME_CHARS ? input.slice(0, MAX_NAME_CHARS) : input;
  const cjk: string[] = [];
  // Most names are ASCII: NFKC, NFD and the CJK and letter-by-letter steps leave them as they are,
  // so only the steps that can change them run (the screening hot path).
  const ascii = ASCII.test(s);
  if (ascii) s = s.replace(SUCCESSOR, ' ').toLowerCase();
  else {
    // Compatibility forms first (full-width letters, ligatures), then one script for each
    // language (Simplified Chinese, Latin for Russian), then accents off.
    s = latinFromCyrillic(simplifiedChinese(s.normalize('NFKC'))).replace(SUCCESSOR, ' ');
    s = s.replace(CJK_RUN, (run) => {
      let r = run;
      for (const f of CJK_LEGAL) r = r.split(f).join(' ');
      for (const part of r.split(' ')) if (part) cjk.push(part);
      return ' ';
    });
    s = s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
    s = s.replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/ł/g, 'l');
  }
  if (s.includes('&')) s = s.replace(/&/g, ' & ');
  s = s.replace(QUOTES, '');
  // Dotted initialisms (S.p.A., K.K., N.V.) and a/s, s/a become one word before punctuation goes.
  if (s.includes('.')) s = s.replace(INITIALISM, (m) => m.replace(/\./g, ''));
  if (s.includes('/')) s = s.replace(SLASHED, '$1$2');
  const raw = s.split(ascii ? ASCII_SPLIT : SPLIT);
  const tokens: string[] = [];
  for (const t of raw) {
    if (t === '') continue;
    tokens.push(FOLDS.get(t) ?? foldTransliteration(t));
  }
  stripLegalPhrases(tokens);
  stripLegalForms(tokens);
  for (const run of cjk) {
    if (run.length === 1) tokens.push(run);
    for (let i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
  }
  const sorted = tokens.length > 1 ? [...tokens].sort() : tokens;
  return { tokens, key: sorted.join(' ') };
}

/** Drops legal forms written out in words, and short ones at the start; never empties a name. */
function stripLegalPhrases(tokens: string[]): void {
  for (let i = 0; i < tokens.length; i++) {
    const phrases = PHRASES_BY_FIRST.get(tokens[i]!);
    if (phrases === undefined) continue;
    for (const p of phrases) {
      if (p.length >= tokens.length || !p.every((w, k) => tokens[i + k] === w)) continue;
      tokens.splice(i, p.length);
      i--;
      break;
    }
  }
  while (tokens.length > 1 && LEADING_LEGAL.has(tokens[0]!)) tokens.shift();
}

/**
 * Drops legal forms: trailing ones ("Co., Ltd."), and the multi-word ones anywhere
 * ("Kabushiki Kaisha Toshiba"). Never empties a name: "Limited" alone stays.
 */
function stripLegalForms(tokens: string[]): void {
  while (tokens.length > 1 && (LEGAL.has(tokens[tokens.length - 1]!) || tokens[tokens.length - 1] === '&')) tokens.pop();
  for (let i = tokens.length - 1; i >= 0 && tokens.length > 1; i--) {
    const t = tokens[i]!;
    if (t === 'kabushiki' || t === 'kaisha' || t === 'yugen' || t === 'godo') tokens.splice(i, 1);
  }
  // A legal form in front of a trailing parenthesised place ("Huawei Technologies Co., Ltd. (Shenzhen)")
  // or before a branch word is one too.
  for (let i = tokens.length - 2; i >= 1 && tokens.length > 1; i--) {
    if (LEGAL.has(tokens[i]!) && (GENERIC_WORDS.has(tokens[i + 1]!) || LEGAL.has(tokens[i + 1]!))) tokens.splice(i, 1);
  }
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
}

/** Every word that folds into another (the keys of the spelling-variant table). */
export function foldedWords(): string[] {
  return [...FOLDS.keys()];
}

/** The folded form of one word (its spelling variants become one). */
export function foldToken(t: string): string {
  return FOLDS.get(t) ?? t;
}
