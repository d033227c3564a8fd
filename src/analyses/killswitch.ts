// Kill-switch: every device of the named vendors (optionally only in some layers or countries)
// switched off at once — which flows are cut, which sites fall off the main network, and which
// single replacement restores most.
import { z } from 'zod';
import { buildGraph, killSwitch as runKillSwitch, killSwitchDocument, type FlowInput, type KillSwitchResult, type NodeInput } from '../graph/index.js';
import { checkBeforeRemote, stopIfStrict } from './avoid.js';
import { defineAnalysis, filterName, paramName, type AnalysisDocument, type RemoteNetwork, type RunEnv } from './define.js';
import { loadNetwork, loadNetworkOnce } from './network.js';
import { noDeviceMessage, noFlowsMessage } from './nothing.js';
import { countriesParam, intParam, layersParam, vendorsParam } from './params.js';
import { DEFAULT_UNTRUSTED, killSetNodes, resolveKillSwitchOptions, type KillSwitchNames, type KillSwitchOptions } from './untrusted.js';

export type KillSwitchAnalysis = ReturnType<typeof killSwitchDocument> &
  AnalysisDocument & { vendors: string[]; layers: string[] | null; countries: string[] | null; notes: string[] };

function names(env: RunEnv): KillSwitchNames {
  return { vendors: paramName(env, 'vendors'), layers: paramName(env, 'layer'), countries: paramName(env, 'country') };
}

function check(p: { vendors?: string[]; layer?: string[]; country?: string[] }, nodes: readonly NodeInput[] | undefined, env: RunEnv): KillSwitchOptions {
  const given: KillSwitchOptions = { vendors: p.vendors?.length ? p.vendors : DEFAULT_UNTRUSTED, ...(p.layer && { layers: p.layer }), ...(p.country && { countries: p.country }) };
  const { resolved, warnings } = resolveKillSwitchOptions(given, nodes, names(env));
  for (const w of warnings) env.warn?.(w);
  return resolved;
}

/** The filter as the user typed it, for "no device matches ..." */
function filterText(spec: KillSwitchOptions, env: RunEnv): string {
  const n = { vendors: filterName(env, 'vendors'), layers: filterName(env, 'layer'), countries: filterName(env, 'country') };
  return [`${n.vendors} ${spec.vendors.join(',')}`, ...(spec.layers?.length ? [`${n.layers} ${spec.layers.join(',')}`] : []), ...(spec.countries?.length ? [`${n.countries} ${spec.countries.join(',')}`] : [])].join(' ');
}

async function compute(source: Parameters<typeof loadNetwork>[0], p: { vendors?: string[]; layer?: string[]; country?: string[]; top: number }, env: RunEnv): Promise<{ r: KillSwitchResult; net: RemoteNetwork; spec: KillSwitchOptions }> {
  if (env.remote) {
    const spec = await checkBeforeRemote((nodes) => check(p, nodes, env), source);
    const { result, net } = await env.remote.killSwitch(source, { ...spec, top: p.top });
    return { r: result, net, spec };
  }
  const net = await loadNetworkOnce(source, env.networks);
  const spec = check(p, net.nodes, env);
  const g = buildGraph(net, { source: net.label });
  return { r: runKillSwitch(g, net.nodes, net.flows, killSetNodes(net.nodes, spec, names(env)), { top: p.top }), net, spec };
}

export const killswitch = defineAnalysis({
  id: 'killswitch',
  command: 'killswitch',
  title: 'Kill-switch',
  summary: 'What a vendor kill-switch would cut: every matching device off at once; disrupted flows, volume lost, sites cut off, and the single replacements that restore most',
  help: `A flow is disrupted when its endpoints were connected before and are not once every
matching device is off. A site is cut off when it had a device in the main network
before and none after.`,
  examples: ['cleanpath killswitch --vendors huawei', 'cleanpath killswitch --vendors huawei,zte --layer ran,transport --country DE --json'],
  params: z.object({
    vendors: vendorsParam(`vendors switched off at once (default ${DEFAULT_UNTRUSTED.join(',')}; cleanpath vendors lists them)`),
    layer: layersParam('only their devices in these layers'),
    country: countriesParam('only their devices in these countries'),
    top: intParam('restoration candidates (and sites in text) listed', 10),
  }),
  sources: 'network',
  async run(source, p, env): Promise<KillSwitchAnalysis> {
    env.progress?.update(0, undefined, 'loading');
    const { r, net, spec } = await compute(source, p, env);
    stopIfStrict(env, noDeviceMessage(net, r.removedDevices, filterText(spec, env), 'nothing would be switched off'));
    const noFlows = net.flows.length === 0 ? noFlowsMessage(net) : undefined;
    const nothing = noDeviceMessage(net, r.removedDevices, filterText(spec, env), 'nothing would be switched off') ?? noFlows ?? null;
    return {
      vendors: spec.vendors,
      layers: spec.layers ?? null,
      countries: spec.countries ?? null,
      ...killSwitchDocument(r, net.flows as FlowInput[]),
      nothingToAnalyse: nothing,
      notes: net.notes,
    };
  },
  tables: [
    {
      id: 'flows',
      title: 'Disrupted flows',
      columns: [{ id: 'id', label: 'Flow', description: 'a flow whose endpoints are no longer connected', key: true }],
      rows: (d) => d.disruptedFlows.map((id) => ({ id })),
    },
    {
      id: 'sites',
      title: 'Sites cut off',
      columns: [
        { id: 'site', label: 'Site', description: 'the site (a device without a site counts as its own)', key: true },
        { id: 'devices', label: 'Devices', description: 'its devices' },
        { id: 'removed', label: 'Switched off', description: 'of them, switched off' },
        { id: 'reason', label: 'Reason', description: 'removed: every device switched off; isolated: cut from the main network' },
      ],
      rows: (d) => d.sitesCutOff.map((s) => ({ site: s.site, devices: s.devices, removed: s.removed, reason: s.reason })),
    },
    {
      id: 'restore',
      title: 'Single replacements that restore most',
      columns: [
        { id: 'device', label: 'Device', description: 'replacing this device alone (the others stay off)', key: true },
        { id: 'flows', label: 'Flows restored', description: 'disrupted flows it restores' },
        { id: 'sensitive', label: 'Sensitive', description: 'of them, sensitive' },
        { id: 'volume', label: 'Volume', description: 'their volume' },
      ],
      rows: (d) => d.restore.map((c) => ({ device: c.id, flows: c.flows, sensitive: c.sensitiveFlows, volume: Math.round(c.volume * 100) / 100 })),
    },
  ],
});
