// The devices route as the devices view uses it (paged, sorted, filtered, with finding status),
// the device-links route and the analysis-tables route: checked against the store's own reads of
// the demo, bad parameters answered 400, another organisation's snapshot 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Device } from '../../src/model/index.js';
import type { Finding } from '../../src/policy/index.js';
import { openStore } from '../../src/store/index.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

interface Page {
  total: number;
  devices: Device[];
}

describe('GET /api/snapshots/{snapshot}/devices (devices view)', () => {
  let fixture: Fixture;
  let server: Running;
  let all: Device[];
  before(async () => {
    fixture = await buildFixture('cleanpath-server-devices-');
    server = await serve(fixture);
    const store = openStore(fixture.db, { readonly: true });
    try {
      all = await store.devices((await store.resolveSnapshot('demo', 'alpha')).id);
    } finally {
      await store.close();
    }
  });
  after(async () => {
    await server?.close();
    if (fixture) removeFixture(fixture);
  });
  const page = async (q: string, token = fixture.tokens.alphaViewer): Promise<Page> => {
    const r = await server.get(`/api/snapshots/demo/devices?${q}`, token);
    assert.equal(r.status, 200, await r.clone().text());
    return json<Page>(r);
  };

  test('pages in input order by default; the total counts every match; past the end is an empty page', async () => {
    const first = await page('limit=50');
    assert.equal(first.total, all.length);
    assert.deepEqual(first.devices.map((d) => d.id), all.slice(0, 50).map((d) => d.id));
    const last = await page(`limit=50&offset=${all.length - 3}`);
    assert.deepEqual(last.devices.map((d) => d.id), all.slice(-3).map((d) => d.id));
    const beyond = await page(`offset=${all.length + 10}`);
    assert.equal(beyond.total, all.length);
    assert.deepEqual(beyond.devices, []);
  });

  test('sorts by a column both ways, ties in input order, unknown values first ascending', async () => {
    const key = (d: Device) => d.name ?? '';
    const expected = [...all].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map((d) => d.id);
    assert.deepEqual((await page('sort=name&limit=1000')).devices.map((d) => d.id), expected.slice(0, 1000));
    const desc = (await page('sort=name&order=desc&limit=5')).devices.map((d) => d.name);
    assert.deepEqual(desc, [...desc].sort().reverse());
    assert.ok(desc[0]! >= key(all[0]!));
  });

  test('filters combine: vendor, country, layer, operator, free text', async () => {
    const huaweiDe = all.filter((d) => d.vendor === 'huawei' && d.country === 'DE');
    const r = await page('vendor=huawei&country=DE&limit=1000');
    assert.equal(r.total, huaweiDe.length);
    assert.ok(r.total > 0, 'the demo has Huawei devices in Germany');
    const op = all.find((d) => d.operator)!.operator!;
    assert.equal((await page(`operator=${encodeURIComponent(op)}`)).total, all.filter((d) => d.operator === op).length);
    const layer = all.find((d) => d.layer)!.layer!;
    assert.equal((await page(`layer=${layer}`)).total, all.filter((d) => d.layer === layer).length);
    const needle = all[7]!.id.slice(0, 6).toUpperCase();
    const hay = (d: Device) => [d.id, d.name, d.model, d.site, d.vendor, d.operator].some((v) => v?.toLowerCase().includes(needle.toLowerCase()));
    assert.equal((await page(`q=${encodeURIComponent(needle)}`)).total, all.filter(hay).length);
  });

  test('finding status comes from the findings analysis: overdue devices, and none', async () => {
    const r = await server.get('/api/snapshots/demo/findings?asOf=2027-06-30', fixture.tokens.alphaViewer);
    const findings = (await json<{ findings: Finding[] }>(r)).findings;
    const overdue = new Set(findings.filter((f) => f.status === 'overdue').flatMap((f) => [f.device, ...(f.group?.devices ?? [])]).filter((x): x is string => !!x));
    const any = new Set(findings.flatMap((f) => [f.device, ...(f.group?.devices ?? [])]).filter((x): x is string => !!x));
    assert.ok(overdue.size > 0, 'the demo has overdue findings by mid-2027');
    const got = await page('status=overdue&asOf=2027-06-30&limit=1000');
    assert.deepEqual(new Set(got.devices.map((d) => d.id)), overdue);
    const none = await page('status=none&asOf=2027-06-30&limit=1');
    assert.equal(none.total, all.filter((d) => !any.has(d.id)).length);
  });

  test('bad parameters answer 400 naming the parameter, never a stack trace', async () => {
    for (const [q, name] of [
      ['limit=0', 'limit'], ['limit=1001', 'limit'], ['offset=-1', 'offset'], ['sort=password', 'sort'], ['order=up', 'order'],
      ['status=broken', 'status'], ['vendor=nosuchvendorxyz', 'vendor'], ['asOf=2027-02-30&status=due', 'asOf'], [`q=${'x'.repeat(201)}`, 'q'],
    ] as const) {
      const r = await server.get(`/api/snapshots/demo/devices?${q}`, fixture.tokens.alphaViewer);
      assert.equal(r.status, 400, q);
      const body = await json<{ error: string }>(r);
      assert.match(body.error, new RegExp(`"${name}"`), q);
      assert.ok(!/\n\s+at /.test(body.error), 'no stack');
    }
  });

  test("another organisation's snapshot is not found; no token is 401", async () => {
    assert.equal((await server.get('/api/snapshots/demo/devices', fixture.tokens.betaViewer)).status, 404);
    assert.equal((await server.get('/api/snapshots/demo/devices?status=overdue', fixture.tokens.betaViewer)).status, 404);
    assert.equal((await server.get('/api/snapshots/demo/devices')).status, 401);
    const beta = await page('limit=10', fixture.tokens.betaViewer).catch(() => null);
    assert.equal(beta, null, 'beta has no snapshot "demo"');
    const own = await json<Page>(await server.get('/api/snapshots/beta-q1/devices', fixture.tokens.betaViewer));
    assert.deepEqual(own.devices.map((d) => d.id), ['b-core-1', 'b-ran-1']);
  });

  test("a device's links name its neighbours; another organisation's device is 404", async () => {
    const r = await server.get(`/api/snapshots/demo/devices/${encodeURIComponent(all[0]!.id)}/links`, fixture.tokens.alphaViewer);
    assert.equal(r.status, 200);
    const body = await json<{ links: Array<{ a: string; b: string; neighbour: { id: string; name: string | null } }> }>(r);
    assert.ok(body.links.length > 0);
    for (const l of body.links) {
      assert.ok(l.a === all[0]!.id || l.b === all[0]!.id);
      assert.equal(l.neighbour.name, all.find((d) => d.id === l.neighbour.id)?.name ?? null);
    }
    assert.equal((await server.get(`/api/snapshots/demo/devices/${encodeURIComponent(all[0]!.id)}/links`, fixture.tokens.betaViewer)).status, 404);
    assert.equal((await server.get('/api/snapshots/demo/devices/no-such-device/links', fixture.tokens.alphaViewer)).status, 404);
  });

  test('analysis tables: the registry rows, a bad parameter is 400, another organisation 404', async () => {
    const r = await server.get('/api/snapshots/demo/tables/screening?inventory=true', fixture.tokens.alphaViewer);
    assert.equal(r.status, 200);
    const body = await json<{ tables: Array<{ id: string; rows: Array<Record<string, unknown>> }>; nothingToAnalyse: string | null }>(r);
    assert.deepEqual(body.tables.map((t) => t.id), ['findings', 'names']);
    assert.ok(body.tables[0]!.rows.length > 0 && 'verdict' in body.tables[0]!.rows[0]!);
    const bad = await server.get('/api/snapshots/demo/tables/screening?inventory=true&threshold=7', fixture.tokens.alphaViewer);
    assert.equal(bad.status, 400);
    assert.match((await json<{ error: string }>(bad)).error, /"threshold"/);
    assert.equal((await server.get('/api/snapshots/demo/tables/nosuch', fixture.tokens.alphaViewer)).status, 400);
    assert.equal((await server.get('/api/snapshots/demo/tables/screening?inventory=true', fixture.tokens.betaViewer)).status, 404);
  });
});
