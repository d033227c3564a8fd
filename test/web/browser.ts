// What the dashboard's browser tests share: Debian's chromium driven by playwright-core, the
// dashboard built from web/ into a temporary directory (so the tests see the current sources,
// not a stale dist/web), and the real server over a store with an admin token.
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { startServer } from '../../src/server/index.js';
import { DEFAULT_ORGANISATION, importFiles, openStore, openTokenStore } from '../../src/store/index.js';
import { contentDigest } from '../support/content-digest.js';
import { peer, type PeerOptions } from '../support/peer.js';

export const CHROMIUM = '/usr/bin/chromium';
export const REPO = join(import.meta.dirname, '..', '..');

/** The options of every browser suite: skipped with the reason without chromium, failed under CI. */
export const NEEDS_CHROMIUM: PeerOptions = peer('chromium', existsSync(CHROMIUM) || `${CHROMIUM} is not installed`);

export function launchChromium(): Promise<Browser> {
  // playwright gives every launch a fresh temporary user-data-dir and removes it on close
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 60_000,
  });
}

/**
 * Bundles web/ into `outDir` with the project's Vite config. A build takes 10–20 s and a dozen
 * files need one, so it is made once per content of what it bundles (web/, src/ which web/
 * imports, the lockfile) into the temporary directory and copied from there.
 */
export async function buildDashboard(outDir: string): Promise<void> {
  const cached = join(tmpdir(), `cleanpath-web-${bundleInputsDigest()}`);
  if (!existsSync(join(cached, 'index.html'))) {
    const staging = mkdtempSync(join(tmpdir(), 'cleanpath-web-build-'));
    const { build } = await import('vite');
    await build({ configFile: join(REPO, 'web', 'vite.config.ts'), logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    try {
      renameSync(staging, cached);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another test file built the same meanwhile
    }
  }
  cpSync(cached, outDir, { recursive: true });
}

function bundleInputsDigest(): string {
  return contentDigest([join(REPO, 'web', 'src'), join(REPO, 'src'), ...['web/index.html', 'web/vite.config.ts', 'web/tsconfig.json', 'package-lock.json'].map((f) => join(REPO, f))]);
}

export async function importInto(db: string, files: string[], snapshot: string): Promise<void> {
  const store = openStore(db);
  try {
    await importFiles(store, files, { snapshot });
  } finally {
    await store.close();
  }
}

export async function adminToken(db: string): Promise<string> {
  const tokens = openTokenStore(db);
  try {
    return (await tokens.createToken({ organisation: DEFAULT_ORGANISATION, role: 'admin', label: 'browser test' })).token;
  } finally {
    await tokens.close();
  }
}

export interface Served {
  app: FastifyInstance;
  url: string;
  token: string;
  /** GET an API path with the token, parsed. */
  api<T>(path: string): Promise<T>;
}

export async function serve(db: string, webDir: string): Promise<Served> {
  const token = await adminToken(db);
  const { app, url } = await startServer({ db, webDir, host: '127.0.0.1', port: 0, rateLimit: false, planTimeLimit: 20 });
  return {
    app,
    url,
    token,
    async api<T>(path: string): Promise<T> {
      const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
  };
}

/** A browser suite's world: its store served with the dashboard, and a Chromium to look at it. */
export interface Dashboard extends Served {
  /** The suite's temporary directory: the store, the dashboard bundle, anything the suite writes. */
  dir: string;
  db: string;
  browser: Browser;
  /** Closes the browser and the server and removes the directory. */
  close(): Promise<void>;
}

/**
 * The setup every browser suite shares: a fresh directory (named from `prefix`), the store that
 * `seed` makes in it (it returns the store's path), the dashboard bundle beside it, the real server
 * over both with an admin token, and Chromium. The store, the bundle and Chromium are made
 * concurrently. One per file (or per describe that needs a store of its own); close it in after().
 */
export async function openDashboard(prefix: string, seed: (dir: string) => Promise<string>): Promise<Dashboard> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const launching = launchChromium();
  launching.catch(() => undefined); // a failed launch is thrown below, not an unhandled rejection meanwhile
  let server: Served | undefined;
  try {
    const [db] = await Promise.all([seed(dir), buildDashboard(join(dir, 'web'))]);
    server = await serve(db, join(dir, 'web'));
    const browser = await launching;
    return {
      ...server,
      dir,
      db,
      browser,
      async close() {
        await browser.close();
        await server!.app.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await launching.then((b) => b.close(), () => undefined);
    await server?.app.close();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** Everything that went wrong in the page: uncaught errors, console errors, dialogs. */
export interface PageTrouble {
  errors: string[];
  dialogs: string[];
}

export function watch(page: Page): PageTrouble {
  const t: PageTrouble = { errors: [], dialogs: [] };
  page.on('pageerror', (e) => t.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') t.errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    t.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return t;
}
