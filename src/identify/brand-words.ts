// A vendor's brand named as a whole word inside free text ("HUAWEI BTS5900 SRAN18.1",
// "NEC iPASOLINK iX"): weaker than a catalog pattern, stronger than nothing. Whole words only,
// never substrings ("ztevision" is not ZTE), and brands that are common English words are left out.
import type { Catalog } from '../vendors/index.js';
import { MAX_TEXT } from './patterns.js';

/** Brands that are ordinary words in English text; a sysDescr saying "honor" names no vendor. */
const AMBIGUOUS = new Set(['honor', 'nokia networks']);

/** Lower-case single-word brand → vendor slug, from each vendor's display name and one-word aliases. */
export function buildBrandWords(catalog: Catalog): ReadonlyMap<string, string> {
  const words = new Map<string, string>();
  for (const v of catalog.vendors) {
    for (const name of [v.name, ...v.aliases]) {
      const w = name.trim().toLowerCase();
      if (!/^[a-z0-9]{3,}$/.test(w) || AMBIGUOUS.has(w)) continue;
      if (words.has(w) && words.get(w) !== v.slug) words.delete(w); // claimed twice: not distinctive
      else words.set(w, v.slug);
    }
  }
  return words;
}

export interface BrandHit {
  vendor: string;
  word: string;
}

/** Every distinct vendor whose brand appears as a whole word in the first MAX_TEXT characters. */
export function findBrandWords(text: string, brands: ReadonlyMap<string, string>): BrandHit[] {
  const hits: BrandHit[] = [];
  const seen = new Set<string>();
  for (const token of text.slice(0, MAX_TEXT).toLowerCase().split(/[^a-z0-9]+/)) {
    const vendor = token.length >= 3 ? brands.get(token) : undefined;
    if (vendor && !seen.has(vendor)) {
      seen.add(vendor);
      hits.push({ vendor, word: token });
    }
  }
  return hits;
}
