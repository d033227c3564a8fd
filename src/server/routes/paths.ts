// Measured paths (issue 8), as first served: GET /api/paths/exposure, the organisation's
// traceroutes over a window against the routers its snapshot identifies. The analysis is the
// registry's (src/analyses/paths-exposure.ts), generated as GET /api/snapshots/{snapshot}/paths-exposure;
// this route answers the same document through the same run, its snapshot an optional query
// parameter (an organisation with measurements and no snapshot yet is answered too).
import { z } from 'zod';
import { pathsExposure } from '../../analyses/paths-exposure.js';
import { snapshotOf } from '../context.js';
import { route, type RouteSpec } from '../route-spec.js';
import { schemaRef } from '../schemas.js';

export const PathsQuery = pathsExposure.params.extend({
  snapshot: z.string().min(1).max(200).optional().describe('snapshot whose devices identify hop addresses (default: the latest)'),
});
type PathsQueryT = z.infer<typeof PathsQuery>;

export const PATH_ROUTES: RouteSpec[] = [
  route<unknown, PathsQueryT>({
    method: 'GET',
    path: '/api/paths/exposure',
    operationId: 'getPathExposure',
    tag: 'paths',
    summary: pathsExposure.summary,
    description:
      "The organisation's measurements imported with `cleanpath paths import`, over a window; hops identified by the snapshot's devices. The same document as GET /api/snapshots/{snapshot}/paths-exposure, with the snapshot optional.",
    access: 'viewer',
    query: PathsQuery,
    notFound: true,
    response: { description: 'the path exposure document (src/analyses/paths-exposure.ts)', schema: schemaRef('PathsExposure') },
    handle: async ({ ctx, auth, query }) => {
      const { snapshot, ...params } = query;
      // A named snapshot must be the caller's: another organisation's answers 404 like any unknown name.
      if (snapshot !== undefined) await snapshotOf(ctx, auth, snapshot);
      const source = { db: ctx.opts.db, store: ctx.reads, organisation: auth!.organisation, ...(snapshot !== undefined && { snapshot }) };
      return pathsExposure.run(source, params, { paramName: (p) => `query parameter "${p}"` });
    },
  }),
];
