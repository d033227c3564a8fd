// A vendor a user names — on the command line, in an API query, in a custom rule — resolved to
// one slug, or refused with the nearest spelling. A name that matched nothing used to be kept as
// is and then matched no device: every flow "clean". Never again: it is an error here.
import { closest, InputError } from '../model/index.js';
import type { Catalog } from './catalog.js';
import { loadCatalog } from './catalog.js';
import { makerSlug } from './makers.js';
import { buildNameIndex, normaliseCompanyName, type NameHit } from './names.js';

/** Appended to every "unknown vendor" message: where the user finds the right names. */
export const VENDOR_LIST_HINT = '(cleanpath vendors lists them)';

export interface VendorResolver {
  /** The slug `input` names, or undefined. Case, punctuation and legal form are ignored. */
  resolve(input: string): string | undefined;
  /** Why `input` names no vendor, with the nearest slug when one is close. */
  unknownMessage(input: string): string;
}

interface CatalogKeys {
  slugs: ReadonlySet<string>;
  names: ReadonlyMap<string, NameHit>;
  /** Normalised display names (Huawei, Juniper Networks) → slug. */
  display: ReadonlyMap<string, string>;
}

let defaultKeys: CatalogKeys | undefined;

function catalogKeys(catalog?: Catalog): CatalogKeys {
  if (!catalog && defaultKeys) return defaultKeys;
  const c = catalog ?? loadCatalog();
  const keys: CatalogKeys = {
    slugs: new Set(c.vendors.map((v) => v.slug)),
    names: buildNameIndex(c),
    display: new Map(c.vendors.map((v) => [normaliseCompanyName(v.name), v.slug])),
  };
  if (!catalog) defaultKeys = keys;
  return keys;
}

/**
 * closest(), or else a candidate one swap of adjacent letters away ("coer" → core, "zet" → zte),
 * which edit distance counts as two edits and so misses in short words.
 */
export function nearest(input: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const hit = closest(input, list);
  if (hit !== undefined) return hit;
  const q = input.trim().toLowerCase();
  for (let i = 0; i + 1 < q.length; i++) {
    const swapped = q.slice(0, i) + q[i + 1] + q[i] + q.slice(i + 2);
    const found = list.find((c) => c.toLowerCase() === swapped);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** "American Power Conversion Corp." → "american-power-conversion": the slug form of a name. */
export function slugOf(input: string): string {
  return normaliseCompanyName(input).replace(/\s+/g, '-');
}

/**
 * A resolver over the catalog plus `extra`: vendors the caller knows of besides the catalog —
 * typically every vendor present in the network analysed, including makers outside the catalog
 * (`american-power-conversion`) and the raw strings of a plain nodes CSV.
 */
export function createVendorResolver(extra: Iterable<string | null | undefined> = [], catalog?: Catalog): VendorResolver {
  const keys = catalogKeys(catalog);
  // Extra vendors by their exact (lower-cased) spelling and by their normalised name; the value
  // is the spelling as the caller gave it, which is what devices carry.
  const extraExact = new Map<string, string>();
  const extraNorm = new Map<string, string>();
  for (const e of extra) {
    const t = e?.trim();
    if (!t) continue;
    const lower = t.toLowerCase();
    if (keys.slugs.has(lower)) continue;
    if (!extraExact.has(lower)) extraExact.set(lower, lower);
    const n = normaliseCompanyName(t);
    if (n && !extraNorm.has(n)) extraNorm.set(n, lower);
    const s = slugOf(t);
    if (s && !extraNorm.has(s)) extraNorm.set(s, lower);
  }

  const resolve = (input: string): string | undefined => {
    const lower = input.trim().toLowerCase();
    if (lower === '') return undefined;
    if (keys.slugs.has(lower)) return lower;
    const n = normaliseCompanyName(input);
    const byName = keys.names.get(n)?.vendor ?? keys.display.get(n);
    if (byName) return byName;
    // "new-h3c" or "juniper networks" spelled as a slug.
    const asSlug = n.replace(/\s+/g, '-');
    if (keys.slugs.has(asSlug)) return asSlug;
    // A maker's brand or another registered spelling ("APC" for american-power-conversion).
    const maker = makerSlug(input);
    return extraExact.get(lower) ?? extraNorm.get(n) ?? extraNorm.get(asSlug) ?? (maker !== '' ? extraExact.get(maker) : undefined);
  };

  const unknownMessage = (input: string): string => {
    const slugs = [...keys.slugs, ...extraExact.keys()];
    let hint = nearest(input, slugs);
    if (hint === undefined) {
      // A misspelt legal name: compare normalised names, suggest the vendor's slug.
      const n = normaliseCompanyName(input);
      const best = closest(n, keys.names.keys());
      if (best !== undefined) hint = keys.names.get(best)!.vendor;
    }
    return `unknown vendor '${input.trim()}'${hint === undefined ? '' : `; did you mean ${hint}?`} ${VENDOR_LIST_HINT}`;
  };

  return { resolve, unknownMessage };
}

/** True for "Ltd.", "Inc", "Co., Ltd": words that only say what kind of company it is. */
function onlyLegalForm(piece: string): boolean {
  return normaliseCompanyName(`x ${piece}`) === 'x';
}

/**
 * A comma-separated vendor list, where legal names keep their own commas: "Huawei Technologies
 * Co., Ltd.,zte" is two vendors, not three — a piece that is only a legal form joins the one before.
 */
export function splitVendorList(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const piece = raw.trim();
    if (piece === '') continue;
    if (out.length && onlyLegalForm(piece)) out[out.length - 1] += `, ${piece}`;
    else out.push(piece);
  }
  return out;
}

/**
 * Every name in `inputs` as a slug (duplicates dropped, order kept); the first that names no
 * vendor is an InputError at `where` (a file and line, or an option name such as `--untrusted`).
 */
export function resolveVendorList(
  inputs: readonly string[],
  where: { file: string; line?: number },
  resolver: VendorResolver = createVendorResolver(),
): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (input.trim() === '') continue;
    const slug = resolver.resolve(input);
    if (slug === undefined) throw new InputError(where.file, where.line, resolver.unknownMessage(input));
    if (!out.includes(slug)) out.push(slug);
  }
  return out;
}
