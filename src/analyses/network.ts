// Where an analysis gets its network: plain CSV files (the benchmark format, read by the fast
// reader in src/ingest/plain), one importable topology file (GraphML, SNDlib, inventory JSON...:
// read and identified like an import, nothing stored), or a snapshot of the store (the default).
// Each source is read once: the nodes carry what the planner prices them by (role, cost) too.
import type { FlowInput, LinkArrays, LinkInput, NodeInput } from '../graph/index.js';
import { attributeDevice, createIdentifyContext } from '../identify/index.js';
import { readImport, type ColumnMap } from '../ingest/index.js';
import { readPlainNetwork } from '../ingest/plain/index.js';
import { InputError, type Device, type Flow, type Link } from '../model/index.js';
import { FlowEndpoints, quoted } from './flow-endpoints.js';
import { openStore, storeLabel } from '../store/index.js';

export interface NetworkSourceOptions {
  db: string;
  snapshot?: string;
  /** Whose snapshot (default: the store's default organisation). */
  organisation?: string;
  topology?: string;
  nodes?: string;
  links?: string;
  flows?: string;
  /** Renames the columns of --nodes, or of an inventory given as --topology (`--map`). */
  columns?: ColumnMap;
  /**
   * Keep a snapshot's full device records (`LoadedNetwork.devices`), for a caller that also
   * evaluates rules on them (the plan's rule-forced devices): the same read, the same snapshot.
   */
  keepDevices?: boolean;
}

/** A device as the analyses take it: the graph's attributes plus what its replacement costs by. */
export interface NetworkNode extends NodeInput {
  layer: string | null;
  role: string | null;
  /** the input's own replacement cost; null when it has none (the cost table prices it) */
  cost: number | null;
}

export interface LoadedNetwork {
  nodes: NetworkNode[];
  links: readonly LinkInput[] | LinkArrays;
  flows: FlowInput[];
  /** Names the input in error messages and reports: a file or `store.db#snapshot`. */
  label: string;
  /** The snapshot's name when the input is a snapshot of the store (for "nothing to analyse" messages). */
  snapshot?: string;
  /** Things the user should know about the input (e.g. link endpoints that are not devices). */
  notes: string[];
  /** The snapshot's device records, when the source is a snapshot and `keepDevices` asked for them. */
  devices?: Device[];
}

const networkNode = (d: Device): NetworkNode => ({
  id: d.id,
  vendor: d.vendor,
  country: d.country ?? null,
  operator: d.operator ?? null,
  layer: d.layer ?? null,
  site: d.site ?? null,
  role: d.role ?? null,
  cost: d.cost ?? null,
});

const toFlowInput = (f: Flow): FlowInput => ({ id: f.id, src: f.src, dst: f.dst, class: f.class, volume: f.volume });

/**
 * Every link endpoint must be a device of the input: a phantom would be analysed as a device of
 * unknown vendor, and a "clean path" could run through it — a false all-clear.
 */
function checkEndpoints(nodes: readonly NodeInput[], links: readonly Link[], where: (l: Link, id: string) => InputError): void {
  const known = new Set(nodes.map((n) => n.id));
  for (const l of links) {
    for (const id of [l.a, l.b]) if (!known.has(id)) throw where(l, id);
  }
}

export async function loadNetwork(opts: NetworkSourceOptions): Promise<LoadedNetwork> {
  if (opts.nodes || opts.links) {
    if (!opts.nodes || !opts.links) throw new InputError(opts.nodes ?? opts.links ?? '-', undefined, '--nodes and --links go together');
    const net = await readPlainNetwork({ nodes: opts.nodes, links: opts.links, flows: opts.flows, columns: opts.columns });
    return { ...net, label: opts.links, notes: [] };
  }
  if (opts.topology) return loadTopologyFile(opts.topology, opts.flows, opts.columns);
  if (opts.columns) throw new InputError(opts.columns.origin, undefined, 'a column map renames the columns of --nodes or of an inventory given as --topology; a snapshot has ours already');
  if (opts.flows) throw new InputError(opts.flows, undefined, '--flows needs --nodes/--links or --topology (a snapshot has its own flows)');
  return await loadSnapshot(opts.db, opts.snapshot, opts.organisation, opts.keepDevices ?? false);
}

async function loadTopologyFile(path: string, flowsPath?: string, columns?: ColumnMap): Promise<LoadedNetwork> {
  const batch = await readImport(path, { columns });
  const ctx = createIdentifyContext();
  const nodes: NetworkNode[] = batch.devices.map((rec) => networkNode(attributeDevice(rec, ctx).device));
  checkEndpoints(nodes, batch.links, (l, id) =>
    new InputError(l.source.file ?? path, l.source.line, `link ${quoted(l.a)}-${quoted(l.b)} names ${quoted(id)}, which is not a device of ${path}`));
  const links = batch.links.map((l) => ({ a: l.a, b: l.b, metric: l.metric }));
  const endpoints = new FlowEndpoints(batch.devices, path);
  const flowsIn = flowsPath ? (await readImport(flowsPath, { format: 'flows-csv' })).flows : batch.flows;
  const flows = flowsIn.map((f) => endpoints.resolve(f));
  return { nodes, links, flows, label: path, notes: [] };
}

async function loadSnapshot(db: string, snapshot: string | undefined, organisation: string | undefined, keepDevices: boolean): Promise<LoadedNetwork> {
  const store = openStore(db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(snapshot, organisation);
    const nodes: NetworkNode[] = [];
    const devices: Device[] = [];
    for await (const d of store.iterateDevices(snap.id, {})) {
      nodes.push(networkNode(d));
      if (keepDevices) devices.push(d);
    }
    const stored = await store.links(snap.id);
    const label = `${storeLabel(db)}#${snap.name}`;
    // Imports refuse phantoms; one here predates that check and must not be analysed as clean.
    checkEndpoints(nodes, stored, (l, id) =>
      new InputError(label, undefined, `link ${quoted(l.a)}-${quoted(l.b)} (from ${l.source.file ?? '?'}:${l.source.line ?? '?'}) names ${quoted(id)}, which is not a device of the snapshot; import it again with its devices`));
    const links = stored.map((l) => ({ a: l.a, b: l.b, metric: l.metric }));
    const notes: string[] = [];
    const flows = (await store.flows(snap.id)).map(toFlowInput);
    if (links.length === 0) notes.push(`snapshot ${snap.name} has no links: import a links file or a topology into it (cleanpath import --base ${snap.name} links.csv)`);
    return { nodes, links, flows, label, snapshot: snap.name, notes, ...(keepDevices && { devices }) };
  } finally {
    await store.close();
  }
}

/** The network of `opts`, read once per `cache` (RunEnv.networks); without a cache, read now. */
export function loadNetworkOnce(opts: NetworkSourceOptions, cache: Map<string, Promise<LoadedNetwork>> | undefined): Promise<LoadedNetwork> {
  if (!cache || opts.keepDevices) return loadNetwork(opts);
  const key = JSON.stringify([opts.db, opts.organisation, opts.snapshot, opts.topology, opts.nodes, opts.links, opts.flows, opts.columns?.origin]);
  let hit = cache.get(key);
  if (!hit) cache.set(key, (hit = loadNetwork(opts)));
  return hit;
}
