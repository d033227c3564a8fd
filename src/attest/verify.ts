// Offline checks of an attestation: the signature over DSSE's PAE, then the Statement's shape,
// its subject digest, its validity window and the agreement of verdict and paths. Unreadable
// input (not JSON, not an envelope) is told apart from an invalid attestation: the first is the
// caller's mistake (exit 2), the second a failed check (exit 1).
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, digestOf } from './canonical.js';
import { DsseEnvelopeSchema, IN_TOTO_PAYLOAD_TYPE, verifyEnvelope, type DsseEnvelope } from './dsse.js';
import { verdictOf } from './flow-statement.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { FlowStatementSchema, SnapshotStatementSchema, type InclusionProof } from './schema.js';
import { FLOW_PREDICATE_TYPE, SNAPSHOT_PREDICATE_TYPE, type FlowPredicate, type SnapshotPredicate, type Statement } from './statement.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** JSON text → a DSSE envelope, or why it is not one. */
export function parseEnvelope(text: string): Parsed<DsseEnvelope> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, reason: `not JSON (${(e as Error).message})` };
  }
  const r = DsseEnvelopeSchema.safeParse(json);
  return r.success ? { ok: true, value: r.data } : { ok: false, reason: `not a DSSE envelope: ${issues(r.error)}` };
}

const issues = (e: z.ZodError): string => e.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');

export interface Verification<P> {
  valid: boolean;
  /** every reason it is not valid; empty when valid */
  problems: string[];
  /** present once the signature verified and the payload is a Statement of the expected type */
  statement?: Statement<P>;
  keyid?: string;
}

function openStatement<S extends z.ZodType>(env: DsseEnvelope, publicKey: KeyObject, schema: S): { problems: string[]; statement?: z.infer<S>; keyid?: string } {
  if (env.payloadType !== IN_TOTO_PAYLOAD_TYPE) return { problems: [`payload type is ${JSON.stringify(env.payloadType)}, not ${IN_TOTO_PAYLOAD_TYPE}`] };
  const sig = verifyEnvelope(env, publicKey);
  if (!sig.ok) return { problems: [`signature: ${sig.reason}`] };
  let json: unknown;
  try {
    json = JSON.parse(sig.payload.toString('utf8'));
  } catch {
    return { problems: ['the signed payload is not JSON'], keyid: sig.keyid };
  }
  const r = schema.safeParse(json);
  if (!r.success) return { problems: [`the signed payload is not a cleanpath Statement: ${issues(r.error)}`], keyid: sig.keyid };
  return { problems: [], statement: r.data, keyid: sig.keyid };
}

function windowProblems(validity: { notBefore: string; notAfter: string }, now: Date): string[] {
  if (now.getTime() < Date.parse(validity.notBefore)) return [`not valid before ${validity.notBefore}`];
  if (now.getTime() > Date.parse(validity.notAfter)) return [`expired at ${validity.notAfter}`];
  return [];
}

/** What a correct signer never writes: a verdict its own paths contradict, a subject not its flow. */
export function flowProblems(s: Statement<FlowPredicate>): string[] {
  const p = s.predicate, out: string[] = [];
  if (s.subject[0]!.digest.sha256 !== digestOf(p.flow)) out.push('the subject digest is not the SHA-256 of the flow described');
  const expected = verdictOf(p.exposure, p.cleanPath ? p.cleanPath.cost : null);
  if (p.verdict !== expected) out.push(`verdict ${p.verdict} does not follow from exposure ${p.exposure} (expected ${expected})`);
  const untrusted = new Map(p.devices.map((d) => [d.id, d.untrusted]));
  const hops = [...p.paths.items, ...(p.cleanPath ? [p.cleanPath] : [])].flatMap((path) => path.hops);
  const unknown = hops.filter((id) => !untrusted.has(id));
  if (unknown.length) out.push(`hop(s) ${[...new Set(unknown)].slice(0, 5).join(', ')} not described in devices`);
  if (p.verdict === 'clean' && p.paths.items.some((path) => path.hops.some((id) => untrusted.get(id) !== false))) out.push('verdict clean, yet a listed path crosses an untrusted device');
  if (p.cleanPath?.hops.some((id) => untrusted.get(id) !== false)) out.push('the clean path crosses an untrusted device');
  if (p.paths.listed !== p.paths.items.length || p.paths.listed > p.paths.total) out.push('the path counts disagree with the paths listed');
  return out;
}

