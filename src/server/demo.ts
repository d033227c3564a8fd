// For `npm start` (the demo): an admin token of the default organisation, and the server.
import type { FastifyInstance } from 'fastify';
import { DEFAULT_ORGANISATION, openTokenStore } from '../store/index.js';
import { startServer } from './app.js';
import type { ServerOptions } from './options.js';

export interface DemoServer {
  app: FastifyInstance;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  /** An admin token of the default organisation, created for this run. */
  token: string;
  /** The dashboard, signed in: the token rides in the fragment, which browsers never send. */
  dashboardUrl: string;
}

export async function startDemoServer(opts: ServerOptions & { host?: string; port?: number; label?: string }): Promise<DemoServer> {
  const tokens = openTokenStore(opts.db);
  let token: string;
  try {
    token = (await tokens.createToken({ organisation: DEFAULT_ORGANISATION, role: 'admin', label: opts.label ?? `demo ${new Date().toISOString()}` })).token;
  } finally {
    await tokens.close();
  }
  const { app, url } = await startServer(opts);
  return { app, url, token, dashboardUrl: `${url}/#token=${token}` };
}
