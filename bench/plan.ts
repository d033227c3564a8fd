// Replacement planner benchmark (issue 5): exact solve time where it finishes within 60 s, the
// heuristic's time and its gap to the exact optimum (target <= 5%), and the heuristic on the
// 100k-node benchmark workload (10k untrusted, 10k sensitive flows; target <= 60 s).
// Alone: `node --import tsx bench/plan.ts`. BENCH_QUICK=1 skips the 100k instance.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNetwork } from '../src/cli/network-input.js';
import { readPlainNetwork } from '../src/ingest/plain/index.js';
import { buildGraph, type FlowInput, type LinkArrays, type LinkInput, type NodeInput } from '../src/graph/index.js';
import { planReplacement, type PlanNetwork } from '../src/plan/index.js';
import type { BenchResult } from './types.js';
import { seededUniform } from '../src/model/seeded-random.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = join(here, '..', '..', 'shared');
const SEED = 11;

const rng = seededUniform;

/**
 * Network with seeded vendors (share untrusted; null keeps the file's) and costs 10k..500k.
 * With `trustedFlows`, that many sensitive flows between random trusted endpoints replace the
 * file's: the hard case (an untrusted endpoint is simply replaced and its flow leaves the problem).
 */
function seeded(nodes: NodeInput[], links: readonly LinkInput[] | LinkArrays, flows: FlowInput[], share: number | null, seed: number, trustedFlows = 0): PlanNetwork {
  const r = rng(seed);
  const g = buildGraph({ nodes, links });
  const untrusted = Uint8Array.from(nodes, (d) => (share === null ? d.vendor === 'huawei' : r() < share) ? 1 : 0);
  const cost = Float64Array.from(nodes, () => 10_000 * (1 + Math.floor(r() * 50)));
  if (trustedFlows) {
    const ok = nodes.filter((_, i) => !untrusted[i]);
    const pick = () => ok[Math.floor(r() * ok.length)]!.id;
    flows = Array.from({ length: trustedFlows }, (_, i) => ({ id: `t${i}`, src: pick(), dst: pick() }));
  }
  return { g, untrusted, cost, flows };
}

