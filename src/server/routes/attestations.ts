// Attestations over the API (issue 19): a flow's signed statement, the snapshot's signed Merkle
// root, a flow's inclusion proof, and the server's public key. Organisation-scoped like every
// snapshot route: the snapshot is looked up in the caller's organisation, and another's is 404.
import { z } from 'zod';
import { AVOID_PARAMS } from '../../analyses/avoid.js';
import { dateParam } from '../../analyses/params.js';
import { flowFileName } from '../../attest/index.js';
import { DEFAULT_ORGANISATION } from '../../store/index.js';
import type { AttestWant } from '../attest-job.js';
import { attestAnswer, serverKey } from '../attest-runs.js';
import { snapshotOf } from '../context.js';
import { route, type JsonSchema, type RouteInput, type RouteSpec } from '../route-spec.js';
import { SnapshotParams } from '../schemas.js';

const AttestQuery = z.object({ ...AVOID_PARAMS, asOf: dateParam('the date the attestation speaks for, YYYY-MM-DD (default: today, UTC)') });
type Query = z.infer<typeof AttestQuery>;
const FlowParams = SnapshotParams.extend({ id: z.string().min(1).max(1000).describe('flow id') });
const DownloadQuery = AttestQuery.extend({ download: z.enum(['true', 'false']).default('false').describe('true: sent as a file to save (Content-Disposition: attachment)') });

const str = { type: 'string' };
const ENVELOPE: JsonSchema = {
  type: 'object',
  description: 'a DSSE envelope: payloadType application/vnd.in-toto+json, payload the base64 of an in-toto Statement v1, Ed25519 signatures over the PAE (docs/attestations.md)',
  properties: { payloadType: str, payload: str, signatures: { type: 'array', items: { type: 'object', properties: { keyid: str, sig: str } } } },
  required: ['payloadType', 'payload', 'signatures'],
};
const PROOF: JsonSchema = { type: 'object', description: 'RFC 9162 inclusion proof of the flow envelope in the snapshot root', properties: { flow: str, leafIndex: { type: 'integer' }, treeSize: { type: 'integer' }, leafHash: str, auditPath: { type: 'array', items: str }, root: str } };
const BUSY = {
  422: 'nothing to attest: the snapshot has no flows, or no sensitive flow',
  429: "the caller's organisation already has its bound of analyses queued or running (see Retry-After), or the rate limit is exceeded",
  503: 'no signing key configured on the server (serve --attest-key, CLEANPATH_ATTEST_KEY_FILE or CLEANPATH_ATTEST_KEY), or the run exceeded its time or memory budget',
};

type Input<P, Q> = RouteInput<P, Q, unknown>;

/** The answer of the caller's run (organisation, snapshot, untrusted set), built in an analysis worker. */
async function answerFor<P extends { snapshot: string }>(input: Input<P, Query>, want: AttestWant): Promise<unknown> {
  const key = serverKey(input.ctx.opts, (m) => input.request.log.warn(m));
  const organisation = input.auth?.organisation ?? DEFAULT_ORGANISATION;
  const snap = await snapshotOf(input.ctx, input.auth, input.params.snapshot);
  const { asOf, ...avoid } = input.query;
  const run = { organisation, snapshot: snap.name, avoid, ...(asOf && { asOf }) };
  return attestAnswer(input.ctx, run, key, want, (s) => input.reply.header('retry-after', String(s)));
}

export const ATTESTATION_ROUTES: RouteSpec[] = [
  route<z.infer<typeof FlowParams>, z.infer<typeof DownloadQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/attestations/{id}',
    operationId: 'getFlowAttestation',
    tag: 'attestations',
    summary: "A flow's signed attestation: a DSSE envelope over an in-toto Statement (verdict, every path hop by hop, evidence digests)",
    description: 'Verify it offline with `cleanpath verify FILE --pubkey KEY.pub`. A sensitive flow\'s envelope is byte for byte the leaf its inclusion proof proves (same run).',
    access: 'viewer',
    params: FlowParams,
    query: DownloadQuery,
    notFound: true,
    errors: BUSY,
    response: { description: 'the DSSE envelope', schema: ENVELOPE },
    handle: async (input) => {
      const { download, ...query } = input.query;
      const envelope = await answerFor({ ...input, query }, { answer: 'flow', flow: input.params.id });
      if (download === 'true') input.reply.header('Content-Disposition', `attachment; filename="${flowFileName(input.params.id)}.dsse.json"`);
      return envelope;
    },
  }),
  route<z.infer<typeof FlowParams>, Query>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/attestations/{id}/inclusion',
    operationId: 'getFlowInclusion',
    tag: 'attestations',
    summary: "A sensitive flow's envelope with its inclusion proof and the signed snapshot root: what its customer checks without seeing other flows",
    access: 'viewer',
    params: FlowParams,
    query: AttestQuery,
    notFound: true,
    errors: BUSY,
    response: { description: 'envelope, proof and root', schema: { type: 'object', properties: { envelope: ENVELOPE, proof: PROOF, root: ENVELOPE } } },
    handle: (input) => answerFor(input, { answer: 'inclusion', flow: input.params.id }),
  }),
  route<z.infer<typeof SnapshotParams>, Query>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/attestations',
    operationId: 'getSnapshotAttestations',
    tag: 'attestations',
    summary: "The snapshot's signed Merkle root over every sensitive flow's attestation, and each flow's verdict",
    access: 'viewer',
    params: SnapshotParams,
    query: AttestQuery,
    notFound: true,
    errors: BUSY,
    response: { description: 'root envelope, key id and verdicts', schema: { type: 'object', properties: { root: ENVELOPE, keyid: str, flows: { type: 'array', items: { type: 'object', properties: { flow: str, verdict: str } } } } } },
    handle: (input) => answerFor(input, { answer: 'root' }),
  }),
  route({
    method: 'GET',
    path: '/api/attestations/key',
    operationId: 'getAttestationKey',
    tag: 'attestations',
    summary: "The server's attestation public key (SPKI PEM) and its key id",
    description: 'Fetched over the same connection as the attestations, it proves nothing by itself: compare its keyid with the one the carrier gave you out of band (docs/attestations.md).',
    access: 'viewer',
    errors: { 503: BUSY[503] },
    response: { description: 'public key', schema: { type: 'object', properties: { keyid: str, publicKey: str } } },
    handle: (input) => {
      const k = serverKey(input.ctx.opts, (m) => input.request.log.warn(m));
      return { keyid: k.keyid, publicKey: k.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    },
  }),
];
