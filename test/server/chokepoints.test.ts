// GET /api/snapshots/{snapshot}/chokepoints: generated from the registry, the same ranking as the
// exposure route's summary.chokepoints, its parameters checked like every analysis's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

interface Chokepoint {
  id: string;
  flows: number;
  volume: number;
  flowsAll: number;
  volumeAll: number;
}

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture('cleanpath-server-chokepoints-');
  s = await serve(f, { rateLimit: false });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

describe('GET /api/snapshots/{snapshot}/chokepoints', () => {
  it("equals the exposure route's summary.chokepoints, with name, vendor and site", async () => {
    for (const q of ['', '?untrusted=huawei&avoidCountry=JP&top=3']) {
      const exposure = await json<{ summary: { chokepoints: Chokepoint[] } }>(await s.get(`/api/snapshots/demo/exposure${q}`, f.tokens.alphaViewer));
      const r = await s.get(`/api/snapshots/demo/chokepoints${q}`, f.tokens.alphaViewer);
      assert.equal(r.status, 200);
      const doc = await json<{ chokepoints: Array<Chokepoint & { name: string | null; vendor: string | null; site: string | null }>; nothingToAnalyse: string | null }>(r);
      assert.equal(doc.nothingToAnalyse, null);
      assert.ok(doc.chokepoints.length > 0, q);
      assert.deepEqual(doc.chokepoints.map(({ id, flows, volume, flowsAll, volumeAll }) => ({ id, flows, volume, flowsAll, volumeAll })), exposure.summary.chokepoints, q);
      assert.ok(doc.chokepoints.every((c) => c.name && c.vendor && c.site), q);
    }
  });

  it('is in the registry listing, and rejects bad parameters with 400 naming them; another organisation\'s snapshot is 404', async () => {
    const listed = await json<Array<{ id: string; path: string; tables: Array<{ id: string; columns: Array<{ id: string; key?: boolean }> }> }>>(await s.get('/api/analyses', f.tokens.alphaViewer));
    const mine = listed.find((a) => a.id === 'chokepoints')!;
    assert.equal(mine.path, '/api/snapshots/{snapshot}/chokepoints');
    assert.deepEqual(mine.tables[0]!.columns.filter((c) => c.key).map((c) => c.id), ['device']);
    for (const q of ['top=0', 'avoidCountry=Atlantis', 'avoidLayer=nowhere']) {
      const r = await s.get(`/api/snapshots/demo/chokepoints?${q}`, f.tokens.alphaViewer);
      assert.equal(r.status, 400, q);
      assert.match((await json<{ error: string }>(r)).error, new RegExp(`^query parameter "${q.split('=')[0]}"`), q);
    }
    assert.equal((await s.get('/api/snapshots/demo/chokepoints', f.tokens.betaViewer)).status, 404);
  });

  it('what changed between two snapshots, by device (the generic diff)', async () => {
    const r = await s.get('/api/snapshots/demo/diff/demo?analysis=chokepoints&untrusted=huawei', f.tokens.alphaViewer);
    assert.equal(r.status, 200);
    const d = await json<{ table: string; keyColumns: string[]; added: unknown[]; removed: unknown[]; changed: unknown[] }>(r);
    assert.deepEqual([d.table, d.keyColumns, d.added.length, d.removed.length, d.changed.length], ['chokepoints', ['device'], 0, 0, 0]);
  });
});
