// Who is asking, how often, and may they. One hook on every request, in this order: find the
// bearer's token (by its SHA-256, see store/tokens.ts); count the request against the token's
// rate limit (or the client address's, without a valid token, so guessing is throttled too);
// answer 401 to an /api/ request without a valid token, unless the route is public. The role
// check runs per route, still before any request body is read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { roleRank, type Role, type TokenInfo } from '../store/index.js';
import type { ServerContext } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller's live token; undefined without a valid one. */
    auth: TokenInfo | undefined;
  }
  interface FastifyContextConfig {
    /** Least role the route needs; 'public' routes need no token at all. */
    access?: 'public' | Role;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

function deny(reply: FastifyReply, status: 401 | 403, error: string): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="cleanpath"');
  return reply.code(status).send({ error });
}

export async function registerAuth(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.decorateRequest('auth', undefined);
  const limit = ctx.opts.rateLimit;
  let check: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  if (limit) {
    await app.register(rateLimit, {
      global: false,
      max: limit.max,
      timeWindow: limit.timeWindow,
      keyGenerator: (req) => (req.auth ? `token:${req.auth.id}` : `addr:${req.ip}`),
    });
    check = app.createRateLimit();
  }

  app.addHook('onRequest', async (request, reply) => {
    const token = bearer(request);
    request.auth = token === undefined ? undefined : await ctx.tokens.authenticate(token);

    const r = check && (await check(request));
    if (r && !r.isAllowed) {
      reply.header('x-ratelimit-limit', r.max);
      reply.header('x-ratelimit-remaining', r.remaining);
      if (r.isExceeded) {
        reply.header('retry-after', r.ttlInSeconds);
        return reply.code(429).send({ error: `rate limit exceeded: at most ${r.max} requests per ${Math.round(r.timeWindow / 1000)} s; retry in ${r.ttlInSeconds} s` });
      }
    }

    // Matched routes are judged by their pattern (the router decodes %-escapes before matching);
    // an unmatched path under /api/ needs a token too, so that a 404 reveals nothing to strangers.
    const pattern = request.routeOptions.url;
    const access = request.routeOptions.config?.access;
    const underApi = pattern?.startsWith('/api/') || rawPath(request.url).startsWith('/api/');
    if (!underApi || access === 'public') return;
    if (!request.auth) return deny(reply, 401, token === undefined ? 'missing bearer token: send "Authorization: Bearer <token>"' : 'unknown or revoked token');
    if (access !== undefined && roleRank(request.auth.role) < roleRank(access)) {
      return deny(reply, 403, `this needs the ${access} role; the token has ${request.auth.role}`);
    }
  });
}

/** The path of a request URL, %-escapes decoded (undecodable ones kept), without the query. */
function rawPath(url: string): string {
  const path = url.split('?', 1)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
