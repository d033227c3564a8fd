import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { avoidFilterText, countFlows, countSet, NOTHING_UNTRUSTED, nothingToAnalyse, requireDevices, requireFlows, type AnalysisSubject } from '../../analyses/nothing.js';
import { untrustedNodes, type AvoidOptions } from '../../analyses/untrusted.js';
import { distributedExposure } from '../../distributed/coordinator.js';
import { analyseExposure, buildGraph, exposureCsv, exposureDocument, type ExposureResult, type FlowInput } from '../../graph/index.js';
import { addAvoidOptions, addNetworkSourceOptions, checkAvoidOptions, checkBeforeLoad, loadNetwork, type NetworkSourceOptions } from '../network-input.js';
import { parsePositiveInt } from '../options.js';
import { renderJson } from '../output.js';
import { createProgress } from '../progress.js';
import { addDistributedOptions, distributedSettings, type DistributedCliOptions } from './worker.js';

interface ExposureCliOptions extends NetworkSourceOptions, AvoidOptions, DistributedCliOptions {
  workers?: number;
  format: 'csv' | 'json';
  json?: boolean;
  output?: string;
  top: number;
}


export function register(program: Command): void {
  const cmd = program
    .command('exposure')
    .description(
      'Per flow: shortest-path cost, exposure over all equal-cost shortest paths (all/some/none/unreachable) to untrusted devices, and the cost of the cheapest clean path',
    );
  addNetworkSourceOptions(cmd);
  addAvoidOptions(cmd);
  addDistributedOptions(cmd);
  cmd
    .option('--workers <n>', 'worker threads (default: all cores); results do not depend on it', parsePositiveInt)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--json', 'shorthand for --format json')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--top <n>', 'chokepoints listed in JSON output', parsePositiveInt, 20)
    .addHelpText(
      'after',
      `
Exposure is taken over ALL equal-cost shortest paths: "all" = every one crosses an
untrusted device, "some" = at least one does (ECMP hashing decides), "none", or
"unreachable". clean_cost is the cheapest path using no untrusted device ("inf" when
none exists; always when an endpoint is itself untrusted). Paths are over devices;
endpoints count.

Examples:
  cleanpath exposure                                   # latest snapshot, Huawei and ZTE untrusted
  cleanpath exposure --untrusted huawei --avoid-country CN,RU --json > exposure.json
  cleanpath exposure --nodes nodes.csv --links links.csv --flows flows.csv -o result.csv
  cleanpath exposure --topology Geant2010.graphml --flows flows.csv --avoid-country DE`,
    )
    .action(async (opts: ExposureCliOptions) => {
      const progress = createProgress('exposure');
      progress.update(0, undefined, 'loading');
      const json = opts.json || opts.format === 'json';
      const onProgress = (done: number, total: number) => progress.update(done, total, 'sources');
      const dist = distributedSettings(opts, onProgress);
      if (dist) {
        const avoid = await checkBeforeLoad((nodes) => checkAvoidOptions(opts, nodes), opts);
        const { result, network } = await distributedExposure(opts, avoid, { chokepoints: json, topChokepoints: opts.top }, dist);
        for (const note of network.net.notes) process.stderr.write(`note: ${note}\n`);
        progress.done();
        requireFlows(network.net, network.net.flows, 'flows');
        await writeExposure(result, network.net, json, opts.output);
        return;
      }
      const net = await loadNetwork(opts);
      for (const note of net.notes) process.stderr.write(`note: ${note}\n`);
      requireFlows(net, net.flows, 'flows');
      const g = buildGraph(net, { source: net.label });
      const avoid = checkAvoidOptions(opts, net.nodes);
      const untrusted = untrustedNodes(net.nodes, avoid);
      requireDevices(net, countSet(untrusted), avoidFilterText(avoid), NOTHING_UNTRUSTED);
      const result = await analyseExposure(g, untrusted, net.flows, {
        workers: opts.workers,
        chokepoints: json,
        topChokepoints: opts.top,
        source: net.label,
        onProgress,
      });
      progress.done();
      await writeExposure(result, net, json, opts.output);
    });
}

/**
 * Writes the result. Normal flows are still analysed and listed, but an answer without a
 * sensitive flow is no all-clear: it says so (stderr, and `nothingToAnalyse` in JSON) and exits 1.
 */
async function writeExposure(result: ExposureResult, net: AnalysisSubject & { flows: readonly FlowInput[] }, json: boolean, file: string | undefined): Promise<void> {
  const why = nothingToAnalyse(net, countFlows(net.flows), 'sensitive-flows');
  const text = json ? renderJson({ ...exposureDocument(result), nothingToAnalyse: why ?? null }) : exposureCsv(result);
  if (file) await writeFile(file, text);
  else process.stdout.write(text);
  if (why !== undefined) {
    process.stderr.write(`cleanpath: ${why}\n`);
    process.exitCode = 1;
  }
}
