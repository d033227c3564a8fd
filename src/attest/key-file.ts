// Where the CLI and the server get keys: a file (PREFIX or PREFIX.key / PREFIX.pub) or, for the signing key,
// an environment variable holding the PEM (a CI secret never written to disk). Bad or unreadable
// keys are InputErrors naming the file or variable; a private key's text never reaches a message.
import { readFileSync, statSync } from 'node:fs';
import { KeyFormatError, parsePrivateKey, parsePublicKey, type SigningKey } from './keys.js';
import { InputError } from '../model/index.js';
import type { KeyObject } from 'node:crypto';

/** A variable holding the signing key's PEM (a CI secret never written to disk). */
export const SIGNING_KEY_ENV = 'CLEANPATH_ATTEST_KEY';
/** A variable holding the path of the signing key's file. */
export const SIGNING_KEY_FILE_ENV = 'CLEANPATH_ATTEST_KEY_FILE';

/** Where the key comes from, in order: what the option and the two variables take. */
export const KEY_SOURCES = `the option (a file, or env:NAME), else $${SIGNING_KEY_FILE_ENV} (a path), else $${SIGNING_KEY_ENV} (the PEM)`;

export const KEY_HELP = `signing key: a PKCS#8 PEM file (PREFIX or PREFIX.key, from cleanpath keys create), or env:NAME for a variable holding the PEM (default: $${SIGNING_KEY_FILE_ENV}, else $${SIGNING_KEY_ENV})`;

/**
 * Where the signing key comes from, the one definition the CLI (`attest --key`) and the server
 * (`serve --attest-key`) share: the option, else $CLEANPATH_ATTEST_KEY_FILE, else
 * $CLEANPATH_ATTEST_KEY; as readSigningKey's spec (a path or env:NAME), undefined when none is set.
 */
export function signingKeySpec(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (option) return option;
  if (env[SIGNING_KEY_FILE_ENV]) return env[SIGNING_KEY_FILE_ENV];
  if (env[SIGNING_KEY_ENV]) return `env:${SIGNING_KEY_ENV}`;
  return undefined;
}

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

/**
 * The signing key from `option` (a file or env:NAME) or the variables (signingKeySpec); `warn`
 * hears of a file others can read. `where` names the option in messages.
 */
export function readSigningKey(option: string | undefined, warn: (m: string) => void, where = '--key'): SigningKey {
  const spec = signingKeySpec(option);
  if (spec === undefined) throw new InputError(where, undefined, `no signing key: give ${where} PREFIX.key, or set ${SIGNING_KEY_FILE_ENV} (a path) or ${SIGNING_KEY_ENV} (the PEM)`);
  if (spec.startsWith('env:')) {
    const envName = spec.slice(4);
    const pem = process.env[envName];
    if (!pem) throw new InputError(where, undefined, `environment variable ${envName} is empty or unset`);
    return parsed(`$${envName}`, () => parsePrivateKey(pem));
  }
  const path = withExtension(spec, '.key');
  const key = parsed(path, () => parsePrivateKey(readText(path, 'the signing key')));
  // like ssh: a private key others can read is likely already leaked
  if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) warn(`${path}: readable by other users (chmod 600 ${path})`);
  return key;
}

export function readPublicKey(spec: string): { publicKey: KeyObject; keyid: string } {
  const path = withExtension(spec, '.pub');
  return parsed(path, () => parsePublicKey(readText(path, 'the public key')));
}
