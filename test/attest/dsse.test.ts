// DSSE signing and verification: the PAE as the spec writes it, round trips, and no changed byte
// of a payload or a signature (nor any changed character of their base64) ever verifies.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { generateSigningKey, pae, parsePrivateKey, parsePublicKey, signEnvelope, verifyEnvelope, type DsseEnvelope } from '../../src/attest/index.js';

const pem = generateSigningKey();
const key = parsePrivateKey(pem.privatePem);
const { publicKey } = parsePublicKey(pem.publicPem);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

describe('DSSE', () => {
  it('PAE is the spec\'s: DSSEv1, lengths in bytes, single spaces', () => {
    // the worked example of secure-systems-lab/dsse protocol.md
    assert.equal(pae('http://example.com/HelloWorld', Buffer.from('hello world')).toString(), 'DSSEv1 29 http://example.com/HelloWorld 11 hello world');
    // lengths count bytes, not characters
    assert.equal(pae('t', Buffer.from('é', 'utf8')).toString('utf8'), 'DSSEv1 1 t 2 é');
  });

  it('signs and verifies; the keyid is the public key\'s SHA-256', () => {
    const env = signEnvelope(Buffer.from('{"a":1}'), key);
    const r = verifyEnvelope(env, publicKey);
    assert.ok(r.ok);
    assert.equal(r.keyid, pem.keyid);
    assert.equal(r.payload.toString(), '{"a":1}');
    assert.match(pem.keyid, /^[0-9a-f]{64}$/);
  });

  it('another key does not verify', () => {
    const other = parsePublicKey(generateSigningKey().publicPem).publicKey;
    assert.equal(verifyEnvelope(signEnvelope(Buffer.from('x'), key), other).ok, false);
  });

  it('every changed byte of the payload or the signature fails', () => {
    const payload = Buffer.from('{"_type":"https://in-toto.io/Statement/v1","verdict":"clean"}');
    const env = signEnvelope(payload, key);
    const sig = Buffer.from(env.signatures[0]!.sig, 'base64');
    let tried = 0;
    for (let i = 0; i < payload.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const p = Buffer.from(payload);
        p[i] = p[i]! ^ mask;
        assert.equal(verifyEnvelope({ ...env, payload: p.toString('base64') }, publicKey).ok, false, `payload byte ${i} ^ ${mask}`);
        tried++;
      }
    }
    for (let i = 0; i < sig.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const s = Buffer.from(sig);
        s[i] = s[i]! ^ mask;
        assert.equal(verifyEnvelope({ ...env, signatures: [{ keyid: pem.keyid, sig: s.toString('base64') }] }, publicKey).ok, false, `signature byte ${i} ^ ${mask}`);
        tried++;
      }
    }
    assert.equal(tried, 3 * (payload.length + 64));
  });

  it('every changed character of the base64 texts fails, padding bits included', () => {
    const env = signEnvelope(Buffer.from('{"v":"clean-path-exists"}'), key);
    // the neighbours in the alphabet reach the unused low bits of the last character; '=', a
    // space and a newline are what lenient decoders skip or stop at
    const variants = (text: string, at: number): string[] => {
      const k = BASE64.indexOf(text[at]!);
      const others = k < 0 ? ['A', 'Q', 'g'] : [BASE64[(k + 1) % 64]!, BASE64[(k + 63) % 64]!, BASE64[k ^ 16]!];
      return [...others, '=', ' ', '\n'].filter((c) => c !== text[at]).map((c) => text.slice(0, at) + c + text.slice(at + 1));
    };
    const check = (mutate: (e: DsseEnvelope, v: string) => DsseEnvelope, text: string, what: string) => {
      for (let i = 0; i < text.length; i++) for (const v of variants(text, i)) assert.equal(verifyEnvelope(mutate(env, v), publicKey).ok, false, `${what} char ${i} -> ${JSON.stringify(v[i])}`);
    };
    check((e, v) => ({ ...e, payload: v }), env.payload, 'payload');
    check((e, v) => ({ ...e, signatures: [{ keyid: e.signatures[0]!.keyid, sig: v }] }), env.signatures[0]!.sig, 'sig');
    // and the payload type is signed too
    assert.equal(verifyEnvelope({ ...env, payloadType: 'application/json' }, publicKey).ok, false);
  });

  it('refuses keys that are not Ed25519, a private key given as public, and garbage, without quoting them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    assert.throws(() => parsePrivateKey(rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), /rsa key; attestations are signed with Ed25519/);
    assert.throws(() => parsePublicKey(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()), /rsa key/);
    assert.throws(() => parsePublicKey(pem.privatePem), /this is a private key/);
    const secret = pem.privatePem.replace(/[A-Za-z]{10}/, 'XXXXXXXXXX');
    assert.throws(() => parsePrivateKey(secret), (e: Error) => /not a PEM private key/.test(e.message) && !e.message.includes('BEGIN PRIVATE KEY-----\n'));
    assert.throws(() => parsePrivateKey(pem.publicPem), /not a PEM private key/);
  });
});
