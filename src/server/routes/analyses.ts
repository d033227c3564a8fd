// The analyses of a snapshot: report, findings, exposure, kill-switch, plan and topology. Each
// is computed once per (snapshot, parameters) in the analysis worker and then served from the
// cache as the JSON text it was (see analysis/runner.ts).
import { z } from 'zod';
import { diffDocuments } from '../../analyses/compare.js';
import type { AnalysisDocument, AnyAnalysis } from '../../analyses/define.js';
import { allAnalyses, analysisById, ANALYSIS_IDS, type AnalysisId } from '../../analyses/registry.js';
import { resolveVendors, snapshotProfile } from '../../analyses/untrusted.js';
import { isInputError } from '../../model/index.js';
import { todayUtc } from '../../policy/index.js';
import type { TokenInfo } from '../../store/index.js';
import type { AnalysisJob, AnalysisKind } from '../analysis/jobs.js';
import { QueueFullError } from '../analysis/errors.js';
import type { AnalysisResult } from '../analysis/runner.js';
import { snapshotOf, type ServerContext } from '../context.js';
import { HttpError, RawJson } from '../http.js';
import { route, type RouteInput, type RouteSpec } from '../route-spec.js';
import { asOfOr, ReportQuery, schemaRef, SnapshotParams, UntrustedQuery, untrustedOr } from '../schemas.js';

type Params = z.infer<typeof SnapshotParams>;

/** Same parameters, same text: keys sorted, absent values left out. */
function canonical(params: object): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

type Caller = Pick<RouteInput<unknown, unknown, unknown>, 'ctx' | 'auth' | 'reply'>;

/**
 * The analysis's result, computed in the caller's organisation's queue. A full queue is a 429
 * whose Retry-After header is set here: the error handler sends only the status and message.
 */
export async function analyse({ ctx, auth, reply }: Caller, snapshot: string, kind: AnalysisKind, params: object): Promise<AnalysisResult> {
  const snap = await snapshotOf(ctx, auth, snapshot);
  const organisation = auth!.organisation;
  // Snapshot ids are unique across organisations; the organisation is in the key all the same.
  const key = `${organisation}\u0000${snap.id}\u0000${kind}\u0000${canonical(params)}`;
  const job = { kind, db: ctx.opts.db, organisation, snapshot: snap.name, params, planTimeLimit: ctx.opts.planTimeLimit } as AnalysisJob;
  try {
    return await ctx.analyses.get(key, job);
  } catch (e) {
    if (e instanceof QueueFullError) reply.header('retry-after', String(e.retryAfter));
    throw e;
  }
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

/** The report job's parameters: defaults left out, so the cache keys of the default reading stay as they were. */
export function reportParams(q: z.infer<typeof ReportQuery>, since: string | undefined) {
  const asOf = asOfOr(q.asOf);
  return {
    asOf, untrusted: untrustedOr(q.untrusted), budget: q.budget?.trim(), budgetStart: q.budgetStart ?? (q.budget ? asOf : undefined),
    ...(q.assumeInScope && { assumeInScope: true }), ...(q.includeUnverified && { includeUnverified: true }), ...(since && { since }), ...(!q.plan && { noPlan: true }), ...(q.timeLimit !== 60 && { timeLimit: q.timeLimit }),
  };
}

/** What every analysis route may answer besides its document (docs/api.md, errors and limits). */
export const QUEUE_ERRORS = {
  429: "the caller's organisation already has its bound of analyses queued or running (see Retry-After), or the rate limit is exceeded",
  503: 'the analysis exceeded its time or memory budget',
};

/** The views that are not analyses of the registry: the report combines them, the topology lists. */
const VIEW_ROUTES: RouteSpec[] = [
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
    errors: QUEUE_ERRORS,
    response: { description: 'the report model (src/report/model.ts)', schema: schemaRef('ReportModel') },
    handle: async (input) => {
      const { ctx, auth, params, query } = input;
      const untrusted = await resolveQueryVendors(ctx, auth, params.snapshot, query.untrusted, 'untrusted');
      return new RawJson((await analyse(input, params.snapshot, 'report', reportParams({ ...query, untrusted }, query.since === undefined ? undefined : (await snapshotOf(ctx, auth, query.since)).name))).bytes);
    },
  }),
  route<Params, z.infer<typeof UntrustedQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/topology',
    operationId: 'getTopology',
    tag: 'analyses',
    summary: 'Every device and device link, with the untrusted devices marked, for the topology view',
    description: 'Computed once per (snapshot, parameters) and cached.',
    access: 'viewer',
    params: SnapshotParams,
    query: UntrustedQuery,
    notFound: true,
    errors: QUEUE_ERRORS,
    response: { description: 'nodes and links', schema: schemaRef('Topology') },
    handle: async (input) => {
      const { ctx, auth, params, query } = input;
      const untrusted = await resolveQueryVendors(ctx, auth, params.snapshot, query.untrusted, 'untrusted');
      return new RawJson((await analyse(input, params.snapshot, 'topology', { untrusted: untrustedOr(untrusted) })).bytes);
    },
  }),
];

