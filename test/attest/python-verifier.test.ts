// An independent verifier accepts cleanpath's attestations: Debian's Python `cryptography`, over
// a PAE and a Merkle proof it computes itself (python_verifier.py), checks the signatures, the
// subject digests and the inclusion proofs; and cleanpath accepts a signature Python made.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { flowStatement, signEnvelope, signStatement, snapshotTree, verifyEnvelope } from '../../src/attest/index.js';
import { peer } from '../support/peer.js';
import { context, EXPOSED, flowResult, KEY, KEY_PEM } from './fixtures.js';

const PYTHON = '/usr/bin/python3';
const has = spawnSync(PYTHON, ['-c', 'import cryptography'], { encoding: 'utf8' });
const available = has.status === 0 || `${PYTHON} -c 'import cryptography' failed: ${(has.stderr || String(has.error)).trim().split('\n').at(-1)}`;

interface PythonAnswer {
  valid: boolean[];
  subjectDigestMatches: boolean[];
  included: boolean[];
  rootValid: boolean;
  pythonSigned: { publicKeyPem: string; sig: string };
}

describe("Python's cryptography verifies cleanpath's attestations", peer('python3-cryptography', available), () => {
  it('accepts every signature, subject digest and inclusion proof, refuses a tampered one, and signs what cleanpath accepts', () => {
    const ctx = context();
    const results = [flowResult('f1'), EXPOSED('f2'), flowResult('f3 «ünïcode» \u2028 / "quoted"'), EXPOSED('f4'), flowResult('f5')];
    const flows = results.map((r) => {
      const statement = flowStatement(r, ctx);
      return { flow: r.flow.id, verdict: statement.predicate.verdict, envelope: signStatement(statement, KEY) };
    });
    const tree = snapshotTree(flows, ctx);
    const tampered = { ...flows[1]!.envelope, payload: Buffer.from(Buffer.from(flows[1]!.envelope.payload, 'base64').toString().replace('"exposed"', '"clean"')).toString('base64') };
    const payloadToSign = '{"_type":"https://in-toto.io/Statement/v1"}';
    const job = { publicKeyPem: KEY_PEM.publicPem, envelopes: [...flows.map((f) => f.envelope), tampered], proofs: tree.proofs, root: signStatement(tree.statement, KEY), payloadToSign };
    const r = spawnSync(PYTHON, [join(import.meta.dirname, 'python_verifier.py')], { input: JSON.stringify(job), encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const answer = JSON.parse(r.stdout) as PythonAnswer;
    assert.deepEqual(answer.valid, [true, true, true, true, true, false]);
    assert.deepEqual(answer.subjectDigestMatches, [true, true, true, true, true, true]);
    assert.deepEqual(answer.included, [true, true, true, true, true]);
    assert.equal(answer.rootValid, true);
    // Python's signature over its own PAE verifies here
    const pythonKey = createPublicKey(answer.pythonSigned.publicKeyPem);
    const env = { ...signEnvelope(Buffer.from(payloadToSign), KEY), signatures: [{ keyid: '', sig: answer.pythonSigned.sig }] };
    assert.equal(verifyEnvelope(env, pythonKey).ok, true);
    assert.equal(verifyEnvelope({ ...env, payload: Buffer.from(`${payloadToSign} `).toString('base64') }, pythonKey).ok, false);
  });
});
