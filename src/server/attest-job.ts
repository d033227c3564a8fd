// The attestation API's work, run as an analysis job (analysis/jobs.ts) in a worker thread: reading
// a snapshot, its graph and digest, and attesting every sensitive flow of a big one takes seconds of
// CPU that must not stall the requests around it. Every answer of one run is prepared at the same
// instant (the request thread fixes it), so whichever worker builds a flow's download and its
// inclusion proof, they match byte for byte (Ed25519 signatures are deterministic).
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { AvoidOptions } from '../analyses/untrusted.js';
import { attestFlow, attestSensitive, keyIdOf, prepareAttestRun, type PreparedRun, type SigningKey, type SnapshotAttestations } from '../attest/index.js';
import { isNothingToAnalyse } from '../model/index.js';

/** What a route asks of a run: a flow's envelope, a sensitive flow's inclusion, or the snapshot root. */
export type AttestWant = { answer: 'flow'; flow: string } | { answer: 'inclusion'; flow: string } | { answer: 'root' };

export interface AttestJobParams {
  want: AttestWant;
  avoid: AvoidOptions;
  asOf?: string;
  /** When the run was opened, ms since the epoch: every statement's notBefore. */
  preparedAt: number;
  /** The server's private key: a KeyObject crosses to a worker thread as a clone, no PEM in transit. */
  key: KeyObject;
}

/** The job's answer; the route turns the misses into 404 and 422. */
export type AttestAnswer = { value: unknown } | { missing: 'flow' | 'sensitive flow' } | { nothing: string };

interface Job {
  db: string;
  organisation: string;
  snapshot: string;
  params: AttestJobParams;
}

interface Run {
  run: Promise<PreparedRun>;
  all?: Promise<SnapshotAttestations>;
}

/** Runs this thread prepared: a flow view's next download reuses the snapshot read, the graph and the signed set. */
const RUNS = new Map<string, Run>();
const KEPT_RUNS = 2;

function runOf(job: Job, keyid: string): Run {
  const p = job.params;
  const id = JSON.stringify([job.db, job.organisation, job.snapshot, p.avoid, p.asOf ?? null, p.preparedAt, keyid]);
  const hit = RUNS.get(id);
  RUNS.delete(id);
  const run: Run = hit ?? {
    run: prepareAttestRun({ db: job.db, snapshot: job.snapshot, organisation: job.organisation }, { avoid: p.avoid, ...(p.asOf && { asOf: p.asOf }), now: new Date(p.preparedAt) }, { paramName: (n) => `query parameter "${n}"` }),
  };
  RUNS.set(id, run);
  // a failed run is not kept: the next job tries again
  run.run.catch(() => RUNS.get(id) === run && RUNS.delete(id));
  while (RUNS.size > KEPT_RUNS) RUNS.delete(RUNS.keys().next().value!);
  return run;
}

async function allOf(entry: Run, run: PreparedRun, key: SigningKey): Promise<SnapshotAttestations> {
  try {
    return await (entry.all ??= attestSensitive(run, key));
  } catch (e) {
    entry.all = undefined;
    throw e;
  }
}

async function answer(entry: Run, want: AttestWant, key: SigningKey): Promise<AttestAnswer> {
  const run = await entry.run;
  if (want.answer === 'flow') {
    const flow = run.loaded.flows.find((f) => f.id === want.flow);
    return flow ? { value: attestFlow(run, flow, key).envelope } : { missing: 'flow' };
  }
  const all = await allOf(entry, run, key);
  if (want.answer === 'root') return { value: { root: all.root, keyid: key.keyid, flows: all.flows.map((f) => ({ flow: f.flow, verdict: f.verdict })) } };
  const i = all.flows.findIndex((f) => f.flow === want.flow);
  return i < 0 ? { missing: 'sensitive flow' } : { value: { envelope: all.flows[i]!.envelope, proof: all.tree.proofs[i], root: all.root } };
}

/** One attestation answer; a snapshot without (sensitive) flows is an answer too, not an error. */
export async function runAttestJob(job: Job): Promise<AttestAnswer> {
  const publicKey = createPublicKey(job.params.key);
  const key: SigningKey = { privateKey: job.params.key, publicKey, keyid: keyIdOf(publicKey) };
  try {
    return await answer(runOf(job, key.keyid), job.params.want, key);
  } catch (e) {
    if (isNothingToAnalyse(e)) return { nothing: e.message };
    throw e;
  }
}
