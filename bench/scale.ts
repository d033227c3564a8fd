// Scale benchmark (issue 9): end to end on a generated national-size dataset, by default 1,000,000
// devices, ~4,000,000 links and 1,000,000 flows from BENCH_SCALE_SOURCES (default 16) sources:
//   import + identification into a fresh SQLite store (`cleanpath import`),
//   exposure in one process (1 and 2 threads) and on 1 and 2 `cleanpath worker` processes through
//   Redis (cold: the workers load the graph; warm: they reuse their cached graph), outputs compared
//   byte for byte, and the peak resident memory of every process.
// The 1M flows come from few sources because exposure costs one shortest-path search per source
// (all of a source's flows share it): 16 sources keep the run to a few minutes on 2 cores.
// Alone: `node --import tsx bench/scale.ts`; BENCH_SCALE_DEVICES=100000 for a quick try.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const REPO = join(here, '..');
const MAIN = join(REPO, 'src', 'cli', 'main.ts');
const GEN = join(REPO, '..', 'shared', 'bench', 'gen_workload.py');
const REDIS_URL = process.env.CLEANPATH_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const V = Number(process.env.BENCH_SCALE_DEVICES ?? 1_000_000);
const D = Number(process.env.BENCH_SCALE_FLOWS ?? V);
const S = Number(process.env.BENCH_SCALE_SOURCES ?? 16);

interface Measured {
  seconds: number;
  /** user + system CPU seconds of the process: what contention on a shared machine does not inflate */
  cpu: number;
  peakMb: number;
  stdout: string;
}

/** Runs the CLI under GNU time: wall seconds and the process's own peak RSS. */
function timedCli(args: string[], out?: string): Measured {
  const t = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_KB %M CPU %U %S', process.execPath, '--import', 'tsx', MAIN, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) throw new Error(`cleanpath ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const m = /PEAK_KB (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const kb = Number(m?.[1] ?? NaN);
  return { seconds, cpu: Number(m?.[2] ?? NaN) + Number(m?.[3] ?? NaN), peakMb: kb / 1024, stdout: out ? readFileSync(out, 'utf8') : r.stdout };
}

