// Everything identification needs, built once and shared by every call: catalog indexes, the OUI
// index, compiled patterns, an optional TAC table and small memo caches for repeated raw values.
import { buildNameIndex, catalogIndex, getOuiIndex, loadCatalog } from '../vendors/index.js';
import type { Catalog, CatalogIndex, NameHit, OuiIndex } from '../vendors/index.js';
import type { Finding } from './finding.js';
import type { RegistryMaker } from './maker.js';
import { buildBrandWords } from './brand-words.js';
import { compilePatterns, type CompiledPattern } from './patterns.js';
import type { TacRows } from '../ingest/plain/tac.js';
import { buildTacTable, type TacTable } from './tac-table.js';

export interface OidRule {
  prefix: string;
  vendor: string;
  confidence: number;
  detail: string;
}

/** A Map that forgets everything when full: repeated values (same sysDescr on 10k switches) hit. */
export class MemoCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    return this.map.get(k);
  }
  set(k: string, v: V): void {
    if (this.map.size >= this.max) this.map.clear();
    this.map.set(k, v);
  }
}

export interface IdentifyContext {
  catalog: CatalogIndex;
  oui: OuiIndex;
  names: ReadonlyMap<string, NameHit>;
  patterns: readonly CompiledPattern[];
  /** Whole-word brand names ("huawei", "nec") for free text no pattern matched. */
  brandWords: ReadonlyMap<string, string>;
  oidRules: readonly OidRule[];
  tac: TacTable | null;
  /** Findings per field, then raw value, for fields whose values repeat; immutable and shared. */
  memo: Map<string, MemoCache<readonly Finding[]>>;
  /** MAC OUI description per assigned block (see OuiIndex.blockKey): bounded by the registry's size. */
  macBlockMemo: Map<number, { vendor: string | null; cap: number; description: string }>;
  /** Registered or declared organisation name → who it names (see maker.ts). */
  makerMemo: Map<string, RegistryMaker>;
  /** Normalised catalog names and slugs → slug: what a misspelt declared vendor is compared with. */
  typoTargets: ReadonlyMap<string, string>;
}

export interface IdentifyOptions {
  /** Osmocom-format TAC rows to resolve IMEIs to brands, as src/ingest/plain/tac.ts reads them. */
  tac?: TacRows;
}

function typoTargets(catalog: Catalog, names: ReadonlyMap<string, NameHit>): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const v of catalog.vendors) out.set(v.slug.replace(/-/g, ' '), v.slug);
  for (const [key, hit] of names) if (!out.has(key)) out.set(key, hit.vendor);
  return out;
}

export function createIdentifyContext(opts: IdentifyOptions = {}): IdentifyContext {
  const catalog = loadCatalog();
  const names = buildNameIndex(catalog);
  return {
    catalog: catalogIndex(catalog),
    oui: getOuiIndex(),
    names,
    patterns: compilePatterns(catalog),
    brandWords: buildBrandWords(catalog),
    // Longest prefix first so a specific rule wins over a broader one.
    oidRules: [...catalog.oidRules].sort((a, b) => b.prefix.length - a.prefix.length),
    tac: opts.tac ? buildTacTable(opts.tac, catalog) : null,
    memo: new Map(),
    macBlockMemo: new Map(),
    makerMemo: new Map(),
    typoTargets: typoTargets(catalog, names),
  };
}
