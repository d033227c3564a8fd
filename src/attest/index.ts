// Signed clean-path attestations (issue 19): pure functions over the analysis's results. Keys are
// read and envelopes written at the edges (src/cli, src/server).
export { canonicalJson, digestOf, sha256Hex } from './canonical.js';
export { DsseEnvelopeSchema, IN_TOTO_PAYLOAD_TYPE, pae, signEnvelope, strictBase64, verifyEnvelope, type DsseEnvelope, type DsseSignature } from './dsse.js';
export { flowPredicate, flowStatement, flowSubjectName, verdictOf, type AttestContext, type FlowResultInput, type HopInput, type PathInput } from './flow-statement.js';
export { generateSigningKey, KeyFormatError, keyIdOf, parsePrivateKey, parsePublicKey, type GeneratedKeyPem, type SigningKey } from './keys.js';
export { buildMerkleTree, inclusionPath, leafHash, verifyInclusion, type MerkleTree } from './merkle.js';
export { recheckDifferences } from './recheck.js';
export { InclusionProofSchema, type InclusionProof } from './schema.js';
export { signStatement } from './sign.js';
export { snapshotTree, type AttestedFlow, type SnapshotTree } from './snapshot-root.js';
export * from './statement.js';
export { claimedKind, envelopeLeaf, flowProblems, inclusionProblems, parseEnvelope, verifyFlowEnvelope, verifySnapshotEnvelope, type Parsed, type Verification } from './verify.js';
export { attestFlow, attestSensitive, DEFAULT_ATTEST_LIMIT, signFlows, findFlow, type FlowAttestation, type SnapshotAttestations } from './attest-run.js';
export { flowResult, type RunNetwork } from './flow-result.js';
export { DEFAULT_VALID_DAYS, GENERATOR_VERSION, prepareAttestRun, type AttestOptions, type PreparedRun } from './prepare.js';
export { snapshotDigest } from './snapshot-digest.js';
export { recheckFlow, type Recheck } from './recheck-run.js';
export { flowFileName } from './file-name.js';
export { canonicalJsonShared, shareCanonical } from './canonical-shared.js';
