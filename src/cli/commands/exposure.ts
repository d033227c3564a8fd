// `cleanpath exposure`: generated from the registry (src/analyses/exposure.ts); what only a
// terminal run has is here: worker threads and --distributed. `--flow ID --paths` lists one
// flow's paths hop by hop: the flow-paths analysis (cleanpath flow-paths) answers it.
import type { Command } from 'commander';
import type { AnyAnalysis } from '../../analyses/define.js';
import type { ExposureAnalysis } from '../../analyses/exposure.js';
import { flowPathsAnalysis } from '../../analyses/flow-paths.js';
import { InputError } from '../../model/index.js';
import type { CliAdapter } from '../analysis-command.js';
import { adapter as flowPathsAdapter } from './flow-paths.js';
import { parsePositiveInt } from '../options.js';
import { addDistributedOptions, distributedSettings, remoteEngine, type DistributedCliOptions } from './worker.js';

export const adapter: CliAdapter<ExposureAnalysis> = {
  format: 'csv',
  options(cmd: Command) {
    addDistributedOptions(cmd);
    cmd.option('--workers <n>', 'worker threads (default: all cores); results do not depend on it', parsePositiveInt);
    addPathsOptions(cmd);
  },
  delegate(opts) {
    if (!opts.paths && opts.flow === undefined) return undefined;
    if (!opts.paths) throw new InputError('--flow', undefined, 'add --paths to list the flow\'s paths hop by hop (or run cleanpath flow-paths --flow ID)');
    if (opts.flow === undefined) throw new InputError('--paths', undefined, 'name the flow: --flow ID');
    if (opts.nodes || opts.links || opts.topology) throw new InputError('--paths', undefined, 'paths are listed from a snapshot of the store (its devices\' evidence): import the files first (cleanpath import)');
    return { def: flowPathsAnalysis as unknown as AnyAnalysis, adapter: flowPathsAdapter as unknown as CliAdapter };
  },
  env(opts, progress) {
    const dist = distributedSettings(opts as unknown as DistributedCliOptions, (done, total) => progress.update(done, total, 'sources'));
    return { workers: opts.workers as number | undefined, ...(dist && { remote: remoteEngine(dist) }) };
  },
};

/** `--flow ID --paths [--limit N]`: flow-paths's parameters; a table by default, as its own command prints. */
function addPathsOptions(cmd: Command): void {
  cmd
    .option('--flow <id>', "with --paths: the flow whose paths are listed (cleanpath flow-paths)")
    .option('--paths', "list the flow's equal-cost shortest paths hop by hop and its clean alternative")
    .option('--limit <n>', 'with --paths: paths listed at most (default: 64)');
  cmd.hook('preAction', (c) => {
    if (c.opts().paths && c.getOptionValueSource('format') === 'default') c.setOptionValueWithSource('format', flowPathsAdapter.format, 'default');
  });
}
