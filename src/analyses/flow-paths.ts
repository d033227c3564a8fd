// One flow's route hop by hop (issue 18): every equal-cost shortest path (up to a limit, with the
// total count), which hop is untrusted and on what evidence, and the cheapest clean alternative
// with its extra cost. The graph work is src/graph/flow-paths.ts; this adds the devices' names,
// sites and evidence from the snapshot. Attestations (signed statements) are built on this
// document: its shape is a contract, extended only by adding fields.
import { z } from 'zod';
import { buildGraph, flowPaths, volumeOf, type ExposureClass, type FlowInput, type FlowPaths, type Graph } from '../graph/index.js';
import { didYouMean } from '../model/closest.js';
import { InputError, type Device, type Evidence, type Site, type SourceRef } from '../model/index.js';
import { openStore } from '../store/index.js';
import { AVOID_PARAMS, avoidFilterNames, avoidNames, checkAvoid, stopIfStrict } from './avoid.js';
import { defineAnalysis, paramName, type AnalysisDocument, type AnalysisSource, type ColumnSpec, type RunEnv, type TableRow } from './define.js';
import { quoted } from './flow-endpoints.js';
import { loadNetworkOnce, type LoadedNetwork } from './network.js';
import { avoidFilterText, countSet, noDeviceMessage, noFlowsMessage, NOTHING_UNTRUSTED } from './nothing.js';
import { intParam, paramCli } from './params.js';
import { DEFAULT_UNTRUSTED, untrustedNodes, type AvoidOptions } from './untrusted.js';

/** Most paths one answer lists: a path diagram beyond this is unreadable, and `total` still counts them all. */
export const MAX_PATH_LIMIT = 1000;
/** Evidence items shown per hop; `moreEvidence` counts the rest. */
export const MAX_HOP_EVIDENCE = 5;
/** A raw evidence value (a sysDescr can be kilobytes) is cut to this many characters. */
const MAX_VALUE = 200;

export interface HopEvidence {
  kind: string;
  /** the raw value read (a MAC, an OID, a sysDescr), cut to 200 characters */
  value: string;
  /** where it was read: `file:line`, or the probe, address and time */
  source: string;
  vendor: string | null;
  confidence: number;
}

export interface Hop {
  device: string;
  name: string | null;
  vendor: string | null;
  site: string | null;
  country: string | null;
  operator: string | null;
  untrusted: boolean;
  /** the device's attribution evidence, strongest first, at most MAX_HOP_EVIDENCE */
  evidence: HopEvidence[];
  /** evidence items left out */
  moreEvidence: number;
}

export interface FlowRoute {
  hops: Hop[];
  cost: number;
}

/** A site the routes pass, placed where its hop devices stand (their mean), else where its site record says. */
export interface FlowSite {
  id: string;
  name: string;
  lat: number | null;
  lon: number | null;
}

export interface FlowPathsAnalysis extends AnalysisDocument {
  snapshot: string | null;
  untrusted: string[];
  avoid: AvoidOptions;
  flow: { id: string; src: string; dst: string; class: 'sensitive' | 'normal'; volume: number };
  /** least total metric; null when the endpoints are disconnected */
  cost: number | null;
  exposure: ExposureClass;
  paths: FlowRoute[];
  /** equal-cost shortest paths in all (paths lists at most `limit`) */
  total: number;
  /** total reached 2^53 - 1 and stopped counting */
  totalSaturated: boolean;
  limit: number;
  /** the cheapest path avoiding every untrusted device; `extra` is its cost over the shortest */
  clean: (FlowRoute & { extra: number | null }) | null;
  /** the sites of the hops listed, for a map of the routes (no report needed) */
  sites: FlowSite[];
  notes: string[];
}

/**
 * The flow id. Optional in the schema because generic callers parse `{}` for the defaults
 * (paramsOf); run() says plainly that it is needed.
 */
function flowParam() {
  const s = z.string().min(1).max(1000).optional().meta({ description: 'the flow whose paths are listed: its id (required)', examples: ['f1'] });
  paramCli.add(s, { valueName: '<id>' });
  return s;
}

