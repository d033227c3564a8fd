// The topology view's choice of devices (web/src/topology/subgraph.ts): the devices on a flow's
// shortest paths equal those on the least-cost simple paths listed by brute force, on random small
// networks with ties; the k-hop neighbourhood equals a search by hop counts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededUniform } from '../../src/model/seeded-random.js';
import { indexTopology, kHop, shortestPathNodes } from '../../web/src/topology/subgraph.js';
import type { Topology } from '../../web/src/types.js';

function randomTopology(n: number, links: number, seed: number): Topology {
  const rnd = seededUniform(seed);
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}`, name: null, vendor: null, site: null, country: null, layer: null, untrusted: false }));
  const out: Topology['links'] = [];
  for (let i = 0; i < links; i++) {
    const a = Math.floor(rnd() * n), b = Math.floor(rnd() * n);
    // metrics 1-3: many equal-cost paths
    out.push({ a: `n${a}`, b: `n${b}`, metric: 1 + Math.floor(rnd() * 3) });
  }
  return { nodes, links: out };
}

/** Every simple path from s to t with its cost (exponential: small networks only). */
function simplePaths(t: Topology, s: string, d: string): Array<{ nodes: string[]; cost: number }> {
  const nb = new Map<string, Array<[string, number]>>();
  for (const l of t.links) {
    if (l.a === l.b) continue;
    // parallel links: the least metric counts
    nb.set(l.a, [...(nb.get(l.a) ?? []), [l.b, l.metric]]);
    nb.set(l.b, [...(nb.get(l.b) ?? []), [l.a, l.metric]]);
  }
  const out: Array<{ nodes: string[]; cost: number }> = [];
  const walk = (v: string, path: string[], cost: number) => {
    if (v === d) return void out.push({ nodes: path, cost });
    for (const [u, m] of nb.get(v) ?? []) if (!path.includes(u)) walk(u, [...path, u], cost + m);
  };
  walk(s, [s], 0);
  return out;
}

describe('topology subgraph', () => {
  it("a flow's shortest-path devices equal those of the least-cost simple paths (brute force)", () => {
    let checked = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const t = randomTopology(9, 14, seed);
      const g = indexTopology(t);
      const flows = [{ src: 'n0', dst: 'n8' }, { src: 'n3', dst: 'n5' }];
      const want = new Set<string>();
      for (const f of flows) {
        const paths = simplePaths(t, f.src, f.dst);
        if (!paths.length) continue;
        const best = Math.min(...paths.map((p) => p.cost));
        for (const p of paths) if (p.cost === best) p.nodes.forEach((v) => want.add(v));
      }
      const got = shortestPathNodes(g, flows);
      assert.deepEqual(new Set([...got.nodes].map((i) => g.ids[i]!)), want, `seed ${seed}`);
      checked += want.size;
    }
    assert.ok(checked > 100, `${checked} devices checked`);
  });

  it('the k-hop neighbourhood is every device within k links', () => {
    const t = randomTopology(30, 40, 5);
    const g = indexTopology(t);
    const dist = new Map([['n0', 0]]);
    // Bellman-Ford style relaxation by hop counts
    for (let round = 0; round < 30; round++)
      for (const l of t.links)
        for (const [a, b] of [[l.a, l.b], [l.b, l.a]] as const)
          if (dist.has(a) && (dist.get(b) ?? Infinity) > dist.get(a)! + 1) dist.set(b, dist.get(a)! + 1);
    for (const k of [0, 1, 2, 3]) {
      const want = [...dist].filter(([, d]) => d <= k).map(([v]) => v).sort();
      assert.deepEqual([...kHop(g, 0, k)].map((i) => g.ids[i]!).sort(), want, `k = ${k}`);
    }
  });
});
