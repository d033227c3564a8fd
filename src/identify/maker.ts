// A registered organisation name (IEEE OUI assignee, IANA enterprise, declared manufacturer) →
// who the evidence names: a catalog vendor when the name is exactly one of its names, otherwise
// the maker itself under its own slug, marked as outside the catalog.
import { closest } from '../model/index.js';
import { isJunkMakerName, makerKey, makerPhrase, makerSlug } from '../vendors/index.js';
import type { IdentifyContext } from './context.js';

export interface RegistryMaker {
  /** Catalog slug or maker slug; null when the name names nobody ("", "unknown", "-"). */
  vendor: string | null;
  inCatalog: boolean;
  /** The name as registered or declared. */
  name: string;
  /** What to append to a finding's detail. */
  phrase: string;
}

const MAX_DECLARED = 120;

/** Most distinct names remembered; registries have ~100k, inventories far fewer. */
const MEMO_MAX = 200_000;

// Registry entries that name no maker: IEEE's own parent blocks of MA-M/MA-S assignments, and
// assignees the registry hides.
const NOT_MAKERS = new Set(['ieee registration authority', 'private', 'reserved']);

function resolve(name: string, ctx: IdentifyContext): RegistryMaker {
  const key = makerKey(name);
  if (NOT_MAKERS.has(key) || isJunkMakerName(name)) return { vendor: null, inCatalog: false, name, phrase: `"${name.slice(0, 80)}" names no maker` };
  const hit = ctx.names.get(key);
  // The registry spells the catalog vendor's own name, but the catalog does not list this
  // identifier: the vendor it is, with the weaker confidence the caller gives such links.
  if (hit) return { vendor: hit.vendor, inCatalog: true, name, phrase: `registered name matches ${hit.vendor} ${hit.via.replace('-', ' ')} "${hit.name}"` };
  const slug = makerSlug(name);
  if (slug === '') return { vendor: null, inCatalog: false, name, phrase: `"${name.slice(0, 80)}" is not a company name` };
  if (ctx.catalog.vendors.has(slug)) {
    return { vendor: slug, inCatalog: true, name, phrase: `registered name "${name}" is ${slug}'s` };
  }
  return { vendor: slug, inCatalog: false, name, phrase: makerPhrase(name) };
}

/** Who a registered organisation name names; memoised per context. */
export function registryMaker(name: string, ctx: IdentifyContext): RegistryMaker {
  let m = ctx.makerMemo.get(name);
  if (m === undefined) {
    if (ctx.makerMemo.size >= MEMO_MAX) ctx.makerMemo.clear();
    m = resolve(name, ctx);
    ctx.makerMemo.set(name, m);
  }
  return m;
}

export type DeclaredMaker =
  | { kind: 'junk' }
  | { kind: 'typo'; suggestion: string }
  | { kind: 'maker'; maker: RegistryMaker };

/**
 * A declared vendor string no catalog name or pattern matched. A near miss of a catalog name
 * ("Hauwei") is refused rather than accepted as a new maker: taken as "hauwei, not in the
 * catalog" it would silently escape every Huawei rule.
 */
export function declaredMaker(raw: string, ctx: IdentifyContext): DeclaredMaker {
  // Longer text is a pasted description, not a company name; checked first so it costs nothing.
  if (raw.length > MAX_DECLARED || isJunkMakerName(raw)) return { kind: 'junk' };
  const key = makerKey(raw);
  const near = closest(key, ctx.typoTargets.keys());
  if (near !== undefined && near !== key) return { kind: 'typo', suggestion: ctx.typoTargets.get(near)! };
  const maker = registryMaker(raw.trim(), ctx);
  return maker.vendor === null ? { kind: 'junk' } : { kind: 'maker', maker };
}
