// Shared pieces of the graph tests: the C++ reference compiled once per process, the workload
// generator, our analysis run in-process on the same files, and a seeded random source.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseExposure, buildGraph, buildUntrusted, exposureCsv } from '../../src/graph/index.js';
import { readPlainNetwork } from '../../src/ingest/plain/index.js';
import { seededUniform } from '../../src/model/seeded-random.js';

export const BENCH = join(import.meta.dirname, '..', '..', '..', 'shared', 'bench');
export const DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');

export function tempDir(prefix = 'cleanpath-graph-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

let compiled: string | null | undefined;
/** Path of the compiled C++ reference, or a reason string when it cannot be built. */
export function referenceBinary(): { bin: string } | { skip: string } {
  if (compiled === undefined) {
    const probe = spawnSync('g++', ['--version']);
    if (probe.error || probe.status !== 0) {
      compiled = null;
    } else {
      const bin = join(tempDir('cleanpath-ref-'), 'exposure_ref');
      const r = spawnSync('g++', ['-O2', '-std=c++17', '-o', bin, join(BENCH, 'exposure_ref.cpp')], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`compiling exposure_ref.cpp failed:\n${r.stderr}`);
      compiled = bin;
    }
  }
  return compiled ? { bin: compiled } : { skip: 'g++ not found: the byte-for-byte comparison with exposure_ref.cpp is skipped' };
}

export function runReference(bin: string, dir: string, vendors: string): string {
  const r = spawnSync(bin, [dir, vendors], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`exposure_ref failed: ${r.stderr}`);
  return r.stdout;
}

let python: boolean | undefined;
export function hasPython(): boolean {
  python ??= spawnSync('python3', ['-c', 'print(1)']).status === 0;
  return python;
}

let nxPython: string | null | undefined;
/** Debian's python3-networkx (what .ci/run installs) first, then whatever python3 is on PATH. */
export function networkxPython(): string | null {
  nxPython ??= ['/usr/bin/python3', 'python3'].find((py) => spawnSync(py, ['-c', 'import networkx']).status === 0) ?? null;
  return nxPython;
}

export function hasNetworkx(): boolean {
  return networkxPython() !== null;
}

export function runNetworkx(dir: string, vendors: string): string {
  const py = networkxPython();
  if (!py) throw new Error('no python3 with networkx');
  const r = spawnSync(py, [join(BENCH, 'exposure_nx.py'), dir, vendors], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`exposure_nx.py failed: ${r.stderr}`);
  return r.stdout;
}

export function generate(dir: string, V: number, S: number, D: number, seed: number): void {
  const r = spawnSync('python3', [join(BENCH, 'gen_workload.py'), dir, String(V), String(S), String(D), String(seed)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen_workload.py failed: ${r.stderr}`);
}

export async function runOurs(dir: string, vendors: string, workers: number): Promise<string> {
  const net = await readPlainNetwork({ nodes: join(dir, 'nodes.csv'), links: join(dir, 'links.csv'), flows: join(dir, 'flows.csv') });
  const g = buildGraph(net);
  const r = await analyseExposure(g, buildUntrusted(net.nodes, { vendors: vendors.split(',') }), net.flows, { workers });
  return exposureCsv(r);
}

export interface PlainCase {
  nodes: Array<[string, string]>;
  links: Array<[string, string, number | '']>;
  flows: Array<[string, string, string]>;
}

/** Writes a case in the benchmark format (the reference has no quoting: ids must be plain). */
export function writeCase(dir: string, c: PlainCase): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'nodes.csv'), ['id,vendor', ...c.nodes.map((r) => r.join(','))].join('\n') + '\n');
  writeFileSync(join(dir, 'links.csv'), ['a,b,metric', ...c.links.map((r) => r.join(','))].join('\n') + '\n');
  writeFileSync(join(dir, 'flows.csv'), ['id,src,dst', ...c.flows.map((r) => r.join(','))].join('\n') + '\n');
  return dir;
}

/** Seeded uniform floats in [0, 1) (mulberry32). */
export const rng = seededUniform;

export const randInt = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
