// The analysis routes: the same documents the CLI and the report compute, cached per
// (organisation, snapshot, parameters), computed off the request thread.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildReportModel, type ReportModel } from '../../src/report/model.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture();
  s = await serve(f, { rateLimit: false });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

const REPORT_QUERY = 'asOf=2026-12-31&untrusted=zte,huawei&budget=3000000/year&budgetStart=2027-01-01';

/** Fields that legitimately differ between two runs or name the server's files. */
function comparable(m: ReportModel): unknown {
  const { report, source, ...rest } = JSON.parse(JSON.stringify(m)) as ReportModel;
  if (rest.plan) rest.plan.stats = { ...rest.plan.stats, seconds: 0 };
  return { title: report.title, version: report.version, snapshot: source.snapshot, ...rest };
}

describe('report', () => {
  let served: ReportModel;
  it('returns the report model, equal to the one buildReportModel computes for the same parameters', async () => {
    const r = await s.get(`/api/snapshots/demo/report?${REPORT_QUERY}`, f.tokens.alphaViewer);
    assert.equal(r.status, 200);
    served = await json<ReportModel>(r);
    const direct = await buildReportModel({ db: f.db, organisation: 'alpha', snapshot: 'demo', asOf: '2026-12-31', untrusted: ['huawei', 'zte'], budget: '3000000/year', budgetStart: '2027-01-01' });
    assert.deepEqual(comparable(served), comparable(direct));
    assert.equal(served.summary.devices, 528);
    assert.ok(served.sites.some((x) => x.lat !== null && x.lon !== null), 'sites carry coordinates for the map');
    assert.ok(served.plan && served.plan.devices.length > 0);
    // the store's own path stays on the server (evidence sources name the imported files, as in the CLI)
    assert.equal(served.source.db, '');
    assert.equal(served.source.label, 'alpha/demo');
    assert.ok(!JSON.stringify(served).includes(f.db), "the store's path is not in the answer");
  });

  it('serves a repeated request from the cache (the same parameters in any order), and a new one computes', async () => {
    const runner = s.app.cleanpath.analyses;
    const before = runner.computed;
    const again = await json<ReportModel>(await s.get('/api/snapshots/demo/report?budgetStart=2027-01-01&budget=3000000/year&untrusted=huawei,zte,huawei&asOf=2026-12-31', f.tokens.alphaAdmin));
    assert.equal(runner.computed, before, 'no new computation');
    assert.equal(again.report.generatedAt, served.report.generatedAt, 'the very same result');
    await s.get('/api/snapshots/demo/report?asOf=2026-06-30&untrusted=huawei,zte', f.tokens.alphaViewer);
    assert.equal(runner.computed, before + 1);
  });

  it('a report being computed does not hold up other requests', async () => {
    // a parameter set never asked before: computed now, in the analysis worker
    const slow = s.get('/api/snapshots/demo/report?asOf=2027-03-01&untrusted=huawei', f.tokens.alphaViewer).then(async (r) => {
      assert.equal(r.status, 200);
      await r.arrayBuffer();
      return performance.now();
    });
    const quick: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await s.get('/api/whoami', f.tokens.alphaViewer);
      assert.equal(r.status, 200);
      quick.push(performance.now());
    }
    const slowDone = await slow;
    assert.ok(quick[4]! < slowDone, `five small requests answered (${quick[4]!.toFixed(0)}) before the report (${slowDone.toFixed(0)})`);
  });

  it('rejects bad parameters with 400 before computing anything', async () => {
    for (const q of ['asOf=2026-02-30', 'asOf=yesterday', 'budget=lots', 'untrusted=Hua%20wei', 'budgetStart=2027-13-01']) {
      const r = await s.get(`/api/snapshots/demo/report?${q}`, f.tokens.alphaViewer);
      assert.equal(r.status, 400, q);
      assert.match((await json<{ error: string }>(r)).error, /^query parameter "\w+"/);
    }
  });
});

describe('findings, exposure, kill-switch, plan, topology', () => {
  it('findings filter by status, and agree with the report', async () => {
    const report = await json<ReportModel>(await s.get(`/api/snapshots/demo/report?${REPORT_QUERY}`, f.tokens.alphaViewer));
    const all = await json<{ asOf: string; findings: Array<{ status: string; country: string | null; rule: string }> }>(await s.get('/api/snapshots/demo/findings?asOf=2026-12-31', f.tokens.alphaViewer));
    assert.equal(all.asOf, '2026-12-31');
    assert.deepEqual(all.findings, report.findings);
    const overdue = await json<{ findings: Array<{ status: string; country: string | null }> }>(await s.get('/api/snapshots/demo/findings?asOf=2026-12-31&status=overdue,due&country=DE', f.tokens.alphaViewer));
    const expected = report.findings.filter((x) => (x.status === 'overdue' || x.status === 'due') && x.country === 'DE');
    assert.ok(expected.length > 0);
    assert.deepEqual(overdue.findings, expected);
  });

  it('exposure and kill-switch agree with the report', async () => {
    const report = await json<ReportModel>(await s.get(`/api/snapshots/demo/report?${REPORT_QUERY}`, f.tokens.alphaViewer));
    const exp = await json<{ untrusted: string[]; flows: Array<{ id: string; exposure: string; cleanCost: number | null }>; summary: { sensitiveFlows: number } }>(
      await s.get('/api/snapshots/demo/exposure?untrusted=huawei,zte', f.tokens.alphaViewer),
    );
    assert.deepEqual(exp.untrusted, ['huawei', 'zte']);
    assert.deepEqual(
      exp.flows.map((x) => [x.id, x.exposure, x.cleanCost]),
      report.exposure.flows.map((x) => [x.id, x.exposure, x.cleanCost]),
    );
    const ks = await json<{ vendors: string[]; removedDevices: number; disruptedFlows: string[] }>(await s.get('/api/snapshots/demo/killswitch?vendors=huawei', f.tokens.alphaViewer));
    const fromReport = report.killSwitches.find((k) => k.vendors.join() === 'huawei')!;
    assert.equal(ks.removedDevices, fromReport.removedDevices);
    assert.deepEqual(ks.disruptedFlows, fromReport.disruptedFlows);
  });

  it('the plan matches the report\'s plan for the same parameters', async () => {
    const report = await json<ReportModel>(await s.get(`/api/snapshots/demo/report?${REPORT_QUERY}`, f.tokens.alphaViewer));
    const plan = await json<{ totalCost: number; devices: Array<{ id: string }>; phasing?: unknown }>(
      await s.get('/api/snapshots/demo/plan?asOf=2026-12-31&budget=3000000/year&budgetStart=2027-01-01', f.tokens.alphaViewer),
    );
    assert.equal(plan.totalCost, report.plan!.totalCost);
    assert.deepEqual(plan.devices.map((d) => d.id).sort(), report.plan!.devices.map((d) => d.id).sort());
    assert.ok(plan.phasing, 'a budget phases the plan');
  });

  it('topology lists every device and link, the untrusted ones marked', async () => {
    const t = await json<{ nodes: Array<{ id: string; vendor: string | null; untrusted: boolean }>; links: Array<{ a: string; b: string; metric: number }> }>(
      await s.get('/api/snapshots/demo/topology?untrusted=huawei', f.tokens.alphaViewer),
    );
    assert.equal(t.nodes.length, 528);
    assert.equal(t.links.length, 977);
    assert.ok(t.nodes.every((n) => n.untrusted === (n.vendor === 'huawei')));
    assert.ok(t.nodes.some((n) => n.untrusted));
  });
});
