// A real server on 127.0.0.1 (port 0) over a real SQLite store built by importing real files:
// the demo scenario into organisation "alpha", a small inventory into "beta".
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { writeDemoScenario } from '../../src/demo/index.js';
import { startServer, type ServerOptions } from '../../src/server/index.js';
import { importFiles, openStore, openTokenStore, type Role } from '../../src/store/index.js';

export interface Fixture {
  dir: string;
  db: string;
  /** Tokens by name: alphaViewer, alphaAnalyst, alphaAdmin, betaViewer, betaAnalyst, betaAdmin. */
  tokens: Record<string, string>;
  tokenIds: Record<string, number>;
  demoFiles: string[];
}

export const BETA_INVENTORY = 'id,name,vendor,country,layer\nb-core-1,Beta core,nokia,FI,core\nb-ran-1,Beta RAN,huawei,FI,ran\n';

/** Builds the store once: organisations alpha and beta with tokens of every role, and their snapshots. */
export async function buildFixture(prefix = 'cleanpath-server-'): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'store.db');
  const tokens: Record<string, string> = {};
  const tokenIds: Record<string, number> = {};
  const ts = openTokenStore(db);
  try {
    for (const org of ['alpha', 'beta']) {
      for (const role of ['viewer', 'analyst', 'admin'] as Role[]) {
        const t = await ts.createToken({ organisation: org, role, label: `${org} ${role}` });
        const key = `${org}${role[0]!.toUpperCase()}${role.slice(1)}`;
        tokens[key] = t.token;
        tokenIds[key] = t.id;
      }
    }
  } finally {
    await ts.close();
  }
  const { files } = writeDemoScenario(join(dir, 'demo'));
  mkdirSync(join(dir, 'beta'));
  const beta = join(dir, 'beta', 'inventory.csv');
  writeFileSync(beta, BETA_INVENTORY);
  const store = openStore(db);
  try {
    await importFiles(store, files, { snapshot: 'demo', organisation: 'alpha' });
    await importFiles(store, [beta], { snapshot: 'beta-q1', organisation: 'beta' });
  } finally {
    await store.close();
  }
  return { dir, db, tokens, tokenIds, demoFiles: files };
}

export interface Running {
  app: FastifyInstance;
  url: string;
  get(path: string, token?: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function serve(fixture: Fixture, opts: Partial<ServerOptions> = {}): Promise<Running> {
  const { app, url } = await startServer({ db: fixture.db, host: '127.0.0.1', port: 0, webDir: false, ...opts });
  return {
    app,
    url,
    get: (path, token, init = {}) =>
      fetch(url + path, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string> | undefined) } }),
    close: () => app.close(),
  };
}

export function removeFixture(f: Fixture): void {
  rmSync(f.dir, { recursive: true, force: true });
}

export async function json<T = unknown>(r: Response): Promise<T> {
  return (await r.json()) as T;
}
