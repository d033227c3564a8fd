// `cleanpath vendors`: the vendor catalog as the user may name it — the slugs and names that
// `--untrusted`, `--vendors`, API parameters and custom rules accept, the identifiers behind each
// attribution, and the rules that name each vendor. Where an "unknown vendor" error points.
import type { Command } from 'commander';
import { countryName } from '../../model/index.js';
import { activeCatalog } from '../../analyses/catalog-source.js';
import type { Rule } from '../../policy/index.js';
import { loadCatalog, type Vendor } from '../../vendors/index.js';
import { addOutputOptions, outputFormatOf } from '../options.js';
import { render, type OutputFormat, type Row } from '../output.js';

interface VendorsOptions {
  format?: OutputFormat;
  json?: boolean;
}

/** One catalog vendor as scripts read it. */
export interface VendorEntry {
  slug: string;
  name: string;
  country: string;
  countryName: string;
  legalNames: string[];
  aliases: string[];
  /** Current subsidiaries, joint ventures and predecessors: their names resolve to this vendor. */
  affiliates: string[];
  identifiers: { pens: number; ouiOrgs: number; patterns: number; gponPrefixes: number };
  /** Rules that name the vendor. */
  rules: string[];
  /** Rules that cover it by where it is headquartered (`madeOutside`), without naming it. */
  rulesByOrigin: string[];
}

const NAMED_RELATIONS = new Set(['subsidiary', 'joint-venture', 'predecessor']);

export function vendorEntries(vendors: readonly Vendor[], rules: readonly Rule[]): VendorEntry[] {
  return vendors.map((v) => ({
    slug: v.slug,
    name: v.name,
    country: v.country,
    countryName: countryName(v.country),
    legalNames: v.legalNames,
    aliases: v.aliases,
    affiliates: v.affiliates.filter((a) => NAMED_RELATIONS.has(a.relation)).map((a) => a.name),
    identifiers: { pens: v.pens.length, ouiOrgs: v.ouiOrgs.length, patterns: v.sysDescr.length + v.ssh.length + v.http.length, gponPrefixes: v.gpon.length },
    rules: rules.filter((r) => Array.isArray(r.vendors) && r.vendors.includes(v.slug)).map((r) => r.id),
    rulesByOrigin: rules
      .filter((r) => typeof r.vendors === 'object' && !Array.isArray(r.vendors) && !r.vendors.madeOutside.includes(v.country))
      .map((r) => r.id),
  }));
}

// Kept narrow so the table fits 100 columns; csv and json carry everything.
const TABLE = ['slug', 'name', 'cc', 'pens', 'oui', 'pat', 'rules', 'also known as'];
const CSV = ['slug', 'name', 'country', 'legal_names', 'aliases', 'affiliates', 'pens', 'oui_orgs', 'patterns', 'gpon_prefixes', 'rules', 'rules_by_origin'];

function fit(list: readonly string[], width: number): string {
  const s = list.join(', ');
  return s.length <= width ? s : `${s.slice(0, width - 1)}…`;
}

function toRow(e: VendorEntry): Row {
  const known = [...e.legalNames, ...e.aliases.filter((a) => a.toLowerCase() !== e.name.toLowerCase())];
  return {
    slug: e.slug, name: e.name, cc: e.country, country: e.country,
    pens: e.identifiers.pens, oui: e.identifiers.ouiOrgs, pat: e.identifiers.patterns,
    oui_orgs: e.identifiers.ouiOrgs, patterns: e.identifiers.patterns, gpon_prefixes: e.identifiers.gponPrefixes,
    rules: e.rules.length, 'also known as': fit(known, 36),
    legal_names: e.legalNames.join('; '), aliases: e.aliases.join('; '), affiliates: e.affiliates.join('; '),
    rules_by_origin: e.rulesByOrigin.join(' '),
  };
}

export function register(program: Command): void {
  addOutputOptions(
    program
      .command('vendors')
      .description('List the vendor catalog: the slugs and names analyses accept, identifiers, and the rules naming each vendor'),
  )
    .addHelpText(
      'after',
      `
Any slug, legal name, alias or current affiliate listed here names its vendor wherever a
vendor is asked for (--untrusted, --vendors, --vendor, API parameters, custom rules); case,
punctuation and legal form are ignored: "Huawei Technologies Co., Ltd." is huawei. Columns:
cc country of headquarters, pens IANA enterprise numbers, oui IEEE organisation names,
pat sysDescr/SSH/HTTP patterns, rules how many catalog rules name the vendor.

Examples:
  cleanpath vendors
  cleanpath vendors --json | jq '.vendors[] | select(.rules | length > 0) | .slug'
  cleanpath vendors --format csv > vendors.csv`,
    )
    .action((opts: VendorsOptions) => {
      const catalog = loadCatalog();
      const rules = activeCatalog().rules;
      const entries = vendorEntries(catalog.vendors, rules);
      const format = outputFormatOf(opts);
      const rows = entries.map(toRow);
      // The rule ids go in CSV as one space-separated field.
      const csvRows = format === 'csv' ? rows.map((r, i) => ({ ...r, rules: entries[i]!.rules.join(' ') })) : rows;
      process.stdout.write(render(format, csvRows, format === 'csv' ? CSV : TABLE, { vendors: entries }));
      if (format === 'table') process.stderr.write(`${entries.length} vendor(s) in the catalog; ${rules.length} rule(s) checked for the vendors they name\n`);
    });
}
