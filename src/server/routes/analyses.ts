// The analyses of a snapshot: report, findings, exposure, kill-switch, plan and topology. Each
// is computed once per (snapshot, parameters) in the analysis worker and then served from the
// cache as the JSON text it was (see analysis/runner.ts).
import type { z } from 'zod';
import { resolveVendors, snapshotProfile } from '../../analyses/untrusted.js';
import { isInputError } from '../../model/index.js';
import type { TokenInfo } from '../../store/index.js';
import { DEFAULT_KILLSWITCH_VENDORS, type AnalysisJob, type AnalysisKind, type AnalysisParams } from '../analysis/jobs.js';
import type { AnalysisResult } from '../analysis/runner.js';
import { snapshotOf, type ServerContext } from '../context.js';
import { RawJson } from '../http.js';
import { route, type RouteSpec } from '../route-spec.js';
import { asOfOr, FindingsQuery, KillSwitchQuery, PlanQuery, ReportQuery, schemaRef, SnapshotParams, UntrustedQuery, untrustedOr } from '../schemas.js';

type Params = z.infer<typeof SnapshotParams>;

/** Same parameters, same text: keys sorted, absent values left out. */
function canonical(params: object): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

export async function analyse<K extends AnalysisKind>(ctx: ServerContext, auth: TokenInfo | undefined, snapshot: string, kind: K, params: AnalysisParams[K]): Promise<AnalysisResult> {
  const snap = await snapshotOf(ctx, auth, snapshot);
  const organisation = auth!.organisation;
  // Snapshot ids are unique across organisations; the organisation is in the key all the same.
  const key = `${organisation}\u0000${snap.id}\u0000${kind}\u0000${canonical(params)}`;
  const job = { kind, db: ctx.opts.db, organisation, snapshot: snap.name, params, planTimeLimit: ctx.opts.planTimeLimit } as AnalysisJob;
  return ctx.analyses.get(key, job);
}

/** Only when asked for, so the cache keys of the default reading stay as they were. */
function assumed(q: { assumeInScope?: 'true' | 'false' }): { assumeInScope?: true } {
  return q.assumeInScope === 'true' ? { assumeInScope: true } : {};
}

/**
 * Vendor names of a query → slugs: the catalog's, or a vendor the snapshot's devices carry. A
 * name matching neither is an InputError (HTTP 400) with the nearest name — never a filter that
 * matches no device and reads as all clear.
 */
export async function resolveQueryVendors(ctx: ServerContext, auth: TokenInfo | undefined, snapshot: string, names: readonly string[] | undefined, param: string): Promise<string[] | undefined> {
  if (!names) return undefined;
  const where = `query parameter "${param}"`;
  try {
    return resolveVendors(names, where);
  } catch (e) {
    if (!isInputError(e)) throw e;
  }
  const snap = await snapshotOf(ctx, auth, snapshot);
  return resolveVendors(names, where, await snapshotProfile(ctx.reads, snap.id));
}

function planParams(q: z.infer<typeof ReportQuery>): AnalysisParams['report'] {
  const asOf = asOfOr(q.asOf);
  return { asOf, untrusted: untrustedOr(q.untrusted), budget: q.budget?.trim(), budgetStart: q.budgetStart ?? (q.budget ? asOf : undefined), ...assumed(q) };
}