/** Peak RSS so far of a live process (Linux). */
function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** user + system CPU seconds so far of a live process (Linux, 100 ticks/s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

function childPids(pid: number): number[] {
  const f = `/proc/${pid}/task/${pid}/children`;
  return existsSync(f) ? readFileSync(f, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number) : [];
}

interface Worker {
  child: ChildProcess;
  log: () => string;
  exited: Promise<void>;
}

async function startWorker(prefix: string, name: string): Promise<Worker> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker', '--redis', REDIS_URL, '--prefix', prefix, '--name', name], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let text = '';
  child.stderr!.on('data', (d: Buffer) => (text += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = Date.now() + 60_000;
  while (!text.includes(': ready on ')) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`worker ${name} did not start:\n${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, log: () => text, exited };
}

/** One coordinator run on K fresh workers, twice (cold, then warm caches); peak memory of each process. */
async function distributed(K: number, input: string[], dir: string, expected: string) {
  const prefix = `cpbench-${process.pid}-${K}`;
  const workers = await Promise.all(Array.from({ length: K }, (_, i) => startWorker(prefix, `bench${K}-${i + 1}`)));
  try {
    const out = join(dir, `dist${K}.csv`);
    const args = ['exposure', ...input, '--untrusted', 'huawei', '--distributed', REDIS_URL, '--queue-prefix', prefix, '-o', out];
    const workerCpu = () => workers.flatMap((w) => [w.child.pid!, ...childPids(w.child.pid!)]).reduce((n, p) => n + cpuSeconds(p), 0);
    const cpu0 = workerCpu();
    const cold = timedCli(args, out);
    const cpu1 = workerCpu();
    const warm = timedCli(args, out);
    const cpu2 = workerCpu();
    if (cold.stdout !== expected || warm.stdout !== expected) throw new Error(`distributed output on ${K} worker(s) differs from the single process`);
    const mains = workers.map((w) => peakMb(w.child.pid!));
    // the compute processes are the workers' children (Linux: /proc/PID/task/PID/children)
    const computes = workers.flatMap((w) => childPids(w.child.pid!)).map(peakMb);
    if (computes.length === 0) throw new Error(`no compute process found under the workers:\n${workers.map((w) => w.log()).join('\n')}`);
    return { cold, warm, coldWorkerCpu: cpu1 - cpu0, warmWorkerCpu: cpu2 - cpu1, workerMainMb: Math.max(...mains), computeMb: Math.max(...computes) };
  } finally {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    const r = spawnSync('redis-cli', ['-u', REDIS_URL, '--scan', '--pattern', `${prefix}:*`], { encoding: 'utf8' });
    const keys = r.stdout.split('\n').filter(Boolean);
    if (keys.length) spawnSync('redis-cli', ['-u', REDIS_URL, 'del', ...keys]);
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-scale-'));
  try {
    const w = join(dir, 'w');
    let t = performance.now();
    const gen = spawnSync('python3', [GEN, w, String(V), String(S), String(D), '7'], { encoding: 'utf8' });
    if (gen.status !== 0) throw new Error(gen.stderr);
    const genS = (performance.now() - t) / 1000;
    const links = readFileSync(join(w, 'links.csv'), 'utf8').split('\n').length - 2;
    const size = `${V.toLocaleString('en-US')} devices, ${links.toLocaleString('en-US')} links, ${D.toLocaleString('en-US')} flows from ${S} sources`;
    process.stderr.write(`  generated ${size} in ${genS.toFixed(1)} s\n`);

    const db = join(dir, 'store.db');
    const imp = timedCli(['import', '--db', db, join(w, 'nodes.csv'), join(w, 'links.csv'), join(w, 'flows.csv')]);
    process.stderr.write(`  import + identification ${imp.seconds.toFixed(1)} s\n`);

    const input = ['--nodes', join(w, 'nodes.csv'), '--links', join(w, 'links.csv'), '--flows', join(w, 'flows.csv')];
    const one = join(dir, 'single1.csv'), two = join(dir, 'single2.csv');
    const single1 = timedCli(['exposure', ...input, '--untrusted', 'huawei', '--workers', '1', '-o', one], one);
    const single2 = timedCli(['exposure', ...input, '--untrusted', 'huawei', '--workers', '2', '-o', two], two);
    if (single1.stdout !== single2.stdout) throw new Error('single-process outputs differ between 1 and 2 threads');
    process.stderr.write(`  single process ${single1.seconds.toFixed(1)} s (1 thread), ${single2.seconds.toFixed(1)} s (2 threads)\n`);
    const d1 = await distributed(1, input, dir, single1.stdout);
    const d2 = await distributed(2, input, dir, single1.stdout);

    const s = (x: number) => Math.round(x * 10) / 10;
    const note = `${size}; tsx CLI processes on this machine, wall time including start-up and loading`;
    const cpu = (coordinator: number, workers?: number) =>
      workers === undefined ? `CPU ${s(coordinator)} s` : `CPU ${s(coordinator)} s coordinator + ${s(workers)} s workers`;
    return [
      { name: 'import + identification (SQLite)', value: s(imp.seconds), unit: 's', note: `${size}; ${cpu(imp.cpu)}; peak ${Math.round(imp.peakMb)} MB` },
      { name: 'exposure, 1 process, 1 thread', value: s(single1.seconds), unit: 's', note: `${note}; ${cpu(single1.cpu)}; peak ${Math.round(single1.peakMb)} MB` },
      { name: 'exposure, 1 process, 2 threads', value: s(single2.seconds), unit: 's', note: `${cpu(single2.cpu)}; peak ${Math.round(single2.peakMb)} MB` },
      { name: 'exposure, 1 worker, cold', value: s(d1.cold.seconds), unit: 's', note: `coordinator loads, the worker loads, shards run; output identical; ${cpu(d1.cold.cpu, d1.coldWorkerCpu)}` },
      { name: 'exposure, 1 worker, warm', value: s(d1.warm.seconds), unit: 's', note: `worker reuses its cached graph; ${cpu(d1.warm.cpu, d1.warmWorkerCpu)}` },
      { name: 'exposure, 2 workers, cold', value: s(d2.cold.seconds), unit: 's', note: `output identical; ${cpu(d2.cold.cpu, d2.coldWorkerCpu)}` },
      { name: 'exposure, 2 workers, warm', value: s(d2.warm.seconds), unit: 's', note: `workers reuse their cached graphs; ${cpu(d2.warm.cpu, d2.warmWorkerCpu)}` },
      { name: 'peak memory, coordinator', value: Math.round(Math.max(d1.cold.peakMb, d2.cold.peakMb)), unit: 'MB', note: 'loads and builds the graph to merge and summarise' },
      { name: 'peak memory, worker (queue process)', value: Math.round(Math.max(d1.workerMainMb, d2.workerMainMb)), unit: 'MB' },
      { name: 'peak memory, worker (compute process)', value: Math.round(Math.max(d1.computeMb, d2.computeMb)), unit: 'MB', note: 'one built graph cached' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await run()) process.stdout.write(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}\n`);
}
