// Which devices an analysis distrusts: named vendors, plus any device in a country, operator or
// layer to avoid. One definition for exposure, plan, report, kill-switch and the API — and the
// one place where what the user typed is checked: a vendor, country or layer that names nothing
// is an InputError with the nearest spelling, never a filter that silently matches no device
// (which would report every flow clean).
import { buildUntrusted, type NodeInput, type NodePredicate } from '../graph/index.js';
import { countryCode, InputError, LAYERS, unknownCountryMessage } from '../model/index.js';
import type { Store } from '../store/index.js';
import { createVendorResolver, nearest, resolveVendorList, type VendorResolver } from '../vendors/resolve.js';

/** Vendors avoided when no avoid-predicate is given: the two named by most national rules. */
export const DEFAULT_UNTRUSTED = ['huawei', 'zte'];

export interface AvoidOptions {
  untrusted?: string[];
  avoidCountry?: string[];
  avoidOperator?: string[];
  avoidLayer?: string[];
}

/** What each option is called where the user gave it: the "file" of an InputError. */
export type AvoidNames = Record<keyof AvoidOptions, string>;

export const CLI_AVOID_NAMES: AvoidNames = {
  untrusted: '--untrusted',
  avoidCountry: '--avoid-country',
  avoidOperator: '--avoid-operator',
  avoidLayer: '--avoid-layer',
};

export interface Resolved<T> {
  /** The options with every name in its canonical form: vendor slugs, ISO alpha-2, layer ids. */
  resolved: T;
  /** Things worth saying that are not errors, e.g. an operator no device has. */
  warnings: string[];
}

/** The vendors a network's devices carry: extra names the resolver accepts besides the catalog. */
export function vendorResolverFor(nodes: readonly NodeInput[] | undefined): VendorResolver {
  return createVendorResolver(nodes ? distinct(nodes, (d) => d.vendor) : []);
}

function distinct(nodes: readonly NodeInput[], get: (d: NodeInput) => string | null | undefined): Set<string> {
  const out = new Set<string>();
  for (const d of nodes) {
    const v = get(d)?.trim();
    if (v) out.add(v);
  }
  return out;
}

/**
 * One stand-in node per distinct (vendor, country, operator, layer) of a snapshot: enough to
 * resolve names and warn about absent ones without reading every device.
 */
export async function snapshotProfile(store: Store, snapshotId: number): Promise<NodeInput[]> {
  const groups = await store.countDevices(snapshotId, ['vendor', 'country', 'operator', 'layer']);
  return groups.map((g) => ({ id: '', vendor: g.key.vendor ?? null, country: g.key.country ?? null, operator: g.key.operator ?? null, layer: g.key.layer ?? null }));
}

/** Vendor names → slugs; unknown → InputError at `where`. `none` alone: no vendor (only the --avoid-* criteria). */
export function resolveVendors(inputs: readonly string[], where: string, nodes?: readonly NodeInput[]): string[] {
  if (inputs.length === 1 && inputs[0]!.trim().toLowerCase() === 'none') return [];
  return resolveVendorList(inputs, { file: where }, vendorResolverFor(nodes));
}

/** Country names or codes → ISO alpha-2; unknown → InputError at `where`. */
export function resolveCountries(inputs: readonly string[], where: string): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (input.trim() === '') continue;
    const code = countryCode(input);
    if (code === undefined) throw new InputError(where, undefined, unknownCountryMessage(input.trim()));
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

/** Layers, case-insensitive → LAYERS ids; anything else → InputError at `where`. */
export function resolveLayers(inputs: readonly string[], where: string): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const l = input.trim().toLowerCase();
    if (l === '') continue;
    if (!(LAYERS as readonly string[]).includes(l)) {
      const hint = nearest(l, LAYERS);
      throw new InputError(where, undefined, `unknown layer '${input.trim()}'${hint ? `; did you mean ${hint}?` : ''} (layers: ${LAYERS.join(', ')})`);
    }
    if (!out.includes(l)) out.push(l);
  }
  return out;
}

/**
 * A warning for every value no device has (`what` names the field), listing the values present
 * so the user sees the right spelling. Without nodes there is nothing to compare with.
 */
function absentWarnings(values: readonly string[] | undefined, what: string, where: string, nodes: readonly NodeInput[] | undefined, get: (d: NodeInput) => string | null | undefined, canon: (s: string) => string | undefined = (s) => s.toLowerCase()): string[] {
  if (!values?.length || !nodes) return [];
  const present = new Map<string, string>();
  for (const v of distinct(nodes, get)) {
    const k = canon(v);
    if (k !== undefined && !present.has(k)) present.set(k, v);
  }
  const missing = values.filter((v) => !present.has(canon(v) ?? v.toLowerCase()));
  if (!missing.length) return [];
  const have = [...present.values()].sort();
  const list = have.length === 0 ? `no device has a ${what}` : `${what}s present: ${have.slice(0, 20).join(', ')}${have.length > 20 ? `, … (${have.length})` : ''}`;
  return [`${where}: no device has ${what} ${missing.map((m) => `'${m}'`).join(', ')} (${list})`];
}

