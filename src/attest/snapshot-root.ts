// The snapshot-level statement: one signed Merkle root over every attested flow's envelope, and
// one inclusion proof per flow, so a customer shown only its own flow's attestation can still
// check that it belongs to the set the carrier published for the snapshot.
import type { DsseEnvelope } from './dsse.js';
import { buildMerkleTree, inclusionPath } from './merkle.js';
import type { InclusionProof } from './schema.js';
import { SNAPSHOT_PREDICATE_TYPE, STATEMENT_TYPE, VERDICTS, type SnapshotPredicate, type Statement, type Verdict } from './statement.js';
import type { AttestContext } from './flow-statement.js';
import { envelopeLeaf } from './verify.js';

export interface AttestedFlow {
  flow: string;
  verdict: Verdict;
  envelope: DsseEnvelope;
}

export interface SnapshotTree {
  statement: Statement<SnapshotPredicate>;
  /** one per flow, in the order given */
  proofs: InclusionProof[];
}

/** Leaves are ordered by flow id (code units), so the root does not depend on the order of computation. */
export function snapshotTree(flows: readonly AttestedFlow[], ctx: AttestContext): SnapshotTree {
  if (flows.length === 0) throw new RangeError('no flow attested: a snapshot root over nothing would say nothing');
  const order = flows.map((_, i) => i).sort((a, b) => (flows[a]!.flow < flows[b]!.flow ? -1 : flows[a]!.flow > flows[b]!.flow ? 1 : 0));
  const leaves = order.map((i) => envelopeLeaf(flows[i]!.envelope));
  const tree = buildMerkleTree(leaves);
  const root = tree.root.toString('hex');
  const proofs: InclusionProof[] = new Array(flows.length);
  order.forEach((i, leafIndex) => {
    proofs[i] = { flow: flows[i]!.flow, leafIndex, treeSize: tree.size, leafHash: leaves[leafIndex]!.toString('hex'), auditPath: inclusionPath(tree, leafIndex).map((h) => h.toString('hex')), root };
  });
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const f of flows) verdicts[f.verdict]++;
  const predicate: SnapshotPredicate = {
    snapshot: { name: ctx.snapshot.name, digest: { sha256: ctx.snapshot.sha256 } },
    catalog: { version: ctx.catalogVersion },
    asOf: ctx.asOf,
    untrusted: ctx.untrusted,
    merkle: { algorithm: 'rfc9162-sha256', leaf: 'dsse-envelope-jcs', treeSize: tree.size, root },
    verdicts,
    validity: { notBefore: ctx.notBefore.toISOString(), notAfter: ctx.notAfter.toISOString() },
    generator: { name: 'cleanpath', version: ctx.generatorVersion },
  };
  const statement: Statement<SnapshotPredicate> = {
    _type: STATEMENT_TYPE,
    subject: [{ name: `snapshot:${ctx.snapshot.name}`, digest: { sha256: ctx.snapshot.sha256 } }],
    predicateType: SNAPSHOT_PREDICATE_TYPE,
    predicate,
  };
  return { statement, proofs };
}
