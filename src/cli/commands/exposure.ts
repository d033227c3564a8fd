// `cleanpath exposure`: generated from the registry (src/analyses/exposure.ts); what only a
// terminal run has is here: worker threads and --distributed.
import type { Command } from 'commander';
import type { ExposureAnalysis } from '../../analyses/exposure.js';
import type { CliAdapter } from '../analysis-command.js';
import { parsePositiveInt } from '../options.js';
import { addDistributedOptions, distributedSettings, remoteEngine, type DistributedCliOptions } from './worker.js';

export const adapter: CliAdapter<ExposureAnalysis> = {
  format: 'csv',
  options(cmd: Command) {
    addDistributedOptions(cmd);
    cmd.option('--workers <n>', 'worker threads (default: all cores); results do not depend on it', parsePositiveInt);
  },
  env(opts, progress) {
    const dist = distributedSettings(opts as unknown as DistributedCliOptions, (done, total) => progress.update(done, total, 'sources'));
    return { workers: opts.workers as number | undefined, ...(dist && { remote: remoteEngine(dist) }) };
  },
};