/**
 * Checks and canonicalises the avoid options against a network's devices (`nodes`: their vendors
 * are accepted besides the catalog's; without nodes only catalog vendors are). Throws InputError
 * for a name that matches nothing; warns for an operator, layer or country no device has.
 */
export function resolveAvoidOptions(opts: AvoidOptions, nodes?: readonly NodeInput[], names: AvoidNames = CLI_AVOID_NAMES): Resolved<AvoidOptions> {
  const resolved: AvoidOptions = {};
  if (opts.untrusted) resolved.untrusted = resolveVendors(opts.untrusted, names.untrusted, nodes);
  if (opts.avoidCountry) resolved.avoidCountry = resolveCountries(opts.avoidCountry, names.avoidCountry);
  if (opts.avoidLayer) resolved.avoidLayer = resolveLayers(opts.avoidLayer, names.avoidLayer);
  if (opts.avoidOperator) resolved.avoidOperator = [...new Set(opts.avoidOperator.map((o) => o.trim()).filter(Boolean))];
  const warnings = [
    ...absentWarnings(resolved.avoidCountry, 'country', names.avoidCountry, nodes, (d) => d.country, countryCode),
    ...absentWarnings(resolved.avoidOperator, 'operator', names.avoidOperator, nodes, (d) => d.operator),
    ...absentWarnings(resolved.avoidLayer, 'layer', names.avoidLayer, nodes, (d) => d.layer),
  ];
  return { resolved, warnings };
}

/**
 * The predicate over the devices' own spellings: a plain nodes CSV may say "Huawei Technologies
 * Co., Ltd." or "Germany" where the options, once resolved, say huawei and DE.
 */
function matchingSpellings(nodes: readonly NodeInput[], canonical: readonly string[] | undefined, get: (d: NodeInput) => string | null | undefined, canon: (s: string) => string | undefined): string[] | undefined {
  if (canonical === undefined) return undefined;
  const want = new Set(canonical);
  const out = new Set(canonical);
  for (const v of distinct(nodes, get)) if (want.has(canon(v) ?? '')) out.add(v);
  return [...out];
}

function predicateOf(nodes: readonly NodeInput[], r: AvoidOptions & { layers?: string[] }): NodePredicate {
  const resolver = vendorResolverFor(nodes);
  return {
    vendors: matchingSpellings(nodes, r.untrusted, (d) => d.vendor, (s) => resolver.resolve(s)),
    countries: matchingSpellings(nodes, r.avoidCountry, (d) => d.country, countryCode),
    operators: r.avoidOperator,
    layers: r.avoidLayer,
  };
}

/**
 * One byte per node (input order): 1 when the node is untrusted under these options. Validates
 * the options first (see resolveAvoidOptions), so no caller can skip the check.
 */
export function untrustedNodes(nodes: readonly NodeInput[], opts: AvoidOptions, names: AvoidNames = CLI_AVOID_NAMES): Uint8Array {
  const anyAvoid = opts.untrusted || opts.avoidCountry || opts.avoidOperator || opts.avoidLayer;
  const { resolved } = resolveAvoidOptions(anyAvoid ? opts : { untrusted: DEFAULT_UNTRUSTED }, nodes, names);
  return buildUntrusted(nodes, predicateOf(nodes, resolved));
}

// ---- kill-switch ----

export interface KillSwitchOptions {
  vendors: string[];
  layers?: string[];
  countries?: string[];
}

export type KillSwitchNames = Record<keyof KillSwitchOptions, string>;

export const CLI_KILLSWITCH_NAMES: KillSwitchNames = { vendors: '--vendors', layers: '--layer', countries: '--country' };

/** The kill-switch's vendors, layers and countries checked like resolveAvoidOptions's. */
export function resolveKillSwitchOptions(opts: KillSwitchOptions, nodes?: readonly NodeInput[], names: KillSwitchNames = CLI_KILLSWITCH_NAMES): Resolved<KillSwitchOptions> {
  const r = resolveAvoidOptions(
    { untrusted: opts.vendors, avoidLayer: opts.layers, avoidCountry: opts.countries },
    nodes,
    { untrusted: names.vendors, avoidLayer: names.layers, avoidCountry: names.countries, avoidOperator: '' },
  );
  const vendors = r.resolved.untrusted ?? [];
  // No vendor would make the layer or country filter alone switch devices off.
  if (!vendors.length) throw new InputError(names.vendors, undefined, 'name at least one vendor, e.g. huawei');
  const resolved: KillSwitchOptions = { vendors };
  if (r.resolved.avoidLayer) resolved.layers = r.resolved.avoidLayer;
  if (r.resolved.avoidCountry) resolved.countries = r.resolved.avoidCountry;
  return { resolved, warnings: r.warnings };
}

/** The devices a kill-switch removes (one byte per node): every given criterion must hold. */
export function killSetNodes(nodes: readonly NodeInput[], opts: KillSwitchOptions, names: KillSwitchNames = CLI_KILLSWITCH_NAMES): Uint8Array {
  const { resolved } = resolveKillSwitchOptions(opts, nodes, names);
  const p = predicateOf(nodes, { untrusted: resolved.vendors, avoidCountry: resolved.countries, avoidLayer: resolved.layers });
  return buildUntrusted(nodes, { ...p, combine: 'all' });
}