const sourceText = (s: SourceRef): string =>
  s.file !== undefined ? `${s.file}${s.line !== undefined ? `:${s.line}` : ''}` : [s.probe, s.address, s.time].filter(Boolean).join(' ') || 'unknown';

/** Evidence for the attributed vendor first, then by confidence: what explains the verdict leads. */
export function hopEvidence(d: Device | undefined): { evidence: HopEvidence[]; moreEvidence: number } {
  const all: Evidence[] = d?.attribution.evidence ?? [];
  const rank = (e: Evidence) => (e.vendor !== null && e.vendor === d?.vendor ? 1 : 0);
  const sorted = all.map((e, i) => ({ e, i })).sort((a, b) => rank(b.e) - rank(a.e) || b.e.confidence - a.e.confidence || a.i - b.i);
  const evidence = sorted.slice(0, MAX_HOP_EVIDENCE).map(({ e }) => ({
    kind: e.kind,
    value: e.raw.length > MAX_VALUE ? `${e.raw.slice(0, MAX_VALUE)}…` : e.raw,
    source: sourceText(e.source),
    vendor: e.vendor,
    confidence: e.confidence,
  }));
  return { evidence, moreEvidence: Math.max(0, all.length - evidence.length) };
}

/** The flow named, or an InputError naming it (and the nearest id) — never an empty answer. */
function findFlow(net: LoadedNetwork, id: string | undefined, env: RunEnv): FlowInput {
  if (id === undefined) throw new InputError(paramName(env, 'flow'), undefined, 'name the flow whose paths are listed (its id, as cleanpath exposure lists them)');
  const f = net.flows.find((x) => x.id === id);
  if (f) return f;
  const where = net.snapshot !== undefined ? `snapshot ${net.snapshot}` : net.label;
  const hint = net.flows.length ? didYouMean(id, net.flows.map((x) => x.id)) : `: it has no flows (${noFlowsMessage(net)})`;
  throw new InputError(paramName(env, 'flow'), undefined, `${UNKNOWN_FLOW} ${quoted(id)} in ${where}${hint}`);
}

/** How an unknown flow's error begins: the flow route answers it as 404. */
export const UNKNOWN_FLOW = 'no flow';

/** The hops' device records (names, evidence): only the devices on the listed routes are read; and the snapshot's site records. */
async function hopDevices(source: AnalysisSource, ids: ReadonlySet<string>): Promise<{ devices: Map<string, Device>; siteRows: Site[] }> {
  const store = openStore(source.db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(source.snapshot, source.organisation);
    const devices = await store.devicesByKey(snap.id, { ids: [...ids] });
    return { devices: new Map(devices.map((d) => [d.id, d])), siteRows: await store.sites(snap.id) };
  } finally {
    await store.close();
  }
}

/** The sites the routes pass, each at the mean of its hop devices' coordinates, else its record's. */
function flowSites(routes: readonly FlowRoute[], devices: ReadonlyMap<string, Device>, siteRows: readonly Site[]): FlowSite[] {
  const rows = new Map(siteRows.map((r) => [r.id, r]));
  const acc = new Map<string, { lat: number; lon: number; n: number; seen: Set<string> }>();
  for (const h of routes.flatMap((r) => r.hops)) {
    if (h.site === null) continue;
    const a = acc.get(h.site) ?? { lat: 0, lon: 0, n: 0, seen: new Set<string>() };
    acc.set(h.site, a);
    const d = devices.get(h.device);
    if (a.seen.has(h.device) || d?.lat === undefined || d.lon === undefined) continue;
    a.seen.add(h.device);
    a.lat += d.lat;
    a.lon += d.lon;
    a.n++;
  }
  const round4 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 1e4) / 1e4);
  return [...acc].sort((x, y) => x[0].localeCompare(y[0])).map(([id, a]) => {
    const row = rows.get(id);
    return { id, name: row?.name ?? id, lat: round4(a.n ? a.lat / a.n : row?.lat), lon: round4(a.n ? a.lon / a.n : row?.lon) };
  });
}

interface Located {
  net: LoadedNetwork;
  untrusted: Uint8Array;
  devices: Map<string, Device>;
}

