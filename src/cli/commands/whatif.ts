// `cleanpath whatif`: generated from the registry (src/analyses/whatif.ts); here its text layout
// (what the scenario changed, per country, the plans side by side, the flows that become clean)
// and the scenario file only a terminal run names.
import type { Command } from 'commander';
import type { WhatIfAnalysis } from '../../analyses/whatif.js';
import type { WhatIfPlan } from '../../analyses/whatif-side.js';
import { statusText } from '../../analyses/whatif-tables.js';
import type { CliAdapter } from '../analysis-command.js';
import { renderTable, type Row } from '../output.js';

const money = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

function planLine(name: string, plan: WhatIfPlan | null, note: string | undefined): string {
  if (!plan) return `${name}: no plan (${note ?? 'nothing to plan'})\n`;
  const when = plan.phases.length ? (plan.doneBy ? `, done by ${plan.doneBy} in ${plan.phases.filter((p) => p.devices.length).length} phase(s)` : `, not finished within the budget (${plan.unfunded.length} device(s) unfunded)`) : '';
  const missed = plan.missedDeadlines.length ? `; ${plan.missedDeadlines.length} deadline(s) missed` : '';
  return `${name}: ${plan.devices.length} device(s) for ${money(plan.totalCost)}${when}${missed}\n`;
}


function phaseRows(d: WhatIfAnalysis): Row[] {
  const n = Math.max(d.baseline.plan?.phases.length ?? 0, d.scenario.plan?.phases.length ?? 0);
  return Array.from({ length: n }, (_, i) => {
    const b = d.baseline.plan?.phases[i], s = d.scenario.plan?.phases[i];
    return { phase: i + 1, until: (s ?? b)!.end, 'baseline devices': b?.devices.length ?? 0, 'baseline spent': b?.spent ?? 0, 'scenario devices': s?.devices.length ?? 0, 'scenario spent': s?.spent ?? 0 };
  });
}

/** The what-if in words and tables: what a person reads first (the demo prints it too). */
export function whatIfText(d: WhatIfAnalysis, names: ReadonlyMap<string, string> = new Map()): string {
  let out = `What if${d.title ? `: ${d.title}` : ''} — snapshot ${d.snapshot}, as of ${d.asOf}, catalog ${d.catalogVersion}\n`;
  for (const c of d.changes) out += `  ${c.step}: ${c.what} (rule ${c.rule})\n`;
  if (d.delta.nothingChanged) return out + `\nThe scenario changes nothing: the same findings, the same plan and the same cost as the baseline.\n`;
  const all = d.delta.byCountry.find((c) => c.country === 'all')!;
  out += `\n${d.delta.newlyCaught.length} device(s) newly caught by a deadline (${all.baseline.caught} under the baseline, ${all.scenario.caught} under the scenario)\n`;
  const rows: Row[] = d.delta.byCountry.map((c) => ({
    country: c.country, devices: c.devices, caught: c.baseline.caught, 'caught if': c.scenario.caught, new: c.newlyCaught,
    plan: c.baseline.planDevices, 'plan if': c.scenario.planDevices, cost: c.baseline.planCost, 'cost if': c.scenario.planCost,
    HHI: c.hhi.before, 'HHI if': c.hhi.scenario,
  }));
  // short headers (X now, X if the scenario holds): eleven numeric columns that are never cut fit 100 columns
  out += renderTable(rows, ['country', 'devices', 'caught', 'caught if', 'new', 'plan', 'plan if', 'cost', 'cost if', 'HHI', 'HHI if']);
  out += '\nFindings by status\n' + renderTable(d.delta.byCountry.map((c) => ({ country: c.country, baseline: statusText(c.baseline.findings) || 'none', scenario: statusText(c.scenario.findings) || 'none' })), ['country', 'baseline', 'scenario'], 70);
  out += '\n' + planLine('Baseline plan', d.baseline.plan, d.baseline.planNote) + planLine('Scenario plan', d.scenario.plan, d.scenario.planNote);
  out += `The scenario adds ${d.delta.planAdded.length} device(s) and ${money(d.delta.planCost)} to the plan.\n`;
  if (d.budget) out += `Budget ${d.budget}:\n` + renderTable(phaseRows(d), ['phase', 'until', 'baseline devices', 'baseline spent', 'scenario devices', 'scenario spent']);
  const clean = d.delta.flowsBecomeClean;
  const label = (id: string) => names.get(id) ?? id;
  out += `\n${clean.length} sensitive flow(s) become clean (no shortest path crosses an untrusted device once the scenario's plan is done, though one does after the baseline's)\n`;
  if (clean.length) out += renderTable(clean.map((f) => ({ flow: f.id, from: label(f.src), to: label(f.dst), 'after baseline': f.baseline, 'after scenario': f.scenario })), ['flow', 'from', 'to', 'after baseline', 'after scenario'], 40);
  return out;
}

export const adapter: CliAdapter<WhatIfAnalysis> = {
  format: 'table',
  text: (doc) => whatIfText(doc),
  options(cmd: Command) {
    cmd.option('--scenario <file.yaml>', 'a scenario file: adopt, list, move and rules of its own, combined (docs/policy.md)');
  },
  source: (opts) => ({ scenario: opts.scenario as string | undefined }),
};
