// Issue 17.4 over the API: GET /api/snapshots/{snapshot}/whatif, generated from the registry —
// the same document the analysis computes, its errors a 400 naming the query parameter, and
// no way to name a server file (the scenario file is the CLI's only).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { paramsOf } from '../../src/analyses/define.js';
import { ANALYSES, type DocumentOf } from '../../src/analyses/registry.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;
let s: Running;

before(async () => {
  f = await buildFixture('cleanpath-whatif-server-');
  s = await serve(f, { rateLimit: false });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

type Doc = DocumentOf<'whatif'>;

describe('GET /api/snapshots/{snapshot}/whatif', () => {
  it('answers the document the analysis computes for the same parameters', async () => {
    const r = await s.get('/api/snapshots/demo/whatif?asOf=2026-12-31&list=huawei,zte&from=2029-01-01&in=DE,IT,JP&budget=3000000/year&budgetStart=2027-01-01', f.tokens.alphaViewer);
    assert.equal(r.status, 200, await r.clone().text());
    const served = await json<Doc>(r);
    const direct = await ANALYSES.whatif.run(
      { db: f.db, organisation: 'alpha', snapshot: 'demo' },
      paramsOf(ANALYSES.whatif, { asOf: '2026-12-31', list: ['huawei', 'zte'], from: '2029-01-01', in: ['DE', 'IT', 'JP'], budget: '3000000/year', budgetStart: '2027-01-01' }),
      {},
    );
    assert.equal(served.delta.newlyCaught.length, direct.delta.newlyCaught.length);
    assert.ok(served.delta.newlyCaught.length > 0);
    assert.equal(served.scenario.plan?.totalCost, direct.scenario.plan?.totalCost);
    assert.deepEqual(served.delta.byCountry, direct.delta.byCountry);
    assert.deepEqual(served.delta.flowsBecomeClean, direct.delta.flowsBecomeClean);
    assert.ok(served.scenario.findings.every((x) => typeof x.device === 'string' && typeof x.rule === 'string' && typeof x.status === 'string'));
  });

  it('unknown rule ids, countries and vendors are 400 naming the query parameter', async () => {
    const cases: [string, RegExp][] = [
      ['adopt=us-nope&in=DE', /query parameter "adopt".*unknown rule id us-nope/],
      ['adopt=de-2024-5g-core&in=Atlantis', /in.*Atlantis/],
      ['list=acme-networks&from=2028-01-01', /query parameter "list".*acme-networks/],
      ['move=uk-dvd-2022-5g', /query parameter "move".*needs query parameter "to"/],
      ['', /query parameter "adopt".*no scenario/],
    ];
    for (const [query, message] of cases) {
      const r = await s.get(`/api/snapshots/demo/whatif?asOf=2026-12-31&${query}`, f.tokens.alphaViewer);
      assert.equal(r.status, 400, query);
      assert.match((await json<{ error: string }>(r)).error, message, query);
    }
  });

  it('takes no file: the scenario file is the CLI\'s alone', async () => {
    const r = await s.get('/api/snapshots/demo/whatif?asOf=2026-12-31&scenario=/etc/passwd', f.tokens.alphaViewer);
    assert.equal(r.status, 400);
  });

  it('is in the OpenAPI document with the registry\'s parameters', async () => {
    const doc = await json<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>(await s.get('/api/openapi.json'));
    const names = (doc.paths['/api/snapshots/{snapshot}/whatif']?.get?.parameters ?? []).map((p) => p.name);
    for (const p of ['adopt', 'in', 'by', 'list', 'from', 'like', 'move', 'to', 'budget']) assert.ok(names.includes(p), p);
  });
});
