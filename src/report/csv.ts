// The CSV report: one table in long form, every row tagged with its section, so a spreadsheet can
// filter by section: summary, share, finding, device, flow, killswitch, plan, phase, deadline, and
// with a scenario (--whatif) whatif-change, whatif-country, whatif-caught, whatif-plan, whatif-phase, whatif-flow.
// Cells go through the one writer (model/csv-write.ts), which defuses spreadsheet formulas.
import { recordsToCsv } from '../model/csv-write.js';
import { statusText } from '../analyses/whatif-tables.js';
import type { WhatIfAnalysis } from '../analyses/whatif.js';
import type { ReportModel } from './model.js';

export const CSV_REPORT_COLUMNS = ['section', 'id', 'name', 'vendor', 'country', 'status', 'rule', 'date', 'value', 'detail'] as const;
type Col = (typeof CSV_REPORT_COLUMNS)[number];
type CsvRow = Partial<Record<Col, string | number | null | undefined>>;

export function renderCsvReport(m: ReportModel): string {
  const rows: CsvRow[] = [];
  const s = m.summary;
  const put = (id: string, value: number | string | null) => rows.push({ section: 'summary', id, value });
  put('snapshot', m.source.snapshot);
  put('as_of', m.asOf);
  put('untrusted', m.untrusted.join(' '));
  for (const [k, v] of Object.entries(s)) if (typeof v === 'number' || v === null) put(k, v);
  for (const [k, v] of Object.entries(s.findingsByStatus)) put(`findings_${k}`, v);
  for (const [dim, list] of [['country', m.shares.byCountry], ['layer', m.shares.byLayer]] as const) {
    for (const g of list) for (const v of g.vendors) rows.push({ section: 'share', id: `${dim}:${g.key}`, vendor: v.vendor, country: dim === 'country' ? g.key : null, value: v.devices, detail: `${v.percent}% of ${g.total}` });
  }
  for (const f of m.findings) {
    rows.push({ section: 'finding', id: f.device ?? f.group?.operator ?? '', name: f.name, vendor: f.vendor, country: f.country, status: f.status, rule: f.rule, date: f.deadline, value: f.daysLeft, detail: `${f.reason} [source: ${f.ruleRef.source}] [evidence: ${f.evidence.map((e) => `${e.kind}=${e.raw}${e.source ? ` @${e.source}` : ''}`).join('; ')}]` });
  }
  for (const d of m.devices) {
    rows.push({ section: 'device', id: d.id, name: d.name, vendor: d.vendor, country: d.country, status: d.conflicts.length ? 'conflict' : null, value: d.confidence, detail: d.evidence.map((e) => `${e.kind}=${e.raw}${e.source ? ` @${e.source}` : ''}`).join('; ') });
  }
  for (const f of m.exposure.flows) {
    rows.push({ section: 'flow', id: f.id, name: `${f.srcName} -> ${f.dstName}`, status: f.exposure, rule: f.class, value: f.cost ?? Infinity, detail: `clean_cost=${f.cleanCost ?? 'inf'}${f.cutBy.length ? ` cut_by=${f.cutBy.join('+')}` : ''}` });
  }
  for (const k of m.killSwitches) {
    rows.push({ section: 'killswitch', id: k.vendors.join('+'), value: k.disrupted.sensitiveFlows, detail: `removed=${k.removedDevices} flows_cut=${k.disrupted.flows} volume_lost=${k.disrupted.volume} main_before=${k.mainNetworkBefore} main_after=${k.mainNetworkAfter}` });
  }
  if (m.plan) {
    const p = m.plan;
    const phaseOf = new Map<string, number>();
    for (const ph of p.phasing?.phases ?? []) for (const d of ph.devices) phaseOf.set(d, ph.index + 1);
    rows.push({ section: 'plan', id: 'total', status: `${p.method}:${p.status}`, value: p.totalCost, detail: `lower_bound=${p.lowerBound} gap=${p.gap}` });
    for (const d of p.devices) rows.push({ section: 'plan', id: d.id, status: d.reasons.join(' '), rule: d.forcedBy, date: d.deadline, value: d.cost, detail: phaseOf.has(d.id) ? `phase=${phaseOf.get(d.id)}` : null });
    for (const ph of p.phasing?.phases ?? []) rows.push({ section: 'phase', id: String(ph.index + 1), date: ph.start, value: ph.spent, detail: `to=${ph.end} devices=${ph.devices.length} exposed=${ph.flowsExposed}` });
  }
  for (const d of m.deadlines) rows.push({ section: 'deadline', id: d.rule, rule: d.rule, date: d.date, value: d.daysLeft, detail: `${d.what} (${d.findings} finding(s))` });
  if (m.whatif) rows.push(...whatIfRows(m.whatif));
  return recordsToCsv(CSV_REPORT_COLUMNS, rows);
}

/** The what-if section's rows: what the scenario changed, per country, the devices newly caught, both plans and their phases, the flows that become clean. */
function whatIfRows(w: WhatIfAnalysis): CsvRow[] {
  const rows: CsvRow[] = w.changes.map((c) => ({ section: 'whatif-change', id: c.step, rule: c.rule, detail: c.what }));
  for (const c of w.delta.byCountry) {
    const [b, s] = [c.baseline, c.scenario];
    rows.push({ section: 'whatif-country', id: c.country, country: c.country === 'all' ? null : c.country, value: c.newlyCaught, detail: `devices=${c.devices} caught=${b.caught} caught_if=${s.caught} plan=${b.planDevices} plan_if=${s.planDevices} cost=${b.planCost} cost_if=${s.planCost} hhi=${c.hhi.before} hhi_if=${c.hhi.scenario} findings=${statusText(b.findings) || 'none'} findings_if=${statusText(s.findings) || 'none'}` });
  }
  for (const n of w.delta.newlyCaught) rows.push({ section: 'whatif-caught', id: n.device, vendor: n.vendor, country: n.country, rule: n.rules.join(' '), date: n.deadline });
  for (const [side, doc] of [['baseline', w.baseline], ['scenario', w.scenario]] as const) {
    const p = doc.plan;
    if (!p) {
      rows.push({ section: 'whatif-plan', id: side, status: 'none', detail: doc.planNote ?? 'nothing to plan' });
      continue;
    }
    rows.push({ section: 'whatif-plan', id: side, status: `${p.method}:${p.status}`, date: p.doneBy, value: p.totalCost, detail: `devices=${p.devices.length} lower_bound=${p.lowerBound} unfunded=${p.unfunded.length} missed_deadlines=${p.missedDeadlines.length}` });
    for (const ph of p.phases) rows.push({ section: 'whatif-phase', id: `${side}:${ph.index}`, date: ph.start, value: ph.spent, detail: `to=${ph.end} devices=${ph.devices.length}` });
  }
  for (const f of w.delta.flowsBecomeClean) rows.push({ section: 'whatif-flow', id: f.id, name: `${f.src} -> ${f.dst}`, status: f.scenario, detail: `after_baseline=${f.baseline}` });
  return rows;
}
