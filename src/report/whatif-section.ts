// The report's "What if" section, shown only when the report is asked for a scenario
// (`cleanpath report --whatif FILE`): what it says, as plain strings and rows that the HTML and
// Markdown renderers escape and lay out their own way, so both say the same.
import { statusText } from '../analyses/whatif-tables.js';
import type { WhatIfAnalysis } from '../analyses/whatif.js';
import type { WhatIfPlan } from '../analyses/whatif-side.js';

export interface WhatIfView {
  heading: string;
  /** Sentences, in order: the steps, then the answer. */
  lines: string[];
  countries: { head: string[]; rows: string[][] };
  flows: { head: string[]; rows: string[][] };
}

const money = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

function planSentence(name: string, p: WhatIfPlan | null, note: string | undefined): string {
  if (!p) return `${name}: no plan (${note ?? 'nothing to plan'}).`;
  const when = p.phases.length ? (p.doneBy ? `, done by ${p.doneBy} in ${p.phases.filter((x) => x.devices.length).length} budget period(s)` : ', not finished within the budget') : '';
  return `${name}: ${p.devices.length} device(s) for ${money(p.totalCost)}${when}${p.missedDeadlines.length ? `; ${p.missedDeadlines.length} deadline(s) missed` : ''}.`;
}

export function whatIfView(w: WhatIfAnalysis): WhatIfView {
  const lines = w.changes.map((c) => `${c.step}: ${c.what} (rule ${c.rule})`);
  if (w.delta.nothingChanged) lines.push('The scenario changes nothing: the same findings, the same plan and the same cost as the baseline.');
  else {
    lines.push(`${w.delta.newlyCaught.length} device(s) newly caught by a deadline; the scenario adds ${w.delta.planAdded.length} device(s) and ${money(w.delta.planCost)} to the plan.`);
    lines.push(planSentence('Baseline plan', w.baseline.plan, w.baseline.planNote), planSentence('Scenario plan', w.scenario.plan, w.scenario.planNote));
    lines.push(`${w.delta.flowsBecomeClean.length} sensitive flow(s) become clean once the scenario's plan is done.`);
  }
  return {
    heading: `What if${w.title ? `: ${w.title}` : ''}`,
    lines,
    countries: {
      head: ['country', 'findings (baseline)', 'findings (scenario)', 'newly caught', 'plan cost (baseline)', 'plan cost (scenario)', 'HHI now', 'HHI after'],
      rows: w.delta.byCountry.map((c) => [c.country, statusText(c.baseline.findings) || 'none', statusText(c.scenario.findings) || 'none', String(c.newlyCaught), money(c.baseline.planCost), money(c.scenario.planCost), String(c.hhi.before), String(c.hhi.scenario)]),
    },
    flows: { head: ['flow', 'from', 'to', 'after baseline plan', 'after scenario plan'], rows: w.delta.flowsBecomeClean.map((f) => [f.id, f.src, f.dst, f.baseline, f.scenario]) },
  };
}
