import type { Command } from 'commander';
import { resolveCountries } from '../../analyses/untrusted.js';
import type { Rule } from '../../policy/index.js';
import { activeCatalog } from '../../analyses/catalog-source.js';
import { lastPermittedDay, vendorList } from '../../policy/index.js';
import { addOutputOptions, collectList, outputFormatOf } from '../options.js';
import { render, type OutputFormat, type Row } from '../output.js';
import { selectRules } from './check.js';
import { parseSinceDate, writeChanges } from './policies-changes.js';

interface PoliciesOptions {
  country?: string[];
  rules?: string[];
  format?: OutputFormat;
  json?: boolean;
  changesSince?: string;
}

/** A rule concerns a country when it is that country's, or its scope names the country. */
export function concernsCountry(r: Rule, countries: readonly string[]): boolean {
  return countries.includes(r.jurisdiction) || (r.scope.countries !== 'any' && r.scope.countries.some((c) => countries.includes(c)));
}

function scopeText(r: Rule): string {
  const s = r.scope;
  const parts = [
    s.countries === 'any' ? 'anywhere' : s.countries.length > 5 ? `${s.countries.length} countries` : s.countries.join('/'),
    s.layers?.join('/'), s.technologies?.join('/'), s.networks?.join('/'), s.operators?.join('/'), s.uses ? `use: ${s.uses.join('/')}` : undefined,
  ];
  return parts.filter(Boolean).join(' ');
}

function toRow(r: Rule): Row {
  return {
    id: r.id, jurisdiction: r.jurisdiction, kind: r.kind, vendors: vendorList(r), scope: scopeText(r), effective: r.effective,
    'no new after': r.noNewAfter, 'last day': lastPermittedDay(r) ?? undefined,
    cap: r.capPercent !== undefined ? `${r.capPercent}%` : r.maxHhi !== undefined ? `HHI ${r.maxHhi}` : undefined,
    verification: r.verification.level, source: r.source, title: r.title,
  };
}

// The table's order is what a narrow terminal keeps, left to right; CSV keeps its own order.
const TABLE = ['id', 'jurisdiction', 'vendors', 'effective', 'last day', 'verification', 'kind', 'scope', 'no new after', 'cap'];
const CSV = ['id', 'jurisdiction', 'kind', 'vendors', 'scope', 'effective', 'no new after', 'last day', 'cap', 'verification', 'source', 'title'];

export function register(program: Command): void {
  const cmd = program
    .command('policies')
    .description('List the policy catalog: every rule with its dates, scope, verification level and source')
    .option('--country <codes>', 'only rules of, or reaching into, these countries (repeatable)', collectList)
    .option('--rules <file.yaml>', 'also list (and validate) custom rules from a YAML file (repeatable)', collectList)
    .option('--changes-since <date>', "list the catalog's changes after this day (YYYY-MM-DD) instead of its rules", parseSinceDate);
  addOutputOptions(cmd)
    .addHelpText(
      'after',
      `
Examples:
  cleanpath policies --country GB
  cleanpath policies --rules our-policy.yaml       # validate your own rules (exit 2 on errors)
  cleanpath policies --changes-since 2026-06-30    # what changed in the catalog since your last review
  cleanpath --catalog our-overlay.yaml policies    # the catalog with your overlay (its version names it)
  cleanpath policies --json | jq '.rules[] | select(.verification.level != "verified") | .id'`,
    )
    .action((opts: PoliciesOptions) => {
      const { rules, catalogVersion } = selectRules({ rules: opts.rules });
      const countries = opts.country && resolveCountries(opts.country, '--country');
      const shown = countries ? rules.filter((r) => concernsCountry(r, countries)) : rules;
      const format = outputFormatOf(opts);
      if (opts.changesSince) return writeChanges(activeCatalog(), opts.changesSince, format, countries ? new Set(shown.map((r) => r.id)) : undefined);
      process.stdout.write(render(format, shown.map(toRow), format === 'csv' ? CSV : TABLE, { catalogVersion, rules: shown }));
      if (format === 'table') process.stderr.write(`${shown.length} rule(s), catalog ${catalogVersion}; sources: cleanpath policies --format csv\n`);
    });
}
