// Plan: the cheapest set of untrusted devices to replace so every sensitive flow has a clean
// path, with a proven lower bound; rule-forced devices first; phased by a budget.
import { z } from 'zod';
import { InputError, isNothingToAnalyse } from '../model/index.js';
import { planDocument, type PlanDocument } from '../plan/index.js';
import { AVOID_PARAMS, checkAvoid } from './avoid.js';
import { defineAnalysis, paramName, type AnalysisDocument, type AnalysisSource, type RunEnv } from './define.js';
import { budgetParam, dateParam, flagParam, intParam, numberParam } from './params.js';
import { computePlan, type PolicyCheck } from './plan-run.js';
import { UNVERIFIED_HELP } from './findings.js';

export type PlanAnalysis = PlanDocument & AnalysisDocument;

/** What a caller inside the code can add: a policy check it already made of the same snapshot (the report's findings). */
export interface PlanSource extends AnalysisSource {
  policyCheck?: PolicyCheck;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

function phaseOf(d: PlanDocument): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of d.phasing?.phases ?? []) for (const id of p.devices) m.set(id, p.index + 1);
  return m;
}

/** Nothing to protect or replace: an empty plan that says why, never one that reads as "done". */
function nothingPlan(message: string): PlanAnalysis {
  return {
    method: 'none' as PlanDocument['method'],
    status: 'nothing-to-analyse' as PlanDocument['status'],
    totalCost: 0,
    lowerBound: 0,
    gap: 0,
    devices: [],
    flows: [],
    stats: { candidates: 0, demands: 0, cuts: 0, iterations: 0, seconds: 0, boundSource: 'none' } as unknown as PlanDocument['stats'],
    notes: [message],
    nothingToAnalyse: message,
  };
}

export const plan = defineAnalysis({
  id: 'plan',
  command: 'plan',
  title: 'Replacement plan',
  summary: 'Cheapest set of untrusted devices to replace so every sensitive flow has a clean path, with a proven lower bound and gap; phased by budget and deadlines',
  examples: [
    'cleanpath plan',
    'cleanpath plan --budget 2000000/year --budget-start 2027-01-01 --as-of 2026-12-31',
    'cleanpath plan --nodes nodes.csv --links links.csv --flows flows.csv --cost-table costs.csv --exact --json',
  ],
  params: z.object({
    ...AVOID_PARAMS,
    budget: budgetParam('money per period, e.g. 2000000/year, 500k/quarter: turns the plan into phases'),
    budgetStart: dateParam('first day of the first budget period (default: the as-of date)'),
    periods: intParam('budget periods to plan over (default: until everything is bought)', undefined),
    carryOver: flagParam('money unspent in a period carries over (--no-carry-over: it is lost)', true),
    asOf: dateParam('date for the policy check whose overdue and due findings force devices into the plan (default: today)'),
    policy: flagParam('force in the devices that national rules require removed (store input only; --no-policy: do not)', true),
    assumeInScope: flagParam("policy check: read a blank layer, technology, network, use or installed date as in scope, so such devices are forced too (the plan's notes say so)"),
    includeUnverified: flagParam(`policy check: ${UNVERIFIED_HELP}, so their overdue and due devices are forced too`),
    exact: flagParam('exact MILP (HiGHS) with lazy separator cuts, within the time limit'),
    heuristic: flagParam('heuristic with a lower bound (default for large instances)'),
    timeLimit: numberParam('wall-clock limit for the solve, seconds', { min: 0.001, message: 'expected a positive number' }, 60),
    maxStretch: numberParam('bound on clean cost / shortest cost per sensitive flow (heuristic repair; violations reported)', { min: 1, message: 'expected a number >= 1 (clean cost / shortest cost)' }),
    flowCosts: flagParam('always compute per-flow costs and clean costs (default: unless the network is large)'),
  }),
  sources: 'network',
  async run(source: PlanSource, p, env: RunEnv): Promise<PlanAnalysis> {
    if (p.exact && p.heuristic) throw new InputError(paramName(env, 'exact'), undefined, `cannot be used with ${paramName(env, 'heuristic')}`);
    const avoid = checkAvoid(p, undefined, env);
    const timeLimit = Math.min(p.timeLimit ?? 60, env.planTimeLimit ?? Infinity);
    try {
      const r = await computePlan(
        { ...source, ...avoid, budget: p.budget, budgetStart: p.budgetStart ?? (p.budget ? (p.asOf ?? undefined) : undefined), periods: p.periods, carryOver: p.carryOver, policy: p.policy, asOf: p.asOf, assumeInScope: p.assumeInScope, includeUnverified: p.includeUnverified, exact: p.exact, heuristic: p.heuristic, timeLimit, maxStretch: p.maxStretch, workers: env.workers, flowCosts: p.flowCosts },
        env.progress,
      );
      return { ...planDocument(r.plan, r.phasing), nothingToAnalyse: null };
    } catch (e) {
      if (env.strict || !isNothingToAnalyse(e)) throw e;
      return nothingPlan(e.message);
    }
  },
  tables: [
    {
      id: 'plan',
      title: 'Plan',
      columns: [
        { id: 'kind', label: 'Row', description: 'total (the plan) or device (one replacement)', key: true },
        { id: 'id', label: 'Device', description: 'the device; for the total row, method:status', key: true },
        { id: 'cost', label: 'Cost', description: 'replacement cost (the total for the total row)' },
        { id: 'lower_bound', label: 'Lower bound', description: 'proven lower bound on any plan' },
        { id: 'gap', label: 'Gap', description: '(cost - lower bound) / cost' },
        { id: 'reasons', label: 'Why', description: 'flows, endpoint, forced, stretch' },
        { id: 'deadline', label: 'Deadline', description: 'when a rule forces it out' },
        { id: 'forced_by', label: 'Forced by', description: 'the rule forcing it' },
        { id: 'flows', label: 'Flows', description: 'sensitive flows whose clean path uses it (total: sensitive flows)' },
        { id: 'phase', label: 'Phase', description: 'budget phase that buys it' },
      ],
      rows: (d) => {
        const phase = phaseOf(d);
        return [
          { kind: 'total', id: `${d.method}:${d.status}`, cost: d.totalCost, lower_bound: round(d.lowerBound), gap: round(d.gap), reasons: null, deadline: null, forced_by: null, flows: d.flows.length, phase: null },
          ...d.devices.map((x) => ({ kind: 'device', id: x.id, cost: x.cost, lower_bound: null, gap: null, reasons: x.reasons.join(' '), deadline: x.deadline ?? null, forced_by: x.forcedBy ?? null, flows: x.flows, phase: phase.get(x.id) ?? null })),
        ];
      },
    },
    {
      id: 'flows',
      title: 'Sensitive flows',
      columns: [
        { id: 'id', label: 'Flow', description: 'the sensitive flow', key: true },
        { id: 'status', label: 'Before', description: 'clean, exposed, endpoint (an endpoint is untrusted) or unreachable' },
        { id: 'clean_before', label: 'Clean cost before', description: 'cheapest clean path before the plan', nullAs: 'inf' },
        { id: 'clean_after', label: 'Clean cost after', description: 'cheapest clean path once the plan is done', nullAs: 'inf' },
      ],
      rows: (d) => d.flows.map((f) => ({ id: f.id, status: f.status, clean_before: f.cleanBefore, clean_after: f.cleanAfter })),
    },
  ],
});
