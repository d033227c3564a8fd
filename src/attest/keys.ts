// Ed25519 signing keys: PKCS#8 PEM for the private half, SPKI PEM for the public half (what
// OpenSSL, Python's cryptography and every DSSE library read). The private key lives in a
// KeyObject; nothing here turns it back into text except generateSigningKey, whose PEM the caller
// writes to a file of mode 0600 and never prints.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SHA-256 of the public key's DER (SPKI), hex: the envelope's keyid hint. */
  keyid: string;
}

export interface GeneratedKeyPem {
  privatePem: string;
  publicPem: string;
  keyid: string;
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function generateSigningKey(): GeneratedKeyPem {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyid: keyIdOf(publicKey),
  };
}

/** The reason a text is not what was expected, for the caller's `file: reason` error. */
export class KeyFormatError extends Error {
  override readonly name = 'KeyFormatError';
}

/** A PKCS#8 PEM Ed25519 private key; anything else (another algorithm, a public key, garbage) is refused. */
export function parsePrivateKey(pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    // The library's message may quote the input; a private key's bytes must not reach a log.
    throw new KeyFormatError('not a PEM private key (expected PKCS#8 "BEGIN PRIVATE KEY", from cleanpath keys create)');
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new KeyFormatError(`a ${privateKey.asymmetricKeyType ?? 'unknown'} key; attestations are signed with Ed25519`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyid: keyIdOf(publicKey) };
}

/** An SPKI PEM Ed25519 public key. A private key given by mistake is refused, not silently reduced. */
export function parsePublicKey(pem: string): { publicKey: KeyObject; keyid: string } {
  if (/PRIVATE KEY/.test(pem)) throw new KeyFormatError('this is a private key; give the public half (PREFIX.pub)');
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new KeyFormatError('not a PEM public key (expected SPKI "BEGIN PUBLIC KEY", from cleanpath keys create)');
  }
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new KeyFormatError(`a ${publicKey.asymmetricKeyType ?? 'unknown'} key; attestations are signed with Ed25519`);
  return { publicKey, keyid: keyIdOf(publicKey) };
}
