import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { resolveCountries } from '../../analyses/untrusted.js';
import { InputError } from '../../model/index.js';
import {
  evaluate, FAIL_ON, isRealDate, isUndecided, loadRuleCatalog, meetsFailOn, missingDataLines, missingDataSummary, parseCustomRules,
  STATUSES, todayUtc, type FailOn, type Finding, type Rule, type Status,
} from '../../policy/index.js';
import { openStore, storeLabel } from '../../store/index.js';
import { collectList, DEFAULT_DB, outputFormatOf, parseOutputFormat } from '../options.js';
import { render, renderJson, renderTable, terminalColumns, type OutputFormat, type Row } from '../output.js';

export interface RuleSelection {
  rules?: string[];
  policy?: string[];
}

/** The catalog plus custom rule files, narrowed to `--policy` ids; unknown ids are bad input. */
export function selectRules(opts: RuleSelection): { rules: Rule[]; catalogVersion: string } {
  const catalog = loadRuleCatalog();
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
  if (unknown.length) throw new InputError('--policy', undefined, `unknown rule id ${unknown.join(', ')} (see cleanpath policies)`);
  const wanted = new Set(opts.policy);
  return { rules: rules.filter((r) => wanted.has(r.id)), catalogVersion: catalog.catalogVersion };
}

// Validated in the action, not by commander's argument parsers: bad input must exit 2 with the
// option named, and commander's own errors on subcommands exit 1.
export function parseAsOf(value: string | undefined): string {
  if (value === undefined) return todayUtc();
  if (!isRealDate(value)) throw new InputError('--as-of', undefined, `${value} is not a date as YYYY-MM-DD`);
  return value;
}

function parseFailOn(value: string | undefined): FailOn | undefined {
  if (value === undefined) return undefined;
  if (!(FAIL_ON as readonly string[]).includes(value)) throw new InputError('--fail-on', undefined, `expected one of ${FAIL_ON.join(', ')}, not ${value}`);
  return value as FailOn;
}

export function countByStatus(findings: readonly Finding[]): Partial<Record<Status, number>> {
  const c: Partial<Record<Status, number>> = {};
  for (const f of findings) c[f.status] = (c[f.status] ?? 0) + 1;
  return c;
}

export function statusLine(findings: readonly Finding[]): string {
  const c = countByStatus(findings);
  return STATUSES.filter((s) => c[s]).map((s) => `${c[s]} ${s}`).join(', ') || 'no findings';
}

const TABLE_COLUMNS = ['status', 'days', 'deadline', 'device', 'name', 'rule', 'vendor', 'layer', 'operator', 'reason'];

/** Dropped in this order when a table would not fit the terminal: context before the verdict. */
const DROPPABLE = ['operator', 'name', 'layer', 'days'];
/** Room the free-text reason keeps while deciding what to drop; it takes whatever is left after. */
const REASON_ROOM = 40;

/**
 * Table columns with something to show (an all-blank column only costs the reason its width),
 * less the context columns that would push the line past the terminal's width.
 */
function shownColumns(rows: readonly Row[], width: number): string[] {
  const textWidth = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length));
  const cols = TABLE_COLUMNS.filter((c) => c === 'status' || c === 'device' || rows.some((r) => r[c] !== undefined && r[c] !== null && r[c] !== ''));
  const line = () => cols.reduce((n, c) => n + (c === 'reason' ? Math.min(REASON_ROOM, textWidth(c)) : Math.min(90, textWidth(c))) + 2, -2);
  for (const c of DROPPABLE) {
    if (line() <= width) break;
    const i = cols.indexOf(c);
    if (i >= 0) cols.splice(i, 1);
  }
  return cols;
}
const CSV_COLUMNS = [
  'device', 'rule', 'status', 'if_covered', 'missing', 'deadline', 'days_left', 'vendor', 'covered_as', 'via', 'country', 'operator', 'layer',
  'technology', 'installed', 'group', 'group_devices', 'reason', 'evidence', 'clause', 'source', 'verification', 'notices',
];