function generate(root: string, V: number, S: number, D: number): string {
  const dir = join(root, `w${V}-${D}`);
  const r = spawnSync('python3', [join(shared, 'bench', 'gen_workload.py'), dir, String(V), String(S), String(D), String(SEED)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen_workload.py failed: ${r.stderr}`);
  return dir;
}

const fmt = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

interface Case {
  label: string;
  net: PlanNetwork;
}

async function compare(c: Case, results: BenchResult[], gaps: number[]): Promise<void> {
  const exact = await planReplacement(c.net, { mode: 'exact', timeLimit: 60 });
  const heur = await planReplacement(c.net, { mode: 'heuristic', timeLimit: 60 });
  const size = `${c.net.g.n} nodes, ${exact.stats.untrusted} untrusted, ${exact.flows.length} sensitive flows → ${exact.stats.candidates} candidates, ${exact.stats.demands} demands`;
  if (exact.status === 'optimal') {
    const gap = exact.totalCost > 0 ? (heur.totalCost - exact.totalCost) / exact.totalCost : 0;
    gaps.push(gap);
    results.push({
      name: `plan ${c.label}: exact solve time`,
      value: fmt(exact.stats.seconds),
      unit: 's',
      target: '<= 60',
      met: exact.stats.seconds <= 60,
      note: `${size}; optimum ${exact.totalCost}, ${exact.stats.iterations} MILP solves, ${exact.stats.cuts} cuts`,
    });
    results.push({
      name: `plan ${c.label}: heuristic gap to the exact optimum`,
      value: fmt(gap * 100),
      unit: '%',
      target: '<= 5',
      met: gap <= 0.05,
      note: `heuristic ${fmt(heur.stats.seconds)} s, cost ${heur.totalCost}, own bound ${fmt(heur.lowerBound, 0)} (${heur.stats.boundSource}), stated gap ${fmt(heur.gap * 100)}%`,
    });
  } else {
    results.push({
      name: `plan ${c.label}: exact did not finish in 60 s`,
      value: fmt(exact.gap * 100),
      unit: '% gap',
      note: `${size}; best ${exact.totalCost}, bound ${fmt(exact.lowerBound, 0)}; heuristic ${fmt(heur.stats.seconds)} s cost ${heur.totalCost} bound ${fmt(heur.lowerBound, 0)}`,
    });
  }
}

export async function run(): Promise<BenchResult[]> {
  const quick = process.env.BENCH_QUICK === '1';
  const root = mkdtempSync(join(tmpdir(), 'cleanpath-bench-plan-'));
  const results: BenchResult[] = [];
  const gaps: number[] = [];
  try {
    // generated workloads with a large untrusted share, so that the instance does not collapse
    for (const [V, D, share] of [[1_000, 100, 0.6], [2_000, 300, 0.6], [5_000, 500, 0.55], [20_000, 1_000, 0.5]] as const) {
      const dir = generate(root, V, 10, 10);
      const p = await readPlainNetwork({ nodes: join(dir, 'nodes.csv'), links: join(dir, 'links.csv') });
      await compare({ label: `generated V=${V}, ${Math.round(share * 100)}% untrusted, ${D} trusted-endpoint flows`, net: seeded(p.nodes, p.links, [], share, SEED + V, D) }, results, gaps);
    }
    // real topologies with seeded vendors and random sensitive flows
    const real = [
      ['topologyzoo', 'DialtelecomCz.graphml', 0.5],
      ['topologyzoo', 'Colt.graphml', 0.5],
      ['topologyzoo', 'Interoute.graphml', 0.5],
      ['sndlib/xml', 'janos-us-ca.xml', 0.5],
      ['sndlib/xml', 'zib54.xml', 0.5],
    ] as const;
    for (const [dir, file, share] of real) {
      const path = join(shared, 'data', dir, file);
      if (!existsSync(path)) continue;
      const net = await loadNetwork({ db: '', topology: path });
      await compare({ label: `${file}, ${share * 100}% untrusted, 60 trusted-endpoint flows`, net: seeded(net.nodes, net.links, [], share, SEED, 60) }, results, gaps);
    }
    if (gaps.length) {
      const worst = Math.max(...gaps);
      results.push({
        name: 'plan: worst heuristic gap to the exact optimum',
        value: fmt(worst * 100),
        unit: '%',
        target: '<= 5',
        met: worst <= 0.05,
        note: `over ${gaps.length} instances the exact solver finished; mean ${fmt((gaps.reduce((a, b) => a + b, 0) / gaps.length) * 100)}%`,
      });
    }
    if (!quick) {
      // the exposure benchmark's 100k workload: 10% huawei = 10k untrusted, 10k sensitive flows
      const dir = generate(root, 100_000, 1_000, 10_000);
      const t = performance.now();
      const p = await readPlainNetwork({ nodes: join(dir, 'nodes.csv'), links: join(dir, 'links.csv'), flows: join(dir, 'flows.csv') });
      const net = seeded(p.nodes, p.links, p.flows, null, SEED);
      const plan = await planReplacement(net, { mode: 'heuristic', timeLimit: 60 });
      const secs = (performance.now() - t) / 1000;
      results.push({
        name: 'plan 100k workload (10k untrusted, 10k flows): heuristic wall time',
        value: fmt(secs),
        unit: 's',
        target: '<= 60',
        met: secs <= 60,
        note: `load + solve + connectivity re-check; ${plan.stats.candidates} candidates, ${plan.stats.demands} demands after contraction; cost ${plan.totalCost}, gap ${fmt(plan.gap * 100)}% (${plan.stats.boundSource})`,
      });
      // the same graph with 40% untrusted: the trusted part falls apart, the instance stays large
      const hard = seeded(p.nodes, p.links, p.flows, 0.4, SEED + 1);
      const t2 = performance.now();
      const plan2 = await planReplacement(hard, { mode: 'heuristic', timeLimit: 60 });
      const secs2 = (performance.now() - t2) / 1000;
      results.push({
        name: 'plan 100k, 40% untrusted, 10k flows: heuristic wall time',
        value: fmt(secs2),
        unit: 's',
        target: '<= 60',
        met: secs2 <= 60,
        note: `${plan2.stats.untrusted} untrusted → ${plan2.stats.candidates} candidates, ${plan2.stats.demands} demands; cost ${plan2.totalCost}, bound ${fmt(plan2.lowerBound, 0)} (${plan2.stats.boundSource}), stated gap ${fmt(plan2.gap * 100)}%`,
      });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await run()) console.log(JSON.stringify(r));
}
