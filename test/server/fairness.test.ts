// Fair, bounded analysis work (issue 16 point 5): per-organisation queues with a bound (429 with
// Retry-After beyond it), round-robin between organisations, and a time and memory budget per
// analysis whose overrun stops the worker, answers 503 and leaves the next analysis to a fresh one.
// Real servers on 127.0.0.1 over a real store; every assertion is on statuses and orders, never on
// how long something took.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFiles, openStore } from '../../src/store/index.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

let f: Fixture;

/** A snapshot big enough that its findings take seconds and tens of MB: organisation alpha's "big". */
async function importBig(devices: number): Promise<void> {
  const csv = join(f.dir, 'big.csv');
  const vendors = ['huawei', 'nokia', 'zte', 'ericsson'];
  const layers = ['core', 'ran', 'transport'];
  const rows = Array.from({ length: devices }, (_, i) => `d${i},Device ${i},${vendors[i % 4]},FI,${layers[i % 3]}`);
  writeFileSync(csv, ['id,name,vendor,country,layer', ...rows].join('\n') + '\n');
  const store = openStore(f.db);
  try {
    await importFiles(store, [csv], { snapshot: 'big', organisation: 'alpha' });
  } finally {
    await store.close();
  }
}

before(async () => {
  f = await buildFixture('cleanpath-fairness-');
  await importBig(10_000);
});
after(() => {
  if (f) removeFixture(f);
});

/** A distinct date per call, so that no answer comes from the cache. */
let day = 0;
function asOf(): string {
  day++;
  return new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** Polls (no sleeping on a guess) until `ok()` holds. */
async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 6000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(ok(), `timed out waiting for ${what}`);
}

describe('per-organisation queue bound', () => {
  let s: Running;
  before(async () => {
    s = await serve(f, { rateLimit: false, analysisWorkers: 1, queuePerOrganisation: 2 });
  });
  after(() => s?.close());

  it("answers 429 with Retry-After beyond the bound, while another organisation's analysis is served", async () => {
    const runner = s.app.cleanpath.analyses;
    const started = runner.computed;
    // Two slow analyses fill alpha's queue (one running, one waiting)...
    const filling = [0, 1].map(() => s.get(`/api/snapshots/big/findings?asOf=${asOf()}`, f.tokens.alphaViewer));
    await until(() => runner.computed === started + 2, "alpha's two analyses to be queued");
    // ...so a third is refused at once, and does not count as a computation.
    const refused = await s.get(`/api/snapshots/demo/findings?asOf=${asOf()}`, f.tokens.alphaViewer);
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1, `Retry-After is whole seconds, got ${refused.headers.get('retry-after')}`);
    const body = await json<{ error: string }>(refused);
    assert.deepEqual(Object.keys(body), ['error']);
    assert.match(body.error, /^too many analyses pending for this organisation \(at most 2 queued or running\); retry in \d+ s$/);
    assert.equal(runner.computed, started + 2);
    // Beta's queue is its own: served while alpha's is full.
    const beta = await s.get(`/api/snapshots/beta-q1/report?asOf=${asOf()}`, f.tokens.betaViewer);
    assert.equal(beta.status, 200);
    await beta.arrayBuffer();
    for (const r of await Promise.all(filling)) {
      assert.equal(r.status, 200);
      await r.arrayBuffer();
    }
    // Room again once they are done; a cached answer never counts against the bound.
    assert.equal((await s.get(`/api/snapshots/demo/findings?asOf=${asOf()}`, f.tokens.alphaViewer)).status, 200);
  });
});

describe('round-robin between organisations', () => {
  let s: Running;
  before(async () => {
    s = await serve(f, { rateLimit: false, analysisWorkers: 1, queuePerOrganisation: 32 });
  });
  after(() => s?.close());

  it("runs beta's one analysis before most of alpha's queued ones", async () => {
    const runner = s.app.cleanpath.analyses;
    const started = runner.computed;
    const finished: string[] = [];
    const ask = (path: string, token: string | undefined, label: string) =>
      s.get(path, token).then(async (r) => {
        assert.equal(r.status, 200, label);
        await r.arrayBuffer();
        finished.push(label);
      });
    const alpha = Array.from({ length: 6 }, (_, i) => ask(`/api/snapshots/demo/report?plan=false&asOf=${asOf()}`, f.tokens.alphaViewer, `alpha ${i}`));
    await until(() => runner.computed === started + 6, "alpha's six analyses to be queued");
    await Promise.all([...alpha, ask(`/api/snapshots/beta-q1/report?asOf=${asOf()}`, f.tokens.betaViewer, 'beta')]);
    // One worker: alpha's first runs, then beta has its turn (at worst after a second of alpha's
    // if that one started before beta's request arrived).
    const alphaAfterBeta = finished.length - 1 - finished.indexOf('beta');
    assert.ok(alphaAfterBeta >= 4, `order: ${finished.join(', ')}`);
  });
});

describe('time budget', () => {
  let s: Running;
  before(async () => {
    s = await serve(f, { rateLimit: false, analysisWorkers: 1, analysisTimeLimit: 0.3 });
  });
  after(() => s?.close());

  it('stops an analysis over its time budget with 503, does not cache it, and runs the next on a fresh worker', async () => {
    const runner = s.app.cleanpath.analyses;
    const path = `/api/snapshots/big/findings?asOf=${asOf()}`;
    const r = await s.get(path, f.tokens.alphaViewer);
    assert.equal(r.status, 503);
    assert.deepEqual(await json(r), { error: 'the analysis exceeded its time budget (0.3 s) and was stopped' });
    const next = await s.get(`/api/snapshots/beta-q1/report?asOf=${asOf()}`, f.tokens.betaViewer);
    assert.equal(next.status, 200);
    assert.equal((await json<{ summary: { devices: number } }>(next)).summary.devices, 2);
    // Asked again, it is computed again (a failure is not remembered), and fails the same way.
    const before = runner.computed;
    assert.equal((await s.get(path, f.tokens.alphaViewer)).status, 503);
    assert.equal(runner.computed, before + 1);
  });
});

describe('memory budget', () => {
  let s: Running;
  before(async () => {
    // Enough heap for a worker to load the analyses (about 24 MB from source), not for 10,000 devices' findings.
    s = await serve(f, { rateLimit: false, analysisWorkers: 1, analysisMemoryMb: 40 });
  });
  after(() => s?.close());

  it('stops an analysis over its memory budget with 503; the server and the next analysis carry on', async () => {
    const r = await s.get(`/api/snapshots/big/findings?asOf=${asOf()}`, f.tokens.alphaViewer);
    assert.equal(r.status, 503);
    assert.deepEqual(await json(r), { error: 'the analysis exceeded its memory budget (40 MB of heap) and was stopped' });
    assert.equal((await s.get('/api/health')).status, 200);
    const next = await s.get(`/api/snapshots/beta-q1/findings?asOf=${asOf()}`, f.tokens.betaViewer);
    assert.equal(next.status, 200);
  });
});
