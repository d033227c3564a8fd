// Where the CLI and the server get keys: a file (PREFIX or PREFIX.key / PREFIX.pub) or, for the signing key,
// an environment variable holding the PEM (a CI secret never written to disk). Bad or unreadable
// keys are InputErrors naming the file or variable; a private key's text never reaches a message.
import { readFileSync, statSync } from 'node:fs';
import { KeyFormatError, parsePrivateKey, parsePublicKey, type SigningKey } from './keys.js';
import { InputError } from '../model/index.js';
import type { KeyObject } from 'node:crypto';

/** The environment variable read when no --key is given; `--key env:NAME` names another. */
export const SIGNING_KEY_ENV = 'CLEANPATH_ATTEST_KEY';

export const KEY_HELP = `signing key: a PKCS#8 PEM file (PREFIX or PREFIX.key, from cleanpath keys create), or env:NAME for a variable holding the PEM (default: $${SIGNING_KEY_ENV})`;

/** `path`, else `path` + `ext` when only that exists (`--key ops` finds ops.key). */
function withExtension(path: string, ext: string): string {
  try {
    statSync(path);
    return path;
  } catch {
    try {
      statSync(path + ext);
      return path + ext;
    } catch {
      return path;
    }
  }
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(path, undefined, `cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function parsed<T>(where: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof KeyFormatError) throw new InputError(where, undefined, e.message);
    throw e;
  }
}

/** The signing key named by --key (a file or env:NAME), else by $CLEANPATH_ATTEST_KEY; `warn` hears of a file others can read. */
export function readSigningKey(spec: string | undefined, warn: (m: string) => void): SigningKey {
  const envName = spec === undefined ? SIGNING_KEY_ENV : spec.startsWith('env:') ? spec.slice(4) : undefined;
  if (envName !== undefined) {
    const pem = process.env[envName];
    if (!pem) throw new InputError('--key', undefined, spec === undefined ? `no signing key: give --key PREFIX.key or set ${SIGNING_KEY_ENV}` : `environment variable ${envName} is empty or unset`);
    return parsed(`$${envName}`, () => parsePrivateKey(pem));
  }
  const path = withExtension(spec!, '.key');
  const key = parsed(path, () => parsePrivateKey(readText(path, 'the signing key')));
  // like ssh: a private key others can read is likely already leaked
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) warn(`${path}: readable by other users (chmod 600 ${path})`);
  return key;
}

export function readPublicKey(spec: string): { publicKey: KeyObject; keyid: string } {
  const path = withExtension(spec, '.pub');
  return parsed(path, () => parsePublicKey(readText(path, 'the public key')));
}
