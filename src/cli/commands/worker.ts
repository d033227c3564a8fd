import type { Command } from 'commander';
import { DEFAULT_PREFIX, DEFAULT_REDIS_URL } from '../../distributed/defaults.js';
import type { RemoteEngine } from '../../analyses/define.js';
import type { DistributedOptions } from '../../distributed/coordinator.js';
import { parsePositiveInt } from '../options.js';

interface WorkerCliOptions {
  redis: string;
  prefix: string;
  concurrency: number;
  threads: number;
  name?: string;
}

export function register(program: Command): void {
  program
    .command('worker')
    .description('Run distributed exposure and kill-switch jobs from a Redis queue (start one per machine; see docs/scale.md)')
    .option('--redis <url>', 'Redis server of the queue', process.env.CLEANPATH_REDIS_URL ?? DEFAULT_REDIS_URL)
    .option('--prefix <name>', 'queue prefix: workers and coordinators of one deployment share it', DEFAULT_PREFIX)
    .option('--concurrency <n>', 'jobs at once, each in its own compute process with its own graph cache', parsePositiveInt, 1)
    .option('--threads <n>', 'threads per job (sources of a shard spread over them)', parsePositiveInt, 1)
    .option('--name <name>', 'name in logs and results (default host:pid)')
    .addHelpText(
      'after',
      `
The worker loads the network a job names (the same file paths, or the same store, must be
readable on every machine), checks it is the coordinator's (a fingerprint of devices, links
and flows), keeps the built graph for the next jobs and runs its shard of sources. A worker
killed mid-job loses nothing: its lock lapses within seconds and another worker reruns it.

Examples:
  cleanpath worker --redis redis://queue.example:6379 --concurrency 2
  cleanpath exposure --nodes /data/nodes.csv --links /data/links.csv --flows /data/flows.csv \\
    --distributed redis://queue.example:6379 -o exposure.csv`,
    )
    .action(async (opts: WorkerCliOptions) => {
      // listen before starting: a signal during start-up must not kill the process mid-handshake
      let signalled: () => void = () => {};
      const stopped = new Promise<void>((resolve) => (signalled = resolve));
      process.once('SIGINT', () => signalled());
      process.once('SIGTERM', () => signalled());
      // The Redis and BullMQ clients load when a worker or a distributed run starts, not with every command.
      const { startWorker } = await import('../../distributed/worker.js');
      const w = await startWorker({ redisUrl: opts.redis, prefix: opts.prefix, concurrency: opts.concurrency, threads: opts.threads, name: opts.name });
      await stopped;
      process.stderr.write(`worker ${w.name}: stopping (finishing running jobs)\n`);
      await w.close();
    });
}

/** The options exposure and killswitch share to run on workers instead of in this process. */
export interface DistributedCliOptions {
  distributed?: string | true;
  queuePrefix: string;
  shards?: number;
  timeout?: number;
}

export function addDistributedOptions(cmd: Command): Command {
  return cmd
    .option('--distributed [redis-url]', `run on \`cleanpath worker\` processes through this Redis (default $CLEANPATH_REDIS_URL or ${DEFAULT_REDIS_URL}); same output`)
    .option('--queue-prefix <name>', 'queue prefix shared with the workers', DEFAULT_PREFIX)
    .option('--shards <n>', 'with --distributed: jobs to split the sources into (default min(sources, 64))', parsePositiveInt)
    .option('--timeout <seconds>', 'with --distributed: give up after this long (default 3600)', parsePositiveInt);
}

/** The graph core on cleanpath workers, as the analyses take it (src/analyses/define.ts). */
export function remoteEngine(settings: DistributedOptions): RemoteEngine {
  return {
    async exposure(source, avoid, opts) {
      const { distributedExposure } = await import('../../distributed/coordinator.js');
      const d = await distributedExposure(source, avoid, opts, settings);
      return { result: d.result, net: d.network.net };
    },
    async killSwitch(source, spec) {
      const { distributedKillSwitch } = await import('../../distributed/coordinator.js');
      const d = await distributedKillSwitch(source, spec, settings);
      return { result: d.result, net: d.network.net };
    },
  };
}

/** Coordinator settings from the CLI options; undefined when the run is local. */
export function distributedSettings(opts: DistributedCliOptions, onProgress?: (done: number, total: number) => void): DistributedOptions | undefined {
  if (opts.distributed === undefined) return undefined;
  return {
    redisUrl: typeof opts.distributed === 'string' ? opts.distributed : (process.env.CLEANPATH_REDIS_URL ?? DEFAULT_REDIS_URL),
    prefix: opts.queuePrefix,
    shards: opts.shards,
    timeoutMs: opts.timeout === undefined ? undefined : opts.timeout * 1000,
    onProgress,
    onNote: (line) => process.stderr.write(`note: ${line}\n`),
  };
}
