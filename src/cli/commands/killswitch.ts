import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { distributedKillSwitch } from '../../distributed/coordinator.js';
import { noFlowsMessage, requireDevices, type AnalysisSubject } from '../../analyses/nothing.js';
import { killSetNodes } from '../../analyses/untrusted.js';
import { buildGraph, killSwitch, killSwitchDocument, type FlowInput, type KillSwitchResult } from '../../graph/index.js';
import { addNetworkSourceOptions, checkBeforeLoad, checkKillSwitchOptions, loadNetwork, type NetworkSourceOptions } from '../network-input.js';
import { collectList, collectVendors, parsePositiveInt } from '../options.js';
import { renderJson, renderTable } from '../output.js';
import { createProgress } from '../progress.js';
import { addDistributedOptions, distributedSettings, type DistributedCliOptions } from './worker.js';

interface KillSwitchCliOptions extends NetworkSourceOptions, DistributedCliOptions {
  vendors: string[];
  layer?: string[];
  country?: string[];
  json?: boolean;
  output?: string;
  top: number;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/** The kill-switch filter as the user typed it. */
function killFilterText(given: { vendors: string[]; layers?: string[] | undefined; countries?: string[] | undefined }): string {
  return [`--vendors ${given.vendors.join(',')}`, ...(given.layers?.length ? [`--layer ${given.layers.join(',')}`] : []), ...(given.countries?.length ? [`--country ${given.countries.join(',')}`] : [])].join(' ');
}

/** `noFlows`: why flow lines are left out (zeros there would read as "nothing is cut"). */
function toText(r: KillSwitchResult, top: number, noFlows?: string): string {
  const d = r.disrupted;
  const flowLines = noFlows
    ? [`flows disrupted:        not known: ${noFlows}`]
    : [
        `flows disrupted:        ${d.flows} (sensitive ${d.sensitiveFlows}), ${r.endpointRemoved} of them because an endpoint is removed`,
        `volume lost:            ${round(d.volume)} (sensitive ${round(d.sensitiveVolume)})`,
        `already unreachable:    ${r.alreadyUnreachable} flows (disconnected before the kill-switch)`,
      ];
  const lines = [
    `devices removed:        ${r.removedDevices}`,
    ...flowLines,
    `main network:           ${r.mainNetworkBefore} → ${r.mainNetworkAfter} devices`,
    `sites cut off:          ${r.sitesCutOff.length} (${r.sitesCutOff.filter((x) => x.reason === 'removed').length} removed outright, ${r.sitesCutOff.filter((x) => x.reason === 'isolated').length} isolated; a device without a site counts as its own)`,
    '',
  ];
  let text = lines.join('\n');
  if (r.restore.length) {
    text += '\nreplacing one device restores (others stay off):\n';
    text += renderTable(
      r.restore.map((c) => ({ device: c.id, flows: c.flows, sensitive: c.sensitiveFlows, volume: round(c.volume) })),
      ['device', 'flows', 'sensitive', 'volume'],
    );
  }
  if (r.sitesCutOff.length) {
    text += '\nsites cut off from the main network:\n';
    text += renderTable(r.sitesCutOff.slice(0, top).map((x) => ({ ...x })), ['site', 'devices', 'removed', 'reason']);
    if (r.sitesCutOff.length > top) text += `… and ${r.sitesCutOff.length - top} more (--json lists all)\n`;
  }
  return text;
}

export function register(program: Command): void {
  const cmd = program
    .command('killswitch')
    .description('What a vendor kill-switch would cut: every matching device off at once; disrupted flows, volume lost, sites cut off, and the single replacements that restore most');
  addNetworkSourceOptions(cmd);
  addDistributedOptions(cmd);
  cmd
    .requiredOption('--vendors <vendors>', 'vendors switched off, comma separated: slugs or names (cleanpath vendors lists them)', collectVendors)
    .option('--layer <layers>', 'only their devices in these layers', collectList)
    .option('--country <codes>', 'only their devices in these countries (ISO alpha-2 or English names)', collectList)
    .option('--json', 'machine-readable output')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--top <n>', 'restoration candidates (and sites in text) listed', parsePositiveInt, 10)
    .addHelpText(
      'after',
      `
A flow is disrupted when its endpoints were connected before and are not once every
matching device is off. A site is cut off when it had a device in the main network
before and none after.

Examples:
  cleanpath killswitch --vendors huawei
  cleanpath killswitch --vendors huawei,zte --layer ran,transport --country DE --json`,
    )
    .action(async (opts: KillSwitchCliOptions) => {
      const progress = createProgress('killswitch');
      progress.update(0, undefined, 'loading');
      const dist = distributedSettings(opts);
      const given = { vendors: opts.vendors, layers: opts.layer, countries: opts.country };
      let r: KillSwitchResult, net: AnalysisSubject & { notes: string[]; flows: FlowInput[] };
      if (dist) {
        const spec = await checkBeforeLoad((nodes) => checkKillSwitchOptions(given, nodes), opts);
        const d = await distributedKillSwitch(opts, { ...spec, top: opts.top }, dist);
        ({ result: r, network: { net } } = d);
        for (const note of net.notes) process.stderr.write(`note: ${note}\n`);
      } else {
        const loaded = await loadNetwork(opts);
        net = loaded;
        for (const note of net.notes) process.stderr.write(`note: ${note}\n`);
        const g = buildGraph(loaded, { source: loaded.label });
        const spec = checkKillSwitchOptions(given, loaded.nodes);
        r = killSwitch(g, loaded.nodes, loaded.flows, killSetNodes(loaded.nodes, spec), { top: opts.top });
      }
      progress.done();
      requireDevices(net, r.removedDevices, killFilterText(given), 'nothing would be switched off');
      const noFlows = net.flows.length === 0 ? noFlowsMessage(net) : undefined;
      // Sites cut off are still a result; only the flow part has nothing to say.
      if (noFlows) process.stderr.write(`note: ${noFlows}\n`);
      // The same explicit field as the API's answer: zero flows cut is no all-clear without flows.
      const text = opts.json ? renderJson({ ...killSwitchDocument(r, net.flows), nothingToAnalyse: noFlows ?? null }) : toText(r, opts.top, noFlows);
      if (opts.output) await writeFile(opts.output, text);
      else process.stdout.write(text);
    });
}
