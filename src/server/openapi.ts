// The OpenAPI 3.1 document, generated from the route declarations and their zod schemas (JSON
// Schema 2020-12, which OpenAPI 3.1 uses as is).
import { z } from 'zod';
import { roleRank } from '../store/index.js';
import type { JsonSchema, RouteSpec } from './route-spec.js';
import { COMPONENT_SCHEMAS, schemaRef } from './schemas.js';

const ERRORS: Record<number, string> = {
  400: 'bad parameter or body',
  401: 'missing, unknown or revoked token',
  403: "the token's role is too low",
  404: "unknown, or another organisation's",
  413: 'request body too large',
  429: 'rate limit exceeded (see Retry-After)',
};

function inputSchema(schema: z.ZodType): JsonSchema {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete s.$schema;
  return s;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const s = inputSchema(schema);
  const props = (s.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, p]) => {
    const { description, ...rest } = p;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description !== undefined && { description }),
      schema: rest,
    };
  });
}

function errorResponse(status: number): JsonSchema {
  return { description: ERRORS[status], content: { 'application/json': { schema: schemaRef('Error') } } };
}

function operation(spec: RouteSpec): JsonSchema {
  const status = spec.status ?? 200;
  const responses: Record<string, JsonSchema> = {
    [status]:
      status === 204 || !spec.response.schema
        ? { description: spec.response.description }
        : { description: spec.response.description, content: { 'application/json': { schema: spec.response.schema } } },
  };
  const errors: number[] = [];
  if (spec.params || spec.query || spec.body) errors.push(400);
  if (spec.access !== 'public') {
    errors.push(401);
    if (roleRank(spec.access) > roleRank('viewer')) errors.push(403);
  }
  if (spec.notFound) errors.push(404);
  if (spec.body) errors.push(413);
  errors.push(429);
  for (const e of errors) responses[e] = errorResponse(e);
  for (const [e, description] of Object.entries(spec.errors ?? {})) responses[e] = { ...errorResponse(Number(e)), description };

  const op: JsonSchema = {
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description !== undefined && { description: spec.description }),
    security: spec.access === 'public' ? [] : [{ bearer: [] }],
    'x-cleanpath-role': spec.access,
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
    responses,
  };
  if (spec.body?.kind === 'json') {
    op.requestBody = { required: true, content: { 'application/json': { schema: inputSchema(spec.body.schema) } } };
  } else if (spec.body?.kind === 'file') {
    op.requestBody = {
      required: true,
      description: spec.body.description,
      content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } }, '*/*': { schema: {} } },
    };
  }
  return op;
}

export function openApiDocument(specs: readonly RouteSpec[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of specs) (paths[spec.path] ??= {})[spec.method.toLowerCase()] = operation(spec);
  return {
    openapi: '3.1.0',
    info: {
      title: 'cleanpath API',
      version,
      description:
        "Snapshots, devices, findings, exposure, kill-switch, plan and imports of one organisation. Every route needs `Authorization: Bearer <token>` except /api/health and /api/openapi.json. Roles: viewer reads, analyst also imports, admin also manages the organisation's tokens. Another organisation's objects answer 404.",
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: ['meta', 'snapshots', 'devices', 'analyses', 'attestations', 'imports', 'tokens'].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API token: cp_ and 43 base64url characters (cleanpath token create)' } },
      schemas: COMPONENT_SCHEMAS,
    },
  };
}
