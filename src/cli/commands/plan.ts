// `cleanpath plan`: generated from the registry (src/analyses/plan.ts); here its text layout and
// the side files only a terminal run names (cost table, forced list).
import type { Command } from 'commander';
import type { PlanAnalysis } from '../../analyses/plan.js';
import type { PhasedPlan, PlanDocument } from '../../plan/index.js';
import type { CliAdapter } from '../analysis-command.js';
import { parsePositiveInt } from '../options.js';
import { renderTable, type Row } from '../output.js';

const money = (x: number): string => x.toLocaleString('en-US', { maximumFractionDigits: 2 });

function phaseOf(phasing: PhasedPlan | undefined): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of phasing?.phases ?? []) for (const d of p.devices) m.set(d, p.index + 1);
  return m;
}

export function planTable(plan: PlanDocument): string {
  const phasing = plan.phasing;
  const byStatus = new Map<string, number>();
  for (const f of plan.flows) byStatus.set(f.status, (byStatus.get(f.status) ?? 0) + 1);
  const lines = [
    `plan: ${plan.method} (${plan.status}), ${plan.devices.length} device(s)`,
    `total cost ${money(plan.totalCost)}, lower bound ${money(plan.lowerBound)} (${plan.stats.boundSource}), gap ${(plan.gap * 100).toFixed(2)}%`,
    `sensitive flows: ${[...byStatus].map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}`,
    `reduced instance: ${plan.stats.candidates} candidate(s), ${plan.stats.demands} demand(s), ${plan.stats.cuts} cut(s), ${plan.stats.iterations} solve(s), ${plan.stats.seconds.toFixed(2)} s`,
    ...plan.notes.map((n) => `note: ${n}`),
    '',
  ];
  const phase = phaseOf(phasing);
  const rows: Row[] = plan.devices.map((d) => ({
    device: d.id,
    cost: d.cost,
    reasons: d.reasons.join(' '),
    deadline: d.deadline,
    flows: d.flows,
    ...(phasing ? { phase: phase.get(d.id) } : {}),
  }));
  let out = lines.join('\n') + '\n' + renderTable(rows, ['device', 'cost', 'reasons', 'deadline', 'flows', ...(phasing ? ['phase'] : [])]);
  if (phasing) {
    const b = phasing.budget;
    out += `\nbudget ${money(b.amount)} per ${b.period} from ${b.start}${b.carryOver ? ' (unspent money carries over)' : ''}\n`;
    out += renderTable(
      phasing.phases.map((p) => ({
        phase: p.index + 1,
        from: p.start,
        to: p.end,
        available: p.available,
        spent: p.spent,
        devices: p.devices.length,
        cleaned: p.flowsCleaned.length,
        exposed: p.flowsExposed,
      })),
      ['phase', 'from', 'to', 'available', 'spent', 'devices', 'cleaned', 'exposed'],
    );
    const list = (xs: string[]) => `${xs.slice(0, 20).join(', ')}${xs.length > 20 ? ', ...' : ''}`;
    if (phasing.unfunded.length) out += `unfunded within the horizon: ${phasing.unfunded.length} device(s): ${list(phasing.unfunded)}\n`;
    for (const m of phasing.missedDeadlines) {
      out += `deadline missed: ${m.id} due ${m.deadline}${m.reason ? ` (${m.reason})` : ''}, ${m.replacedBy ? `replaced by ${m.replacedBy}` : 'not funded'}\n`;
    }
    if (phasing.exposedAtEnd.length) out += `still exposed at the end: ${phasing.exposedAtEnd.length} flow(s): ${list(phasing.exposedAtEnd)}\n`;
  }
  return out;
}

export const adapter: CliAdapter<PlanAnalysis> = {
  format: 'table',
  text: (doc) => planTable(doc),
  options(cmd: Command) {
    cmd
      .option('--forced <file>', 'devices rules force out: CSV id,deadline[,reason] or JSON [{id,deadline,reason}]')
      .option('--cost-table <file>', 'replacement cost by layer and role (CSV layer,role,cost or JSON) for devices without a cost')
      .option('--workers <n>', 'worker threads for the exposure re-check (default: all cores)', parsePositiveInt);
  },
  source: (opts) => ({ forced: opts.forced as string | undefined, costTable: opts.costTable as string | undefined }),
  env: (opts) => ({ workers: opts.workers as number | undefined }),
};
