// Chokepoints: the untrusted devices that the most sensitive flows cross on their shortest paths,
// ranked by flows, then volume. The same run as exposure (its summary lists them too); here they
// are the whole answer, with each device's name, vendor and site.
import { z } from 'zod';
import type { Chokepoint, ClassCounts, NodeInput } from '../graph/index.js';
import { openStore } from '../store/index.js';
import { AVOID_PARAMS } from './avoid.js';
import { defineAnalysis, type AnalysisDocument, type AnalysisSource, type ColumnSpec, type RemoteNetwork } from './define.js';
import { computeExposure } from './exposure.js';
import { countFlows, nothingToAnalyse } from './nothing.js';
import { intParam } from './params.js';
import { DEFAULT_UNTRUSTED, type AvoidOptions } from './untrusted.js';

export interface ChokepointDevice extends Chokepoint {
  /** The device's name in the snapshot; null for plain files, or a device without one. */
  name: string | null;
  /** The attributed vendor. */
  vendor: string | null;
  site: string | null;
}

export interface ChokepointsAnalysis extends AnalysisDocument {
  /** The untrusted vendors (slugs, sorted): the default pair when nothing was named. */
  untrusted: string[];
  /** The untrusted set as resolved (vendor slugs, ISO countries, layer ids). */
  avoid: AvoidOptions;
  sensitiveFlows: number;
  /** Sensitive flows by exposure class: `all` and `some` are the ones a chokepoint can see. */
  sensitiveByClass: ClassCounts;
  /** Ranked by flows, then volume, then id; at most `top`. */
  chokepoints: ChokepointDevice[];
  notes: string[];
}

export const CHOKEPOINTS_COLUMNS: readonly ColumnSpec[] = [
  { id: 'device', label: 'Device', description: 'the untrusted device', key: true },
  { id: 'name', label: 'Name', description: "the device's name (snapshots only)" },
  { id: 'vendor', label: 'Vendor', description: 'its attributed vendor' },
  { id: 'site', label: 'Site', description: 'its site' },
  { id: 'flows', label: 'Sensitive flows', description: 'exposed sensitive flows with a shortest path through it' },
  { id: 'volume', label: 'Volume', description: 'their volume' },
  { id: 'flows_all', label: 'Flows, every path', description: 'of them, flows whose every shortest path crosses an untrusted device' },
  { id: 'volume_all', label: 'Volume, every path', description: 'their volume' },
];

/** Names of the ranked devices: read for those few only, and only when the input is a snapshot. */
async function deviceNames(source: AnalysisSource, net: RemoteNetwork, ids: readonly string[]): Promise<Map<string, string>> {
  if (net.snapshot === undefined || ids.length === 0) return new Map();
  const store = openStore(source.db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(net.snapshot, source.organisation);
    const found = await store.devicesByKey(snap.id, { ids });
    return new Map(found.flatMap((d) => (d.name ? [[d.id, d.name] as const] : [])));
  } finally {
    await store.close();
  }
}

/** The ranked chokepoints with each device's name, vendor and site. */
async function withDevices(source: AnalysisSource, net: RemoteNetwork, ranked: readonly Chokepoint[]): Promise<ChokepointDevice[]> {
  const ids = new Set(ranked.map((c) => c.id));
  const nodes = new Map<string, NodeInput>();
  for (const n of net.nodes) if (ids.has(n.id)) nodes.set(n.id, n);
  const names = await deviceNames(source, net, [...ids]);
  return ranked.map((c) => ({ ...c, name: names.get(c.id) ?? null, vendor: nodes.get(c.id)?.vendor ?? null, site: nodes.get(c.id)?.site ?? null }));
}

export const chokepoints = defineAnalysis({
  id: 'chokepoints',
  command: 'chokepoints',
  title: 'Chokepoints',
  summary: 'The untrusted devices that the most sensitive flows cross on their shortest paths, ranked by flows and volume',
  help: `A chokepoint sees a sensitive flow when at least one of the flow's equal-cost shortest
paths runs through it (the flow's exposure is "all" or "some"). flows_all counts those of
its flows whose every shortest path crosses an untrusted device. Replacing the top
chokepoints first cleans the most sensitive traffic; cleanpath plan finds the cheapest set.`,
  examples: [
    'cleanpath chokepoints                                 # latest snapshot, Huawei and ZTE untrusted',
    'cleanpath chokepoints --untrusted huawei --avoid-country CN --top 5',
    'cleanpath chokepoints --topology Geant2010.graphml --flows flows.csv --format csv',
  ],
  params: z.object({ ...AVOID_PARAMS, top: intParam('chokepoints listed', 20) }),
  sources: 'network',
  async run(source, p, env): Promise<ChokepointsAnalysis> {
    env.progress?.update(0, undefined, 'loading');
    // The ranking is the answer, so it is computed for CSV output too.
    const { result, net, avoid, noUntrusted } = await computeExposure(source, p, { ...env, tablesOnly: false });
    const s = result.summary;
    const named = avoid.untrusted ?? (avoid.avoidCountry || avoid.avoidOperator || avoid.avoidLayer ? [] : DEFAULT_UNTRUSTED);
    return {
      untrusted: [...named].sort(),
      avoid,
      sensitiveFlows: s.sensitiveFlows,
      sensitiveByClass: s.sensitiveByClass,
      chokepoints: await withDevices(source, net, s.chokepoints ?? []),
      nothingToAnalyse: nothingToAnalyse(net, countFlows(net.flows), 'sensitive-flows') ?? noUntrusted ?? null,
      notes: net.notes,
    };
  },
  tables: [
    {
      id: 'chokepoints',
      title: 'Chokepoints',
      columns: CHOKEPOINTS_COLUMNS,
      rows: (d) => d.chokepoints.map((c) => ({ device: c.id, name: c.name, vendor: c.vendor, site: c.site, flows: c.flows, volume: c.volume, flows_all: c.flowsAll, volume_all: c.volumeAll })),
    },
  ],
});
