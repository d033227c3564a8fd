// One declaration per API route: method, path, access, zod schemas of its parameters and body,
// its answer, and its handler. The server registers routes from these declarations and the
// OpenAPI document is generated from the very same list, so the two cannot drift apart.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Role, TokenInfo } from '../store/index.js';
import type { ServerContext } from './context.js';
import { HttpError, RawJson } from './http.js';

export type JsonSchema = Record<string, unknown>;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The caller's token (undefined on public routes only). */
  auth: TokenInfo | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
  ctx: ServerContext;
}

export type RouteBody<B> = { kind: 'json'; schema: z.ZodType<B> } | { kind: 'file'; description: string };

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: 'GET' | 'POST' | 'DELETE';
  /** In OpenAPI form: /api/snapshots/{snapshot}. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: 'public' | Role;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: RouteBody<B>;
  /** Success status (default 200); 204 sends no body. */
  status?: number;
  /** The success answer's description and JSON schema (a $ref into the components, usually). */
  response: { description: string; schema?: JsonSchema };
  /** Whether the route can answer 404 (it names an object in its path). */
  notFound?: boolean;
  /** Answers besides the ones every route may give, by status, each with what it means here (e.g. 503 store busy). */
  errors?: Partial<Record<number, string>>;
  handle(input: RouteInput<P, Q, B>): Promise<unknown> | unknown;
}

/** Declares a route, keeping its parameter types for the handler. */
export function route<P = unknown, Q = unknown, B = unknown>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** `/api/snapshots/{snapshot}` → `/api/snapshots/:snapshot` */
export function fastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ':$1');
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  // The parameter's own name: a comma list's item index means nothing to the caller.
  const name = issue.path.length ? `${where} "${String(issue.path[0])}"` : where;
  throw new HttpError(400, `${name}: ${issue.message}`);
}

/** Registers the declared routes on `app` (the body parsers are the caller's concern). */
export function registerRoutes(app: FastifyInstance, ctx: ServerContext, specs: readonly RouteSpec[], extra: (spec: RouteSpec) => Record<string, unknown> = () => ({})): void {
  for (const spec of specs) {
    app.route({
      method: spec.method,
      url: fastifyPath(spec.path),
      config: { access: spec.access },
      ...extra(spec),
      handler: async (request, reply) => {
        const params = parse(spec.params, request.params, 'path parameter');
        const query = parse(spec.query, request.query, 'query parameter');
        const body = spec.body?.kind === 'json' ? parse(spec.body.schema, request.body, 'body field') : request.body;
        const result = await spec.handle({ params, query, body, auth: request.auth, request, reply, ctx });
        if (reply.sent) return reply;
        reply.code(spec.status ?? 200);
        if (spec.status === 204) return reply.send();
        if (result instanceof RawJson) return reply.type('application/json; charset=utf-8').send(result.text);
        return reply.send(result);
      },
    });
  }
}
