// issue 7 point 3: the HTTP API over real HTTP on 127.0.0.1, over a store built by importing the
// demo scenario (organisation alpha) and a small inventory (organisation beta).
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Device } from '../../src/model/index.js';
import type { SnapshotInfo } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture();
  s = await serve(f, { rateLimit: { max: 100_000, timeWindow: 60_000 } });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

async function snapshotCount(org: string): Promise<number> {
  const store = openStore(f.db, { readonly: true });
  try {
    return (await store.listSnapshots(org)).length;
  } finally {
    await store.close();
  }
}

describe('authentication', () => {
  it('answers 401 without a token, with an error body and a Bearer challenge', async () => {
    // %-escaped paths reach the same routes, and need the same token
    for (const path of ['/api/snapshots', '/api/snapshots/demo/devices', '/api/whoami', '/api/tokens', '/api/no-such-route', '/%61pi/snapshots', '/api/%73napshots/demo']) {
      const r = await s.get(path);
      assert.equal(r.status, 401, path);
      assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer/);
      assert.match((await json<{ error: string }>(r)).error, /token/);
    }
    const post = await s.get('/api/imports?snapshot=x', undefined, { method: 'POST', body: 'id\na\n' });
    assert.equal(post.status, 401);
  });

  it('answers 401 to an unknown, a malformed and a differently-cased-scheme-but-wrong token', async () => {
    const unknown = 'cp_' + 'A'.repeat(43);
    for (const t of [unknown, 'not-a-token', f.tokens.alphaViewer!.slice(0, -1) + (f.tokens.alphaViewer!.endsWith('A') ? 'B' : 'A')]) {
      const r = await s.get('/api/snapshots', t);
      assert.equal(r.status, 401, t);
    }
    const basic = await fetch(`${s.url}/api/snapshots`, { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } });
    assert.equal(basic.status, 401);
  });

  it('serves the health check and the OpenAPI document without a token', async () => {
    assert.deepEqual(await json(await s.get('/api/health')), { status: 'ok' });
    const doc = await json<{ openapi: string }>(await s.get('/api/openapi.json'));
    assert.equal(doc.openapi, '3.1.0');
  });

  it('whoami names the organisation, role and token', async () => {
    const me = await json(await s.get('/api/whoami', f.tokens.betaAnalyst));
    assert.deepEqual(me, { organisation: 'beta', role: 'analyst', token: { id: f.tokenIds.betaAnalyst, label: 'beta analyst' } });
  });
});

