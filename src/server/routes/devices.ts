// What the dashboard's device page and analysis views read besides the device itself: a device's
// neighbours (its links), and any analysis of the registry as the rows of its tables (the same
// rows the CLI writes as CSV, so the dashboard never re-derives them from the document).
import { z } from 'zod';
import type { AnyAnalysis } from '../../analyses/define.js';
import { analysisById, ANALYSIS_IDS, type AnalysisId } from '../../analyses/registry.js';
import { snapshotOf } from '../context.js';
import { HttpError, notFound } from '../http.js';
import { route, type RouteSpec } from '../route-spec.js';
import { DeviceParams, schemaRef, SnapshotParams } from '../schemas.js';
import { analyse, dated } from './analyses.js';

const TablesParams = SnapshotParams.extend({ analysis: z.enum(ANALYSIS_IDS as [AnalysisId, ...AnalysisId[]]).describe('the analysis (GET /api/analyses lists them)') });

/** The analysis's own parameters, read as its own route reads them: a bad one is a 400 naming it. */
function analysisParams(def: AnyAnalysis, query: unknown): Record<string, unknown> {
  const r = def.params.safeParse(query ?? {});
  if (r.success) return r.data as Record<string, unknown>;
  const issue = r.error.issues[0]!;
  throw new HttpError(400, `${issue.path.length ? `query parameter "${String(issue.path[0])}"` : 'query parameter'}: ${issue.message}`);
}

export const DEVICE_ROUTES: RouteSpec[] = [
  route<z.infer<typeof DeviceParams>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/devices/{id}/links',
    operationId: 'getDeviceLinks',
    tag: 'devices',
    summary: "A device's links in input order, each with the device at its other end",
    access: 'viewer',
    params: DeviceParams,
    notFound: true,
    response: { description: 'the links and neighbours', schema: schemaRef('DeviceLinks') },
    handle: async ({ ctx, auth, params }) => {
      const snap = await snapshotOf(ctx, auth, params.snapshot);
      if (!(await ctx.reads.device(snap.id, params.id))) throw notFound('device', params.id);
      const links = await ctx.reads.deviceLinks(snap.id, params.id);
      const others = links.map((l) => (l.a === params.id ? l.b : l.a));
      const known = new Map((await ctx.reads.devicesByKey(snap.id, { ids: others })).map((d) => [d.id, d]));
      return {
        device: params.id,
        links: links.map((l, i) => {
          const d = known.get(others[i]!);
          const neighbour = { id: others[i]!, name: d?.name ?? null, vendor: d?.vendor ?? null, site: d?.site ?? null, country: d?.country ?? null, layer: d?.layer ?? null };
          return { a: l.a, b: l.b, metric: l.metric, operator: l.operator ?? null, neighbour };
        }),
      };
    },
  }),
  route<z.infer<typeof TablesParams>, Record<string, unknown>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/tables/{analysis}',
    operationId: 'getAnalysisTables',
    tag: 'analyses',
    summary: "An analysis's tables as rows (its columns are the registry's)",
    description: "The analysis's own query parameters, as on its route; the same cached run. The rows are the ones the CLI writes as CSV.",
    access: 'viewer',
    params: TablesParams,
    query: z.looseObject({}),
    notFound: true,
    errors: { 429: "the caller's organisation already has its bound of analyses queued or running (see Retry-After)", 503: 'the analysis exceeded its time or memory budget' },
    response: { description: 'the tables', schema: schemaRef('AnalysisTables') },
    handle: async (input) => {
      const def = analysisById(input.params.analysis);
      const p = dated(def, analysisParams(def, input.query));
      const doc = (await analyse(input, input.params.snapshot, def.id as AnalysisId, p)).parsed() as { nothingToAnalyse: string | null; notes?: string[] };
      const tables = def.tables.map((t) => ({ id: t.id, title: t.title, rows: t.rows(doc as never) }));
      return { analysis: def.id, nothingToAnalyse: doc.nothingToAnalyse, notes: doc.notes ?? [], tables };
    },
  }),
];
