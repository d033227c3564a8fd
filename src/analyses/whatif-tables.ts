// The what-if's keyed tables: per country (the first: CSV and the diff's default), findings on
// both sides, the plans' devices, the sensitive flows. Column ids pair baseline_ and scenario_.
import { STATUSES, type Status } from '../policy/index.js';
import type { TableRow, TableSpec } from './define.js';
import type { WhatIfAnalysis } from './whatif.js';
import type { WhatIfFinding } from './whatif-side.js';

const col = (id: string, label: string, description: string, key?: true) => ({ id, label, description, ...(key && { key }) });
/** "1 overdue, 2 due": statuses in the catalog's order of severity, as `check` says them. */
export const statusText = (c: Partial<Record<Status, number>>): string => STATUSES.filter((s) => c[s]).map((s) => `${c[s]} ${s}`).join(', ');

const countries: TableSpec<WhatIfAnalysis> = {
  id: 'countries',
  title: 'By country',
  columns: [
    col('country', 'Country', "the devices' country; all: every country together", true),
    col('devices', 'Devices', 'devices in the country'),
    col('baseline_findings', 'Findings (baseline)', 'findings by status under the baseline rules'),
    col('scenario_findings', 'Findings (scenario)', 'findings by status under the scenario'),
    col('baseline_caught', 'Caught (baseline)', 'devices under a deadline (overdue, banned-new-install, due)'),
    col('scenario_caught', 'Caught (scenario)', 'devices under a deadline in the scenario'),
    col('newly_caught', 'Newly caught', 'devices the scenario puts under a deadline that the baseline does not'),
    col('baseline_plan_devices', 'Plan devices (baseline)', "devices the baseline's plan replaces"),
    col('scenario_plan_devices', 'Plan devices (scenario)', "devices the scenario's plan replaces"),
    col('baseline_plan_cost', 'Plan cost (baseline)', 'their replacement cost'),
    col('scenario_plan_cost', 'Plan cost (scenario)', 'their replacement cost'),
    col('hhi_before', 'HHI now', 'vendor concentration (Herfindahl, 0..10000) of the known vendors now'),
    col('hhi_baseline', 'HHI after baseline plan', "the same once the baseline's plan devices are gone (their new vendor not yet chosen)"),
    col('hhi_scenario', 'HHI after scenario plan', "the same once the scenario's plan devices are gone"),
  ],
  rows: (d) => d.delta.byCountry.map((c) => ({
    country: c.country, devices: c.devices, baseline_findings: statusText(c.baseline.findings), scenario_findings: statusText(c.scenario.findings),
    baseline_caught: c.baseline.caught, scenario_caught: c.scenario.caught, newly_caught: c.newlyCaught,
    baseline_plan_devices: c.baseline.planDevices, scenario_plan_devices: c.scenario.planDevices, baseline_plan_cost: c.baseline.planCost, scenario_plan_cost: c.scenario.planCost,
    hhi_before: c.hhi.before, hhi_baseline: c.hhi.baseline, hhi_scenario: c.hhi.scenario,
  })),
};

function findingRows(d: WhatIfAnalysis): TableRow[] {
  const key = (f: WhatIfFinding) => `${f.device}\u0000${f.rule}`;
  const rows = new Map<string, TableRow>();
  const add = (f: WhatIfFinding, side: 'baseline' | 'scenario') => {
    const row = rows.get(key(f)) ?? { device: f.device, rule: f.rule, country: f.country, vendor: f.vendor, baseline_status: null, scenario_status: null, deadline: null };
    row[`${side}_status`] = f.status;
    if (side === 'scenario' || row.deadline === null) row.deadline = f.deadline;
    rows.set(key(f), row);
  };
  for (const f of d.baseline.findings) add(f, 'baseline');
  for (const f of d.scenario.findings) add(f, 'scenario');
  return [...rows.values()];
}

const findings: TableSpec<WhatIfAnalysis> = {
  id: 'findings',
  title: 'Findings',
  columns: [
    col('device', 'Device', 'the device (a group finding: its name)', true),
    col('rule', 'Rule', 'the rule id; an adopted rule is <rule>-in-<countries>, a listing whatif-list-<vendors>', true),
    col('country', 'Country', "the device's country"),
    col('vendor', 'Vendor', 'the attributed vendor'),
    col('baseline_status', 'Baseline', 'the status under the baseline rules (blank: no finding)'),
    col('scenario_status', 'Scenario', 'the status under the scenario (blank: no finding)'),
    col('deadline', 'Deadline', "the removal deadline (the scenario's when both have one)"),
  ],
  rows: findingRows,
};

const plan: TableSpec<WhatIfAnalysis> = {
  id: 'plan',
  title: 'Plans',
  columns: [
    col('device', 'Device', 'a device either plan replaces', true),
    col('country', 'Country', "the device's country"),
    col('vendor', 'Vendor', 'its vendor'),
    col('cost', 'Cost', 'replacement cost'),
    col('baseline_phase', 'Baseline', "the baseline plan's budget phase buying it (0: in the plan, no budget given; blank: not in it)"),
    col('scenario_phase', 'Scenario', "the scenario plan's budget phase buying it (0: in the plan, no budget given; blank: not in it)"),
    col('forced_by', 'Forced by', "the scenario's rule forcing it, else the baseline's"),
    col('deadline', 'Deadline', 'when that rule forces it out'),
  ],
  rows: (d) => {
    const rows = new Map<string, TableRow>();
    for (const side of ['baseline', 'scenario'] as const) {
      for (const x of d[side].plan?.devices ?? []) {
        const row = rows.get(x.id) ?? { device: x.id, country: x.country, vendor: x.vendor, cost: x.cost, baseline_phase: null, scenario_phase: null, forced_by: null, deadline: null };
        row[`${side}_phase`] = x.phase ?? 0;
        if (x.forcedBy) Object.assign(row, { forced_by: x.forcedBy, deadline: x.deadline });
        rows.set(x.id, row);
      }
    }
    return [...rows.values()];
  },
};

const flows: TableSpec<WhatIfAnalysis> = {
  id: 'flows',
  title: 'Sensitive flows',
  columns: [
    col('id', 'Flow', 'the sensitive flow', true),
    col('src', 'From', 'its source device'),
    col('dst', 'To', 'its destination device'),
    col('before', 'Now', 'exposure (all, some, none, unreachable) before any replacement'),
    col('baseline', 'After baseline plan', "exposure once the baseline's plan devices are replaced"),
    col('scenario', 'After scenario plan', "exposure once the scenario's plan devices are replaced"),
    col('becomes_clean', 'Becomes clean', "no shortest path crosses an untrusted device after the scenario's plan, though one does after the baseline's"),
  ],
  rows: (d) => {
    const clean = new Set(d.delta.flowsBecomeClean.map((f) => f.id));
    return d.flows.map((f) => ({ ...f, becomes_clean: clean.has(f.id) }));
  },
};

export const WHATIF_TABLES: readonly TableSpec<WhatIfAnalysis>[] = [countries, findings, plan, flows];