function toRoute(positions: readonly number[], cost: number, at: Located): FlowRoute {
  const hops = positions.map((i): Hop => {
    const n = at.net.nodes[i]!;
    const d = at.devices.get(n.id);
    return {
      device: n.id, name: d?.name ?? null, vendor: n.vendor, site: n.site ?? null, country: n.country ?? null, operator: n.operator ?? null,
      untrusted: at.untrusted[i] === 1, ...hopEvidence(d),
    };
  });
  return { hops, cost };
}

function routesOf(r: FlowPaths, at: Located): Pick<FlowPathsAnalysis, 'cost' | 'paths' | 'clean'> {
  const cost = Number.isFinite(r.cost) ? r.cost : null;
  const paths = r.paths.map((p) => toRoute(p, r.cost, at));
  const clean = r.clean && { ...toRoute(r.clean.path, r.clean.cost, at), extra: cost === null ? null : r.clean.cost - cost };
  return { cost, paths, clean };
}

type Params = AvoidOptions & { flow?: string; limit: number };

/**
 * The graph of a network read once (RunEnv.networks: the server keeps the network of the flows
 * asked about): built once too, as building it costs more than one flow's paths.
 */
const GRAPHS = new WeakMap<LoadedNetwork, Graph>();

function graphOf(net: LoadedNetwork): Graph {
  let g = GRAPHS.get(net);
  if (!g) GRAPHS.set(net, (g = buildGraph(net, { source: net.label })));
  return g;
}

/** The untrusted masks of a kept network, by avoid options (a few: the dashboard asks with one). */
const MASKS = new WeakMap<LoadedNetwork, Map<string, Uint8Array>>();
const MASKS_PER_NETWORK = 8;

function untrustedOf(net: LoadedNetwork, avoid: AvoidOptions, env: RunEnv): Uint8Array {
  let byAvoid = MASKS.get(net);
  if (!byAvoid) MASKS.set(net, (byAvoid = new Map()));
  const key = JSON.stringify(avoid);
  let mask = byAvoid.get(key);
  if (!mask) {
    mask = untrustedNodes(net.nodes, avoid, avoidNames(env));
    if (byAvoid.size >= MASKS_PER_NETWORK) byAvoid.delete(byAvoid.keys().next().value!);
    byAvoid.set(key, mask);
  }
  return mask;
}

async function run(source: AnalysisSource, p: Params, env: RunEnv): Promise<FlowPathsAnalysis> {
  const net = await loadNetworkOnce(source, env.networks);
  const avoid = checkAvoid(p, net.nodes, env);
  stopIfStrict(env, net.flows.length ? undefined : noFlowsMessage(net));
  const flow = findFlow(net, p.flow, env);
  const untrusted = untrustedOf(net, avoid, env);
  const noUntrusted = noDeviceMessage(net, countSet(untrusted), avoidFilterText(avoid, avoidFilterNames(env)), NOTHING_UNTRUSTED);
  stopIfStrict(env, noUntrusted);
  const g = graphOf(net);
  const r = flowPaths(g, untrusted, g.indexOf.get(flow.src)!, g.indexOf.get(flow.dst)!, { limit: p.limit });
  const onRoutes = new Set<number>([...r.paths.flat(), ...(r.clean?.path ?? [])]);
  const { devices, siteRows } = await hopDevices(source, new Set([...onRoutes].map((i) => net.nodes[i]!.id)));
  const routes = routesOf(r, { net, untrusted, devices });
  const named = avoid.untrusted ?? (avoid.avoidCountry || avoid.avoidOperator || avoid.avoidLayer ? [] : DEFAULT_UNTRUSTED);
  return {
    snapshot: net.snapshot ?? null, untrusted: [...named].sort(), avoid,
    flow: { id: flow.id, src: flow.src, dst: flow.dst, class: flow.class ?? 'sensitive', volume: volumeOf(flow) },
    ...routes,
    sites: flowSites([...routes.paths, ...(routes.clean ? [routes.clean] : [])], devices, siteRows),
    exposure: r.exposure, total: r.total, totalSaturated: r.totalSaturated, limit: p.limit,
    nothingToAnalyse: noUntrusted ?? null, notes: net.notes,
  };
}