function evidenceText(f: Finding): string {
  return f.evidence.map((e) => `${e.kind}${e.vendor ? `=${e.vendor}` : ''} ${e.raw}${e.valid ? '' : ' (invalid)'} @ ${e.source}`).join(' | ');
}

export function findingRow(f: Finding): Row {
  return {
    device: f.device ?? '', name: f.group ? null : f.name, rule: f.rule, status: f.status, if_covered: f.ifCovered, missing: f.missing?.join(' '), deadline: f.deadline,
    days_left: f.daysLeft, days: f.daysLeft, vendor: f.vendor ?? (isUndecided(f.status) ? '?' : ''), covered_as: f.coveredAs, via: f.via, country: f.country,
    operator: f.operator, layer: f.layer, technology: f.technology, installed: f.installed, group: f.group ? f.name : '',
    group_devices: f.group?.devices.join(' '), reason: f.reason, evidence: evidenceText(f), clause: f.ruleRef.clause,
    source: f.ruleRef.source, verification: f.ruleRef.verification, notices: f.notices.join(' | '),
  };
}

/**
 * What to fill in before these findings can be judged, per field, and the conservative
 * alternative; empty when nothing needs data.
 */
export function needsDataText(findings: readonly Finding[], assumed = false): string {
  const lines = missingDataLines(missingDataSummary(findings));
  if (!lines.length) return '';
  const n = findings.filter((f) => f.status === 'needs-data').length;
  const alt = assumed ? '' : '  Or read blank layer, technology, network, use and installed date as in scope: --assume-in-scope\n';
  return `Needs data: ${n} finding(s) cannot be judged until the inventory says more\n${lines.map((l) => `  ${l}\n`).join('')}${alt}\n`;
}

/**
 * Table rows: one per finding, except that a device's needs-data findings share one row naming
 * every rule they wait on — one line per gap to fill, not one per (device, rule). JSON and CSV
 * keep every finding.
 */
function tableRows(findings: readonly Finding[]): Row[] {
  const rows: Row[] = [];
  const waiting = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.status !== 'needs-data' || f.device === null) rows.push({ ...findingRow(f), device: f.device ?? f.name });
    else waiting.set(f.device, [...(waiting.get(f.device) ?? []), f]);
  }
  for (const [device, mine] of waiting) {
    const first = mine[0]!;
    const missing = [...new Set(mine.flatMap((f) => f.missing ?? []))];
    const ruleIds = mine.map((f) => f.rule);
    rows.push({
      ...findingRow(first), device,
      rule: ruleIds.length === 1 ? first.rule : `${ruleIds.length} rules`,
      reason: ruleIds.length === 1 ? first.reason : `needs ${missing.join(', ')} to be judged under ${ruleIds.join(', ')}`,
    });
  }
  return rows;
}

/** Table output: per country its findings, then every cited rule with its clause and source. */
export function renderFindingsTable(findings: readonly Finding[], rules: readonly Rule[], assumed = false): string {
  const countries = [...new Set(findings.map((f) => f.country ?? '??'))];
  let out = '';
  for (const c of countries) {
    const mine = findings.filter((f) => (f.country ?? '??') === c);
    out += `${c}: ${statusLine(mine)}\n`;
    const rows = tableRows(mine);
    const width = terminalColumns();
    out += renderTable(rows, shownColumns(rows, width), 90, width) + '\n';
  }
  out += needsDataText(findings, assumed);
  const cited = rules.filter((r) => findings.some((f) => f.rule === r.id));
  if (cited.length) {
    out += 'Rules cited\n';
    for (const r of cited) {
      const v = r.verification.level === 'verified' ? '' : ` [${r.verification.level.toUpperCase()}: ${r.verification.note ?? ''}]`;
      out += `  ${r.id}: ${r.title}\n    ${r.instrument}; ${r.clause}\n    ${r.source}${v}\n`;
    }
  }
  return out;
}

