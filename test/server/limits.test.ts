// Request size and rate limits, and the dashboard's files with their fallback, on real servers.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.js';
import { buildFixture, json, removeFixture, serve, type Fixture } from './helpers.js';

let f: Fixture;
before(async () => {
  f = await buildFixture('cleanpath-server-limits-');
});
after(() => {
  if (f) removeFixture(f);
});

async function alphaSnapshots(): Promise<number> {
  const store = openStore(f.db, { readonly: true });
  try {
    return (await store.listSnapshots('alpha')).length;
  } finally {
    await store.close();
  }
}

describe('body limit', () => {
  it('answers 413 to an upload over the limit, declared or streamed, and stores nothing', async () => {
    const s = await serve(f, { bodyLimit: 4096, rateLimit: false });
    try {
      const before = await alphaSnapshots();
      const row = 'dev-000000,name,huawei\n';
      const big = 'id,name,vendor\n' + row.repeat(Math.ceil(8192 / row.length));
      const declared = await s.get('/api/imports?snapshot=big', f.tokens.alphaAnalyst, { method: 'POST', body: big });
      assert.equal(declared.status, 413);
      assert.match((await json<{ error: string }>(declared)).error, /at most 4096 bytes/);

      // chunked, no Content-Length: counted while it streams to disk
      const chunks = [Buffer.from('id,name,vendor\n'), ...Array.from({ length: 40 }, () => Buffer.from(row.repeat(10)))];
      const stream = new ReadableStream<Uint8Array>({
        pull(c) {
          const next = chunks.shift();
          if (next) c.enqueue(next);
          else c.close();
        },
      });
      let status: number | undefined;
      try {
        const r = await s.get('/api/imports?snapshot=big2', f.tokens.alphaAnalyst, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
        status = r.status;
      } catch {
        // the server may close the connection while the client still sends: also a refusal
        status = undefined;
      }
      assert.ok(status === 413 || status === undefined, `413 or a closed connection, got ${status}`);
      assert.equal(await alphaSnapshots(), before);
      const uploads = join(f.db + '.uploads', 'alpha');
      assert.ok(!existsSync(uploads) || readdirSync(uploads).length === 0, 'no partial upload left behind');

      const small = await s.get('/api/imports?snapshot=small', f.tokens.alphaAnalyst, { method: 'POST', body: 'id,vendor\nok,cisco\n' });
      assert.equal(small.status, 201, 'an upload within the limit passes');
      const json413 = await s.get('/api/tokens', f.tokens.alphaAdmin, { method: 'POST', body: JSON.stringify({ label: 'x'.repeat(100_000), role: 'viewer' }), headers: { 'content-type': 'application/json' } });
      assert.equal(json413.status, 413, 'JSON bodies have their own, small limit');
    } finally {
      await s.close();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After past the limit, per token', async () => {
    const s = await serve(f, { rateLimit: { max: 5, timeWindow: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await s.get('/api/snapshots', f.tokens.alphaViewer)).status);
      assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429]);
      const r = await s.get('/api/snapshots', f.tokens.alphaViewer);
      assert.equal(r.status, 429);
      assert.ok(Number(r.headers.get('retry-after')) > 0);
      assert.match((await json<{ error: string }>(r)).error, /rate limit/);
      assert.ok(r.headers.get('content-security-policy'), 'security headers on a 429 too');
      assert.equal((await s.get('/api/snapshots', f.tokens.betaViewer)).status, 200, "another token's budget is its own");
      // requests without a valid token share their address's budget: guessing is throttled too
      const guesses: number[] = [];
      for (let i = 0; i < 7; i++) guesses.push((await s.get('/api/snapshots', 'cp_' + String(i).repeat(43))).status);
      assert.deepEqual(guesses, [401, 401, 401, 401, 401, 429, 429]);
    } finally {
      await s.close();
    }
  });
});

describe('dashboard files', () => {
  it('serves the web build at /, falls back to index.html for its routes, never for /api/', async () => {
    const web = join(f.dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>cleanpath</title><div id="root"></div><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log("cleanpath");');
    writeFileSync(join(web, '.secret'), 'hidden');
    const s = await serve(f, { webDir: web, rateLimit: false });
    try {
      const root = await s.get('/');
      assert.equal(root.status, 200);
      assert.match(await root.text(), /<div id="root">/);
      assert.equal(root.headers.get('x-frame-options'), 'DENY');
      assert.match(root.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
      const asset = await s.get('/assets/app.js');
      assert.equal(asset.status, 200);
      assert.match(asset.headers.get('content-type') ?? '', /javascript/);
      const route = await s.get('/findings/overdue');
      assert.equal(route.status, 200);
      assert.match(await route.text(), /<div id="root">/);
      assert.equal((await s.get('/assets/missing.js')).status, 404);
      assert.equal((await s.get('/.secret')).status, 404);
      const api = await s.get('/api/nothing', f.tokens.alphaViewer);
      assert.equal(api.status, 404);
      assert.match(api.headers.get('content-type') ?? '', /json/);
      assert.equal((await s.get('/api/nothing')).status, 401);
    } finally {
      await s.close();
    }
  });
});
