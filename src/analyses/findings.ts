// Findings: a snapshot's devices checked against the policy catalog (and the user's own rules)
// as of a date — which rule each device breaks, with its deadline, evidence and source. Run as
// `cleanpath check`, served as /findings.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../model/index.js';
import {
  evaluate, FAIL_ON, isUndecided, meetsFailOn, missingDataSummary, parseCustomRules, STATUSES,
  todayUtc, type Finding, type Rule, type Status,
} from '../policy/index.js';
import { openStore } from '../store/index.js';
import { activeCatalog } from './catalog-source.js';
import { defineAnalysis, paramName, type AnalysisDocument, type AnalysisSource, type ColumnSpec, type RunEnv, type TableRow } from './define.js';
import { countriesParam, dateParam, enumListParam, flagParam, optionalChoiceParam, textListParam, vendorsParam } from './params.js';
import { resolveVendors, snapshotProfile } from './untrusted.js';

export const UNVERIFIED_HELP = "apply rules whose primary text cleanpath has not read (verification unverified) with their deadlines; without it their findings are advisory and say what they would be (if_verified)";

/** The catalog (the user's --catalog when given) plus custom rule files, narrowed to `policy` ids; unknown ids are bad input. */
export function selectRules(opts: { rules?: string[]; policy?: string[] }, policyName = '--policy'): { rules: Rule[]; catalogVersion: string } {
  const catalog = activeCatalog();
  const rules = [...catalog.rules];
  const taken = new Set(rules.map((r) => r.id));
  for (const file of opts.rules ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(file, undefined, `cannot read rule file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    for (const r of parseCustomRules(text, file, taken)) {
      rules.push(r);
      taken.add(r.id);
    }
  }
  if (!opts.policy?.length) return { rules, catalogVersion: catalog.catalogVersion };
  const unknown = opts.policy.filter((id) => !taken.has(id));
  if (unknown.length) throw new InputError(policyName, undefined, `unknown rule id ${unknown.join(', ')} (see cleanpath policies)`);
  const wanted = new Set(opts.policy);
  return { rules: rules.filter((r) => wanted.has(r.id)), catalogVersion: catalog.catalogVersion };
}

export function countByStatus(findings: readonly Finding[]): Partial<Record<Status, number>> {
  const c: Partial<Record<Status, number>> = {};
  for (const f of findings) c[f.status] = (c[f.status] ?? 0) + 1;
  return c;
}

function evidenceText(f: Finding): string {
  return f.evidence.map((e) => `${e.kind}${e.vendor ? `=${e.vendor}` : ''} ${e.raw}${e.valid ? '' : ' (invalid)'} @ ${e.source}`).join(' | ');
}

/** One finding as a row of every column (`days` is the table's short name for days_left). */
export function findingRow(f: Finding): TableRow {
  const v = <T>(x: T | undefined | null): T | null => (x === undefined ? null : x);
  return {
    device: f.device ?? '', name: f.group ? null : v(f.name), rule: f.rule, status: f.status, if_covered: v(f.ifCovered), missing: f.missing?.join(' ') ?? null,
    if_verified: v(f.ifVerified), deadline: v(f.deadline), days_left: v(f.daysLeft), days: v(f.daysLeft), vendor: f.vendor ?? (isUndecided(f.status) ? '?' : ''), covered_as: v(f.coveredAs),
    via: v(f.via), country: v(f.country), operator: v(f.operator), layer: v(f.layer), technology: v(f.technology), purchased: v(f.purchased), installed: v(f.installed),
    group: f.group ? f.name : '', group_devices: f.group?.devices.join(' ') ?? null, reason: f.reason, evidence: evidenceText(f), clause: f.ruleRef.clause,
    source: f.ruleRef.source, verification: f.ruleRef.verification, notices: f.notices.join(' | '),
  } as TableRow;
}

const col = (id: string, label: string, description: string, key?: true): ColumnSpec => ({ id, label, description, ...(key && { key }) });
const context = (id: string, label: string, description: string): ColumnSpec => ({ id, label, description, context: true });

export const FINDING_COLUMNS: readonly ColumnSpec[] = [
  col('device', 'Device', 'the device (blank for a group finding)', true),
  col('rule', 'Rule', 'the rule id (cleanpath policies lists them)', true),
  col('status', 'Status', STATUSES.join(', ')),
  col('if_covered', 'If covered', 'for needs-data and vendor-unknown: the status if the missing facts made the rule apply'),
  col('if_verified', 'If verified', "for an unverified rule's advisory finding: the status it would have with the rule applied (--include-unverified)"),
  col('missing', 'Missing', 'the fields the finding waits on'),
  col('deadline', 'Deadline', 'the removal deadline, YYYY-MM-DD'),
  col('days_left', 'Days left', 'days from the as-of date to the deadline (negative: overdue)'),
  col('vendor', 'Vendor', 'the attributed vendor (? when unknown)'),
  context('covered_as', 'Covered as', 'the name the rule lists the vendor under'),
  context('via', 'Via', 'the ownership link that brings the vendor under the rule'),
  col('country', 'Country', "the device's country"),
  col('operator', 'Operator', "the device's operator"),
  col('layer', 'Layer', "the device's network layer"),
  col('technology', 'Technology', "the device's technology"),
  col('purchased', 'Purchased', 'purchase date (purchase cut-offs judge it)'),
  col('installed', 'Installed', 'installation date'),
  col('group', 'Group', 'for a group finding, its name', true),
  context('group_devices', 'Group devices', 'the devices of a group finding'),
  context('reason', 'Reason', 'why the rule applies'),
  context('evidence', 'Evidence', 'the evidence of the attribution'),
  context('clause', 'Clause', "the rule's clause"),
  context('source', 'Source', "the rule's primary source"),
  context('verification', 'Verification', "how the rule's text was checked"),
  context('notices', 'Notices', 'assumptions and caveats'),
];

export interface FindingsAnalysis extends AnalysisDocument {
  asOf: string;
  snapshot: string;
  catalogVersion: string;
  rules: string[];
  assumeInScope: boolean;
  /** Whether rules whose text was not read were applied with their deadlines (docs/policy.md). */
  includeUnverified: boolean;
  failOn: (typeof FAIL_ON)[number] | null;
  /** Findings at or above failOn. */
  failed: number;
  byCountry: Record<string, Partial<Record<Status, number>>>;
  needsData: ReturnType<typeof missingDataSummary>;
  findings: Finding[];
}

/** The side file only the CLI names: custom rule files (YAML). */
export interface FindingsSource extends AnalysisSource {
  rules?: string[];
}

async function readDevices(source: AnalysisSource, vendor: string[] | undefined, env: RunEnv) {
  const store = openStore(source.db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(source.snapshot, source.organisation);
    const vendors = vendor && resolveVendors(vendor, paramName(env, 'vendor'), await snapshotProfile(store, snap.id));
    return { snap, devices: await store.devices(snap.id), vendors };
  } finally {
    await store.close();
  }
}

export const findings = defineAnalysis({
  id: 'findings',
  command: 'check',
  title: 'Findings',
  summary: "Check a snapshot's devices against the policy catalog (and your own rules) as of a date",
  help: `Statuses: ${STATUSES.join(', ')}.
needs-data: whether the rule applies rests on a field the device lacks (the finding names it);
it carries no deadline and forces nothing into a plan. --assume-in-scope reads blank layer,
technology, network, use and installed date as in scope instead; a blank country, operator or
site stays needs-data.
--fail-on overdue trips on overdue and banned-new-install; due adds due and approval-required;
any trips on every finding. A vendor-unknown or needs-data finding counts as what it would be if
the missing facts made the rule apply: a gate cannot pass what it cannot prove.`,
  examples: [
    'cleanpath check --as-of 2026-12-31',
    'cleanpath check --country DE --policy de-2024-5g-core --fail-on due',
    'cleanpath check --rules our-policy.yaml --format csv > findings.csv',
    "cleanpath check --json | jq '.needsData'",
    `cleanpath check --json | jq '.findings[] | select(.status=="overdue") | {device, rule}'`,
  ],
  params: z.object({
    asOf: dateParam('judge as of this day, YYYY-MM-DD (default: today, UTC)'),
    assumeInScope: flagParam('read a blank layer, technology, network, use or installed date as putting the device under the rule (stated on each finding) instead of needs-data'),
    includeUnverified: flagParam(UNVERIFIED_HELP),
    policy: textListParam('only these rule ids', 'de-2024-5g-core', '<ids>'),
    country: countriesParam("only findings in these countries (the device's country)"),
    vendor: vendorsParam('only findings of these attributed vendors'),
    status: enumListParam(STATUSES, 'only findings of these statuses', 'overdue,due'),
    failOn: optionalChoiceParam(FAIL_ON, 'exit 1 (CLI; "failed" counts them in JSON) when a finding is at least'),
  }),
  sources: 'snapshot',
  async run(source: FindingsSource, p, env): Promise<FindingsAnalysis> {
    const asOf = p.asOf ?? todayUtc();
    const { rules, catalogVersion } = selectRules({ rules: source.rules, policy: p.policy }, paramName(env, 'policy'));
    const { snap, devices, vendors } = await readDevices(source, p.vendor, env);
    const keep = (list: readonly string[] | undefined, v: string | null) => !list || (v !== null && list.includes(v));
    const all = evaluate({ devices, rules, asOf, assumeInScope: p.assumeInScope, includeUnverified: p.includeUnverified });
    const found = all.filter((f) => keep(p.country, f.country) && keep(vendors, f.vendor) && keep(p.status, f.status));
    const byCountry: Record<string, Partial<Record<Status, number>>> = {};
    // one pass (keys in first-seen order): a filter per country was countries × findings
    for (const f of found) {
      const c = (byCountry[f.country ?? '??'] ??= {});
      c[f.status] = (c[f.status] ?? 0) + 1;
    }
    return {
      asOf, snapshot: snap.name, catalogVersion, rules: rules.map((r) => r.id), assumeInScope: p.assumeInScope, includeUnverified: p.includeUnverified,
      failOn: p.failOn ?? null, failed: p.failOn ? found.filter((f) => meetsFailOn(f, p.failOn!)).length : 0,
      byCountry, needsData: missingDataSummary(found), findings: found,
      nothingToAnalyse: devices.length ? null : `no devices in snapshot ${snap.name}: import an inventory (cleanpath import inventory.csv)`,
    };
  },
  tables: [{ id: 'findings', title: 'Findings', columns: FINDING_COLUMNS, rows: (d) => d.findings.map(findingRow) }],
});
