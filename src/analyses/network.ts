// Where an analysis gets its network: plain CSV files (the benchmark format, read by the graph's
// fast loader), one importable topology file (GraphML, SNDlib, inventory JSON...: read and
// identified like an import, nothing stored), or a snapshot of the store (the default).
import { loadPlainFiles, type FlowInput, type LinkArrays, type LinkInput, type NodeInput } from '../graph/index.js';
import { attributeDevice, createIdentifyContext } from '../identify/index.js';
import { readImport } from '../ingest/index.js';
import { InputError, type Flow } from '../model/index.js';
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
}

export interface LoadedNetwork {
  nodes: NodeInput[];
  links: readonly LinkInput[] | LinkArrays;
  flows: FlowInput[];
  /** Names the input in error messages and reports: a file or `store.db#snapshot`. */
  label: string;
  /** Things the user should know about the input (e.g. link endpoints that are not devices). */
  notes: string[];
}

const toFlowInput = (f: Flow): FlowInput => ({ id: f.id, src: f.src, dst: f.dst, class: f.class, volume: f.volume });

/**
 * Links may name endpoints that no device row describes (a topology imported apart from its
 * inventory). They become nodes of unknown vendor, and the user is told how many.
 */
function addMissingEndpoints(nodes: NodeInput[], links: readonly LinkInput[], notes: string[]): void {
  const known = new Set(nodes.map((n) => n.id));
  let added = 0;
  for (const l of links) {
    for (const id of [l.a, l.b]) {
      if (!known.has(id)) {
        known.add(id);
        nodes.push({ id, vendor: null });
        added++;
      }
    }
  }
  if (added) notes.push(`${added} link endpoint(s) are not devices of the input; analysed as devices of unknown vendor`);
}

export async function loadNetwork(opts: NetworkSourceOptions): Promise<LoadedNetwork> {
  if (opts.nodes || opts.links) {
    if (!opts.nodes || !opts.links) throw new InputError(opts.nodes ?? opts.links ?? '-', undefined, '--nodes and --links go together');
    const net = await loadPlainFiles({ nodes: opts.nodes, links: opts.links, flows: opts.flows });
    return { ...net, label: opts.links, notes: [] };
  }
  if (opts.topology) return loadTopologyFile(opts.topology, opts.flows);
  if (opts.flows) throw new InputError(opts.flows, undefined, '--flows needs --nodes/--links or --topology (a snapshot has its own flows)');
  return await loadSnapshot(opts.db, opts.snapshot, opts.organisation);
}

async function loadTopologyFile(path: string, flowsPath?: string): Promise<LoadedNetwork> {
  const batch = await readImport(path);
  const ctx = createIdentifyContext();
  const nodes: NodeInput[] = batch.devices.map((rec) => {
    const d = attributeDevice(rec, ctx).device;
    return { id: d.id, vendor: d.vendor, country: d.country ?? null, operator: d.operator ?? null, layer: d.layer ?? null, site: d.site ?? null };
  });
  const links = batch.links.map((l) => ({ a: l.a, b: l.b, metric: l.metric }));
  const notes: string[] = [];
  addMissingEndpoints(nodes, links, notes);
  let flows = batch.flows.map(toFlowInput);
  if (flowsPath) flows = (await readImport(flowsPath, { format: 'flows-csv' })).flows.map(toFlowInput);
  return { nodes, links, flows, label: path, notes };
}

async function loadSnapshot(db: string, snapshot?: string, organisation?: string): Promise<LoadedNetwork> {
  const store = openStore(db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(snapshot, organisation);
    const nodes: NodeInput[] = [];
    for await (const d of store.iterateDevices(snap.id, {})) {
      nodes.push({ id: d.id, vendor: d.vendor, country: d.country ?? null, operator: d.operator ?? null, layer: d.layer ?? null, site: d.site ?? null });
    }
    const links = (await store.links(snap.id)).map((l) => ({ a: l.a, b: l.b, metric: l.metric }));
    const notes: string[] = [];
    addMissingEndpoints(nodes, links, notes);
    const flows = (await store.flows(snap.id)).map(toFlowInput);
    if (links.length === 0) notes.push(`snapshot ${snap.name} has no links: import a links file or a topology into it (cleanpath import --base ${snap.name} links.csv)`);
    return { nodes, links, flows, label: `${storeLabel(db)}#${snap.name}`, notes };
  } finally {
    await store.close();
  }
}
