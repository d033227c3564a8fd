// The in-toto Statement v1 an attestation signs: the flow as subject (SHA-256 of its canonical
// description) and a predicate of cleanpath's own type saying what cleanpath's analysis of the
// inventory concluded about it, hop by hop, and on which inputs. Types here; the builder is
// flow-statement.ts, the checks verify.ts.
import type { ExposureClass } from '../graph/index.js';

export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
/** cleanpath owns no domain: a URN names the type without pretending a document lives at a URL. */
export const FLOW_PREDICATE_TYPE = 'urn:cleanpath:attestation:flow-path:v1';
export const SNAPSHOT_PREDICATE_TYPE = 'urn:cleanpath:attestation:snapshot-root:v1';

export const VERDICTS = ['clean', 'clean-path-exists', 'exposed', 'unreachable'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What the subject digest is taken over: the flow as the snapshot names it. */
export interface FlowDescription {
  id: string;
  src: string;
  dst: string;
  class: string;
}

export interface Digest {
  sha256: string;
}

export interface Subject {
  name: string;
  digest: Digest;
}

/** One piece of evidence, as a digest of its canonical JSON (raw value and source included) and what it names. */
export interface EvidenceDigest {
  kind: string;
  vendor: string | null;
  sha256: string;
}

/** A device on a listed path or the clean path, described once however many paths cross it. */
export interface AttestedDevice {
  id: string;
  name: string | null;
  vendor: string | null;
  site: string | null;
  country: string | null;
  operator: string | null;
  untrusted: boolean;
  evidence: EvidenceDigest[];
}

/** A path hop by hop: device ids, source first; `devices` describes each. */
export interface AttestedPath {
  cost: number;
  hops: string[];
}

/** The avoid-criteria that made a device untrusted (canonical forms: vendor slugs, ISO codes, layer ids). */
export interface UntrustedSet {
  vendors: string[];
  countries: string[];
  operators: string[];
  layers: string[];
  /**
   * How many of the snapshot's devices the criteria matched. Zero is said, not hidden: a network
   * without any untrusted device is clean under these criteria, and the reader sees why.
   */
  devices: number;
}

export interface FlowPredicate {
  flow: FlowDescription;
  snapshot: { name: string; digest: Digest };
  catalog: { version: string };
  asOf: string;
  untrusted: UntrustedSet;
  verdict: Verdict;
  /** DESIGN section 4's class over every equal-cost shortest path */
  exposure: ExposureClass;
  /** least total metric; null when unreachable */
  cost: number | null;
  /** the cheapest path avoiding every untrusted device; null when none */
  cleanPath: AttestedPath | null;
  /** every equal-cost shortest path up to `listed`; `total` counts them all */
  paths: { total: number; listed: number; items: AttestedPath[] };
  /** every device on those paths and on the clean path, in order of first appearance */
  devices: AttestedDevice[];
  validity: { notBefore: string; notAfter: string };
  generator: { name: 'cleanpath'; version: string };
}

export interface Statement<P> {
  _type: typeof STATEMENT_TYPE;
  subject: Subject[];
  predicateType: string;
  predicate: P;
}

export interface SnapshotPredicate {
  snapshot: { name: string; digest: Digest };
  catalog: { version: string };
  asOf: string;
  untrusted: UntrustedSet;
  /** RFC 9162 tree over the flows' envelopes in flow-id order; each leaf is an envelope's canonical JSON */
  merkle: { algorithm: 'rfc9162-sha256'; leaf: 'dsse-envelope-jcs'; treeSize: number; root: string };
  verdicts: Record<Verdict, number>;
  validity: { notBefore: string; notAfter: string };
  generator: { name: 'cleanpath'; version: string };
}