/** Each analysis's answer in the OpenAPI components: a missing one does not compile. */
const RESPONSE_SCHEMA: Record<AnalysisId, string> = { findings: 'Findings', exposure: 'Exposure', chokepoints: 'Chokepoints', 'flow-paths': 'FlowPaths', killswitch: 'KillSwitch', plan: 'Plan', screening: 'Screening', 'paths-exposure': 'PathsExposure', whatif: 'WhatIf' };

/** Parameters whose absence means "today": filled in so that the date is part of the cache key. */
export function dated(def: AnyAnalysis, params: Record<string, unknown>): Record<string, unknown> {
  return 'asOf' in def.params.shape && params.asOf === undefined ? { ...params, asOf: todayUtc() } : params;
}

/** GET /api/snapshots/{snapshot}/<id>: the analysis's parameters as the query, its document as the answer. */
function analysisRoute(def: AnyAnalysis): RouteSpec {
  return route<Params, Record<string, unknown>>({
    method: 'GET',
    path: `/api/snapshots/{snapshot}/${def.id}`,
    operationId: `get${def.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`,
    tag: 'analyses',
    summary: def.summary,
    description: `${def.title}. Computed once per (snapshot, parameters) and cached: snapshots never change. The CLI's \`cleanpath ${def.command}\` takes the same parameters as --kebab-case options.`,
    access: 'viewer',
    params: SnapshotParams,
    query: def.params as unknown as z.ZodType<Record<string, unknown>>,
    notFound: true,
    errors: QUEUE_ERRORS,
    response: { description: `the ${def.title.toLowerCase()} document (src/analyses/${def.id}.ts)`, schema: schemaRef(RESPONSE_SCHEMA[def.id as AnalysisId]) },
    handle: async (input) => new RawJson((await analyse(input, input.params.snapshot, def.id as AnalysisId, dated(def, input.query))).bytes),
  });
}

const DiffParams = SnapshotParams.extend({ base: z.string().min(1).max(200).describe('the snapshot compared against (the earlier one)') });
const DiffQuery = z.looseObject({
  analysis: z.enum(ANALYSIS_IDS as [AnalysisId, ...AnalysisId[]]).describe('the analysis whose rows are compared'),
  table: z.string().max(100).optional().describe("which of its tables (default its main one: exposure's flows)"),
});

/** The analysis's own parameters among the query's, checked by its schema (400 naming the parameter). */
function diffParams(def: AnyAnalysis, query: Record<string, unknown>): Record<string, unknown> {
  const { analysis: _a, table: _t, ...rest } = query;
  const r = def.params.safeParse(rest);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new HttpError(400, `query parameter "${String(issue.path[0] ?? 'analysis')}": ${issue.message}`);
  }
  const unknown = Object.keys(rest).filter((k) => !(k in def.params.shape));
  if (unknown.length) throw new HttpError(400, `query parameter "${unknown[0]}": not a parameter of ${def.id} (${Object.keys(def.params.shape).join(', ') || 'none'})`);
  return dated(def, r.data as Record<string, unknown>);
}

const DIFF_ROUTE = route<z.infer<typeof DiffParams>, z.infer<typeof DiffQuery>>({
  method: 'GET',
  path: '/api/snapshots/{snapshot}/diff/{base}',
  operationId: 'diffAnalysis',
  tag: 'analyses',
  summary: "What changed since the base snapshot: any analysis's rows added, removed and changed by key",
  description: "Runs the analysis on both snapshots with the same parameters (the analysis's own query parameters, as on its route; both results cached) and compares one of its tables by key.",
  access: 'viewer',
  params: DiffParams,
  query: DiffQuery,
  notFound: true,
    errors: QUEUE_ERRORS,
  response: { description: 'the diff', schema: schemaRef('AnalysisDiff') },
  handle: async (input) => {
    const { ctx, auth, params, query } = input;
    const def = analysisById(query.analysis);
    tableOf(def, query.table);
    const p = diffParams(def, query);
    const [before, after] = await Promise.all([analyse(input, params.base, def.id as AnalysisId, p), analyse(input, params.snapshot, def.id as AnalysisId, p)]);
    const [b, a] = await Promise.all([snapshotOf(ctx, auth, params.base), snapshotOf(ctx, auth, params.snapshot)]);
    return diffDocuments(def, before.parsed() as AnalysisDocument, after.parsed() as AnalysisDocument, { before: b.name, after: a.name }, query.table);
  },
});

/** The table named, or a 400 listing the analysis's tables. */
function tableOf(def: AnyAnalysis, id: string | undefined): void {
  if (id !== undefined && !def.tables.some((t) => t.id === id)) throw new HttpError(400, `query parameter "table": ${def.id} has no table '${id}' (tables: ${def.tables.map((t) => t.id).join(', ')})`);
}

export const ANALYSIS_ROUTES: RouteSpec[] = [...VIEW_ROUTES, ...allAnalyses().map(analysisRoute), DIFF_ROUTE];
