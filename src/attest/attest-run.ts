// Attests flows of a prepared run: one flow by id, or every sensitive flow with the snapshot's
// Merkle root and each flow's inclusion proof. Signing is here; writing files is the caller's.
import { isSensitive } from '../analyses/nothing.js';
import type { FlowInput } from '../graph/index.js';
import { didYouMean } from '../model/closest.js';
import { InputError, NothingToAnalyse } from '../model/index.js';
import type { DsseEnvelope } from './dsse.js';
import { flowResult } from './flow-result.js';
import { flowStatement, type AttestContext, type FlowResultInput } from './flow-statement.js';
import type { SigningKey } from './keys.js';
import type { PreparedRun } from './prepare.js';
import { signStatement, signStatementAsync } from './sign.js';
import { snapshotTree, type AttestedFlow, type SnapshotTree } from './snapshot-root.js';
import type { FlowPredicate, Statement } from './statement.js';

/** Paths listed per flow unless told: the flow-paths analysis's default. */
export const DEFAULT_ATTEST_LIMIT = 64;

export interface FlowAttestation extends AttestedFlow {
  statement: Statement<FlowPredicate>;
}

/** The flow named, or an InputError naming the nearest id: an unknown flow is never attested as anything. */
export function findFlow(run: PreparedRun, id: string, where = '--flow'): FlowInput {
  const f = run.loaded.flows.find((x) => x.id === id);
  if (f) return f;
  throw new InputError(where, undefined, `no flow ${JSON.stringify(id)} in snapshot ${run.ctx.snapshot.name}${didYouMean(id, run.loaded.flows.map((x) => x.id))}`);
}

export function attestFlow(run: PreparedRun, flow: FlowInput, key: SigningKey, limit = DEFAULT_ATTEST_LIMIT): FlowAttestation {
  const statement = flowStatement(flowResult(run.net, flow, limit), run.ctx);
  return { flow: flow.id, verdict: statement.predicate.verdict, statement, envelope: signStatement(statement, key) };
}

export interface SnapshotAttestations {
  /** the envelopes, not the statements they carry: 10k statements kept as objects would be most of the heap */
  flows: AttestedFlow[];
  tree: SnapshotTree;
  root: DsseEnvelope;
}

/** Signatures in flight at once: enough to keep the thread pool busy while statements are built. */
const IN_FLIGHT = 64;

/**
 * Statements built here and signed on the thread pool meanwhile, in the order given: the same
 * bytes as attestFlow's (Ed25519 is deterministic). `results` may be lazy (computed as consumed).
 * A counter, not Promise.race over the pending set: racing 64 promises per statement added a
 * reaction to each of them every time, and made the pool slower than signing in line.
 */
export async function signFlows(results: Iterable<FlowResultInput>, ctx: AttestContext, key: SigningKey, progress?: (done: number) => void): Promise<AttestedFlow[]> {
  const flows: AttestedFlow[] = [];
  const all: Promise<void>[] = [];
  let inFlight = 0;
  let wake: (() => void) | null = null;
  let failure: unknown = null;
  let i = 0;
  for (const r of results) {
    if (failure !== null) break;
    const at = i++;
    const statement = flowStatement(r, ctx);
    inFlight++;
    const signed = signStatementAsync(statement, key).then(
      (envelope) => void (flows[at] = { flow: r.flow.id, verdict: statement.predicate.verdict, envelope }),
      (e: unknown) => void (failure ??= e),
    );
    all.push(
      signed.finally(() => {
        inFlight--;
        const w = wake;
        wake = null;
        w?.();
      }),
    );
    if (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
    if (progress && i % 256 === 0) progress(i);
  }
  await Promise.all(all);
  if (failure !== null) throw failure;
  return flows;
}

/** Every sensitive flow (a flow without a class counts as sensitive), the snapshot root and proofs; none is NothingToAnalyse. */
export async function attestSensitive(run: PreparedRun, key: SigningKey, limit = DEFAULT_ATTEST_LIMIT, progress?: (done: number, total: number) => void): Promise<SnapshotAttestations> {
  const sensitive = run.loaded.flows.filter(isSensitive);
  if (sensitive.length === 0) throw new NothingToAnalyse(`snapshot ${run.ctx.snapshot.name} has ${run.loaded.flows.length} flow(s), none sensitive: nothing to attest`);
  const results = (function* () {
    for (const f of sensitive) yield flowResult(run.net, f, limit);
  })();
  const flows = await signFlows(results, run.ctx, key, progress && ((done) => progress(done, sensitive.length)));
  const tree = snapshotTree(flows, run.ctx);
  return { flows, tree, root: signStatement(tree.statement, key) };
}
