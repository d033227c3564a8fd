// Measured paths (issue 8): which of the organisation's traceroutes cross untrusted vendors,
// ASes or countries, over a time window, against the routers its snapshot identifies. The same
// run as `cleanpath paths exposure`; only the caller's organisation's measurements are read.
import { z } from 'zod';
import { analysePathExposure, type PathExposureDocument } from '../../paths/run.js';
import { lastDays } from '../../paths/store.js';
import type { MeasurementWindow, Store } from '../../store/index.js';
import { snapshotOf } from '../context.js';
import { route, type RouteSpec } from '../route-spec.js';
import { isoDate, vendorList } from '../schemas.js';

const MAX_LIST = 50;

function list<T>(item: z.ZodType<T, string>, description: string) {
  return z
    .string()
    .max(2000)
    .describe(`${description}; comma separated`)
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(item).max(MAX_LIST));
}

const asn = z
  .string()
  .regex(/^(AS)?\d{1,10}$/i, 'expected AS numbers such as 4134 or AS4837')
  .transform((s) => Number(s.replace(/^AS/i, '')));

export const PathsQuery = z.object({
  snapshot: z.string().min(1).max(200).optional().describe('snapshot whose devices identify hop addresses (default: the latest)'),
  untrusted: vendorList('untrusted vendors (default huawei,zte when no avoid* is given)').optional(),
  avoidAs: list(asn, 'ASes whose hops count as untrusted, e.g. 4134,4837,9808,58453').optional(),
  avoidCountry: list(
    z.string().regex(/^[A-Za-z]{2}$/, 'expected ISO 3166 alpha-2 country codes').transform((s) => s.toUpperCase()),
    'countries whose hops count as untrusted (ISO 3166 alpha-2)',
  ).optional(),
  avoidOperator: list(z.string().min(1).max(200), 'operators whose routers count as untrusted').optional(),
  site: list(z.string().min(1).max(200), 'only paths measured from these sites').optional(),
  since: isoDate.optional().describe('window start, inclusive (YYYY-MM-DD)'),
  until: isoDate.optional().describe('window end, exclusive (YYYY-MM-DD)'),
  days: z.coerce.number().int().min(1).max(3660).optional().describe('window of the last N days, up to `until` or the newest measurement'),
  examples: z.coerce.number().int().min(0).max(200).default(20).describe('exposed measurements shown hop by hop'),
});
type PathsQueryT = z.infer<typeof PathsQuery>;

const seconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/** `store`: the server's read-only store (SQLite or PostgreSQL), left open. */
export async function pathExposure(store: Store, organisation: string, q: PathsQueryT): Promise<PathExposureDocument> {
  let window: MeasurementWindow = { organisation };
  if (q.since) window.since = seconds(q.since);
  if (q.until) window.until = seconds(q.until);
  if (q.site?.length) window.sites = q.site;
  if (q.days !== undefined) window = await lastDays(store, window, q.days);
  return analysePathExposure({
    store,
    organisation,
    window,
    examples: q.examples,
    ...(q.snapshot !== undefined ? { snapshot: q.snapshot } : {}),
    ...(q.untrusted ? { untrusted: q.untrusted } : {}),
    ...(q.avoidAs ? { avoidAs: q.avoidAs } : {}),
    ...(q.avoidCountry ? { avoidCountry: q.avoidCountry } : {}),
    ...(q.avoidOperator ? { avoidOperator: q.avoidOperator } : {}),
  });
}

export const PATH_ROUTES: RouteSpec[] = [
  route<unknown, PathsQueryT>({
    method: 'GET',
    path: '/api/paths/exposure',
    operationId: 'getPathExposure',
    tag: 'paths',
    summary: 'Measured paths (traceroutes) crossing untrusted vendors, ASes or countries: per site, destination, AS, country, vendor and router',
    description: 'The organisation\'s measurements imported with `cleanpath paths import`, over a window; hops identified by the snapshot\'s devices.',
    access: 'viewer',
    query: PathsQuery,
    notFound: true,
    response: {
      description: 'the path exposure document (src/paths/run.ts)',
      schema: {
        type: 'object',
        required: ['window', 'predicate', 'summary', 'bySite', 'byDestination', 'byAs', 'byCountry', 'byVendor', 'routerRows', 'examples', 'notes'],
        properties: {
          window: { type: 'object' },
          predicate: { type: 'object' },
          sources: { type: 'object' },
          routers: { type: 'object' },
          summary: { type: 'object' },
          bySite: { type: 'array', items: { type: 'object' } },
          byDestination: { type: 'array', items: { type: 'object' } },
          byAs: { type: 'array', items: { type: 'object' } },
          byCountry: { type: 'array', items: { type: 'object' } },
          byVendor: { type: 'array', items: { type: 'object' } },
          routerRows: { type: 'array', items: { type: 'object' } },
          examples: { type: 'array', items: { type: 'object' } },
          notes: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    handle: async ({ ctx, auth, query }) => {
      // A named snapshot must be the caller's: another organisation's answers 404 like any unknown name.
      if (query.snapshot !== undefined) await snapshotOf(ctx, auth, query.snapshot);
      const doc = await pathExposure(ctx.reads, auth!.organisation, query);
      // The store's path is the server's business, not the caller's.
      return { ...doc, sources: { ...doc.sources, measurements: 'store' } };
    },
  }),
];
