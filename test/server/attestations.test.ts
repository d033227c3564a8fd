// Attestations over the API (issue 19): signed by the server's key (from the environment), each
// verifying offline; the download and the inclusion proof are the same bytes; organisations stay
// apart (another's snapshot is 404); an unknown flow is 404, a bad vendor 400.
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { canonicalJson, generateSigningKey, inclusionProblems, verifyFlowEnvelope, verifySnapshotEnvelope, type DsseEnvelope, type InclusionProof } from '../../src/attest/index.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from './helpers.js';

const pem = generateSigningKey();
let f: Fixture;
let s: Running;

before(async () => {
  process.env.CLEANPATH_ATTEST_KEY = pem.privatePem;
  f = await buildFixture('cleanpath-server-attest-');
  s = await serve(f, { rateLimit: false });
});
after(async () => {
  delete process.env.CLEANPATH_ATTEST_KEY;
  await s?.close();
  if (f) removeFixture(f);
});

describe('attestation routes', () => {
  it('sign with the server key; the download, the inclusion proof and the root agree and verify offline', async () => {
    const { tokens } = f;
    const key = await json<{ keyid: string; publicKey: string }>(await s.get('/api/attestations/key', tokens.alphaViewer));
    assert.equal(key.keyid, pem.keyid);
    const publicKey = createPublicKey(key.publicKey);
    const r = await s.get('/api/snapshots/demo/attestations/s-rms-avb?download=true', tokens.alphaViewer);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-disposition') ?? '', /^attachment; filename="s-rms-avb-[0-9a-f]{10}\.dsse\.json"$/);
    const env = await json<DsseEnvelope>(r);
    const v = verifyFlowEnvelope(env, publicKey, new Date());
    assert.ok(v.valid, v.problems.join('; '));
    assert.equal(v.statement!.predicate.verdict, 'exposed');
    const inc = await json<{ envelope: DsseEnvelope; proof: InclusionProof; root: DsseEnvelope }>(await s.get('/api/snapshots/demo/attestations/s-rms-avb/inclusion', tokens.alphaViewer));
    assert.equal(canonicalJson(inc.envelope), canonicalJson(env), 'the download is the leaf the proof proves');
    const root = verifySnapshotEnvelope(inc.root, publicKey, new Date());
    assert.ok(root.valid, root.problems.join('; '));
    assert.deepEqual(inclusionProblems(env, v.statement!.predicate, inc.proof, root.statement!), []);
    const snap = await json<{ root: DsseEnvelope; flows: { flow: string; verdict: string }[] }>(await s.get('/api/snapshots/demo/attestations', tokens.alphaViewer));
    assert.equal(canonicalJson(snap.root), canonicalJson(inc.root));
    assert.ok(snap.flows.some((x) => x.flow === 's-rms-avb' && x.verdict === 'exposed'));
  });

  it("never show one organisation another's snapshot; 404 for an unknown flow, 400 for a bad vendor", async () => {
    const { tokens } = f;
    assert.equal((await s.get('/api/snapshots/demo/attestations/s-rms-avb', tokens.betaViewer)).status, 404);
    assert.equal((await s.get('/api/snapshots/demo/attestations', tokens.betaViewer)).status, 404);
    const unknown = await s.get('/api/snapshots/demo/attestations/no-such-flow', tokens.alphaViewer);
    assert.equal(unknown.status, 404);
    const bad = await s.get('/api/snapshots/demo/attestations/s-rms-avb?untrusted=huaweii', tokens.alphaViewer);
    assert.equal(bad.status, 400);
    assert.match((await json<{ error: string }>(bad)).error, /query parameter "untrusted"/);
    assert.equal((await s.get('/api/snapshots/demo/attestations/s-rms-avb')).status, 401);
  });
});