export function verifyFlowEnvelope(env: DsseEnvelope, publicKey: KeyObject, now: Date): Verification<FlowPredicate> {
  const opened = openStatement(env, publicKey, FlowStatementSchema);
  if (!opened.statement) return { valid: false, problems: opened.problems, ...(opened.keyid && { keyid: opened.keyid }) };
  const statement = opened.statement as Statement<FlowPredicate>;
  const problems = [...flowProblems(statement), ...windowProblems(statement.predicate.validity, now)];
  return { valid: problems.length === 0, problems, statement, ...(opened.keyid && { keyid: opened.keyid }) };
}

export function verifySnapshotEnvelope(env: DsseEnvelope, publicKey: KeyObject, now: Date): Verification<SnapshotPredicate> {
  const opened = openStatement(env, publicKey, SnapshotStatementSchema);
  if (!opened.statement) return { valid: false, problems: opened.problems };
  const statement = opened.statement as Statement<SnapshotPredicate>;
  const problems = windowProblems(statement.predicate.validity, now);
  if (statement.subject[0]!.digest.sha256 !== statement.predicate.snapshot.digest.sha256) problems.push('the subject digest is not the snapshot digest');
  return { valid: problems.length === 0, problems, statement, ...(opened.keyid && { keyid: opened.keyid }) };
}

/** The leaf a flow's envelope is in the snapshot tree: its canonical JSON, so whitespace never matters. */
export const envelopeLeaf = (env: DsseEnvelope): Buffer => leafHash(Buffer.from(canonicalJson(env), 'utf8'));

/**
 * Is this flow's envelope a leaf of the tree whose root the (already verified) snapshot
 * statement signs? The proof's own root is only a convenience: the signed one decides.
 */
export function inclusionProblems(env: DsseEnvelope, flow: FlowPredicate, proof: InclusionProof, root: Statement<SnapshotPredicate>): string[] {
  const m = root.predicate.merkle, out: string[] = [];
  if (proof.flow !== flow.flow.id) out.push(`the proof is for flow ${JSON.stringify(proof.flow)}, not ${JSON.stringify(flow.flow.id)}`);
  if (proof.treeSize !== m.treeSize) out.push(`the proof is for a tree of ${proof.treeSize}, the signed root covers ${m.treeSize}`);
  if (root.predicate.snapshot.digest.sha256 !== flow.snapshot.digest.sha256) out.push('the snapshot statement is for another snapshot (digests differ)');
  const leaf = envelopeLeaf(env);
  const path = proof.auditPath.map((h) => Buffer.from(h, 'hex'));
  if (!verifyInclusion(leaf, proof.leafIndex, m.treeSize, path, Buffer.from(m.root, 'hex'))) out.push('the audit path does not lead from this attestation to the signed root');
  return out;
}

/**
 * Which statement an envelope claims to carry, read before any check only to pick the checks to
 * run: every claim is then verified (signature first) by verifyFlowEnvelope or verifySnapshotEnvelope.
 */
export function claimedKind(env: DsseEnvelope): 'flow' | 'snapshot' | 'other' {
  try {
    const t = (JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { predicateType?: unknown }).predicateType;
    return t === FLOW_PREDICATE_TYPE ? 'flow' : t === SNAPSHOT_PREDICATE_TYPE ? 'snapshot' : 'other';
  } catch {
    return 'other';
  }
}
