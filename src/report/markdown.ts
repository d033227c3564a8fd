// The Markdown report: the same sections as the HTML without the map. Every string from the
// model goes through md(): table pipes, backticks and Markdown punctuation are backslash-escaped,
// `<`, `>` and `&` become entities (so no raw HTML reaches a renderer), newlines become spaces, and
// a value that carries direction is closed and isolated (FSI … PDI, model/bidi.ts) so that a
// U+202E in a snapshot name cannot reverse the date and vendors after it on the line.
import { isolateText } from '../model/bidi.js';
import { needsDataSentences, STATUSES, type Finding } from '../policy/index.js';
import { changeView, FLOW_HEADINGS } from './columns.js';
import { findingSubject, groupFindings, shownFindings, type FindingGroup } from './finding-groups.js';
import type { ReportModel } from './model.js';
import { whatIfView } from './whatif-section.js';

/** Escapes and isolates a value for Markdown text and table cells. */
export function md(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return isolateText(s)
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/[\\`*_[\]|#!~{}()]/g, (c) => '\\' + c)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

const num = (x: number | null | undefined, digits = 0): string =>
  x === null || x === undefined ? '–' : x.toLocaleString('en-US', { maximumFractionDigits: digits });

function table(head: string[], rows: string[][]): string {
  if (!rows.length) return '_none_\n';
  return [`| ${head.map(md).join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n') + '\n';
}

/** What changed since the earlier snapshot, one table per analysis (the generic diff). */
function changesSection(m: ReportModel, out: string[]): void {
  if (!m.changes) return;
  out.push(`## What changed since ${md(m.changes.since)}\n`);
  for (const d of m.changes.diffs) {
    const v = changeView(d);
    out.push(`### ${md(v.title)}\n`);
    for (const [side, why] of Object.entries(d.nothingToAnalyse)) if (why) out.push(`**${md(side === 'before' ? d.before : d.after)}: ${md(why)}**\n`);
    out.push(table(['change', 'row', 'what'], v.rows.map((r) => [r.change, md(r.key), md(r.detail)])));
    if (v.more) out.push(`… and ${v.more} more (the JSON report lists all)\n`);
  }
}

export function renderMarkdown(m: ReportModel): string {
  const out: string[] = [];
  out.push(`# ${md(m.report.title)}\n`);
  out.push(`Snapshot ${md(m.source.snapshot)} (imported ${md(m.source.snapshotCreatedAt)}), rules as of ${md(m.asOf)}, untrusted vendors: ${md(m.untrusted.join(', ') || 'none')}. Generated ${md(m.report.generatedAt)}.\n`);
  summarySection(m, out);
  sharesSection(m, out);
  changesSection(m, out);
  findingsSection(m, out);
  devicesSection(m, out);
  exposureSection(m, out);
  pathsSection(m, out);
  killSwitchSection(m, out);
  planSection(m, out);
  deadlinesSection(m, out);
  whatIfSection(m, out);
  return out.join('\n');
}

/** The what-if scenario, when the report was asked for one (src/report/whatif-section.ts). */
function whatIfSection(m: ReportModel, out: string[]): void {
  if (!m.whatif) return;
  const v = whatIfView(m.whatif);
  out.push(`## ${md(v.heading)}\n`, ...v.lines.map((l) => `${md(l)}\n`));
  if (m.whatif.delta.nothingChanged) return;
  out.push(table(v.countries.head, v.countries.rows.map((r) => r.map(md))));
  if (v.flows.rows.length) out.push('### Sensitive flows that become clean\n', table(v.flows.head, v.flows.rows.map((r) => r.map(md))));
}

/** The totals, and the notes. */
function summarySection(m: ReportModel, out: string[]): void {
  const s = m.summary;
  out.push('## Summary\n');
  out.push(
    table(['', 'value'], [
      ['devices', num(s.devices)],
      ['attributed to a vendor', num(s.attributed)],
      ['untrusted devices', num(s.untrustedDevices)],
      ['sites', num(s.sites)],
      ['links', num(s.links)],
      // Nothing to analyse: the flow counts only, never exposure zeros that read as clean.
      ...(m.nothingToAnalyse
        ? [['flows', num(s.flows)], ['sensitive flows', num(s.sensitiveFlows)]]
        : [
            ['sensitive flows', num(s.sensitiveFlows)],
            ['exposed on every shortest path', num(s.sensitiveExposedAll)],
            ['exposed on some shortest paths', num(s.sensitiveExposedSome)],
            ['exposed, with a clean path', num(s.exposedWithCleanPath)],
            ['exposed, no clean path', num(s.exposedWithoutCleanPath)],
          ]),
      ['findings', `${num(s.findings)}${Object.keys(s.findingsByStatus).length ? ` (${Object.entries(s.findingsByStatus).map(([k, v]) => `${v} ${md(k)}`).join(', ')})` : ''}`],
      ['plan: devices to replace', num(s.planDevices)],
      ['plan: cost', num(s.planCost)],
    ]),
  );
  if (m.nothingToAnalyse) out.push(`> **${md(m.nothingToAnalyse)}**\n`);
  for (const n of m.notes) out.push(`> note: ${md(n)}\n`);
}

/** Vendors by country and by layer. */
function sharesSection(m: ReportModel, out: string[]): void {
  out.push('## Vendor shares\n');
  for (const [title, list] of [['By country', m.shares.byCountry], ['By layer', m.shares.byLayer]] as const) {
    out.push(`### ${title}\n`);
    out.push(table(['', 'devices', 'vendors'], list.map((g) => [md(g.key), num(g.total), g.vendors.map((v) => `${md(v.vendor)} ${v.devices} (${v.percent}%)`).join(', ')])));
  }
}

/** Markdown for one finding's evidence: each piece's kind, raw value, vendor and source. */
function evidenceText(f: Finding): string {
  return f.evidence.map((e) => `${md(e.kind)} ${md(e.raw)} → ${md(e.vendor ?? 'no vendor')}${e.source ? ` (${md(e.source)})` : ''}`).join('; ');
}

/** One group of one rule and one status, as the HTML lays it out: the rule once, then its devices (at most ROWS_SHOWN). */
function findingGroup(g: FindingGroup): string {
  const r = g.ruleRef;
  const { shown, more } = shownFindings(g);
  const d = g.deadlines;
  const when = !d ? '' : d.first === d.last ? ` · deadline ${md(d.first)}` : ` · deadlines ${md(d.first)} to ${md(d.last)}`;
  const out = [`### ${md(g.status)} · ${md(g.rule)} · ${num(g.findings.length)} finding(s)${when}\n`];
  // each paragraph starts with our word: a value that opens a line could otherwise make it a list or a rule
  out.push(`Rule: ${md(r.title)} — ${md(r.instrument)} ${md(r.clause)} (${md(r.verification)}); source: ${md(r.source)}\n`);
  if (g.reason !== null) out.push(`Why: ${md(g.reason)}\n`);
  if (g.notices.length) out.push(g.notices.map((n) => `- ${md(n)}`).join('\n') + '\n');
  const rows = shown.map((f) => {
    const own = f.notices.filter((n) => !g.notices.includes(n)).map(md);
    const why = [...(g.reason === null ? [md(f.reason)] : []), ...own].join('; ');
    return [md(findingSubject(f)), md(f.name ?? ''), md(f.vendor ?? 'unknown'), md(f.country ?? ''), md(f.deadline ?? ''), num(f.daysLeft), why, evidenceText(f)];
  });
  out.push(table(['device', 'name', 'vendor', 'country', 'deadline', 'days left', g.reason === null ? 'why' : 'notes', 'evidence'], rows));
  if (more) out.push(`… and ${num(more)} more finding(s) of ${md(g.rule)} (${md(g.status)}) not shown here: the CSV and JSON reports list every one (\`cleanpath report --format csv\`, \`--format json\`).\n`);
  return out.join('\n');
}

/** The findings grouped by rule and status (finding-groups.ts, as the HTML groups them), most urgent first. */
function findingsSection(m: ReportModel, out: string[]): void {
  const s = m.summary;
  const groups = groupFindings(m.findings);
  const counts = STATUSES.filter((x) => s.findingsByStatus[x]).map((x) => `${num(s.findingsByStatus[x])} ${md(x)}`).join(', ');
  out.push(`## Findings as of ${md(m.asOf)}\n`);
  out.push(`${num(s.findings)} finding(s) against rule catalog ${md(m.catalogVersion)}${counts ? `: ${counts}` : ''}, in ${num(groups.length)} group(s) of one rule and one status. Each group names its rule with the instrument and source once; each row names a device and the evidence behind its vendor.\n`);
  for (const l of needsDataSentences(m.findings, m.assumeInScope ?? false, m.includeUnverified ?? false)) out.push(`> ${md(l)}\n`);
  if (!groups.length) out.push('_no finding_\n');
  for (const g of groups) out.push(findingGroup(g));
}

function devicesSection(m: ReportModel, out: string[]): void {
  out.push(`## Equipment of untrusted vendors\n`);
  out.push(
    table(
      ['id', 'name', 'vendor', 'confidence', 'site', 'country', 'sysDescr', 'evidence'],
      m.devices.map((d) => [md(d.id), md(d.name ?? ''), md(d.vendor ?? ''), num(d.confidence, 2), md(d.site ?? ''), md(d.country ?? ''), md(d.sysDescr ?? ''), d.evidence.map((e) => `${md(e.kind)} ${md(e.raw)}${e.source ? ` (${md(e.source)})` : ''}`).join('; ')]),
    ),
  );
}

/** Sensitive flows and their exposure (or, with nothing to analyse, the normal flows). */
function exposureSection(m: ReportModel, out: string[]): void {
  const es = m.exposure.summary;
  out.push(`## Flow exposure to ${md(m.untrusted.join(', '))}\n`);
  if (m.nothingToAnalyse) out.push(`**${md(m.nothingToAnalyse)}**\n`);
  // Without sensitive flows the normal ones are still listed: analysed, but none needs protecting.
  if (m.nothingToAnalyse && es.flows > 0) {
    out.push(table([FLOW_HEADINGS.id, 'From', 'To', 'Class', FLOW_HEADINGS.exposure, FLOW_HEADINGS.cost, FLOW_HEADINGS.cleanCost], m.exposure.flows.map((f) => [md(f.id), md(f.srcName), md(f.dstName), md(f.class), md(f.exposure), num(f.cost), f.cleanCost === null ? 'none' : num(f.cleanCost)])));
  } else if (!m.nothingToAnalyse) out.push(`Of ${es.sensitiveFlows} sensitive flows, ${es.sensitiveByClass.all} cross untrusted equipment on every shortest path, ${es.sensitiveByClass.some} on some, ${es.sensitiveByClass.none} on none, ${es.sensitiveByClass.unreachable} unreachable; ${es.exposedWithCleanPath} exposed flow(s) have a clean path, ${es.exposedWithoutCleanPath} have none.\n`);
  if (!m.nothingToAnalyse) out.push(
    table(
      [FLOW_HEADINGS.id, 'From', 'To', FLOW_HEADINGS.exposure, FLOW_HEADINGS.cost, FLOW_HEADINGS.cleanCost, 'Stretch', 'Cut by kill-switch of'],
      m.exposure.flows.filter((f) => f.class === 'sensitive').map((f) => [md(f.id), md(f.srcName), md(f.dstName), md(f.exposure), num(f.cost), f.cleanCost === null ? 'none' : num(f.cleanCost), num(f.stretch, 2), md(f.cutBy.join(', '))]),
    ),
  );
}

/** Measured paths, when the report has them. */
function pathsSection(m: ReportModel, out: string[]): void {
  if (m.paths) {
    const p = m.paths;
    out.push(`## Measured paths (${md(p.first.slice(0, 10))} – ${md(p.last.slice(0, 10))})\n`);
    out.push(`${p.exposed} of ${p.measurements} traceroute(s) of the last ${p.windowDays} days crossed equipment of ${md(p.vendors.join(', ') || 'no vendor')}.\n`);
    out.push(table(['site', 'destination', 'paths', 'exposed', 'untrusted hops'], p.byDestination.map((d) => [md(d.site), md(d.destination), num(d.measurements), num(d.exposed), md(d.hits.slice(0, 4).map((h) => `#${h.ttl} ${h.address} ${h.reasons.join(', ')} x${h.count}`).join('; '))])));
    if (p.routers.length) out.push(table(['router', 'vendor', 'addresses', 'paths', 'hop'], p.routers.map((r) => [md(r.router), md(r.vendor ?? 'unknown'), md(r.addresses.join(' ')), num(r.measurements), md(r.ttlMin === r.ttlMax ? String(r.ttlMin) : `${r.ttlMin}-${r.ttlMax}`)])));
  }
}

function killSwitchSection(m: ReportModel, out: string[]): void {
  out.push('## Kill-switch impact\n');
  for (const k of m.killSwitches) {
    if (k.removedDevices === 0) {
      out.push(`- **${md(k.vendors.join(' + '))}** off: no device of ${md(k.vendors.join(' or '))} in this snapshot, nothing to switch off.`);
      continue;
    }
    if (m.summary.flows === 0) {
      out.push(`- **${md(k.vendors.join(' + '))}** off: ${k.removedDevices} device(s) removed, main network ${k.mainNetworkBefore} → ${k.mainNetworkAfter} devices; flows cut: not known (no flows).`);
      continue;
    }
    out.push(`- **${md(k.vendors.join(' + '))}** off: ${k.removedDevices} device(s) removed, ${k.disrupted.sensitiveFlows} sensitive flow(s) cut (${k.disrupted.flows} in all, volume ${num(k.disrupted.volume)}), main network ${k.mainNetworkBefore} → ${k.mainNetworkAfter} devices${k.restore[0] ? `; replacing ${md(k.restore[0].id)} alone restores ${k.restore[0].sensitiveFlows} sensitive flow(s)` : ''}.`);
  }
  out.push('');
}

function planSection(m: ReportModel, out: string[]): void {
  out.push('## Replacement plan\n');
  if (m.plan) {
    const p = m.plan;
    out.push(`${md(p.method)} (${md(p.status)}): ${p.devices.length} device(s) for ${num(p.totalCost)}, lower bound ${num(p.lowerBound)}, gap ${(p.gap * 100).toFixed(2)}%.\n`);
    out.push(table(['device', 'cost', 'why', 'deadline', 'forced by', 'sensitive flows'], p.devices.map((d) => [md(d.id), num(d.cost), md(d.reasons.join(', ')), md(d.deadline ?? ''), md(d.forcedBy ?? ''), num(d.flows)])));
    if (p.phasing) {
      out.push(table(['phase', 'from', 'to', 'available', 'spent', 'devices', 'still exposed'], p.phasing.phases.map((ph) => [num(ph.index + 1), md(ph.start), md(ph.end), num(ph.available), num(ph.spent), num(ph.devices.length), num(ph.flowsExposed)])));
      for (const x of p.phasing.missedDeadlines) out.push(`- deadline missed: ${md(x.id)} due ${md(x.deadline)}`);
    }
  } else out.push(m.nothingToAnalyse ? `_not computed: nothing to protect._ ${md(m.nothingToAnalyse)}\n` : '_not computed_\n');
}

function deadlinesSection(m: ReportModel, out: string[]): void {
  out.push('## Deadline timeline\n');
  out.push(table(['date', 'days left', 'rule', 'what', 'findings'], m.deadlines.map((d) => [md(d.date), num(d.daysLeft), md(d.rule), md(d.what), num(d.findings)])));
}
