// Builds one flow's Statement from the paths cleanpath computed (src/graph/flow-paths.ts via the
// flow-paths analysis) and the context of the run. Pure: the same inputs give the same bytes.
import type { Hop } from '../analyses/flow-paths.js';
import type { ExposureClass } from '../graph/index.js';
import type { Evidence } from '../model/index.js';
import { digestShared, shareCanonical } from './canonical-shared.js';
import { FLOW_PREDICATE_TYPE, STATEMENT_TYPE, type AttestedDevice, type AttestedPath, type EvidenceDigest, type FlowDescription, type FlowPredicate, type Statement, type UntrustedSet, type Verdict } from './statement.js';

/** A hop as the flow-paths analysis describes it, with every evidence item (a digest covers them all). */
export type HopInput = Omit<Hop, 'evidence' | 'moreEvidence'> & { evidence: readonly Evidence[] };

export interface PathInput {
  cost: number;
  hops: readonly HopInput[];
}

/** One flow's analysis: DESIGN section 4's cost and class, its listed shortest paths, its clean alternative. */
export interface FlowResultInput {
  flow: FlowDescription;
  /** Infinity (or null) when unreachable */
  cost: number | null;
  exposure: ExposureClass;
  total: number;
  paths: readonly PathInput[];
  clean: PathInput | null;
}

/** What is the same for every flow of a run. */
export interface AttestContext {
  snapshot: { name: string; sha256: string };
  catalogVersion: string;
  asOf: string;
  untrusted: UntrustedSet;
  notBefore: Date;
  notAfter: Date;
  generatorVersion: string;
}

/**
 * `clean` only when every equal-cost shortest path avoids the untrusted set (class `none`): a
 * flow that may be hashed onto an untrusted path is at best `clean-path-exists`, never `clean`.
 */
export function verdictOf(exposure: ExposureClass, cleanCost: number | null): Verdict {
  const byClass: Record<ExposureClass, () => Verdict> = {
    none: () => 'clean',
    some: () => (cleanCost === null ? 'exposed' : 'clean-path-exists'),
    all: () => (cleanCost === null ? 'exposed' : 'clean-path-exists'),
    unreachable: () => 'unreachable',
  };
  return byClass[exposure]();
}

// Evidence arrays are shared by every path through a device: digest each once.
const evidenceCache = new WeakMap<readonly Evidence[], EvidenceDigest[]>();

function evidenceDigests(evidence: readonly Evidence[]): EvidenceDigest[] {
  let out = evidenceCache.get(evidence);
  if (!out) evidenceCache.set(evidence, (out = evidence.map((e) => ({ kind: e.kind, vendor: e.vendor, sha256: digestShared(e) }))));
  return out;
}

// A run hands the same HopInput for a device to every flow crossing it (flow-result.ts): its
// description is built, and its canonical text computed, once.
const deviceCache = new WeakMap<HopInput, AttestedDevice>();

function attestedDevice(h: HopInput): AttestedDevice {
  let d = deviceCache.get(h);
  if (!d) {
    d = shareCanonical({ id: h.device, name: h.name, vendor: h.vendor, site: h.site, country: h.country, operator: h.operator, untrusted: h.untrusted, evidence: evidenceDigests(h.evidence) });
    deviceCache.set(h, d);
  }
  return d;
}

/**
 * Paths as device ids and each device described once: equal-cost paths share most of their
 * hops, and a statement's size is what signing and canonical JSON cost.
 */
function pathsAndDevices(paths: readonly PathInput[], clean: PathInput | null): { items: AttestedPath[]; cleanPath: AttestedPath | null; devices: AttestedDevice[] } {
  const devices = new Map<string, AttestedDevice>();
  const attested = (p: PathInput): AttestedPath => ({
    cost: p.cost,
    hops: p.hops.map((h) => {
      if (!devices.has(h.device)) devices.set(h.device, attestedDevice(h));
      return h.device;
    }),
  });
  const items = paths.map(attested);
  const cleanPath = clean && attested(clean);
  return { items, cleanPath, devices: [...devices.values()] };
}

// What every statement of a run carries alike: built, and its canonical text computed, once per run.
const runParts = new WeakMap<AttestContext, Pick<FlowPredicate, 'snapshot' | 'catalog' | 'untrusted' | 'validity' | 'generator'>>();

function partsOf(ctx: AttestContext): Pick<FlowPredicate, 'snapshot' | 'catalog' | 'untrusted' | 'validity' | 'generator'> {
  let parts = runParts.get(ctx);
  if (!parts) {
    parts = {
      snapshot: shareCanonical({ name: ctx.snapshot.name, digest: { sha256: ctx.snapshot.sha256 } }),
      catalog: shareCanonical({ version: ctx.catalogVersion }),
      untrusted: shareCanonical({ ...ctx.untrusted }),
      validity: shareCanonical({ notBefore: ctx.notBefore.toISOString(), notAfter: ctx.notAfter.toISOString() }),
      generator: shareCanonical({ name: 'cleanpath', version: ctx.generatorVersion }),
    };
    runParts.set(ctx, parts);
  }
  return parts;
}

const finite = (n: number | null): number | null => (n === null || !Number.isFinite(n) ? null : n);

export function flowPredicate(r: FlowResultInput, ctx: AttestContext): FlowPredicate {
  const verdict = verdictOf(r.exposure, r.clean ? r.clean.cost : null);
  const { items, cleanPath, devices } = pathsAndDevices(r.paths, r.clean);
  // A contradiction must never be signed: a bug upstream stops the run instead.
  if (verdict === 'clean' && r.paths.some((p) => p.hops.some((h) => h.untrusted))) throw new Error(`flow ${r.flow.id}: class none but a listed path has an untrusted hop`);
  const parts = partsOf(ctx);
  return {
    flow: r.flow,
    snapshot: parts.snapshot,
    catalog: parts.catalog,
    asOf: ctx.asOf,
    untrusted: parts.untrusted,
    verdict,
    exposure: r.exposure,
    cost: finite(r.cost),
    cleanPath,
    paths: { total: r.total, listed: items.length, items },
    devices,
    validity: parts.validity,
    generator: parts.generator,
  };
}

export const flowSubjectName = (id: string): string => `flow:${id}`;

export function flowStatement(r: FlowResultInput, ctx: AttestContext): Statement<FlowPredicate> {
  return {
    _type: STATEMENT_TYPE,
    subject: [{ name: flowSubjectName(r.flow.id), digest: { sha256: digestShared(r.flow) } }],
    predicateType: FLOW_PREDICATE_TYPE,
    predicate: flowPredicate(r, ctx),
  };
}
