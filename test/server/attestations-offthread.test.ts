// The attestation routes build their runs in an analysis worker: while every sensitive flow of a
// large generated network is attested, the request thread stays free, and another request (the
// health check, a token revocation) is answered at once. What is asserted is where the work ran
// (the analysis runner, the request thread's event-loop use while it ran) and what was answered
// meanwhile, never how long anything took.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { generateSigningKey, parsePublicKey, verifySnapshotEnvelope, type DsseEnvelope } from '../../src/attest/index.js';
import { mulberry32 } from '../../src/model/seeded-random.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

const DEVICES = 2_000;
const FLOWS = 1_500;
const pem = generateSigningKey();
let f: Fixture;
let s: Running;

/** A ring lattice with random chords, 10% huawei (the attest benchmark's shape, smaller): alpha's "big". */
async function importBig(): Promise<void> {
  const r = mulberry32(7);
  const vendors = ['cisco', 'juniper', 'nokia', 'ericsson'];
  const nodes = Array.from({ length: DEVICES }, (_, i) => `n${i},${r() % 10 === 0 ? 'huawei' : vendors[i % 4]},s${i % 50},DE`);
  const links = new Set<string>();
  for (let i = 0; i < DEVICES; i++) for (const k of [1, 2, 3]) links.add(`n${i},n${(i + k) % DEVICES},${1 + (r() % 100)}`);
  for (let i = 0; i < DEVICES / 4; i++) links.add(`n${i * 4},n${(i * 4 + 7 + (r() % (DEVICES / 2))) % DEVICES},${50 + (r() % 150)}`);
  const flows = Array.from({ length: FLOWS }, (_, i) => `f${i},n${r() % DEVICES},n${r() % DEVICES},sensitive`);
  const files = { 'inventory.csv': ['id,vendor,site,country', ...nodes], 'links.csv': ['a,b,metric', ...links], 'flows.csv': ['id,src,dst,class', ...flows] };
  const paths = Object.entries(files).map(([name, lines]) => {
    writeFileSync(join(f.dir, name), lines.join('\n') + '\n');
    return join(f.dir, name);
  });
  const store = openStore(f.db);
  try {
    await importFiles(store, paths, { snapshot: 'big', organisation: 'alpha' });
  } finally {
    await store.close();
  }
}

before(async () => {
  f = await buildFixture('cleanpath-server-attest-offthread-');
  await importBig();
  const key = join(f.dir, 'carrier.key');
  writeFileSync(key, pem.privatePem, { mode: 0o600 });
  s = await serve(f, { rateLimit: false, analysisWorkers: 1, attestKey: key });
});
after(async () => {
  await s?.close();
  if (f) removeFixture(f);
});

describe('attestation runs off the request thread', () => {
  it('answers the health check and a token revocation while every sensitive flow of a large network is attested', async () => {
    const runner = s.app.cleanpath.analyses;
    const computed = runner.computed;
    const elu = performance.eventLoopUtilization();
    let pending = true;
    const attested = s.get('/api/snapshots/big/attestations', f.tokens.alphaViewer).finally(() => (pending = false));
    let healthy = 0;
    let revoked = false;
    while (pending) {
      if ((await s.get('/api/health')).status === 200 && pending) healthy++;
      if (!revoked && healthy >= 3) {
        const r = await s.get(`/api/tokens/${f.tokenIds.alphaAnalyst}`, f.tokens.alphaAdmin, { method: 'DELETE' });
        assert.equal(r.status, 204);
        revoked = pending;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const busy = performance.eventLoopUtilization(elu).utilization;
    const r = await attested;
    assert.equal(r.status, 200);
    assert.equal(runner.computed, computed + 1, 'the run was an analysis job');
    assert.ok(healthy >= 3, `the health check was answered ${healthy} time(s) while the run was built`);
    assert.ok(revoked, 'the revocation was answered while the run was built');
    assert.equal((await s.get('/api/snapshots/demo/attestations', f.tokens.alphaAnalyst)).status, 401, 'the revoked token stopped working');
    // the request thread mostly waited: on it, the run's seconds of CPU would make this near 1
    assert.ok(busy < 0.5, `the request thread was busy ${(busy * 100).toFixed(0)}% of the time`);
    const body = await json<{ root: DsseEnvelope; keyid: string; flows: { flow: string }[] }>(r);
    assert.equal(body.flows.length, FLOWS);
    const v = verifySnapshotEnvelope(body.root, parsePublicKey(pem.publicPem).publicKey, new Date());
    assert.ok(v.valid, v.problems.join('; '));
  });
});
