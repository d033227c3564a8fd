// `cleanpath killswitch`: generated from the registry (src/analyses/killswitch.ts); here its
// text layout and --distributed.
import type { KillSwitchAnalysis } from '../../analyses/killswitch.js';
import type { CliAdapter } from '../analysis-command.js';
import { renderTable } from '../output.js';
import { addDistributedOptions, distributedSettings, remoteEngine, type DistributedCliOptions } from './worker.js';

const round = (x: number): number => Math.round(x * 100) / 100;

/** `noFlows`: why flow lines are left out (zeros there would read as "nothing is cut"). */
function toText(r: KillSwitchAnalysis, top: number): string {
  const d = r.disrupted;
  const noFlows = r.removedDevices > 0 ? r.nothingToAnalyse : null;
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

export const adapter: CliAdapter<KillSwitchAnalysis, { top: number }> = {
  format: 'table',
  text: (doc, p) => toText(doc, p.top),
  // Sites cut off are still a result; only the flow part has nothing to say.
  partial: (doc) => doc.removedDevices > 0,
  options: addDistributedOptions,
  env(opts) {
    const dist = distributedSettings(opts as unknown as DistributedCliOptions);
    return dist ? { remote: remoteEngine(dist) } : {};
  },
};
