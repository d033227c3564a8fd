// The shapes a verifier accepts: an envelope from a file is untrusted input until these pass.
import { z } from 'zod';
import { EXPOSURE_CLASSES } from '../graph/index.js';
import { FLOW_PREDICATE_TYPE, SNAPSHOT_PREDICATE_TYPE, STATEMENT_TYPE, VERDICTS } from './statement.js';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const Digest = z.object({ sha256: Hex64 });
const Time = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'expected an ISO time');
const Names = z.array(z.string());

const Device = z.object({
  id: z.string(),
  name: z.string().nullable(),
  vendor: z.string().nullable(),
  site: z.string().nullable(),
  country: z.string().nullable(),
  operator: z.string().nullable(),
  untrusted: z.boolean(),
  evidence: z.array(z.object({ kind: z.string(), vendor: z.string().nullable(), sha256: Hex64 })),
});

const Path = z.object({ cost: z.number(), hops: z.array(z.string()).min(1) });

const Common = {
  snapshot: z.object({ name: z.string(), digest: Digest }),
  catalog: z.object({ version: z.string() }),
  asOf: z.string(),
  untrusted: z.object({ vendors: Names, countries: Names, operators: Names, layers: Names, devices: z.number().int().nonnegative() }),
  validity: z.object({ notBefore: Time, notAfter: Time }),
  generator: z.object({ name: z.literal('cleanpath'), version: z.string() }),
};

export const FlowPredicateSchema = z.object({
  ...Common,
  flow: z.object({ id: z.string(), src: z.string(), dst: z.string(), class: z.string() }),
  verdict: z.enum(VERDICTS),
  exposure: z.enum(EXPOSURE_CLASSES),
  cost: z.number().nullable(),
  cleanPath: Path.nullable(),
  paths: z.object({ total: z.number().int().nonnegative(), listed: z.number().int().nonnegative(), items: z.array(Path) }),
  devices: z.array(Device),
});

export const SnapshotPredicateSchema = z.object({
  ...Common,
  merkle: z.object({ algorithm: z.literal('rfc9162-sha256'), leaf: z.literal('dsse-envelope-jcs'), treeSize: z.number().int().positive(), root: Hex64 }),
  verdicts: z.record(z.enum(VERDICTS), z.number().int().nonnegative()),
});

const Subject = z.object({ name: z.string(), digest: Digest });

export const FlowStatementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(Subject).length(1),
  predicateType: z.literal(FLOW_PREDICATE_TYPE),
  predicate: FlowPredicateSchema,
});

export const SnapshotStatementSchema = z.object({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(Subject).length(1),
  predicateType: z.literal(SNAPSHOT_PREDICATE_TYPE),
  predicate: SnapshotPredicateSchema,
});

export const InclusionProofSchema = z.object({
  flow: z.string(),
  leafIndex: z.number().int().nonnegative(),
  treeSize: z.number().int().positive(),
  leafHash: Hex64,
  auditPath: z.array(Hex64),
  root: Hex64,
});
export type InclusionProof = z.infer<typeof InclusionProofSchema>;
