// The FCC Covered List entries of the policy catalog as a screening list: one listed party per
// vendor a `us-fcc-covered-*` rule names, with the names the vendor catalog knows for it (legal
// names, aliases) and, because the FCC reads each entry as including the entity's subsidiaries
// and affiliates, the catalog's subsidiaries and joint ventures as related parties owned by it.
// A former subsidiary keeps its link with the date it ended, so it stops counting after the sale.
import { loadRuleCatalog, type Rule } from '../../policy/index.js';
import { loadCatalog, type Vendor } from '../../vendors/index.js';
import type { ListEntity, ScreeningList } from './types.js';
import named from './data/fcc-covered-named.json' with { type: 'json' };
import { dayOf } from './version.js';

export const FCC_CATALOG_FILE = 'src/policy/data/rules.json';
const PREFIX = 'us-fcc-covered-';
/** Affiliate relations under which the affiliate is owned by (or part of) the vendor. */
const OWNED = new Set(['subsidiary', 'joint-venture', 'former-subsidiary']);

/** "…Covered List entry: telecommunications equipment produced by ZTE Corporation" → "ZTE Corporation". */
export function entryName(rule: Rule): string | undefined {
  const m = /Covered List entry:\s*(?:.*?\bproduced by\s+)?(.+?)(?:,\s*to the extent\b.*)?$/.exec(rule.clause);
  return m?.[1]?.trim();
}

export function fccCatalogList(): ScreeningList {
  const catalog = loadRuleCatalog();
  const vendors = new Map<string, Vendor>(loadCatalog().vendors.map((v) => [v.slug, v]));
  const entities: ListEntity[] = [];
  for (const rule of catalog.rules) {
    if (!rule.id.startsWith(PREFIX) || !Array.isArray(rule.vendors)) continue;
    for (const slug of rule.vendors) {
      const v = vendors.get(slug);
      if (!v) continue;
      const named = entryName(rule);
      const source = `${FCC_CATALOG_FILE}#${rule.id}`;
      const listing = {
        authority: 'FCC Covered List (47 CFR §1.50002)',
        programs: [rule.id],
        ...(rule.effective ? { startDate: rule.effective } : {}),
        sourceUrl: rule.source,
        reference: rule.instrument,
        note: rule.title,
      };
      const id = `fcc-${slug}`;
      entities.push({
        id,
        schema: 'Company',
        names: [...new Set([...(named ? [named] : []), ...v.legalNames, ...v.aliases])],
        weakNames: [],
        countries: [v.country],
        listed: true,
        listings: [listing],
        owners: [],
        source,
      });
      v.affiliates.forEach((a, i) => {
        if (!OWNED.has(a.relation)) return;
        const until = a.relation === 'former-subsidiary' ? dayOf(a.until) : undefined;
        const from = dayOf(a.from);
        entities.push({
          id: `${id}-affiliate-${i + 1}`,
          schema: 'Company',
          names: [a.name],
          weakNames: [],
          countries: [],
          listed: false,
          listings: [],
          owners: [{ owner: id, kind: a.relation, ...(from ? { startDate: from } : {}), ...(until ? { endDate: until } : {}), source: `src/vendors/data/vendors.json#${slug} (${a.source})` }],
          source: `src/vendors/data/vendors.json#${slug}`,
        });
      });
    }
  }
  entities.push(...namedEntries());
  return {
    id: 'fcc-covered',
    title: 'FCC Covered List (policy catalog)',
    format: 'fcc-catalog',
    file: FCC_CATALOG_FILE,
    version: dayOf(catalog.catalogVersion) ?? '1970-01-01',
    versionSource: 'catalog',
    entities,
  };
}

export const FCC_NAMED_FILE = 'src/screen/lists/data/fcc-covered-named.json';

/**
 * The Covered List's entries that name a company outside the catalog's equipment rules
 * (Kaspersky, the §214 carriers, DJI, Autel): without them a screen "against the FCC Covered
 * List" would call those names clean.
 */
function namedEntries(): ListEntity[] {
  return named.entries.map((e) => ({
    id: e.id,
    schema: 'Company',
    names: e.names,
    weakNames: [],
    countries: e.countries,
    listed: true,
    listings: [{
      authority: 'FCC Covered List (47 CFR §1.50002)',
      programs: [e.id],
      startDate: e.startDate,
      sourceUrl: e.sourceUrl,
      reference: `${FCC_NAMED_FILE}#${e.id}`,
      note: `${e.covered}; ${e.status}`,
    }],
    owners: [],
    source: `${FCC_NAMED_FILE}#${e.id}`,
  }));
}
