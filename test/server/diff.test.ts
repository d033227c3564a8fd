// GET /api/snapshots/{snapshot}/diff/{base}?analysis=...: the generic diff over the API equals
// the one the CLI computes (src/analyses/compare.ts) on the same store, and bad input is a 400.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compareRuns, type AnalysisDiff } from '../../src/analyses/compare.js';
import { paramsOf } from '../../src/analyses/define.js';
import { analysisById } from '../../src/analyses/registry.js';
import type { Device } from '../../src/model/index.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

const NEW_FLOWS = ['new-1', 'new-2', 'new-3'];
let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture('cleanpath-server-diff-');
  s = await serve(f, { rateLimit: false });
  // a later snapshot with three more sensitive flows, between Huawei devices and others
  const huawei = await json<{ devices: Device[] }>(await s.get('/api/snapshots/demo/devices?vendor=huawei&limit=3', f.tokens.alphaViewer));
  const nokia = await json<{ devices: Device[] }>(await s.get('/api/snapshots/demo/devices?vendor=nokia&limit=3', f.tokens.alphaViewer));
  const body = 'id,src,dst,class\n' + NEW_FLOWS.map((id, i) => `${id},${nokia.devices[i]!.id},${i === 2 ? nokia.devices[0]!.id : huawei.devices[i]!.id},sensitive`).join('\n') + '\n';
  const r = await s.get('/api/imports?snapshot=demo-q4&base=demo&filename=more-flows.csv', f.tokens.alphaAnalyst, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });
  assert.equal(r.status, 201, await r.clone().text());
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

describe('diff route', () => {
  it('exposure: the same rows as the CLI diff on the same store', async () => {
    const r = await s.get('/api/snapshots/demo-q4/diff/demo?analysis=exposure&untrusted=huawei,zte', f.tokens.alphaViewer);
    assert.equal(r.status, 200, await r.clone().text());
    const served = await json<AnalysisDiff>(r);
    const def = analysisById('exposure');
    const direct = await compareRuns(def, { db: f.db, organisation: 'alpha', snapshot: 'demo' }, { db: f.db, organisation: 'alpha', snapshot: 'demo-q4' }, paramsOf(def, { untrusted: ['huawei', 'zte'] }), {});
    assert.deepEqual([served.before, served.after, served.table], ['demo', 'demo-q4', 'flows']);
    assert.deepEqual({ added: served.added, removed: served.removed, changed: served.changed }, { added: direct.added, removed: direct.removed, changed: direct.changed });
    assert.deepEqual(served.added.map((x) => x.id), NEW_FLOWS);
    assert.deepEqual([served.removed, served.changed], [[], []], 'the flows that were there cross the same network');
    assert.deepEqual(served.added.slice(0, 2).map((x) => x.exposure), ['all', 'all'], 'a flow ending at a Huawei device is exposed on every path');
  });

  it('findings and the kill-switch diff too (any analysis, any table)', async () => {
    const fd = await json<AnalysisDiff>(await s.get('/api/snapshots/demo-q4/diff/demo?analysis=findings&asOf=2026-12-31', f.tokens.alphaViewer));
    assert.deepEqual([fd.added, fd.removed, fd.changed], [[], [], []], 'the same devices, the same findings');
    const ks = await s.get('/api/snapshots/demo-q4/diff/demo?analysis=killswitch&vendors=huawei&table=restore', f.tokens.alphaViewer);
    assert.equal(ks.status, 200);
    assert.equal((await json<AnalysisDiff>(ks)).table, 'restore');
  });

  it('bad input is a 400 naming the parameter; an unknown snapshot a 404', async () => {
    const cases: Array<[string, RegExp]> = [
      ['analysis=nope', /query parameter "analysis"/],
      ['analysis=exposure&untrusted=hauwei', /query parameter "untrusted".*huawei/],
      ['analysis=findings&top=3', /query parameter "top": not a parameter of findings/],
      ['analysis=exposure&table=nope', /query parameter "table": exposure has no table 'nope'/],
      ['analysis=findings&asOf=2026-02-30', /query parameter "asOf": 2026-02-30 is not a date/],
    ];
    for (const [q, message] of cases) {
      const r = await s.get(`/api/snapshots/demo-q4/diff/demo?${q}`, f.tokens.alphaViewer);
      assert.equal(r.status, 400, q);
      assert.match(((await r.json()) as { error: string }).error, message);
    }
    assert.equal((await s.get('/api/snapshots/demo-q4/diff/nope?analysis=exposure', f.tokens.alphaViewer)).status, 404);
  });
});