interface CheckOptions {
  db: string;
  snapshot?: string;
  asOf?: string;
  policy?: string[];
  rules?: string[];
  country?: string[];
  failOn?: string;
  assumeInScope?: boolean;
  format?: OutputFormat;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('check')
    .description("Check a snapshot's devices against the policy catalog (and your own rules) as of a date")
    .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('-s, --snapshot <name>', 'snapshot to read (default: the latest)')
    .option('--as-of <date>', 'judge as of this day, YYYY-MM-DD (default: today, UTC)')
    .option('--policy <ids>', 'only these rule ids, comma-separated (repeatable)', collectList)
    .option('--rules <file.yaml>', 'add custom rules from a YAML file (repeatable)', collectList)
    .option('--country <codes>', "only findings in these countries (the device's country)", collectList)
    .option('--fail-on <level>', `exit 1 when a finding is at least: ${FAIL_ON.join(', ')}`)
    .option('--assume-in-scope', 'read a blank layer, technology, network, use or installed date as putting the device under the rule (stated on each finding) instead of needs-data')
    .option('--format <fmt>', 'table, csv or json', parseOutputFormat, 'table')
    .option('--json', 'same as --format json')
    .addHelpText(
      'after',
      `
Statuses: ${STATUSES.join(', ')}.
needs-data: whether the rule applies rests on a field the device lacks (the finding names it);
it carries no deadline and forces nothing into a plan. --assume-in-scope reads blank layer,
technology, network, use and installed date as in scope instead; a blank country, operator or
site stays needs-data.
--fail-on overdue trips on overdue and banned-new-install; due adds due and approval-required;
any trips on every finding. A vendor-unknown or needs-data finding counts as what it would be if
the missing facts made the rule apply: a gate cannot pass what it cannot prove.

Examples:
  cleanpath check --as-of 2026-12-31
  cleanpath check --country DE --policy de-2024-5g-core --fail-on due
  cleanpath check --rules our-policy.yaml --format csv > findings.csv
  cleanpath check --json | jq '.needsData'
  cleanpath check --json | jq '.findings[] | select(.status=="overdue") | {device, rule}'`,
    )
    .action(async (opts: CheckOptions) => {
      const asOf = parseAsOf(opts.asOf);
      const failOn = parseFailOn(opts.failOn);
      const { rules, catalogVersion } = selectRules(opts);
      const countries = opts.country && resolveCountries(opts.country, '--country');
      const store = openStore(opts.db, { readonly: true });
      let findings: Finding[];
      let snapshot: string;
      try {
        const snap = await store.resolveSnapshot(opts.snapshot);
        snapshot = snap.name;
        findings = evaluate({ devices: await store.devices(snap.id), rules, asOf, assumeInScope: opts.assumeInScope ?? false });
      } finally {
        await store.close();
      }
      if (countries) findings = findings.filter((f) => f.country !== null && countries.includes(f.country));
      const failed = failOn ? findings.filter((f) => meetsFailOn(f, failOn)) : [];
      const format = outputFormatOf(opts);
      if (format === 'json') {
        const byCountry: Record<string, Partial<Record<Status, number>>> = {};
        for (const c of new Set(findings.map((f) => f.country ?? '??'))) byCountry[c] = countByStatus(findings.filter((f) => (f.country ?? '??') === c));
        process.stdout.write(
          renderJson({
            asOf, db: storeLabel(opts.db), snapshot, catalogVersion, rules: rules.map((r) => r.id), assumeInScope: opts.assumeInScope ?? false,
            failOn: failOn ?? null, failed: failed.length, byCountry, needsData: missingDataSummary(findings), findings,
          }),
        );
      } else if (format === 'csv') {
        process.stdout.write(render('csv', findings.map(findingRow), CSV_COLUMNS));
      } else {
        const assumed = opts.assumeInScope ? ', blank scope fields assumed in scope (--assume-in-scope)' : '';
        process.stdout.write(`Compliance as of ${asOf}, snapshot ${snapshot}, ${rules.length} rule(s), catalog ${catalogVersion}${assumed}\n\n`);
        process.stdout.write(findings.length ? renderFindingsTable(findings, rules, opts.assumeInScope ?? false) : 'No findings.\n');
      }
      if (failOn && failed.length) {
        process.stderr.write(`cleanpath: ${failed.length} finding(s) at or above --fail-on ${failOn}\n`);
        process.exitCode = 1;
      }
    });
}
