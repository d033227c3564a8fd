// A Statement signed: its canonical JSON is the payload, so the signed bytes are the same
// whichever order the builder set the fields in.
import { canonicalJsonShared } from './canonical-shared.js';
import { signEnvelope, signTextAsync, type DsseEnvelope } from './dsse.js';
import type { SigningKey } from './keys.js';
import type { Statement } from './statement.js';

export function signStatement<P>(statement: Statement<P>, key: SigningKey): DsseEnvelope {
  return signEnvelope(Buffer.from(canonicalJsonShared(statement), 'utf8'), key);
}

export function signStatementAsync<P>(statement: Statement<P>, key: SigningKey): Promise<DsseEnvelope> {
  return signTextAsync(canonicalJsonShared(statement), key);
}
