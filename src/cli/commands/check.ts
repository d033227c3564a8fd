// `cleanpath check`: generated from the registry (src/analyses/findings.ts); here its table
// layout (per country, needs-data folded per device, the rules cited), --rules files and the
// --fail-on gate.
import type { Command } from 'commander';
import { countByStatus, findingRow, selectRules, type FindingsAnalysis } from '../../analyses/findings.js';
import { missingDataLines, missingDataSummary, STATUSES, type Finding, type Rule } from '../../policy/index.js';
import type { CliAdapter } from '../analysis-command.js';
import { collectList } from '../options.js';
import { renderTable, type Row } from '../output.js';
import { tableWidth } from '../terminal.js';

export { countByStatus, selectRules };

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
    out += renderTable(rows, shownColumns(rows, tableWidth()), 90) + '\n';
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

function text(doc: FindingsAnalysis, ruleFiles: string[] | undefined): string {
  const assumed = doc.assumeInScope ? ', blank scope fields assumed in scope (--assume-in-scope)' : '';
  const { rules } = selectRules({ rules: ruleFiles, policy: doc.rules });
  return (
    `Compliance as of ${doc.asOf}, snapshot ${doc.snapshot}, ${doc.rules.length} rule(s), catalog ${doc.catalogVersion}${assumed}\n\n` +
    (doc.findings.length ? renderFindingsTable(doc.findings, rules, doc.assumeInScope) : 'No findings.\n')
  );
}

export const adapter: CliAdapter<FindingsAnalysis> = {
  format: 'table',
  text: (doc, _p, opts) => text(doc, opts.rules as string[] | undefined),
  options(cmd: Command) {
    cmd.option('--rules <file.yaml>', 'add custom rules from a YAML file (repeatable)', collectList);
  },
  source: (opts) => ({ rules: opts.rules as string[] | undefined }),
  failure: (doc) => (doc.failOn && doc.failed ? `${doc.failed} finding(s) at or above --fail-on ${doc.failOn}` : undefined),
};