const col = (id: string, label: string, description: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ id, label, description, ...extra });

export const HOP_COLUMNS: readonly ColumnSpec[] = [
  col('route', 'Route', 'shortest: one of the equal-cost shortest paths; clean: the cheapest path avoiding every untrusted device', { key: true }),
  col('path', 'Path', 'the path number among the shortest paths (1 = first in order of device positions); 1 for the clean route', { key: true }),
  col('hop', 'Hop', 'the hop number along the path, the source being 1', { key: true }),
  col('device', 'Device', 'the device id'),
  col('name', 'Name', 'its name'),
  col('vendor', 'Vendor', 'its attributed vendor'),
  col('site', 'Site', 'its site'),
  col('country', 'Country', 'its country'),
  col('operator', 'Operator', 'its operator'),
  col('untrusted', 'Untrusted', 'whether the device is in the untrusted set'),
  col('evidence', 'Evidence', 'the evidence behind its vendor: kind=value, strongest first', { context: true }),
];

const evidenceText = (h: Hop): string => h.evidence.map((e) => `${e.kind}=${e.value}`).join('; ') + (h.moreEvidence ? `; +${h.moreEvidence} more` : '');

function hopRows(route: 'shortest' | 'clean', path: number, r: FlowRoute): TableRow[] {
  return r.hops.map((h, i) => ({
    route, path, hop: i + 1, device: h.device, name: h.name, vendor: h.vendor, site: h.site, country: h.country, operator: h.operator, untrusted: h.untrusted, evidence: evidenceText(h),
  }));
}

export const flowPathsAnalysis = defineAnalysis({
  id: 'flow-paths',
  command: 'flow-paths',
  title: 'Flow paths',
  summary: "One flow's equal-cost shortest paths hop by hop, the untrusted hops with their evidence, and the cheapest clean alternative with its extra cost",
  help: `Lists every equal-cost shortest path of the flow (at most --limit; the total counts
them all) in order of device positions, each hop with its vendor, site and the evidence
behind its vendor, and the cheapest path avoiding every untrusted device ("none" when
no such path exists; always when an endpoint is itself untrusted). The exposure class is
the exposure analysis's: all, some, none or unreachable.`,
  examples: [
    'cleanpath flow-paths --flow f1                       # latest snapshot, Huawei and ZTE untrusted',
    'cleanpath flow-paths --flow f1 --avoid-country CN --limit 10 --format json',
    'cleanpath flow-paths --flow f1 --format csv -o f1-hops.csv',
  ],
  params: z.object({
    flow: flowParam(),
    limit: intParam('paths listed at most; the total counts them all', 64, { min: 1, max: MAX_PATH_LIMIT }),
    ...AVOID_PARAMS,
  }),
  sources: 'snapshot',
  run,
  tables: [
    {
      id: 'hops',
      title: 'Hops',
      columns: HOP_COLUMNS,
      rows: (d) => [...d.paths.flatMap((r, i) => hopRows('shortest', i + 1, r)), ...(d.clean ? hopRows('clean', 1, d.clean) : [])],
    },
    {
      id: 'paths',
      title: 'Paths',
      columns: [
        col('route', 'Route', 'shortest or clean', { key: true }),
        col('path', 'Path', 'the path number', { key: true }),
        col('cost', 'Cost', 'its total link metric'),
        col('hops', 'Hops', 'devices on it, endpoints included'),
        col('untrusted_hops', 'Untrusted hops', 'of them, untrusted devices'),
        col('devices', 'Devices', 'the device ids in order, separated by >'),
      ],
      rows: (d) => [
        ...d.paths.map((r, i) => pathRow('shortest', i + 1, r)),
        ...(d.clean ? [pathRow('clean', 1, d.clean)] : []),
      ],
    },
  ],
});

function pathRow(route: string, path: number, r: FlowRoute): TableRow {
  return { route, path, cost: r.cost, hops: r.hops.length, untrusted_hops: r.hops.filter((h) => h.untrusted).length, devices: r.hops.map((h) => h.device).join(' > ') };
}
