// The server's attestation runs. A run (snapshot read, graph, digest, signatures) is opened per
// organisation, snapshot and untrusted set and kept ten minutes: its answers are built in an
// analysis worker (attest-job.ts) and cached by the analysis runner, so a flow's download and its
// inclusion proof come from the same run and match byte for byte. The signing key is the one
// `serve --attest-key` names, else the environment's (src/attest/key-file.ts); without one the
// routes answer 503.
import { readSigningKey, signingKeySpec, SIGNING_KEY_ENV, SIGNING_KEY_FILE_ENV } from '../attest/key-file.js';
import type { SigningKey } from '../attest/index.js';
import type { AvoidOptions } from '../analyses/untrusted.js';
import { isInputError } from '../model/index.js';
import type { AnalysisJob } from './analysis/jobs.js';
import { QueueFullError } from './analysis/errors.js';
import type { AttestAnswer, AttestWant } from './attest-job.js';
import type { ServerContext } from './context.js';
import type { ResolvedOptions } from './options.js';
import { HttpError, notFound } from './http.js';

const KEPT_MS = 10 * 60_000;
const MAX_RUNS = 64;

const keys = new WeakMap<ResolvedOptions, SigningKey>();

/** The server's signing key, read once per server; 503 when none is configured (a 400 would blame the caller). */
export function serverKey(opts: ResolvedOptions, warn: (m: string) => void = () => {}): SigningKey {
  const known = keys.get(opts);
  if (known) return known;
  if (signingKeySpec(opts.attestKey || undefined) === undefined) {
    throw new HttpError(503, `attestations are not configured on this server: start it with --attest-key FILE, or ${SIGNING_KEY_FILE_ENV} (a path) or ${SIGNING_KEY_ENV} (the PEM) set`);
  }
  try {
    const key = readSigningKey(opts.attestKey || undefined, warn, '--attest-key');
    keys.set(opts, key);
    return key;
  } catch (e) {
    // the server's own configuration is wrong, not the request
    if (isInputError(e)) throw new HttpError(503, `the server's signing key is unusable: ${e.detail}`);
    throw e;
  }
}

export interface RunKey {
  organisation: string;
  snapshot: string;
  avoid: AvoidOptions;
  asOf?: string;
}

/** When each open run was opened, by run id; the oldest go first past the bound. */
const opened = new Map<string, number>();

/** The instant the run of `id` was opened: now, unless one was within the last ten minutes. */
function openedAt(id: string, now = Date.now()): number {
  for (const [i, at] of opened) if (now - at > KEPT_MS) opened.delete(i);
  const at = opened.get(id);
  if (at !== undefined) return at;
  while (opened.size >= MAX_RUNS) opened.delete(opened.keys().next().value!);
  opened.set(id, now);
  return now;
}

/**
 * An answer of the run, built off the request thread; 404 for a flow the run lacks, 422 for a
 * snapshot with nothing to attest, 429 (with Retry-After) when the organisation's queue is full.
 */
export async function attestAnswer(ctx: ServerContext, k: RunKey, key: SigningKey, want: AttestWant, retryAfter: (s: number) => void): Promise<unknown> {
  const run = JSON.stringify([k.organisation, k.snapshot, k.avoid, k.asOf ?? null, key.keyid]);
  const preparedAt = openedAt(run);
  const params = { want, avoid: k.avoid, ...(k.asOf && { asOf: k.asOf }), preparedAt, key: key.privateKey };
  const job: AnalysisJob = { kind: 'attestation', db: ctx.opts.db, organisation: k.organisation, snapshot: k.snapshot, planTimeLimit: ctx.opts.planTimeLimit, params };
  let a: AttestAnswer;
  try {
    // the key's id, not the key, in the cache key
    a = (await ctx.analyses.get(`attestation\u0000${run}\u0000${preparedAt}\u0000${JSON.stringify(want)}`, job)).parsed() as AttestAnswer;
  } catch (e) {
    if (e instanceof QueueFullError) retryAfter(e.retryAfter);
    throw e;
  }
  if ('nothing' in a) throw new HttpError(422, a.nothing);
  if ('missing' in a) throw notFound(a.missing, want.answer === 'root' ? k.snapshot : want.flow);
  return a.value;
}
