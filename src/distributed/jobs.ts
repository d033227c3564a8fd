// What travels through the queue: a job names its network source (plain files, one topology
// file, or a store snapshot), the fingerprint every machine must reproduce from that source, its
// shard of source groups and the analysis parameters. Everything is checked with zod on arrival:
// a job is input from another machine.
import { z } from 'zod';

export const NetworkSourceSchema = z.strictObject({
  db: z.string().min(1),
  snapshot: z.string().min(1).optional(),
  organisation: z.string().min(1).optional(),
  topology: z.string().min(1).optional(),
  nodes: z.string().min(1).optional(),
  links: z.string().min(1).optional(),
  flows: z.string().min(1).optional(),
});
export type NetworkSource = z.infer<typeof NetworkSourceSchema>;

const list = z.array(z.string().max(200)).max(10_000).optional();

export const AvoidSchema = z.strictObject({
  untrusted: list,
  avoidCountry: list,
  avoidOperator: list,
  avoidLayer: list,
});

export const ExposureJobSchema = z.strictObject({
  kind: z.literal('exposure'),
  source: NetworkSourceSchema,
  /** sha256 of the loaded network (see fingerprint.ts); also the workers' cache key */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** source groups [from, to) of the flow plan (groups are sources in first-seen flow order) */
  from: z.number().int().min(0),
  to: z.number().int().min(1),
  avoid: AvoidSchema,
  chokepoints: z.boolean(),
}).refine((j) => j.from < j.to, 'empty shard');
export type ExposureJob = z.infer<typeof ExposureJobSchema>;

export const KillSwitchJobSchema = z.strictObject({
  kind: z.literal('killswitch'),
  source: NetworkSourceSchema,
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  vendors: z.array(z.string().max(200)).min(1).max(10_000),
  layers: list,
  countries: list,
  top: z.number().int().min(1),
});
export type KillSwitchJob = z.infer<typeof KillSwitchJobSchema>;

export const JobSchema = z.union([ExposureJobSchema, KillSwitchJobSchema]);
export type AnalysisJob = z.infer<typeof JobSchema>;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** One exposure shard's answer, flows in plan order from groupStart[from] to groupStart[to]. */
export const ExposureShardResultSchema = z.strictObject({
  kind: z.literal('exposure'),
  from: z.number().int(),
  to: z.number().int(),
  /** Float64 little-endian, Infinity for unreachable / no clean path */
  cost: base64,
  clean: base64,
  /** Uint8 exposure class codes */
  exposure: base64,
  /** Int32 (flow position, internal node) chokepoint pairs, or null when not collected */
  pairs: base64.nullable(),
  worker: z.string(),
});
export type ExposureShardResult = z.infer<typeof ExposureShardResultSchema>;

const TallySchema = z.strictObject({ flows: z.number(), sensitiveFlows: z.number(), volume: z.number(), sensitiveVolume: z.number() });

export const KillSwitchJobResultSchema = z.strictObject({
  kind: z.literal('killswitch'),
  removedDevices: z.number(),
  flowStatus: base64,
  disrupted: TallySchema,
  endpointRemoved: z.number(),
  alreadyUnreachable: z.number(),
  mainNetworkBefore: z.number(),
  mainNetworkAfter: z.number(),
  sitesCutOff: z.array(z.strictObject({ site: z.string(), devices: z.number(), removed: z.number(), reason: z.enum(['removed', 'isolated']) })),
  // key order as killSwitch() builds them: the JSON output must not change by a byte
  restore: z.array(z.strictObject({ id: z.string(), flows: z.number(), sensitiveFlows: z.number(), volume: z.number(), sensitiveVolume: z.number() })),
  worker: z.string(),
});
export type KillSwitchJobResult = z.infer<typeof KillSwitchJobResultSchema>;

export function encodeArray(a: Float64Array | Int32Array | Uint8Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

/** Copies into fresh (aligned) memory: typed arrays need their byte offset aligned. */
export function decodeFloat64(s: string, length: number, what: string): Float64Array {
  const b = Buffer.from(s, 'base64');
  if (b.length !== length * 8) throw new Error(`${what}: expected ${length} numbers, got ${b.length / 8}`);
  const out = new Float64Array(length);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function decodeInt32(s: string, what: string): Int32Array {
  const b = Buffer.from(s, 'base64');
  if (b.length % 8 !== 0) throw new Error(`${what}: truncated pair list`);
  const out = new Int32Array(b.length / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function decodeUint8(s: string, length: number, what: string): Uint8Array {
  const b = Buffer.from(s, 'base64');
  if (b.length !== length) throw new Error(`${what}: expected ${length} bytes, got ${b.length}`);
  return new Uint8Array(b);
}
