// The flow Statement: verdicts from DSSE section 4's classes, digests over canonical JSON, and the
// checks a verifier makes beyond the signature (subject, window, verdict against its own paths).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, canonicalJsonShared, digestOf, shareCanonical, flowStatement, signStatement, verdictOf, verifyFlowEnvelope } from '../../src/attest/index.js';
import { context, EXPOSED, flowResult, KEY, PUBLIC_KEY } from './fixtures.js';

const NOW = new Date('2026-12-10T00:00:00Z');

describe('flow statements', () => {
  it('clean only for class none; clean-path-exists needs a clean path; unreachable stays unreachable', () => {
    assert.equal(verdictOf('none', 2), 'clean');
    assert.equal(verdictOf('some', 2), 'clean-path-exists');
    assert.equal(verdictOf('all', 5), 'clean-path-exists');
    assert.equal(verdictOf('some', null), 'exposed');
    assert.equal(verdictOf('all', null), 'exposed');
    assert.equal(verdictOf('unreachable', null), 'unreachable');
  });

  it('name the flow by the SHA-256 of its canonical description, key order aside', () => {
    const s = flowStatement(flowResult('f1'), context());
    assert.equal(s.subject[0]!.digest.sha256, digestOf({ src: 'a', class: 'sensitive', dst: 'c', id: 'f1' }));
    assert.equal(canonicalJson({ b: [1, 'é'], a: 1e21 }), '{"a":1e+21,"b":[1,"é"]}');
    assert.throws(() => canonicalJson({ cost: Infinity }), /Infinity/);
    // the serializer that splices shared texts writes the package's bytes
    const shared = shareCanonical({ 'é': 1, a: [null, 'x\u2028"\\', -0, 1.5e-7], z: { b: true, A: 'ß' } });
    const tricky = { '\u20ac': 2, '\ud83d\ude00': 'emoji key', '\r': 1, b: [shared, shared], a: { c: 1e21, undef: undefined, d: 0.1 + 0.2 } };
    assert.equal(canonicalJsonShared(tricky), canonicalJson(tricky));
    assert.throws(() => canonicalJsonShared({ cost: NaN }), /NaN/);
  });

  it('refuse to build a clean verdict that its own paths contradict', () => {
    const lying = flowResult('f1', { paths: EXPOSED('f1').paths });
    assert.throws(() => flowStatement(lying, context()), /class none but a listed path has an untrusted hop/);
  });

  it('verify within the window only, and refuse a signed statement whose subject or verdict is wrong', () => {
    const env = signStatement(flowStatement(EXPOSED('f2'), context()), KEY);
    assert.deepEqual(verifyFlowEnvelope(env, PUBLIC_KEY, NOW).problems, []);
    assert.match(verifyFlowEnvelope(env, PUBLIC_KEY, new Date('2027-06-01T00:00:00Z')).problems.join(), /expired at 2027-01-02/);
    assert.match(verifyFlowEnvelope(env, PUBLIC_KEY, new Date('2026-12-01T00:00:00Z')).problems.join(), /not valid before/);
    // a signer that lies (or a bug) is caught even with a good signature
    const s = flowStatement(EXPOSED('f2'), context());
    const renamed = { ...s, predicate: { ...s.predicate, flow: { ...s.predicate.flow, dst: 'z' } } };
    assert.match(verifyFlowEnvelope(signStatement(renamed, KEY), PUBLIC_KEY, NOW).problems.join(), /subject digest is not the SHA-256 of the flow/);
    const whitewashed = { ...s, predicate: { ...s.predicate, verdict: 'clean' as const } };
    const problems = verifyFlowEnvelope(signStatement(whitewashed, KEY), PUBLIC_KEY, NOW).problems.join('\n');
    assert.match(problems, /verdict clean does not follow from exposure all/);
    assert.match(problems, /verdict clean, yet a listed path crosses an untrusted device/);
  });
});
