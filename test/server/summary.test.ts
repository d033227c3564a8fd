// The overview's light summary (issue 18): its counts equal the devices route's totals, its shares
// equal the report's, and another organisation's snapshot is not found.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

interface Share {
  key: string;
  total: number;
  vendors: Array<{ vendor: string; devices: number; percent: number }>;
}
interface Summary {
  snapshot: { name: string; devices: number; sites: number; links: number; flows: number };
  attributed: number;
  sites: number;
  shares: { byCountry: Share[]; byLayer: Share[] };
}

describe('GET /api/snapshots/{snapshot}/summary', () => {
  let fixture: Fixture;
  let server: Running;
  before(async () => {
    fixture = await buildFixture('cleanpath-server-summary-');
    server = await serve(fixture);
  });
  after(async () => {
    await server?.close();
    if (fixture) removeFixture(fixture);
  });
  const get = async <T>(path: string): Promise<T> => {
    const r = await server.get(path, fixture.tokens.alphaViewer);
    assert.equal(r.status, 200, await r.clone().text());
    return json<T>(r);
  };
  const total = async (q: string) => (await get<{ total: number }>(`/api/snapshots/demo/devices?limit=1&${q}`)).total;

  test("counts equal the devices route's totals, per country and vendor too", async () => {
    const s = await get<Summary>('/api/snapshots/demo/summary');
    assert.equal(s.snapshot.name, 'demo');
    assert.ok(s.snapshot.devices > 0);
    assert.equal(s.snapshot.devices, await total(''));
    assert.equal(s.shares.byCountry.reduce((a, x) => a + x.total, 0), s.snapshot.devices);
    assert.equal(s.shares.byLayer.reduce((a, x) => a + x.total, 0), s.snapshot.devices);
    for (const c of s.shares.byCountry.filter((x) => x.key !== 'unknown')) {
      assert.equal(c.total, await total(`country=${c.key}`), c.key);
      for (const v of c.vendors.filter((x) => x.vendor !== 'unknown')) assert.equal(v.devices, await total(`country=${c.key}&vendor=${v.vendor}`), `${c.key} ${v.vendor}`);
    }
    const unknownVendor = s.shares.byCountry.flatMap((c) => c.vendors).filter((v) => v.vendor === 'unknown').reduce((a, v) => a + v.devices, 0);
    assert.equal(s.attributed, s.snapshot.devices - unknownVendor);
  });

  test("shares and counts equal the report's", async () => {
    const s = await get<Summary>('/api/snapshots/demo/summary');
    const r = await get<{ summary: { devices: number; sites: number; links: number; flows: number; attributed: number }; shares: Summary['shares'] }>('/api/snapshots/demo/report');
    assert.deepEqual(s.shares, r.shares);
    assert.deepEqual([s.snapshot.devices, s.sites, s.snapshot.links, s.snapshot.flows, s.attributed], [r.summary.devices, r.summary.sites, r.summary.links, r.summary.flows, r.summary.attributed]);
  });

  test("another organisation's snapshot is not found; no token is 401", async () => {
    assert.equal((await server.get('/api/snapshots/demo/summary', fixture.tokens.betaViewer)).status, 404);
    assert.equal((await server.get('/api/snapshots/no-such/summary', fixture.tokens.alphaViewer)).status, 404);
    assert.equal((await server.get('/api/snapshots/demo/summary')).status, 401);
  });
});
