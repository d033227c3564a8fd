// Makers outside the risk catalog. Evidence that names a registered organisation (an IEEE OUI
// assignee, an IANA enterprise, a declared manufacturer) attributes the device to that maker under
// a slug derived from the registered name, so "who made it" is answered even when the catalog has
// nothing to say about the maker. A slug is never a catalog slug unless it is that vendor.
import { catalogIndex } from './catalog.js';
import { makerNameInDetail } from './maker-detail.js';
import { normaliseCompanyName } from './names.js';
import aliasData from './data/maker-aliases.json' with { type: 'json' };

export { makerNameInDetail, makerPhrase } from './maker-detail.js';

/** Longest name we turn into a slug; longer registry or inventory text is not a company name. */
const MAX_MAKER_NAME = 120;
const MAX_MAKER_WORDS = 8;

// Placeholder values inventories put in a vendor column when nobody knows.
const JUNK = new Set([
  'unknown', 'unkown', 'n a', 'na', 'none', 'null', 'nil', 'generic', 'other', 'others', 'various', 'misc',
  'tbd', 'tba', 'todo', 'not applicable', 'not available', 'unspecified', 'undefined', 'default', 'vendor',
  'manufacturer', 'no name', 'noname', 'no brand', 'white box', 'whitebox', 'test', 'xxx', 'reserved', 'private',
]);

/**
 * Registry names carry notes in brackets: "IBM (https://w3.ibm.com/standards )", "Alcatel-Lucent
 * Enterprise (previous was 'Alcatel')". They are kept in the display name but not in the slug.
 */
function withoutBrackets(name: string): string {
  const cut = name.replace(/\s*\([^)]*\)/g, ' ').replace(/\s*\[[^\]]*\]/g, ' ').trim();
  return cut === '' ? name : cut;
}

/** Normalised name (as normaliseCompanyName) with accents folded to ASCII. */
export function makerKey(name: string): string {
  const n = normaliseCompanyName(withoutBrackets(name));
  return n.normalize('NFKD').replace(/\p{M}+/gu, '');
}

/**
 * Stable slug for a registered name: "American Power Conversion Corp." → `american-power-conversion`;
 * "" when nothing usable is left (punctuation only, or not a name at all).
 */
export function makerSlug(name: string): string {
  if (name.length > MAX_MAKER_NAME) return '';
  const key = makerKey(name);
  if (key === '' || !/\p{L}/u.test(key) || key.split(' ').length > MAX_MAKER_WORDS) return '';
  const slug = key.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase();
  return makerAliases().get(slug) ?? slug;
}

let aliases: ReadonlyMap<string, string> | undefined;

/**
 * Slug of an alias → the maker's slug (data/maker-aliases.json, each with its registry source):
 * "APC", "APC by Schneider Electric" and "American Power Conversion Corp" are one maker.
 */
function makerAliases(): ReadonlyMap<string, string> {
  if (aliases) return aliases;
  const m = new Map<string, string>();
  const slugOf = (name: string) => makerKey(name).replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').toLowerCase();
  for (const maker of aliasData.makers) for (const a of maker.aliases) m.set(slugOf(a), maker.slug);
  aliases = m;
  return m;
}

/** A vendor column value that says nobody knows ("", "unknown", "n/a", "-", "generic"...). */
export function isJunkMakerName(name: string): boolean {
  const t = name.trim();
  if (t === '' || !/\p{L}/u.test(t)) return true;
  return JUNK.has(normaliseCompanyName(t).replace(/\s+/g, ' ')) || JUNK.has(t.toLowerCase().replace(/[^a-z]+/g, ' ').trim());
}

/** Whether a vendor slug is one of the risk catalog's vendors (not a maker found in a registry). */
export function isCatalogVendor(slug: string | null | undefined): boolean {
  return slug != null && catalogIndex().vendors.has(slug);
}

export interface MakerLabel {
  slug: string;
  /** Display name: the catalog's name, or the registered name the evidence quoted. */
  name: string;
  inCatalog: boolean;
}

/** Who an attributed vendor slug is, for display: catalog vendor or registered maker. */
export function makerLabel(
  vendor: string | null,
  evidence: readonly { vendor: string | null; detail?: string | undefined }[] = [],
): MakerLabel | null {
  if (vendor === null) return null;
  const v = catalogIndex().vendors.get(vendor);
  if (v) return { slug: vendor, name: v.name, inCatalog: true };
  for (const e of evidence) {
    if (e.vendor !== vendor) continue;
    const name = makerNameInDetail(e.detail);
    if (name !== undefined) return { slug: vendor, name, inCatalog: false };
  }
  return { slug: vendor, name: vendor, inCatalog: false };
}

/** "american-power-conversion (not in catalog)" / "huawei": a vendor slug as tables show it. */
export function vendorCell(vendor: string | null): string {
  if (vendor === null) return '?';
  return isCatalogVendor(vendor) ? vendor : `${vendor} (not in catalog)`;
}