export const ANALYSIS_ROUTES: RouteSpec[] = [
  route<Params, z.infer<typeof ReportQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/report',
    operationId: 'getReport',
    tag: 'analyses',
    summary: 'The report model: summary, sites, links, vendor shares, findings, exposure, kill-switch, plan, deadlines',
    description: 'Computed once per (snapshot, parameters) and cached: snapshots never change.',
    access: 'viewer',
    params: SnapshotParams,
    query: ReportQuery,
    notFound: true,
    response: { description: 'the report model (src/report/model.ts)', schema: schemaRef('ReportModel') },
    handle: async ({ ctx, auth, params, query }) => {
      const untrusted = await resolveQueryVendors(ctx, auth, params.snapshot, query.untrusted, 'untrusted');
      return new RawJson((await analyse(ctx, auth, params.snapshot, 'report', planParams({ ...query, untrusted }))).bytes);
    },
  }),
  route<Params, z.infer<typeof FindingsQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/findings',
    operationId: 'listFindings',
    tag: 'analyses',
    summary: 'Policy findings as of a date, filtered by status, country, vendor or rule',
    access: 'viewer',
    params: SnapshotParams,
    query: FindingsQuery,
    notFound: true,
    response: { description: 'the findings', schema: schemaRef('Findings') },
    handle: async ({ ctx, auth, params, query }) => {
      const asOf = asOfOr(query.asOf);
      const vendor = await resolveQueryVendors(ctx, auth, params.snapshot, query.vendor, 'vendor');
      const result = await analyse(ctx, auth, params.snapshot, 'findings', { asOf, ...assumed(query) });
      const filtered = !!(query.status || query.country || query.vendor || query.rule);
      if (!filtered) return new RawJson(result.bytes);
      const all = result.parsed() as { assumeInScope?: boolean; findings: Array<{ status: string; country: string | null; vendor: string | null; rule: string }> };
      const keep = (list: readonly string[] | undefined, v: string | null): boolean => !list || (v !== null && list.includes(v));
      return {
        asOf,
        assumeInScope: all.assumeInScope ?? false,
        findings: all.findings.filter((f) => keep(query.status, f.status) && keep(query.country, f.country) && keep(vendor, f.vendor) && keep(query.rule, f.rule)),
      };
    },
  }),
  route<Params, z.infer<typeof UntrustedQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/exposure',
    operationId: 'getExposure',
    tag: 'analyses',
    summary: 'Per flow: shortest-path cost, exposure over all equal-cost shortest paths, clean-path cost; chokepoints',
    access: 'viewer',
    params: SnapshotParams,
    query: UntrustedQuery,
    notFound: true,
    response: { description: 'the exposure document', schema: schemaRef('Exposure') },
    handle: async ({ ctx, auth, params, query }) => {
      const untrusted = await resolveQueryVendors(ctx, auth, params.snapshot, query.untrusted, 'untrusted');
      return new RawJson((await analyse(ctx, auth, params.snapshot, 'exposure', { untrusted: untrustedOr(untrusted) })).bytes);
    },
  }),
  route<Params, z.infer<typeof KillSwitchQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/killswitch',
    operationId: 'getKillSwitch',
    tag: 'analyses',
    summary: "What switching off every device of the vendors at once would cut, and which replacements restore most",
    access: 'viewer',
    params: SnapshotParams,
    query: KillSwitchQuery,
    notFound: true,
    response: { description: 'the kill-switch document', schema: schemaRef('KillSwitch') },
    handle: async ({ ctx, auth, params, query }) => {
      const named = await resolveQueryVendors(ctx, auth, params.snapshot, query.vendors, 'vendors');
      const vendors = [...(named?.length ? named : DEFAULT_KILLSWITCH_VENDORS)].sort();
      return new RawJson((await analyse(ctx, auth, params.snapshot, 'killswitch', { vendors })).bytes);
    },
  }),
  route<Params, z.infer<typeof PlanQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/plan',
    operationId: 'getPlan',
    tag: 'analyses',
    summary: 'The cheapest replacements giving every sensitive flow a clean path, rule-forced devices first; phased by budget',
    access: 'viewer',
    params: SnapshotParams,
    query: PlanQuery,
    notFound: true,
    response: { description: 'the plan document', schema: schemaRef('Plan') },
    handle: async ({ ctx, auth, params, query }) => {
      const untrusted = await resolveQueryVendors(ctx, auth, params.snapshot, query.untrusted, 'untrusted');
      return new RawJson((await analyse(ctx, auth, params.snapshot, 'plan', planParams({ ...query, untrusted }))).bytes);
    },
  }),
  route<Params, z.infer<typeof UntrustedQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/topology',
    operationId: 'getTopology',
    tag: 'analyses',
    summary: 'Every device and device link, with the untrusted devices marked, for the topology view',
    access: 'viewer',
    params: SnapshotParams,
    query: UntrustedQuery,
    notFound: true,
    response: { description: 'nodes and links', schema: schemaRef('Topology') },
    handle: async ({ ctx, auth, params, query }) => {
      const untrusted = await resolveQueryVendors(ctx, auth, params.snapshot, query.untrusted, 'untrusted');
      return new RawJson((await analyse(ctx, auth, params.snapshot, 'topology', { untrusted: untrustedOr(untrusted) })).bytes);
    },
  }),
];
