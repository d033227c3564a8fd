// The analyses the API serves, each a pure function of (store, organisation, snapshot, parameters)
// returning its JSON text. Snapshots are immutable, so a result never goes stale and is cached by
// the runner; these functions run in an analysis worker thread (worker.ts), off the thread that
// answers requests. Thin on purpose: every one reuses the analyses stage, graph, plan or report.
import { DEFAULT_UNTRUSTED } from '../../analyses/plan-run.js';
import { computePlan } from '../../analyses/plan-run.js';
import { countFlows, countSet, noDeviceMessage, noFlowsMessage, NOTHING_UNTRUSTED, nothingToAnalyse } from '../../analyses/nothing.js';
import { isNothingToAnalyse } from '../../model/index.js';
import { loadNetwork } from '../../analyses/network.js';
import { untrustedNodes } from '../../analyses/untrusted.js';
import {
  analyseExposure,
  buildGraph,
  buildKillSet,
  exposureDocument,
  killSwitch,
  killSwitchDocument,
} from '../../graph/index.js';
import { planDocument } from '../../plan/index.js';
import { evaluate, loadRuleCatalog, missingDataSummary } from '../../policy/index.js';
import { buildReportModel } from '../../report/model.js';
import { openStore } from '../../store/index.js';

export const ANALYSIS_KINDS = ['report', 'findings', 'exposure', 'killswitch', 'plan', 'topology'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

export interface ReportParams {
  asOf: string;
  untrusted: string[];
  budget?: string;
  budgetStart?: string;
  /** The policy check's conservative reading (docs/policy.md); absent means false. */
  assumeInScope?: boolean;
}
export interface FindingsParams {
  asOf: string;
  assumeInScope?: boolean;
}
export interface UntrustedParams {
  untrusted: string[];
}
export interface KillSwitchParams {
  vendors: string[];
}
export type PlanParams = ReportParams;

export type AnalysisParams = {
  report: ReportParams;
  findings: FindingsParams;
  exposure: UntrustedParams;
  killswitch: KillSwitchParams;
  plan: PlanParams;
  topology: UntrustedParams;
};

/** One analysis of one snapshot: plain data, so it crosses to a worker thread as is. */
export type AnalysisJob = {
  [K in AnalysisKind]: {
    kind: K;
    db: string;
    organisation: string;
    /** The snapshot's name within the organisation. */
    snapshot: string;
    params: AnalysisParams[K];
    /** Wall-clock limit for the planner, seconds. */
    planTimeLimit: number;
  };
}[AnalysisKind];

export const DEFAULT_KILLSWITCH_VENDORS = DEFAULT_UNTRUSTED;

/** What the API says about where a result came from: never the server's file paths. */
function sourceLabel(job: AnalysisJob): string {
  return `${job.organisation}/${job.snapshot}`;
}

async function report(job: Extract<AnalysisJob, { kind: 'report' }>): Promise<unknown> {
  const p = job.params;
  const model = await buildReportModel({
    db: job.db,
    organisation: job.organisation,
    snapshot: job.snapshot,
    asOf: p.asOf,
    untrusted: p.untrusted,
    budget: p.budget,
    budgetStart: p.budgetStart,
    planTimeLimit: job.planTimeLimit,
    assumeInScope: p.assumeInScope ?? false,
  });
  model.source.db = '';
  model.source.label = sourceLabel(job);
  return model;
}

async function findings(job: Extract<AnalysisJob, { kind: 'findings' }>): Promise<unknown> {
  const store = openStore(job.db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(job.snapshot, job.organisation);
    const assumeInScope = job.params.assumeInScope ?? false;
    const found = evaluate({ devices: await store.devices(snap.id), rules: loadRuleCatalog().rules, asOf: job.params.asOf, assumeInScope });
    return { asOf: job.params.asOf, assumeInScope, needsData: missingDataSummary(found), findings: found };
  } finally {
    await store.close();
  }
}

async function exposure(job: Extract<AnalysisJob, { kind: 'exposure' }>): Promise<unknown> {
  const net = await loadNetwork({ db: job.db, snapshot: job.snapshot, organisation: job.organisation });
  const g = buildGraph(net, { source: sourceLabel(job) });
  const untrusted = untrustedNodes(net.nodes, { untrusted: job.params.untrusted });
  const result = await analyseExposure(g, untrusted, net.flows, { chokepoints: true, topChokepoints: 20 });
  const nothing =
    nothingToAnalyse(net, countFlows(net.flows), 'sensitive-flows') ??
    noDeviceMessage(net, countSet(untrusted), `untrusted ${job.params.untrusted.join(',')}`, NOTHING_UNTRUSTED) ??
    null;
  return { untrusted: job.params.untrusted, ...exposureDocument(result), nothingToAnalyse: nothing, notes: net.notes };
}

async function killswitch(job: Extract<AnalysisJob, { kind: 'killswitch' }>): Promise<unknown> {
  const net = await loadNetwork({ db: job.db, snapshot: job.snapshot, organisation: job.organisation });
  const g = buildGraph(net, { source: sourceLabel(job) });
  const r = killSwitch(g, net.nodes, net.flows, buildKillSet(net.nodes, { vendors: job.params.vendors }), { top: 10 });
  const nothing = noDeviceMessage(net, r.removedDevices, `vendors ${job.params.vendors.join(',')}`, 'nothing would be switched off') ?? (net.flows.length ? null : noFlowsMessage(net));
  return { vendors: job.params.vendors, ...killSwitchDocument(r, net.flows), nothingToAnalyse: nothing, notes: net.notes };
}

async function plan(job: Extract<AnalysisJob, { kind: 'plan' }>): Promise<unknown> {
  const p = job.params;
  const run = await computePlan({
    db: job.db,
    organisation: job.organisation,
    snapshot: job.snapshot,
    untrusted: p.untrusted,
    asOf: p.asOf,
    policy: true,
    assumeInScope: p.assumeInScope ?? false,
    budget: p.budget,
    budgetStart: p.budgetStart ?? p.asOf,
    carryOver: true,
    timeLimit: job.planTimeLimit,
  }).catch((e: unknown) => {
    if (isNothingToAnalyse(e)) return e;
    throw e;
  });
  // Nothing to protect or replace: an empty plan that says why, never one that reads as "done".
  if (isNothingToAnalyse(run)) {
    return { method: 'none', status: 'nothing-to-analyse', totalCost: 0, lowerBound: 0, gap: 0, devices: [], flows: [], notes: [run.message], nothingToAnalyse: run.message };
  }
  return { ...planDocument(run.plan, run.phasing), nothingToAnalyse: null };
}

async function topology(job: Extract<AnalysisJob, { kind: 'topology' }>): Promise<unknown> {
  const store = openStore(job.db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(job.snapshot, job.organisation);
    const untrusted = new Set(job.params.untrusted);
    const nodes = [];
    for await (const d of store.iterateDevices(snap.id)) {
      nodes.push({
        id: d.id,
        name: d.name ?? null,
        vendor: d.vendor,
        site: d.site ?? null,
        country: d.country ?? null,
        layer: d.layer ?? null,
        untrusted: d.vendor !== null && untrusted.has(d.vendor),
      });
    }
    const links = (await store.links(snap.id)).map((l) => ({ a: l.a, b: l.b, metric: l.metric }));
    return { untrusted: job.params.untrusted, nodes, links };
  } finally {
    await store.close();
  }
}

/** Runs one job and returns its JSON text. */
export async function runAnalysisJob(job: AnalysisJob): Promise<string> {
  let value: unknown;
  switch (job.kind) {
    case 'report':
      value = await report(job);
      break;
    case 'findings':
      value = await findings(job);
      break;
    case 'exposure':
      value = await exposure(job);
      break;
    case 'killswitch':
      value = await killswitch(job);
      break;
    case 'plan':
      value = await plan(job);
      break;
    case 'topology':
      value = await topology(job);
      break;
  }
  return JSON.stringify(value);
}
