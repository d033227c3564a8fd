// The overview's cards (issue 18): the report's counts, findings by status, notes and kill-switch
// lines, without the report. The dashboard's overview read the whole report for them: 164 MB of
// JSON at 100k devices. This answer is cut from the same report model in the analysis worker
// (src/report/overview.ts), so its numbers are the report's; its size does not grow with the network.
import type { z } from 'zod';
import { RawJson } from '../http.js';
import { route, type JsonSchema, type RouteSpec } from '../route-spec.js';
import { ReportQuery, SnapshotParams } from '../schemas.js';
import { analyse, QUEUE_ERRORS, reportParams, resolveQueryVendors } from './analyses.js';

/** The report's query but `since`: what changed since another snapshot is on no card. */
export const OverviewQuery = ReportQuery.omit({ since: true });

const int: JsonSchema = { type: 'integer' };
const str: JsonSchema = { type: 'string' };
const nullableInt: JsonSchema = { type: ['integer', 'null'] };
const nullableNum: JsonSchema = { type: ['number', 'null'] };
const obj = (properties: Record<string, JsonSchema>, extra: JsonSchema = {}): JsonSchema => ({ type: 'object', properties, required: Object.keys(properties), ...extra });
const list = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

const SUMMARY_COUNTS = ['devices', 'attributed', 'untrustedDevices', 'sites', 'links', 'flows', 'sensitiveFlows', 'sensitiveExposedAll', 'sensitiveExposedSome', 'exposedWithCleanPath', 'exposedWithoutCleanPath', 'findings'] as const;

/** The answer's JSON schema (the OpenAPI document's), field for field ReportOverview. */
export const REPORT_OVERVIEW_SCHEMA: JsonSchema = obj(
  {
    source: obj({ snapshot: str, snapshotCreatedAt: str, label: str }),
    asOf: str,
    untrusted: { ...list(str), description: 'the untrusted vendors as read (catalog names resolved to slugs)' },
    summary: obj({
      ...Object.fromEntries(SUMMARY_COUNTS.map((k) => [k, int])),
      findingsByStatus: { type: 'object', additionalProperties: int, description: 'finding status → findings' },
      planDevices: { ...nullableInt, description: 'null: no plan computed (the notes say why)' },
      planCost: nullableNum,
    }),
    nothingToAnalyse: { type: ['string', 'null'], description: 'why the flow analyses have nothing to say, else null: exposure zeros beside it are no all-clear' },
    notes: list(str),
    moreNotes: { ...int, description: 'notes beyond the first 20, not sent' },
    killSwitches: list(obj({ vendors: list(str), removedDevices: int, sensitiveFlowsCut: int, sitesCutOff: int, mainNetworkBefore: int, mainNetworkAfter: int })),
  },
  { description: "what the dashboard's overview cards show of the report, the report's numbers; bounded whatever the network's size" },
);

export const OVERVIEW_ROUTES: RouteSpec[] = [
  route<z.infer<typeof SnapshotParams>, z.infer<typeof OverviewQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/overview',
    operationId: 'getReportOverview',
    tag: 'analyses',
    summary: "The report's counts for the overview's cards: untrusted devices, exposure, findings by status, plan, notes, kill-switch lines",
    description: "The report's parameters (but since), the report's numbers: cut from the same report model, without its lists of sites, devices, findings and flows. Computed once per (snapshot, parameters) and cached.",
    access: 'viewer',
    params: SnapshotParams,
    query: OverviewQuery,
    notFound: true,
    errors: QUEUE_ERRORS,
    response: { description: 'the overview', schema: REPORT_OVERVIEW_SCHEMA },
    handle: async (input) => {
      const { ctx, auth, params, query } = input;
      const untrusted = await resolveQueryVendors(ctx, auth, params.snapshot, query.untrusted, 'untrusted');
      const result = await analyse(input, params.snapshot, 'overview', reportParams({ ...query, untrusted }, undefined));
      return new RawJson(result.bytes);
    },
  }),
];
