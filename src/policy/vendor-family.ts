// Which device vendors a rule's vendor list reaches. Laws name a company "or any subsidiary or
// affiliate"; the vendor catalog records those relations, some only for a period (Honor was
// Huawei's until 17 Nov 2020), so whether a device is caught can depend on when it was made.
// The inventory knows only the installed date, an upper bound on the production date: a device
// installed before the sale was certainly made while Honor was Huawei's; after it, we assume it
// was not (docs/policy.md), and with no date at all the answer is "unknown".
import { loadCatalog, normaliseCompanyName, type Catalog } from '../vendors/index.js';
import { dayNumber } from './dates.js';
import type { PolicyDevice } from './device.js';
import type { VendorSelector } from './schema.js';

export interface Affiliation {
  /** The catalog vendor whose family the member belongs to. */
  parent: string;
  /** The member's name as the catalog records it. */
  name: string;
  relation: string;
  from?: string;
  until?: string;
}

export type Coverage =
  | { kind: 'covered'; vendor: string; via?: string }
  | { kind: 'not-covered' }
  | { kind: 'unknown'; why: string };

export interface VendorFamilies {
  /** Memberships of a vendor slug in other vendors' families. */
  memberOf: ReadonlyMap<string, readonly Affiliation[]>;
  /** Affiliate names per parent slug, normalised, to explain evidence that names a subsidiary. */
  affiliateNames: ReadonlyMap<string, readonly { name: string; norm: string; relation: string }[]>;
  country: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
}

const CHILD = new Set(['subsidiary', 'joint-venture', 'former-subsidiary']);
const PARENT = new Set(['parent', 'former-parent']);

export function buildFamilies(catalog: Catalog = loadCatalog()): VendorFamilies {
  const byName = new Map<string, string>();
  for (const v of catalog.vendors) for (const n of [v.name, ...v.legalNames]) byName.set(normaliseCompanyName(n), v.slug);
  const memberOf = new Map<string, Affiliation[]>();
  const add = (member: string, a: Affiliation) => {
    const list = memberOf.get(member) ?? [];
    if (!list.some((x) => x.parent === a.parent && x.from === a.from && x.until === a.until)) list.push(a);
    memberOf.set(member, list);
  };
  const affiliateNames = new Map<string, { name: string; norm: string; relation: string }[]>();
  for (const v of catalog.vendors) {
    affiliateNames.set(v.slug, v.affiliates.filter((a) => CHILD.has(a.relation)).map((a) => ({ name: a.name, norm: normaliseCompanyName(a.name), relation: a.relation })));
    for (const a of v.affiliates) {
      const other = byName.get(normaliseCompanyName(a.name));
      if (other === undefined || other === v.slug) continue;
      const span = { ...(a.from ? { from: a.from } : {}), ...(a.until ? { until: a.until } : {}) };
      // Both directions are recorded in the catalog (Huawei lists Honor, Honor lists Huawei); either suffices.
      if (CHILD.has(a.relation)) add(other, { parent: v.slug, name: a.name, relation: a.relation, ...span });
      else if (PARENT.has(a.relation)) add(v.slug, { parent: other, name: v.name, relation: a.relation === 'parent' ? 'subsidiary' : 'former-subsidiary', ...span });
    }
  }
  return {
    memberOf,
    affiliateNames,
    country: new Map(catalog.vendors.map((v) => [v.slug, v.country])),
    names: new Map(catalog.vendors.map((v) => [v.slug, v.name])),
  };
}

let cached: VendorFamilies | undefined;
export function vendorFamilies(): VendorFamilies {
  cached ??= buildFamilies();
  return cached;
}

/** Catalog dates may be a year only ("2008"): read as its first day. */
function boundDay(d: string): number | undefined {
  return dayNumber(/^\d{4}$/.test(d) ? `${d}-01-01` : d);
}

function span(a: Affiliation): string {
  return [a.from ? `from ${a.from}` : '', a.until ? `until ${a.until}` : ''].filter(Boolean).join(' ');
}

/** Whether a membership held when the device was made, judged from its installed date. */
function membershipAt(a: Affiliation, installed: string | undefined): 'yes' | 'no' | 'unknown' {
  const from = a.from ? boundDay(a.from) : undefined;
  const until = a.until ? boundDay(a.until) : undefined;
  if (from === undefined && until === undefined) return 'yes';
  const at = installed ? dayNumber(installed) : undefined;
  if (at === undefined) return 'unknown';
  if (until !== undefined && at >= until) return 'no';
  if (from !== undefined && at < from) return 'no';
  return 'yes';
}

/** The affiliate a device's evidence names (Huawei Device Co., Ltd. behind a Huawei OUI), if any. */
export function namedAffiliate(device: PolicyDevice, parent: string, fam: VendorFamilies): string | undefined {
  const names = fam.affiliateNames.get(parent) ?? [];
  for (const e of device.attribution.evidence) {
    if (!e.valid || e.vendor !== parent || !e.detail) continue;
    const text = ` ${normaliseCompanyName(e.detail)} `;
    for (const n of names) if (n.norm && text.includes(` ${n.norm} `)) return `${n.name} (${n.relation} of ${fam.names.get(parent) ?? parent})`;
  }
  return undefined;
}

export function coverage(selector: VendorSelector, affiliates: boolean, device: PolicyDevice, fam: VendorFamilies = vendorFamilies()): Coverage {
  const v = device.vendor;
  // Only a device without usable evidence has no vendor; a maker outside the catalog is known
  // (DESIGN §4) and is simply not one a vendor list names.
  if (v === null) return { kind: 'unknown', why: 'no usable evidence names its maker' };
  if (selector === 'any') return { kind: 'covered', vendor: v };
  if (!Array.isArray(selector)) {
    const c = fam.country.get(v);
    // The catalog records home countries; for other makers the registries give none.
    if (c === undefined) return { kind: 'unknown', why: `maker ${v} is not in the vendor catalog, so its home country is unknown` };
    return selector.madeOutside.includes(c) ? { kind: 'not-covered' } : { kind: 'covered', vendor: v, via: `${fam.names.get(v) ?? v} is headquartered in ${c}` };
  }
  if (selector.includes(v)) {
    const via = affiliates ? namedAffiliate(device, v, fam) : undefined;
    return via ? { kind: 'covered', vendor: v, via } : { kind: 'covered', vendor: v };
  }
  if (!affiliates) return { kind: 'not-covered' };
  let unknown: Coverage | undefined;
  for (const a of fam.memberOf.get(v) ?? []) {
    if (!selector.includes(a.parent)) continue;
    const at = membershipAt(a, device.installed);
    const label = `${a.name} (${a.relation} of ${fam.names.get(a.parent) ?? a.parent}${span(a) ? ', ' + span(a) : ''})`;
    if (at === 'yes') return { kind: 'covered', vendor: a.parent, via: label };
    if (at === 'unknown') unknown = { kind: 'unknown', why: `${label}: no installed date, so whether it was made while part of ${fam.names.get(a.parent) ?? a.parent} is unknown` };
  }
  return unknown ?? { kind: 'not-covered' };
}
