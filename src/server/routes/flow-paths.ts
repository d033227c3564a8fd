// A flow's paths at the flow's own URL: GET /api/snapshots/{snapshot}/flows/{id}/paths answers the
// registry's flow-paths document (src/analyses/flow-paths.ts) through the same cached run as the
// generated GET /api/snapshots/{snapshot}/flow-paths?flow=ID; here an unknown flow is a 404.
import { z } from 'zod';
import { flowPathsAnalysis, UNKNOWN_FLOW } from '../../analyses/flow-paths.js';
import { isInputError } from '../../model/index.js';
import { HttpError, RawJson } from '../http.js';
import { route, type RouteSpec } from '../route-spec.js';
import { schemaRef, SnapshotParams } from '../schemas.js';
import { analyse } from './analyses.js';

const FlowParams = SnapshotParams.extend({ id: z.string().min(1).max(1000).describe('flow id') });
const FlowPathsQuery = flowPathsAnalysis.params.omit({ flow: true });

export const FLOW_PATH_ROUTES: RouteSpec[] = [
  route<z.infer<typeof FlowParams>, z.infer<typeof FlowPathsQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/flows/{id}/paths',
    operationId: 'getFlowPaths',
    tag: 'analyses',
    summary: flowPathsAnalysis.summary,
    description:
      'The flow-paths document of the flow (the same run and cache as GET /api/snapshots/{snapshot}/flow-paths?flow=ID): every equal-cost shortest path up to limit, with the total count, each hop with its vendor, site and evidence, and the cheapest clean alternative.',
    access: 'viewer',
    params: FlowParams,
    query: FlowPathsQuery,
    notFound: true,
    errors: { 429: "the caller's organisation already has its bound of analyses queued or running (see Retry-After)", 503: 'the analysis exceeded its time or memory budget' },
    response: { description: 'the flow paths document (src/analyses/flow-paths.ts)', schema: schemaRef('FlowPaths') },
    handle: async (input) => {
      try {
        return new RawJson((await analyse(input, input.params.snapshot, 'flow-paths', { ...input.query, flow: input.params.id })).bytes);
      } catch (e) {
        // The flow is part of the URL: a flow the snapshot lacks is a resource not found.
        if (isInputError(e) && e.detail.startsWith(UNKNOWN_FLOW)) throw new HttpError(404, e.detail);
        throw e;
      }
    },
  }),
];
