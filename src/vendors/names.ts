// Company-name normalisation and the name → vendor index. Matching is exact after normalisation,
// never by substring: "Shanghai Dahua Scale Factory" must not become Dahua.
import type { Catalog } from './catalog.js';
import { loadCatalog } from './catalog.js';

/** Longest name we normalise; longer input is cut so hostile strings cost bounded time. */
const MAX_NAME = 512;

// Words that only say what kind of legal entity it is; dropped from the end of a name.
const LEGAL = new Set([
  'co', 'company', 'corp', 'corporation', 'inc', 'incorporated', 'ltd', 'limited', 'llc', 'lp', 'llp',
  'plc', 'gmbh', 'mbh', 'ag', 'kg', 'se', 'spa', 'srl', 'sa', 'sas', 'sarl', 'kk', 'ab', 'oy', 'oyj',
  'as', 'asa', 'aps', 'bv', 'nv', 'pty', 'pvt', 'pte', 'private', 'sdn', 'bhd', 'ltda', 'cv',
]);

// Spelling variants of the same word seen in registrant texts ("Huawei Tech. Co." vs "Technologies").
const FOLD: Record<string, string> = {
  tech: 'technologies',
  technology: 'technologies',
  techn: 'technologies',
  intl: 'international',
};

/**
 * Case, punctuation and legal-suffix insensitive form of a company name:
 * "HUAWEI TECHNOLOGIES CO.,LTD" and "Huawei Tech. Co. Ltd" both give "huawei technologies".
 */
export function normaliseCompanyName(input: string): string {
  let s = input.length > MAX_NAME ? input.slice(0, MAX_NAME) : input;
  s = s.toLowerCase().replace(/&/g, ' and ');
  // Dotted initialisms (S.p.A., K.K., N.V.) and a/s become one word before punctuation is dropped.
  s = s.replace(/\b(?:[a-z]\.){2,}/g, (m) => m.replace(/\./g, '')).replace(/\b([a-z])\/([a-z])\b/g, '$1$2');
  const tokens = s.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
  for (let i = 0; i < tokens.length; i++) {
    const f = FOLD[tokens[i]!];
    if (f !== undefined) tokens[i] = f;
  }
  let stripped = false;
  while (tokens.length > 1) {
    const last = tokens[tokens.length - 1]!;
    if (LEGAL.has(last) || (stripped && last === 'and')) {
      tokens.pop();
      stripped = true;
    } else break;
  }
  if (tokens.length > 1 && tokens[0] === 'the') tokens.shift();
  return tokens.join(' ');
}

export type NameSource = 'legal-name' | 'alias' | 'affiliate' | 'oui-org';

export interface NameHit {
  vendor: string;
  /** The catalog spelling that matched. */
  name: string;
  via: NameSource;
  /** Affiliate relation when via is 'affiliate'. */
  relation?: string;
}

// Relations whose names stand for the vendor today; former subsidiaries and parents do not.
const MATCHING_RELATIONS = new Set(['subsidiary', 'joint-venture', 'predecessor']);

/** Exact (normalised) company name → vendor. Throws if the catalog gives one name to two vendors. */
export function buildNameIndex(catalog: Catalog = loadCatalog()): ReadonlyMap<string, NameHit> {
  const index = new Map<string, NameHit>();
  const add = (name: string, hit: NameHit) => {
    const key = normaliseCompanyName(name);
    if (key === '') return;
    const prev = index.get(key);
    if (prev && prev.vendor !== hit.vendor) {
      throw new Error(`vendor catalog: name "${name}" normalises to "${key}", claimed by both ${prev.vendor} and ${hit.vendor}`);
    }
    // First claim wins so a legal name is reported in preference to an alias spelling.
    if (!prev) index.set(key, hit);
  };
  for (const v of catalog.vendors) {
    for (const n of v.legalNames) add(n, { vendor: v.slug, name: n, via: 'legal-name' });
    for (const n of v.aliases) add(n, { vendor: v.slug, name: n, via: 'alias' });
    for (const a of v.affiliates) {
      if (MATCHING_RELATIONS.has(a.relation)) add(a.name, { vendor: v.slug, name: a.name, via: 'affiliate', relation: a.relation });
    }
    for (const o of v.ouiOrgs) if (o.verified) add(o.name, { vendor: v.slug, name: o.name, via: 'oui-org' });
  }
  return index;
}
