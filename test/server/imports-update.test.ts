// Issue 14 over the API: `update=true` with `base` (latest included) changes existing devices
// into a new snapshot; a phantom link or flow endpoint, an update matching no device and a file
// with no records answer 400 naming the upload (never a server path) and store nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Device, Flow } from '../../src/model/index.js';
import { openStore, type SnapshotInfo } from '../../src/store/index.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture('cleanpath-server-update-');
  s = await serve(f, { rateLimit: { max: 100_000, timeWindow: 60_000 } });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

async function snapshotNames(org: string): Promise<string[]> {
  const store = openStore(f.db, { readonly: true });
  try {
    return (await store.listSnapshots(org)).map((x) => x.name);
  } finally {
    await store.close();
  }
}

const upload = (query: string, body: string, token = f.tokens.betaAnalyst): Promise<Response> =>
  s.get(`/api/imports?${query}`, token, { method: 'POST', body, headers: { 'content-type': 'text/csv' } });

describe('imports: update, references, base=latest, empty files', () => {
  it('update=true&base=latest sets a vendor by device name: declared evidence naming the upload and line', async () => {
    const r = await upload('snapshot=beta-vendors&base=latest&update=true&filename=vendors.csv', 'name,vendor,layer\nBeta core,ZTE,\n');
    assert.equal(r.status, 201, await r.clone().text());
    const info = await json<SnapshotInfo>(r);
    assert.deepEqual([info.name, info.base, info.devices], ['beta-vendors', 'beta-q1', 2]);
    const d = await json<Device>(await s.get('/api/snapshots/beta-vendors/devices/b-core-1', f.tokens.betaViewer));
    assert.deepEqual([d.vendor, d.layer], ['zte', 'core']);
    assert.deepEqual(d.attribution.evidence.map((e) => [e.kind, e.vendor, e.source.line]), [['declared', 'zte', 2]]);
    assert.match(d.attribution.evidence[0]!.source.file ?? '', /vendors\.csv$/);
    const old = await json<Device>(await s.get('/api/snapshots/beta-q1/devices/b-core-1', f.tokens.betaViewer));
    assert.equal(old.vendor, 'nokia');
  });

  it('flows by unique device name are stored by id', async () => {
    const r = await upload('snapshot=beta-flows&base=latest&filename=flows.csv', 'id,src,dst\nf1,Beta core,b-ran-1\n');
    assert.equal(r.status, 201, await r.clone().text());
    const store = openStore(f.db, { readonly: true });
    try {
      const flows: Flow[] = await store.flows((await store.resolveSnapshot('beta-flows', 'beta')).id);
      assert.deepEqual(flows.map((x) => [x.id, x.src, x.dst]), [['f1', 'b-core-1', 'b-ran-1']]);
    } finally {
      await store.close();
    }
  });

  it('a phantom link, an update matching nothing and a file with no records answer 400 and store nothing', async () => {
    const before = await snapshotNames('beta');
    const cases: [string, string, RegExp][] = [
      ['snapshot=x1&base=latest&filename=links.csv', 'a,b\nb-core-1,b-ran-1\nb-ran-1,ghost\n', /^links\.csv:3: link b-ran-1 -> ghost: "ghost" is not a device id/],
      ['snapshot=x2&base=beta-q1&update=true&filename=changes.csv', 'name,vendor\nNobody,Huawei\n', /^changes\.csv:2: no device named "Nobody" in base snapshot "beta-q1"/],
      ['snapshot=x3&update=true&filename=changes.csv', 'name,vendor\nBeta core,Huawei\n', /--update .*--base/],
      ['snapshot=x4&filename=empty.csv', 'id,vendor\n', /^empty\.csv: no records/],
    ];
    for (const [query, body, expected] of cases) {
      const r = await upload(query, body);
      assert.equal(r.status, 400, query);
      const { error } = await json<{ error: string }>(r);
      assert.match(error, expected);
      assert.ok(!error.includes(f.dir), 'no server path in the message');
    }
    assert.deepEqual(await snapshotNames('beta'), before);
  });

  it('base=latest is the caller organisation\'s newest: another organisation\'s is never the base', async () => {
    const r = await upload('snapshot=alpha-more&base=latest&filename=more.csv', 'id,vendor\nzz-1,nokia\n', f.tokens.alphaAnalyst);
    assert.equal(r.status, 201, await r.clone().text());
    assert.equal((await json<SnapshotInfo>(r)).base, 'demo');
  });
});
