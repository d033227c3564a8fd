// Canonical JSON (RFC 8785, JCS) and SHA-256: what every digest in an attestation is taken over,
// so the same facts give the same digest whichever program wrote the JSON.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

// The package is CommonJS whose module.exports is the function, while its typings declare an ES
// default export: required, it is what its README says it is under both tsx and tsc's output.
const canonicalize = createRequire(import.meta.url)('canonicalize') as (value: unknown) => string | undefined;

/** RFC 8785 canonical form. Throws for what JSON cannot carry (NaN, Infinity, undefined at the top). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form');
  return text;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of a value's canonical JSON (UTF-8): the digest of a description, not of one spelling of it. */
export function digestOf(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
