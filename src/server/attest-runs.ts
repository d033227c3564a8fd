// The server's attestation runs: one prepared run (snapshot read, graph, digest) per organisation,
// snapshot and untrusted set, kept a few minutes, so a flow's download and its inclusion proof
// come from the same run and match byte for byte (Ed25519 signatures are deterministic). The
// signing key comes from the environment (CLEANPATH_ATTEST_KEY: the PEM, or
// CLEANPATH_ATTEST_KEY_FILE: a path); without one the routes answer 503.
import { attestSensitive, prepareAttestRun, type PreparedRun, type SigningKey, type SnapshotAttestations } from '../attest/index.js';
import { readSigningKey, SIGNING_KEY_ENV } from '../attest/key-file.js';
import type { AvoidOptions } from '../analyses/untrusted.js';
import { isInputError, isNothingToAnalyse } from '../model/index.js';
import { HttpError } from './http.js';

export const SIGNING_KEY_FILE_ENV = 'CLEANPATH_ATTEST_KEY_FILE';
const KEPT_MS = 10 * 60_000;
const MAX_RUNS = 4;

let key: SigningKey | undefined;

/** The server's signing key, read once; 503 when none is configured (a 400 would blame the caller). */
export function serverKey(warn: (m: string) => void = () => {}): SigningKey {
  if (key) return key;
  const file = process.env[SIGNING_KEY_FILE_ENV];
  if (!file && !process.env[SIGNING_KEY_ENV]) throw new HttpError(503, `attestations are not configured on this server: start it with ${SIGNING_KEY_ENV} (the PEM) or ${SIGNING_KEY_FILE_ENV} (a path) set`);
  try {
    key = readSigningKey(file ?? undefined, warn);
  } catch (e) {
    // the server's own configuration is wrong, not the request
    if (isInputError(e)) throw new HttpError(503, `the server's signing key is unusable: ${e.detail}`);
    throw e;
  }
  return key;
}

interface Entry {
  at: number;
  run: Promise<PreparedRun>;
  all?: Promise<SnapshotAttestations>;
}

const runs = new Map<string, Entry>();

export interface RunKey {
  db: string;
  organisation: string;
  snapshot: string;
  avoid: AvoidOptions;
  asOf?: string;
}

export async function preparedRun(k: RunKey, paramName: (p: string) => string): Promise<{ run: PreparedRun; entry: Entry }> {
  const id = JSON.stringify([k.organisation, k.snapshot, k.avoid, k.asOf ?? null]);
  const now = Date.now();
  for (const [i, e] of runs) if (now - e.at > KEPT_MS) runs.delete(i);
  let entry = runs.get(id);
  if (!entry) {
    if (runs.size >= MAX_RUNS) runs.delete(runs.keys().next().value!);
    entry = { at: now, run: prepareAttestRun({ db: k.db, snapshot: k.snapshot, organisation: k.organisation }, { avoid: k.avoid, ...(k.asOf && { asOf: k.asOf }) }, { paramName }) };
    runs.set(id, entry);
    // a failed run is not kept: the next request tries again
    entry.run.catch(() => runs.delete(id));
  }
  try {
    return { run: await entry.run, entry };
  } catch (e) {
    if (isNothingToAnalyse(e)) throw new HttpError(422, e.message);
    throw e;
  }
}

/** Every sensitive flow attested once per run; 422 when the snapshot has none. */
export async function allOf(run: PreparedRun, entry: Entry, k: SigningKey): Promise<SnapshotAttestations> {
  try {
    return await (entry.all ??= attestSensitive(run, k));
  } catch (e) {
    entry.all = undefined;
    if (isNothingToAnalyse(e)) throw new HttpError(422, e.message);
    throw e;
  }
}
