// Exposure: per flow, the shortest-path cost, whether all, some or none of its equal-cost
// shortest paths cross an untrusted device, and the cost of the cheapest clean path.
import { z } from 'zod';
import { analyseExposure, buildGraph, exposureDocument, type ExposureDocument, type ExposureResult } from '../graph/index.js';
import { AVOID_PARAMS, avoidFilterNames, avoidNames, checkAvoid, checkBeforeRemote, stopIfStrict } from './avoid.js';
import { defineAnalysis, type AnalysisDocument, type AnalysisSource, type ColumnSpec, type RemoteEngine, type RemoteNetwork, type RunEnv } from './define.js';
import { loadNetworkOnce } from './network.js';
import { avoidFilterText, countFlows, countSet, noDeviceMessage, noFlowsMessage, NOTHING_UNTRUSTED, nothingToAnalyse } from './nothing.js';
import { intParam } from './params.js';
import { DEFAULT_UNTRUSTED, untrustedNodes, type AvoidOptions } from './untrusted.js';

export interface ExposureAnalysis extends ExposureDocument, AnalysisDocument {
  /** The untrusted vendors (slugs, sorted): the default pair when nothing was named. */
  untrusted: string[];
  /** The untrusted set as resolved (vendor slugs, ISO countries, layer ids). */
  avoid: AvoidOptions;
  notes: string[];
}

/** The flows table: what the CSV has always been, and what the diff compares (cost, exposure, clean_cost). */
export const FLOW_COLUMNS: readonly ColumnSpec[] = [
  { id: 'id', label: 'Flow', description: 'the flow id', key: true },
  { id: 'cost', label: 'Shortest cost', description: 'cost of the shortest path; inf when unreachable', nullAs: 'inf' },
  { id: 'exposure', label: 'Exposure', description: 'all: every equal-cost shortest path crosses an untrusted device; some: at least one does; none; unreachable' },
  { id: 'clean_cost', label: 'Clean-path cost', description: 'cost of the cheapest path avoiding every untrusted device; inf when none exists', nullAs: 'inf' },
];

export const CHOKEPOINT_COLUMNS: readonly ColumnSpec[] = [
  { id: 'device', label: 'Device', description: 'the untrusted device', key: true },
  { id: 'flows', label: 'Sensitive flows', description: 'sensitive flows with a shortest path through it' },
  { id: 'volume', label: 'Volume', description: 'their volume' },
  { id: 'flows_all', label: 'Flows, every path exposed', description: 'of them, flows whose every shortest path crosses an untrusted device (not necessarily this one)' },
  { id: 'volume_all', label: 'Volume, every path', description: 'their volume' },
];

type Params = AvoidOptions & { top: number };
/** One exposure run: the result, the network as it saw it, the untrusted set as resolved. */
export interface Computed {
  result: ExposureResult;
  net: RemoteNetwork;
  avoid: AvoidOptions;
  noUntrusted: string | undefined;
}

async function localRun(source: AnalysisSource, p: Params, env: RunEnv): Promise<Computed> {
  const net = await loadNetworkOnce(source, env.networks);
  const avoid = checkAvoid(p, net.nodes, env);
  stopIfStrict(env, net.flows.length ? undefined : noFlowsMessage(net));
  const g = buildGraph(net, { source: net.label });
  const untrusted = untrustedNodes(net.nodes, avoid, avoidNames(env));
  const noUntrusted = noDeviceMessage(net, countSet(untrusted), avoidFilterText(avoid, avoidFilterNames(env)), NOTHING_UNTRUSTED);
  stopIfStrict(env, noUntrusted);
  const result = await analyseExposure(g, untrusted, net.flows, {
    workers: env.workers,
    chokepoints: !env.tablesOnly,
    topChokepoints: p.top,
    source: net.label,
    onProgress: (done, total) => env.progress?.update(done, total, 'sources'),
  });
  return { result, net, avoid, noUntrusted };
}

/** On cleanpath workers: names are checked here first (the network is loaded only for a vendor the catalog lacks). */
async function remoteRun(source: AnalysisSource, p: Params, env: RunEnv, remote: RemoteEngine): Promise<Computed> {
  const avoid = await checkBeforeRemote((nodes) => checkAvoid(p, nodes, env), source);
  const { result, net } = await remote.exposure(source, avoid, { chokepoints: !env.tablesOnly, topChokepoints: p.top });
  stopIfStrict(env, net.flows.length ? undefined : noFlowsMessage(net));
  const noUntrusted = noDeviceMessage(net, countSet(untrustedNodes(net.nodes, avoid, avoidNames(env))), avoidFilterText(avoid, avoidFilterNames(env)), NOTHING_UNTRUSTED);
  stopIfStrict(env, noUntrusted);
  return { result, net, avoid, noUntrusted };
}

/** The exposure run on this machine or on cleanpath workers: what exposure and chokepoints share. */
export function computeExposure(source: AnalysisSource, p: Params, env: RunEnv): Promise<Computed> {
  return env.remote ? remoteRun(source, p, env, env.remote) : localRun(source, p, env);
}

export const exposure = defineAnalysis({
  id: 'exposure',
  command: 'exposure',
  title: 'Exposure',
  summary: 'Per flow: shortest-path cost, exposure over all equal-cost shortest paths (all/some/none/unreachable) to untrusted devices, and the cost of the cheapest clean path',
  help: `Exposure is taken over ALL equal-cost shortest paths: "all" = every one crosses an
untrusted device, "some" = at least one does (ECMP hashing decides), "none", or
"unreachable". clean_cost is the cheapest path using no untrusted device ("inf" when
none exists; always when an endpoint is itself untrusted). Paths are over devices;
endpoints count.`,
  examples: [
    'cleanpath exposure                                   # latest snapshot, Huawei and ZTE untrusted',
    'cleanpath exposure --untrusted huawei --avoid-country CN,RU --json > exposure.json',
    'cleanpath exposure --nodes nodes.csv --links links.csv --flows flows.csv -o result.csv',
    'cleanpath exposure --topology Geant2010.graphml --flows flows.csv --avoid-country DE',
  ],
  params: z.object({ ...AVOID_PARAMS, top: intParam('chokepoints listed in the JSON document', 20) }),
  sources: 'network',
  async run(source, p, env): Promise<ExposureAnalysis> {
    env.progress?.update(0, undefined, 'loading');
    const { result, net, avoid, noUntrusted } = await computeExposure(source, p, env);
    const nothing = nothingToAnalyse(net, countFlows(net.flows), 'sensitive-flows') ?? noUntrusted ?? null;
    const named = avoid.untrusted ?? (avoid.avoidCountry || avoid.avoidOperator || avoid.avoidLayer ? [] : DEFAULT_UNTRUSTED);
    return { untrusted: [...named].sort(), avoid, ...exposureDocument(result), nothingToAnalyse: nothing, notes: net.notes };
  },
  tables: [
    {
      id: 'flows',
      title: 'Flows',
      columns: FLOW_COLUMNS,
      rows: (d) => d.flows.map((f) => ({ id: f.id, cost: f.cost, exposure: f.exposure, clean_cost: f.cleanCost })),
    },
    {
      id: 'chokepoints',
      title: 'Chokepoints',
      columns: CHOKEPOINT_COLUMNS,
      rows: (d) => (d.summary.chokepoints ?? []).map((c) => ({ device: c.id, flows: c.flows, volume: c.volume, flows_all: c.flowsAll, volume_all: c.volumeAll })),
    },
  ],
});
