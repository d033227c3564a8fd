// What-if (issue 17.4): a snapshot judged under the baseline rules and under a scenario side by
// side — a country adopting another's rule, a vendor newly listed, a deadline moved, or a
// scenario file combining them — with what each would catch, cost, clean and concentrate.
import { z } from 'zod';
import { buildGraph } from '../graph/index.js';
import { InputError, NETWORK_KINDS } from '../model/index.js';
import { todayUtc } from '../policy/index.js';
import { defineAnalysis, paramName, type AnalysisDocument, type AnalysisSource, type RunEnv } from './define.js';
import { selectRules } from './findings.js';
import { loadNetwork } from './network.js';
import { budgetParam, countriesParam, dateParam, flagParam, numberParam, stringParam, textListParam, vendorsParam } from './params.js';
import { DEFAULT_UNTRUSTED, resolveVendors } from './untrusted.js';
import { whatIfDelta, type WhatIfDelta } from './whatif-delta.js';
import { applyScenario, type RuleChange } from './whatif-scenario.js';
import { scenarioSteps } from './whatif-steps.js';
import { computeSide, type Side, type WhatIfFinding, type WhatIfPlan } from './whatif-side.js';
import { WHATIF_TABLES } from './whatif-tables.js';

export interface WhatIfSideDocument {
  rules: number;
  untrusted: string[];
  findings: WhatIfFinding[];
  plan: WhatIfPlan | null;
  planNote?: string;
}

export interface WhatIfAnalysis extends AnalysisDocument {
  asOf: string;
  snapshot: string;
  catalogVersion: string;
  /** The scenario file's own words for it, when it has them. */
  title: string | null;
  /** What the scenario did to the rules, step by step. */
  changes: RuleChange[];
  budget: string | null;
  baseline: WhatIfSideDocument;
  scenario: WhatIfSideDocument;
  /** Sensitive flows: exposure before any replacement and after each side's plan. */
  flows: { id: string; src: string; dst: string; before: string; baseline: string; scenario: string }[];
  delta: WhatIfDelta;
}

/** The side file only the CLI names: a scenario file (YAML). */
export interface WhatIfSource extends AnalysisSource {
  scenario?: string;
}

function sideDocument(s: Side): WhatIfSideDocument {
  return { rules: s.rules, untrusted: s.untrusted, findings: s.findings, plan: s.plan, ...(s.planNote && { planNote: s.planNote }) };
}

const NOTHING_CHANGED = 'the scenario changes nothing: the same findings, the same plan and the same cost as the baseline';

