// Exposure benchmark (issue 4): cleanpath against the C++ reference on the same generated files,
// outputs compared byte for byte; peak memory; NetworkX on the 20k workload.
// Alone: `node --import tsx bench/exposure.ts`. BENCH_QUICK=1 skips 100k and NetworkX.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = join(here, '..', '..', 'shared', 'bench');
const SEED = 7;
const WORKERS = 2;

interface Timed {
  seconds: number;
  stdout: string;
  stderr: string;
}

function timed(cmd: string, args: string[]): Timed {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t) / 1000;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { seconds, stdout: r.stdout, stderr: r.stderr };
}

function workload(root: string, V: number, S: number, D: number): string {
  const dir = join(root, `w${V}`);
  timed('python3', [join(shared, 'gen_workload.py'), dir, String(V), String(S), String(D), String(SEED)]);
  return dir;
}

/**
 * Compiles the runner and the graph library to plain JavaScript, as users run it (dist), so that
 * neither tsx's start-up nor its on-the-fly transpiling is timed. A node_modules link lets the
 * compiled modules resolve their dependencies.
 */
function compileRunner(root: string): string {
  const project = join(here, '..');
  symlinkSync(join(project, 'node_modules'), join(root, 'node_modules'));
  const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  const out = join(root, 'js');
  const args = ['--ignoreConfig', '--outDir', out, '--rootDir', project, '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--strict', '--skipLibCheck', '--types', 'node', '--noUncheckedIndexedAccess',
    join(here, 'exposure-run.ts'), join(project, 'src', 'graph', 'exposure-worker.ts')];
  timed(process.execPath, [tsc, ...args]);
  return join(out, 'bench', 'exposure-run.js');
}

function cleanpath(runner: string, dir: string, out: string): { seconds: number; peakMb: number } {
  const r = timed(process.execPath, [runner, dir, 'huawei', String(WORKERS), out]);
  const stats = JSON.parse(r.stderr.trim().split('\n').pop()!) as { maxRssKb: number };
  return { seconds: r.seconds, peakMb: stats.maxRssKb / 1024 };
}

const fmt = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

export async function run(): Promise<BenchResult[]> {
  const quick = process.env.BENCH_QUICK === '1';
  const root = mkdtempSync(join(tmpdir(), 'cleanpath-bench-exposure-'));
  const results: BenchResult[] = [];
  try {
    const ref = join(root, 'exposure_ref');
    timed('g++', ['-O2', '-std=c++17', '-o', ref, join(shared, 'exposure_ref.cpp')]);
    const runner = compileRunner(root);
    const sizes: Array<[string, number, number, number]> = [['20k', 20_000, 200, 20_000]];
    if (!quick) sizes.push(['100k', 100_000, 1_000, 100_000]);
    let ours20k = 0;
    let dir20k = '';
    for (const [label, V, S, D] of sizes) {
      const dir = workload(root, V, S, D);
      const cpp = timed(ref, [dir, 'huawei']);
      const outFile = join(root, `out${label}.csv`);
      const ours = cleanpath(runner, dir, outFile);
      const same = readFileSync(outFile, 'utf8') === cpp.stdout;
      const workloadNote = `V=${V} S=${S} D=${D} seed ${SEED}; C++ ${fmt(cpp.seconds)} s (1 core), cleanpath ${fmt(ours.seconds)} s (compiled JS, ${WORKERS} workers, process start and file I/O included)`;
      results.push({
        name: `exposure ${label}: wall time cleanpath / C++ reference`,
        value: fmt(ours.seconds / cpp.seconds, 3),
        unit: 'ratio',
        target: '<= 1.0',
        met: same && ours.seconds <= cpp.seconds,
        note: `${workloadNote}; output ${same ? 'byte-identical' : 'DIFFERS from the reference'}`,
      });
      results.push({
        name: `exposure ${label}: cleanpath peak memory`,
        value: fmt(ours.peakMb, 0),
        unit: 'MB',
        ...(label === '100k' ? { target: '<= 1536', met: ours.peakMb <= 1536 } : {}),
        note: 'max resident set of the process, worker threads included',
      });
      if (label === '20k') {
        ours20k = ours.seconds;
        dir20k = dir;
      }
    }
    if (!quick) {
      // Debian's python3-networkx first (what .ci/run installs), then python3 on PATH
      const py = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import networkx']).status === 0);
      if (py) {
        const nx = timed(py, [join(shared, 'exposure_nx.py'), dir20k, 'huawei']);
        const same = nx.stdout === readFileSync(join(root, 'out20k.csv'), 'utf8');
        results.push({
          name: 'exposure 20k: wall time NetworkX / cleanpath',
          value: fmt(nx.seconds / ours20k, 1),
          unit: 'ratio',
          target: '>= 30',
          met: same && nx.seconds / ours20k >= 30,
          note: `NetworkX ${fmt(nx.seconds, 1)} s, cleanpath ${fmt(ours20k)} s; output ${same ? 'identical' : 'DIFFERS'}`,
        });
      } else {
        results.push({ name: 'exposure 20k: wall time NetworkX / cleanpath', value: NaN, unit: 'ratio', target: '>= 30', met: false, note: 'python3 networkx not installed' });
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const r of await run()) {
    const verdict = r.met === undefined ? '' : r.met ? '  ok' : '  MISSED';
    console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target})` : ''}${verdict}${r.note ? `\n    ${r.note}` : ''}`);
  }
}
