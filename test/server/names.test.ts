// Issue 14.1 over the API: a vendor, country or layer that names nothing is a 400 with the nearest
// name, never an answer computed over a filter that matches no device.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture('cleanpath-names-');
  s = await serve(f, { rateLimit: false });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

async function refused(path: string, message: RegExp): Promise<void> {
  const r = await s.get(path, f.tokens.alphaViewer);
  const body = await json<{ error: string }>(r);
  assert.equal(r.status, 400, `${path}: ${JSON.stringify(body)}`);
  assert.match(body.error, message, path);
}

describe('names in API parameters', () => {
  it('a misspelt vendor is a 400 naming it with the nearest slug, on every analysis', async () => {
    const huawei = /^query parameter "untrusted": unknown vendor 'hauwei'; did you mean huawei\? \(cleanpath vendors lists them\)$/;
    for (const kind of ['exposure', 'topology', 'report', 'plan']) await refused(`/api/snapshots/demo/${kind}?untrusted=hauwei`, huawei);
    await refused('/api/snapshots/demo/exposure?untrusted=huawai,zte', /unknown vendor 'huawai'; did you mean huawei\?/);
    await refused('/api/snapshots/demo/killswitch?vendors=hauwei', /^query parameter "vendors": unknown vendor 'hauwei'; did you mean huawei\?/);
    await refused('/api/snapshots/demo/findings?vendor=zet', /^query parameter "vendor": unknown vendor 'zet'; did you mean zte\?/);
    await refused('/api/snapshots/demo/devices?vendor=hauwei', /^query parameter "vendor": unknown vendor 'hauwei'/);
  });

  it('a misspelt country or layer is a 400 with the nearest; English names are converted', async () => {
    await refused('/api/snapshots/demo/devices?country=XX1', /^query parameter "country": unknown country 'XX1'/);
    await refused('/api/snapshots/demo/findings?country=Germny', /did you mean Germany\?/);
    await refused('/api/snapshots/demo/devices?layer=coer', /^query parameter "layer": unknown layer 'coer'; did you mean core\?/);
    const byName = await json<{ total: number }>(await s.get('/api/snapshots/demo/devices?country=Germany', f.tokens.alphaViewer));
    const byCode = await json<{ total: number }>(await s.get('/api/snapshots/demo/devices?country=de', f.tokens.alphaViewer));
    assert.ok(byCode.total > 0);
    assert.equal(byName.total, byCode.total);
  });

  it('legal names and any case resolve to the same answer as the slug', async () => {
    const slug = await json<{ untrusted: string[]; flows: unknown[] }>(await s.get('/api/snapshots/demo/exposure?untrusted=huawei', f.tokens.alphaViewer));
    const name = await s.get(`/api/snapshots/demo/exposure?untrusted=${encodeURIComponent('Huawei Technologies Co., Ltd.')}`, f.tokens.alphaViewer);
    assert.equal(name.status, 200);
    const doc = await json<{ untrusted: string[]; flows: unknown[] }>(name);
    assert.deepEqual(doc.untrusted, ['huawei']);
    assert.deepEqual(doc.flows, slug.flows);
    const ks = await json<{ vendors: string[] }>(await s.get('/api/snapshots/demo/killswitch?vendors=HUAWEI', f.tokens.alphaViewer));
    assert.deepEqual(ks.vendors, ['huawei']);
  });
});