export const whatif = defineAnalysis({
  id: 'whatif',
  command: 'whatif',
  title: 'What if',
  summary: 'A snapshot under the baseline rules and under a scenario side by side: a country adopting another\'s rule, a vendor newly listed, a deadline moved',
  help: `Scenarios (combine them freely; a scenario file holds several):
  --adopt RULE --in CC[,CC] [--by DATE]   the rule's scope and timetable applied to those
                                          countries' devices; --by moves its removal deadline
  --list VENDOR --from DATE [--like RULE] [--in CC] [--networks KINDS]
                                          the vendors prohibited from DATE (removal by the day
                                          before), in the like rule's scope, or everywhere;
                                          --networks: only in those networks
  --move RULE --to DATE                   the rule's removal deadline moves
  --scenario FILE                         a YAML scenario (docs/policy.md)
Per country and overall: findings by status on both sides, devices newly caught (a deadline
status: overdue, banned-new-install, due), the plan's devices, cost and budget phases, the
sensitive flows that become clean, vendor concentration (HHI) before and after.`,
  examples: [
    'cleanpath whatif --adopt us-ndaa-889b --in DE,IT,JP --by 2028-12-31 --budget 3000000/year',
    'cleanpath whatif --list hikvision --from 2028-01-01 --like us-ndaa-889b-video --in DE',
    'cleanpath whatif --move de-2024-5g-core --to 2027-12-31 --json',
    'cleanpath whatif --scenario adoption.yaml --format csv --table countries',
  ],
  params: z.object({
    asOf: dateParam('judge both sides as of this day, YYYY-MM-DD (default: today, UTC)'),
    adopt: textListParam('rule ids adopted by the countries of --in', 'us-ndaa-889b', '<rules>'),
    in: countriesParam('the countries adopting (--adopt), or where a listing applies (--list)', 'DE,IT,JP'),
    by: dateParam("adopted rules' removal deadline (last permitted day) moves to this day"),
    list: vendorsParam('vendors newly listed: prohibited from --from', 'hikvision'),
    from: dateParam('first day the listed vendors are prohibited'),
    like: stringParam('a rule whose scope the listing takes (layers, networks, uses...)', '<rule>'),
    networks: textListParam(`only in these networks, as a scenario file's listing takes them (${NETWORK_KINDS.join(', ')})`, 'government', '<networks>'),
    move: textListParam('rule ids whose deadline moves to --to', 'de-2024-5g-core', '<rules>'),
    to: dateParam('the day moved rules\' removal deadline moves to'),
    untrusted: vendorsParam('vendors the plan may replace and whose crossing makes a flow exposed; listed vendors are added in the scenario (default huawei,zte)'),
    budget: budgetParam('money per period, e.g. 3000000/year: both plans in budget phases'),
    budgetStart: dateParam('first day of the first budget period (default: the as-of date)'),
    assumeInScope: flagParam('read a blank layer, technology, network, use or installed date as in scope on both sides'),
    includeUnverified: flagParam('apply unverified rules with their deadlines on both sides'),
    timeLimit: numberParam('wall-clock limit for each plan, seconds', { min: 0.001, message: 'expected a positive number' }, 60),
  }),
  sources: 'snapshot',
  async run(source: WhatIfSource, p, env: RunEnv): Promise<WhatIfAnalysis> {
    const asOf = p.asOf ?? todayUtc();
    const { rules: baseRules, catalogVersion } = selectRules({});
    const { title, steps } = scenarioSteps(p, source.scenario, baseRules, env);
    const { rules: scenarioRules, changes } = applyScenario(baseRules, steps, asOf);
    if (source.nodes || source.links || source.topology) throw new InputError('--nodes', undefined, 'whatif judges a snapshot\'s devices: import them (cleanpath import) and use --db');
    env.progress?.update(0, undefined, 'loading');
    const net = await loadNetwork({ ...source, keepDevices: true });
    const devices = net.devices ?? [];
    const untrusted = resolveVendors(p.untrusted ?? DEFAULT_UNTRUSTED, paramName(env, 'untrusted'), net.nodes);
    const listed = steps.flatMap((s) => (s.step.kind === 'list' ? s.step.vendors : []));
    const g = buildGraph(net, { source: net.label });
    const common = { source, net, g, asOf, assumeInScope: p.assumeInScope, includeUnverified: p.includeUnverified, budget: p.budget, budgetStart: p.budgetStart, timeLimit: Math.min(p.timeLimit ?? 60, env.planTimeLimit ?? Infinity) };
    env.progress?.update(0, undefined, 'baseline');
    const baseline = await computeSide({ ...common, rules: baseRules, untrusted }, env);
    env.progress?.update(0, undefined, 'scenario');
    const scenario = await computeSide({ ...common, rules: scenarioRules, untrusted: [...new Set([...untrusted, ...listed])] }, env);
    const ends = new Map(net.flows.map((f) => [f.id, { src: f.src, dst: f.dst }]));
    const delta = whatIfDelta(devices, baseline, scenario, ends);
    const flows = Object.entries(scenario.flows).map(([id, s]) => ({ id, src: ends.get(id)!.src, dst: ends.get(id)!.dst, before: baseline.flows[id]?.before ?? s.before, baseline: baseline.flows[id]?.after ?? s.before, scenario: s.after }));
    return {
      asOf, snapshot: net.snapshot ?? net.label, catalogVersion, title: title ?? null, changes, budget: p.budget ?? null,
      baseline: sideDocument(baseline), scenario: sideDocument(scenario), flows, delta,
      nothingToAnalyse: devices.length ? null : `no devices in snapshot ${net.snapshot ?? net.label}: import an inventory (cleanpath import inventory.csv)`,
      notes: [...net.notes, ...(delta.nothingChanged ? [NOTHING_CHANGED] : [])],
    };
  },
  tables: WHATIF_TABLES,
});
