// Issue 14 point 7 over the API: a snapshot without flows answers with its counts AND an explicit
// `nothingToAnalyse` sentence (exposure, kill-switch, plan, report), never bare zeros; a snapshot
// with flows answers `nothingToAnalyse: null`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture('cleanpath-nothing-');
  s = await serve(f, { rateLimit: false });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

type Answer = { nothingToAnalyse?: string | null; flows?: unknown[]; summary?: { flows: number }; devices?: unknown[]; plan?: unknown };
const NO_FLOWS = /^no flows in snapshot beta-q1: import a flows CSV id,src,dst/;

describe('a snapshot without flows (organisation beta)', () => {
  it('exposure: no flow rows and the sentence', async () => {
    const r = await s.get('/api/snapshots/beta-q1/exposure', f.tokens.betaViewer);
    assert.equal(r.status, 200);
    const doc = await json<Answer>(r);
    assert.deepEqual(doc.flows, []);
    assert.match(doc.nothingToAnalyse ?? '', NO_FLOWS);
  });

  it('kill-switch: the sentence beside the devices it removes', async () => {
    const r = await s.get('/api/snapshots/beta-q1/killswitch?vendors=huawei', f.tokens.betaViewer);
    assert.equal(r.status, 200);
    const doc = await json<Answer & { removedDevices: number }>(r);
    assert.equal(doc.removedDevices, 1);
    assert.match(doc.nothingToAnalyse ?? '', NO_FLOWS);
  });

  it('kill-switch of a vendor with no device here says so', async () => {
    const r = await s.get('/api/snapshots/beta-q1/killswitch?vendors=zte', f.tokens.betaViewer);
    assert.equal(r.status, 200);
    assert.match((await json<Answer>(r)).nothingToAnalyse ?? '', /no device in snapshot beta-q1 matches vendors zte/);
  });

  it('plan: an empty plan whose status and sentence say why', async () => {
    const r = await s.get('/api/snapshots/beta-q1/plan?asOf=2026-12-31', f.tokens.betaViewer);
    assert.equal(r.status, 200);
    const doc = await json<Answer & { status: string }>(r);
    assert.equal(doc.status, 'nothing-to-analyse');
    assert.deepEqual(doc.devices, []);
    assert.match(doc.nothingToAnalyse ?? '', NO_FLOWS);
  });

  it('report: devices and findings, no plan, and the sentence', async () => {
    const r = await s.get('/api/snapshots/beta-q1/report?asOf=2026-12-31', f.tokens.betaViewer);
    assert.equal(r.status, 200);
    const m = await json<Answer & { summary: { devices: number; flows: number }; findings: unknown[] }>(r);
    assert.equal(m.summary.devices, 2);
    assert.equal(m.summary.flows, 0);
    assert.ok(m.findings.length > 0);
    assert.equal(m.plan, null);
    assert.match(m.nothingToAnalyse ?? '', NO_FLOWS);
  });
});

describe('a snapshot with sensitive flows (the demo, organisation alpha)', () => {
  it('answers nothingToAnalyse: null', async () => {
    for (const path of ['exposure', 'killswitch?vendors=huawei']) {
      const r = await s.get(`/api/snapshots/demo/${path}`, f.tokens.alphaViewer);
      assert.equal(r.status, 200, path);
      assert.equal((await json<Answer>(r)).nothingToAnalyse, null, path);
    }
  });
});

describe('uploads of the wrong shape', () => {
  it('answer 400 with the file and line of the offending value, and store nothing', async () => {
    const before = await json<{ name: string }[]>(await s.get('/api/snapshots', f.tokens.betaViewer));
    const cases: [string, string, RegExp][] = [
      ['page.json', '{\n  "count": 1,\n  "next": null,\n  "results": "nope"\n}\n', /^page\.json:4: "results" must be a list/],
      ['dump.json', '[\n  {"model": "dcim.device", "pk": 2,\n   "fields": null}\n]\n', /^dump\.json:3: "fields" of this dcim\.device row must be an object/],
      ['edge.lldp.json', '{"lldp": {"interface": {"eth0": {\n  "chassis": "core-1"\n}}}}\n', /^edge\.lldp\.json:2: "chassis" must be an object or a list/],
    ];
    for (const [name, body, expected] of cases) {
      const r = await s.get(`/api/imports?snapshot=bad-${name}&filename=${name}`, f.tokens.betaAnalyst, { method: 'POST', body });
      assert.equal(r.status, 400, name);
      assert.match((await json<{ error: string }>(r)).error, expected);
    }
    assert.deepEqual(await json(await s.get('/api/snapshots', f.tokens.betaViewer)), before);
  });
});
