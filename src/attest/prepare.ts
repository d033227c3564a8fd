// Reads what a run of attestations needs, once: the snapshot (devices with their evidence, links,
// flows), the untrusted set checked against its devices, the graph, the snapshot digest and the
// catalog version. Every flow is then attested from memory (flow-result.ts), so --all-sensitive
// at 10k flows costs one load and one graph, not 10k.
import { activeCatalog } from '../analyses/catalog-source.js';
import { checkAvoid } from '../analyses/avoid.js';
import type { AnalysisSource, RunEnv } from '../analyses/define.js';
import { loadNetwork, type LoadedNetwork } from '../analyses/network.js';
import { avoidFilterText, countSet, noDeviceMessage, noFlowsMessage, NOTHING_UNTRUSTED } from '../analyses/nothing.js';
import { DEFAULT_UNTRUSTED, untrustedNodes, type AvoidOptions } from '../analyses/untrusted.js';
import { buildGraph } from '../graph/index.js';
import { InputError, NothingToAnalyse, type Device } from '../model/index.js';
import type { AttestContext } from './flow-statement.js';
import type { RunNetwork } from './flow-result.js';
import { snapshotDigest } from './snapshot-digest.js';
import type { UntrustedSet } from './statement.js';

export const GENERATOR_VERSION = '0.1.0';
export const DEFAULT_VALID_DAYS = 30;
const DAY_MS = 86_400_000;

export interface AttestOptions {
  avoid: AvoidOptions;
  /** YYYY-MM-DD; default the UTC date of `now` */
  asOf?: string;
  validDays?: number;
  now?: Date;
}

export interface PreparedRun {
  loaded: LoadedNetwork;
  net: RunNetwork;
  ctx: AttestContext;
}

function untrustedSet(avoid: AvoidOptions, devices: number): UntrustedSet {
  const any = avoid.untrusted || avoid.avoidCountry || avoid.avoidOperator || avoid.avoidLayer;
  const sorted = (v: string[] | undefined) => [...(v ?? [])].sort();
  return { vendors: sorted(any ? avoid.untrusted : DEFAULT_UNTRUSTED), countries: sorted(avoid.avoidCountry), operators: sorted(avoid.avoidOperator), layers: sorted(avoid.avoidLayer), devices };
}

function checkAsOf(asOf: string | undefined, now: Date): string {
  if (asOf === undefined) return now.toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))) throw new InputError('--as-of', undefined, `expected a date as YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  return asOf;
}

function context(loaded: LoadedNetwork, avoid: AvoidOptions, untrusted: Uint8Array, opts: AttestOptions): AttestContext {
  const now = opts.now ?? new Date();
  const days = opts.validDays ?? DEFAULT_VALID_DAYS;
  if (!(days > 0 && days <= 3660)) throw new InputError('--valid-days', undefined, `expected 1 to 3660 days, got ${days}`);
  const devices = loaded.devices ?? [];
  return {
    snapshot: { name: loaded.snapshot ?? loaded.label, sha256: snapshotDigest(devices, loaded.links, loaded.flows, loaded.nodes.map((n) => n.id)) },
    catalogVersion: activeCatalog().catalogVersion,
    asOf: checkAsOf(opts.asOf, now),
    untrusted: untrustedSet(avoid, countSet(untrusted)),
    notBefore: now,
    notAfter: new Date(now.getTime() + days * DAY_MS),
    generatorVersion: GENERATOR_VERSION,
  };
}

/**
 * Throws NothingToAnalyse (exit 1) for a snapshot without flows: no empty all-clear is signed.
 * Criteria that match no device are warned about and recorded in the predicate (untrusted.devices
 * = 0): a network free of them is what a carrier most wants to prove, and the reader sees why it is.
 */
export async function prepareAttestRun(source: AnalysisSource, opts: AttestOptions, env: RunEnv = {}): Promise<PreparedRun> {
  const loaded = await loadNetwork({ ...source, keepDevices: true });
  if (loaded.snapshot === undefined) throw new InputError(source.db, undefined, 'attestations are made of a snapshot of the store (import the network first)');
  if (loaded.flows.length === 0) throw new NothingToAnalyse(noFlowsMessage(loaded));
  const avoid = checkAvoid(opts.avoid, loaded.nodes, env);
  const untrusted = untrustedNodes(loaded.nodes, avoid);
  const none = noDeviceMessage(loaded, countSet(untrusted), avoidFilterText(avoid), NOTHING_UNTRUSTED);
  if (none) env.warn?.(`${none}; the attestations say untrusted.devices = 0`);
  const devices = new Map<string, Device>((loaded.devices ?? []).map((d) => [d.id, d]));
  const graph = buildGraph(loaded, { source: loaded.label });
  return { loaded, net: { nodes: loaded.nodes, devices, untrusted, graph }, ctx: context(loaded, avoid, untrusted, opts) };
}
