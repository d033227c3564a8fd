// DSSE (Dead Simple Signing Envelope, secure-systems-lab/dsse v1): the signature covers the
// pre-authentication encoding of payload type and payload, never the JSON around them, so no
// JSON parser's quirks can make two readers see different signed bytes.
import { sign, verify, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { SigningKey } from './keys.js';

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

export interface DsseSignature {
  keyid: string;
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  /** standard base64 of the payload bytes */
  payload: string;
  signatures: DsseSignature[];
}

/** PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in bytes, in ASCII decimal. */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
  // one allocation: this runs once per attestation signed or checked
  const head = `DSSEv1 ${Buffer.byteLength(payloadType, 'utf8')} ${payloadType} ${payload.length} `;
  const at = Buffer.byteLength(head, 'utf8');
  const out = Buffer.allocUnsafe(at + payload.length);
  out.write(head, 0, 'utf8');
  out.set(payload, at);
  return out;
}

export function signEnvelope(payload: Uint8Array, key: SigningKey, payloadType = IN_TOTO_PAYLOAD_TYPE): DsseEnvelope {
  const sig = sign(null, pae(payloadType, payload), key.privateKey);
  return { payloadType, payload: Buffer.from(payload).toString('base64'), signatures: [{ keyid: key.keyid, sig: sig.toString('base64') }] };
}

const signInPool = promisify((data: Buffer, key: KeyObject, done: (e: Error | null, sig: Buffer) => void) => sign(null, data, key, done));

/**
 * The same envelope as signEnvelope for a payload given as text, the Ed25519 signature computed
 * on libuv's thread pool: while it signs one statement the caller builds the next, on another
 * core. The payload is written once, straight into its PAE.
 */
export async function signTextAsync(payload: string, key: SigningKey, payloadType = IN_TOTO_PAYLOAD_TYPE): Promise<DsseEnvelope> {
  const size = Buffer.byteLength(payload, 'utf8');
  const head = `DSSEv1 ${Buffer.byteLength(payloadType, 'utf8')} ${payloadType} ${size} `;
  const at = Buffer.byteLength(head, 'utf8');
  const message = Buffer.allocUnsafe(at + size);
  message.write(head, 0, 'utf8');
  message.write(payload, at, 'utf8');
  const sig = await signInPool(message, key.privateKey);
  return { payloadType, payload: message.subarray(at).toString('base64'), signatures: [{ keyid: key.keyid, sig: sig.toString('base64') }] };
}

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not standard base64');

export const DsseEnvelopeSchema = z.object({
  payloadType: z.string(),
  payload: Base64,
  signatures: z.array(z.object({ keyid: z.string().default(''), sig: Base64 })).min(1),
});

/**
 * Base64 decoders skip what they do not understand and ignore the unused bits of the last
 * character, so several strings decode to the same bytes; only the one canonical spelling is
 * accepted, so that a changed character of the envelope can never leave it valid.
 */
export function strictBase64(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

export type EnvelopeCheck = { ok: true; payload: Buffer; keyid: string } | { ok: false; reason: string };

/** Valid when one signature verifies with `publicKey` over the PAE of the payload as sent. */
export function verifyEnvelope(env: DsseEnvelope, publicKey: KeyObject): EnvelopeCheck {
  const payload = strictBase64(env.payload);
  if (!payload) return { ok: false, reason: 'the payload is not canonical base64' };
  const message = pae(env.payloadType, payload);
  for (const s of env.signatures) {
    const sig = strictBase64(s.sig);
    if (sig && sig.length === 64 && verify(null, message, publicKey, sig)) return { ok: true, payload, keyid: s.keyid };
  }
  return { ok: false, reason: `no signature verifies with this public key (${env.signatures.length} signature(s))` };
}
