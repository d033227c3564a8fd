// The analyses the API serves (the registry's, plus the report and topology views), each a function of (store, organisation, snapshot, parameters)
// returning its JSON text. Snapshots are immutable, so a result never goes stale and is cached by
// the runner; these functions run in an analysis worker thread (worker.ts), off the thread that
// answers requests. Thin on purpose: every one reuses the analyses stage, graph, plan or report.
import type { RunEnv } from '../../analyses/define.js';
import { analysisById, type AnalysisId } from '../../analyses/registry.js';
import { buildReportModel, type ReportModel } from '../../report/model.js';
import { reportOverview } from '../../report/overview.js';
import { openStore } from '../../store/index.js';
import { NetworkCache } from './network-cache.js';
import { runAttestJob, type AttestJobParams } from '../attest-job.js';

/** The views the API serves besides the registry's analyses: they combine or list, not analyse. */
export const VIEW_KINDS = ['report', 'overview', 'topology'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];
export type AnalysisKind = AnalysisId | ViewKind;

export interface ReportParams {
  asOf: string;
  untrusted: string[];
  budget?: string;
  budgetStart?: string;
  /** The policy check's conservative reading (docs/policy.md); absent means false. */
  assumeInScope?: boolean;
  /** Unverified rules applied with their deadlines; absent means false. */
  includeUnverified?: boolean;
  /** An earlier snapshot of the organisation: the report says what changed since. */
  since?: string;
  /** Skip the planner. */
  noPlan?: boolean;
  /** Seconds for the planner, within the server's own limit. */
  timeLimit?: number;
}
export interface UntrustedParams {
  untrusted: string[];
}

interface JobBase {
  db: string;
  organisation: string;
  /** The snapshot's name within the organisation. */
  snapshot: string;
  /** Wall-clock limit for the planner, seconds. */
  planTimeLimit: number;
}

/** One analysis of one snapshot: plain data, so it crosses to a worker thread as is. */
export type AnalysisJob = JobBase &
  (
    | { kind: 'report' | 'overview'; params: ReportParams }
    | { kind: 'topology'; params: UntrustedParams }
    | { kind: 'attestation'; params: AttestJobParams }
    | { kind: AnalysisId; params: Record<string, unknown> }
  );

/** What the API says about where a result came from: never the server's file paths. */
function sourceLabel(job: JobBase): string {
  return `${job.organisation}/${job.snapshot}`;
}

async function report(job: JobBase & { params: ReportParams }): Promise<ReportModel> {
  const p = job.params;
  const model = await buildReportModel({
    db: job.db,
    organisation: job.organisation,
    snapshot: job.snapshot,
    asOf: p.asOf,
    untrusted: p.untrusted,
    budget: p.budget,
    budgetStart: p.budgetStart,
    planTimeLimit: Math.min(p.timeLimit ?? Infinity, job.planTimeLimit),
    noPlan: p.noPlan ?? false,
    assumeInScope: p.assumeInScope ?? false,
    includeUnverified: p.includeUnverified ?? false,
    since: p.since,
  });
  model.source.db = '';
  model.source.label = sourceLabel(job);
  return model;
}


async function topology(job: JobBase & { params: UntrustedParams }): Promise<unknown> {
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
        operator: d.operator ?? null,
        untrusted: d.vendor !== null && untrusted.has(d.vendor),
      });
    }
    const links = (await store.links(snap.id)).map((l) => ({ a: l.a, b: l.b, metric: l.metric }));
    return { untrusted: job.params.untrusted, nodes, links };
  } finally {
    await store.close();
  }
}

/**
 * The networks this thread read for flow paths: one flow's paths after another's is the dashboard's
 * flow view at work, and the read dwarfs the paths. Only flow-paths uses it, so no other analysis
 * holds memory between jobs.
 */
const FLOW_NETWORKS = new NetworkCache(2);

/** An analysis of the registry, run as the API asks: errors name query parameters, zeros say why. */
function registered(job: JobBase & { kind: AnalysisId; params: Record<string, unknown> }): Promise<unknown> {
  const env: RunEnv = { planTimeLimit: job.planTimeLimit, paramName: (p) => `query parameter "${p}"`, ...(job.kind === 'flow-paths' && { networks: FLOW_NETWORKS }) };
  return analysisById(job.kind).run({ db: job.db, organisation: job.organisation, snapshot: job.snapshot }, job.params, env);
}

/** Runs one job and returns its JSON text. */
export async function runAnalysisJob(job: AnalysisJob): Promise<string> {
  let value: unknown;
  if (job.kind === 'report') value = await report(job);
  // the overview's cards: the report cut down to its counts in the worker, so no 164 MB crosses to the page
  else if (job.kind === 'overview') value = reportOverview(await report(job));
  else if (job.kind === 'topology') value = await topology(job);
  else if (job.kind === 'attestation') value = await runAttestJob(job);
  else value = await registered(job as JobBase & { kind: AnalysisId; params: Record<string, unknown> });
  return JSON.stringify(value);
}