describe('roles', () => {
  it('a viewer reads but cannot import (403, nothing stored, no upload kept)', async () => {
    const list = await s.get('/api/snapshots', f.tokens.alphaViewer);
    assert.equal(list.status, 200);
    const before = await snapshotCount('alpha');
    const r = await s.get('/api/imports?snapshot=by-viewer', f.tokens.alphaViewer, { method: 'POST', body: 'id,vendor\nv1,huawei\n' });
    assert.equal(r.status, 403);
    assert.match((await json<{ error: string }>(r)).error, /analyst/);
    assert.equal(await snapshotCount('alpha'), before);
    const uploads = join(f.db + '.uploads', 'alpha');
    assert.ok(!existsSync(uploads) || readdirSync(uploads).length === 0, 'the body was never read, let alone kept');
  });

  it('an analyst imports (201) and the snapshot is then listed and readable', async () => {
    const body = 'id,name,vendor,country,layer,mac\nx-1,Edge one,zte,DE,access,\nx-2,Edge two,,DE,access,00:E0:FC:12:34:56\n';
    const r = await s.get('/api/imports?snapshot=alpha-upload&filename=edge.csv', f.tokens.alphaAnalyst, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 201, await r.clone().text());
    const info = await json<SnapshotInfo>(r);
    assert.equal(info.name, 'alpha-upload');
    assert.equal(info.devices, 2);
    const names = (await json<SnapshotInfo[]>(await s.get('/api/snapshots', f.tokens.alphaViewer))).map((x) => x.name);
    assert.deepEqual(names, ['demo', 'alpha-upload']);
    const latest = await json<SnapshotInfo>(await s.get('/api/snapshots/latest', f.tokens.alphaViewer));
    assert.equal(latest.name, 'alpha-upload');
    const d = await json<Device>(await s.get('/api/snapshots/alpha-upload/devices/x-2', f.tokens.alphaViewer));
    // identified from its MAC (Huawei OUI), the evidence naming the uploaded file by its given name
    assert.equal(d.vendor, 'huawei');
    assert.ok(d.attribution.evidence.some((e) => e.kind === 'oui'));
    assert.match(d.source.file ?? '', /edge\.csv$/);
    assert.equal(d.source.line, 3);
  });

  it('a bad upload answers 400 with file:line and stores nothing', async () => {
    const before = await snapshotCount('alpha');
    const body = 'id,name,vendor\ndup,first,cisco\nok,second,nokia\ndup,again,huawei\n';
    const r = await s.get('/api/imports?snapshot=broken&filename=twice.csv', f.tokens.alphaAnalyst, { method: 'POST', body });
    assert.equal(r.status, 400);
    const { error } = await json<{ error: string }>(r);
    assert.match(error, /^twice\.csv:4: .*dup/);
    assert.ok(!error.includes(f.dir), 'no server path in the message');
    assert.equal(await snapshotCount('alpha'), before);
    assert.equal((await s.get('/api/snapshots/broken', f.tokens.alphaViewer)).status, 404);
    const kept = readdirSync(join(f.db + '.uploads', 'alpha')).flatMap((d) => readdirSync(join(f.db + '.uploads', 'alpha', d)));
    assert.ok(!kept.includes('twice.csv'), 'the failed upload is not kept');
  });

  it('an empty upload, an unknown format and a taken name are 400s', async () => {
    const empty = await s.get('/api/imports?snapshot=e', f.tokens.alphaAnalyst, { method: 'POST' });
    assert.equal(empty.status, 400);
    const binary = await s.get('/api/imports?snapshot=b&filename=x.bin', f.tokens.alphaAnalyst, { method: 'POST', body: Buffer.from([0, 1, 2, 3]) });
    assert.equal(binary.status, 400);
    assert.match((await json<{ error: string }>(binary)).error, /^x\.bin: unknown format/);
    const taken = await s.get('/api/imports?snapshot=demo', f.tokens.alphaAnalyst, { method: 'POST', body: 'id,vendor\nq,cisco\n' });
    assert.equal(taken.status, 400);
    assert.match((await json<{ error: string }>(taken)).error, /already exists/);
    const badFormat = await s.get('/api/imports?format=excel', f.tokens.alphaAnalyst, { method: 'POST', body: 'id\nq\n' });
    assert.equal(badFormat.status, 400);
  });

  it('only an admin manages tokens, and only its own organisation\'s', async () => {
    assert.equal((await s.get('/api/tokens', f.tokens.alphaAnalyst)).status, 403);
    const created = await s.get('/api/tokens', f.tokens.alphaAdmin, { method: 'POST', body: JSON.stringify({ label: 'robot', role: 'viewer' }), headers: { 'content-type': 'application/json' } });
    assert.equal(created.status, 201);
    const { id, token } = await json<{ id: number; token: string }>(created);
    assert.match(token, /^cp_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(await json(await s.get('/api/whoami', token)), { organisation: 'alpha', role: 'viewer', token: { id, label: 'robot' } });
    const list = await json<Array<Record<string, unknown>>>(await s.get('/api/tokens', f.tokens.alphaAdmin));
    assert.ok(list.every((t) => !('token' in t) && !('hash' in t)));
    assert.ok(list.some((t) => t.id === id && t.label === 'robot'));
    assert.ok(!list.some((t) => t.label === 'beta viewer'), "another organisation's tokens are not listed");
    // beta's admin cannot revoke alpha's token: 404, and it keeps working
    assert.equal((await s.get(`/api/tokens/${id}`, f.tokens.betaAdmin, { method: 'DELETE' })).status, 404);
    assert.equal((await s.get('/api/whoami', token)).status, 200);
    assert.equal((await s.get(`/api/tokens/${id}`, f.tokens.alphaAdmin, { method: 'DELETE' })).status, 204);
    assert.equal((await s.get('/api/whoami', token)).status, 401, 'a revoked token stops working at once');
    const bad = await s.get('/api/tokens', f.tokens.alphaAdmin, { method: 'POST', body: JSON.stringify({ label: 'x', role: 'root' }), headers: { 'content-type': 'application/json' } });
    assert.equal(bad.status, 400);
  });
});

describe('organisations', () => {
  it("another organisation's snapshot and device answer 404, exactly like missing ones", async () => {
    const alphaDevice = (await json<{ devices: Device[] }>(await s.get('/api/snapshots/demo/devices?limit=1', f.tokens.alphaViewer))).devices[0]!;
    assert.ok(alphaDevice);
    for (const path of [
      '/api/snapshots/demo',
      `/api/snapshots/demo/devices/${encodeURIComponent(alphaDevice.id)}`,
      '/api/snapshots/demo/devices',
      '/api/snapshots/demo/report',
      '/api/snapshots/demo/findings',
      '/api/snapshots/demo/exposure',
      '/api/snapshots/demo/killswitch',
      '/api/snapshots/demo/plan',
      '/api/snapshots/demo/topology',
    ]) {
      const r = await s.get(path, f.tokens.betaAdmin);
      assert.equal(r.status, 404, path);
      const missing = await s.get(path.replace('/demo', '/no-such-snapshot'), f.tokens.betaAdmin);
      assert.equal(missing.status, 404);
      assert.equal((await json<{ error: string }>(r)).error.replace('demo', 'X'), (await json<{ error: string }>(missing)).error.replace('no-such-snapshot', 'X'));
    }
    const betaNames = (await json<SnapshotInfo[]>(await s.get('/api/snapshots', f.tokens.betaViewer))).map((x) => x.name);
    assert.ok(!betaNames.includes('demo'));
    assert.ok(betaNames.includes('beta-q1'));
    const latest = await json<SnapshotInfo>(await s.get('/api/snapshots/latest', f.tokens.betaViewer));
    assert.equal(latest.devices, 2);
  });

  it('the same snapshot name in two organisations is two snapshots', async () => {
    const a = await s.get('/api/imports?snapshot=shared', f.tokens.alphaAnalyst, { method: 'POST', body: 'id,vendor\nonly-alpha,cisco\n' });
    const b = await s.get('/api/imports?snapshot=shared', f.tokens.betaAnalyst, { method: 'POST', body: 'id,vendor\nonly-beta,nokia\n' });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    const ad = await json<{ devices: Device[] }>(await s.get('/api/snapshots/shared/devices', f.tokens.alphaViewer));
    const bd = await json<{ devices: Device[] }>(await s.get('/api/snapshots/shared/devices', f.tokens.betaViewer));
    assert.deepEqual(ad.devices.map((d) => d.id), ['only-alpha']);
    assert.deepEqual(bd.devices.map((d) => d.id), ['only-beta']);
    // a base is looked up in the caller's organisation only
    const based = await s.get('/api/imports?snapshot=on-demo&base=demo', f.tokens.betaAnalyst, { method: 'POST', body: 'id\nz\n' });
    assert.equal(based.status, 400);
    assert.doesNotMatch((await json<{ error: string }>(based)).error, /alpha-upload/, "alpha's names are not listed to beta");
  });
});

describe('devices', () => {
  it('filters and pages as the store does', async () => {
    const store = openStore(f.db, { readonly: true });
    let expected: Device[];
    try {
      const snap = await store.resolveSnapshot('demo', 'alpha');
      expected = await store.devices(snap.id, { vendor: ['huawei', 'zte'], country: ['DE'] });
    } finally {
      await store.close();
    }
    assert.ok(expected.length > 10);
    const page1 = await json<{ total: number; devices: Device[] }>(await s.get('/api/snapshots/demo/devices?vendor=huawei,ZTE&country=de&limit=7', f.tokens.alphaViewer));
    const page2 = await json<{ total: number; devices: Device[] }>(await s.get('/api/snapshots/demo/devices?vendor=huawei,zte&country=DE&limit=7&offset=7', f.tokens.alphaViewer));
    assert.equal(page1.total, expected.length);
    assert.deepEqual([...page1.devices, ...page2.devices].map((d) => d.id), expected.slice(0, 14).map((d) => d.id));
    assert.deepEqual(page1.devices[0], expected[0], 'each device whole, with its evidence');
    for (const bad of ['limit=0', 'limit=5000', 'offset=-1', 'layer=kitchen', 'country=XX1', 'limit=abc']) {
      const r = await s.get(`/api/snapshots/demo/devices?${bad}`, f.tokens.alphaViewer);
      assert.equal(r.status, 400, bad);
      assert.match((await json<{ error: string }>(r)).error, /^query parameter/);
    }
  });
});

describe('headers', () => {
  it('sets the security headers on answers, errors and 404s, and no-store on the API', async () => {
    for (const [path, token, status] of [
      ['/api/snapshots', f.tokens.alphaViewer, 200],
      ['/api/snapshots', undefined, 401],
      ['/api/no-such-route', f.tokens.alphaViewer, 404],
      ['/api/openapi.json', undefined, 200],
      ['/nothing-here', undefined, 404],
    ] as const) {
      const r = await s.get(path, token);
      assert.equal(r.status, status, path);
      assert.equal(
        r.headers.get('content-security-policy'),
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      );
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.equal(r.headers.get('cross-origin-opener-policy'), 'same-origin');
      if (path.startsWith('/api/')) assert.equal(r.headers.get('cache-control'), 'no-store', path);
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    }
  });
});
