// `cleanpath serve`: the HTTP API (issue 7, point 3) and the dashboard's static files, in one
// Fastify instance over one store.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerAuth } from './auth.js';
import { openContext, type ServerContext } from './context.js';
import { clientError, errorHandler, frameworkError } from './errors.js';
import { useCatalogFile } from '../analyses/catalog-source.js';
import { openApiDocument } from './openapi.js';
import { resolveOptions, type ServerOptions } from './options.js';
import { registerRoutes, type RouteSpec } from './route-spec.js';
import { ANALYSIS_ROUTES } from './routes/analyses.js';
import { IMPORT_ROUTES, registerImportRoutes } from './routes/imports.js';
import { metaRoutes } from './routes/meta.js';
import { DEVICE_ROUTES } from './routes/devices.js';
import { ATTESTATION_ROUTES } from './routes/attestations.js';
import { FLOW_PATH_ROUTES } from './routes/flow-paths.js';
import { PATH_ROUTES } from './routes/paths.js';
import { SNAPSHOT_ROUTES } from './routes/snapshots.js';
import { SUMMARY_ROUTES } from './routes/summary.js';
import { TOKEN_ROUTES } from './routes/tokens.js';
import { applySecurityHeaders } from './security.js';

export const API_VERSION = '0.1.0';

declare module 'fastify' {
  interface FastifyInstance {
    /** The store connections and analysis runner behind the routes. */
    cleanpath: ServerContext;
    /** Every route registered (method, URL pattern): what the OpenAPI document must list. */
    registeredRoutes: Array<{ method: string; url: string }>;
  }
}

/**
 * Builds the server (not yet listening): opens the store at `opts.db` (created and migrated
 * when needed), registers every route, and closes the store and workers when the server closes.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const opts = resolveOptions(options);
  // before the analysis workers start: they inherit the catalog choice (analyses/catalog-source.ts)
  if (opts.catalog) useCatalogFile(opts.catalog);
  const ctx = openContext(opts);
  const app = Fastify({
    logger: opts.logger,
    bodyLimit: opts.jsonBodyLimit,
    // Behind no proxy by default: the client address is the socket's.
    trustProxy: false,
    // Route ids and file names are short; a very long URL is an attack or a bug.
    routerOptions: { maxParamLength: 1000 },
    return503OnClosing: true,
    // Answers Fastify and Node's parser give before any hook runs: headers set, input not echoed.
    frameworkErrors: frameworkError,
    clientErrorHandler: clientError,
  });
  app.decorate('cleanpath', ctx);
  const routes: Array<{ method: string; url: string }> = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) routes.push({ method, url: r.url });
  });
  app.addHook('onClose', async () => {
    await ctx.close();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    applySecurityHeaders(request, reply);
    return payload;
  });

  app.setErrorHandler(errorHandler(opts));

  await registerAuth(app, ctx);

  const specs: RouteSpec[] = [];
  let document: unknown;
  specs.push(...metaRoutes(() => (document ??= openApiDocument(specs, API_VERSION))), ...SNAPSHOT_ROUTES, ...SUMMARY_ROUTES, ...DEVICE_ROUTES, ...ANALYSIS_ROUTES, ...FLOW_PATH_ROUTES, ...ATTESTATION_ROUTES, ...PATH_ROUTES, ...TOKEN_ROUTES);
  registerRoutes(app, ctx, specs);
  await registerImportRoutes(app, ctx);
  specs.push(...IMPORT_ROUTES);

  const web = opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? opts.webDir : undefined;
  if (web) {
    await app.register(fastifyStatic, {
      root: web,
      prefix: '/',
      wildcard: true,
      dotfiles: 'ignore',
      index: ['index.html'],
      // /api/ is never a file, even if the build had such a folder.
      allowedPath: (pathName) => !pathName.startsWith('/api/') && pathName !== '/api',
    });
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0]!;
    const isApi = path === '/api' || path.startsWith('/api/');
    // The dashboard is a single-page app: its own paths (/findings, /devices/x) load index.html;
    // a missing asset (a path whose last segment has a dot) stays a 404.
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (web && !isApi && (request.method === 'GET' || request.method === 'HEAD') && !last.includes('.')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    // The path is not repeated: an answer never echoes what the client sent.
    return reply.code(404).send({ error: isApi ? 'no such route' : 'not found' });
  });

  return app;
}

/** Builds the server and listens; resolves with the server and its base URL. */
export async function startServer(options: ServerOptions & { host?: string; port?: number }): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildServer(options);
  try {
    await app.listen({ host: options.host ?? '127.0.0.1', port: options.port ?? 8080 });
  } catch (e) {
    await app.close();
    throw e;
  }
  const addr = app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('the server has no TCP address');
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return { app, url: `http://${host}:${addr.port}` };
}
