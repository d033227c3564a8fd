// One flow's equal-cost shortest paths (src/graph/flow-paths.ts) against NetworkX's
// all_shortest_paths on real topologies, and its class and clean cost against the exposure kernel.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyseExposure, buildGraph, buildUntrusted, EXPOSURE_CLASSES, flowPaths } from '../../src/graph/index.js';
import { peer, peers } from '../support/peer.js';
import { readGraphml, readSndlib, toCase, withoutParallelLinks, type Topology } from './convert.js';
import { DATA, networkxPython, tempDir, type PlainCase } from './helpers.js';
import { needsNetworkx } from './peers.js';

const needs = peers(needsNetworkx(), peer('shared-data', existsSync(DATA) || `${DATA} not found`));

// every shortest path of every flow as "a b c" lines, sorted, one block per flow
const NX_SCRIPT = `
import json, sys, networkx as nx
case = json.load(open(sys.argv[1]))
g = nx.Graph()
g.add_nodes_from(n for n, _ in case['nodes'])
for a, b, m in case['links']:
    g.add_edge(a, b, weight=m)
out = {}
for fid, s, d in case['flows']:
    try:
        out[fid] = sorted(' '.join(p) for p in nx.all_shortest_paths(g, s, d, weight='weight'))
    except nx.NetworkXNoPath:
        out[fid] = []
json.dump(out, sys.stdout)
`;

function networkxPaths(c: PlainCase): Record<string, string[]> {
  const dir = tempDir();
  writeFileSync(join(dir, 'case.json'), JSON.stringify(c));
  writeFileSync(join(dir, 'paths.py'), NX_SCRIPT);
  const r = spawnSync(networkxPython()!, [join(dir, 'paths.py'), join(dir, 'case.json')], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string[]>;
}

async function agree(name: string, c: PlainCase): Promise<number> {
  const nodes = c.nodes.map(([id, vendor]) => ({ id, vendor }));
  const g = buildGraph({ nodes, links: c.links.map(([a, b, m]) => ({ a, b, metric: Number(m) })) });
  const untrusted = buildUntrusted(nodes, { vendors: ['huawei'] });
  const flows = c.flows.map(([id, src, dst]) => ({ id, src, dst }));
  const kernel = await analyseExposure(g, untrusted, flows, { workers: 1 });
  const want = networkxPaths(c);
  let compared = 0;
  for (const [i, [id, src, dst]] of c.flows.entries()) {
    const got = flowPaths(g, untrusted, g.indexOf.get(src)!, g.indexOf.get(dst)!, { limit: 100_000 });
    const listed = got.paths.map((p) => p.map((v) => g.ids[v]).join(' ')).sort();
    assert.deepEqual(listed, want[id], `${name} ${id}: paths differ from NetworkX`);
    assert.equal(got.total, listed.length, `${name} ${id}: total`);
    assert.equal(got.exposure, EXPOSURE_CLASSES[kernel.exposure[i]!], `${name} ${id}: class differs from the kernel`);
    assert.equal(got.clean?.cost ?? Infinity, kernel.clean[i], `${name} ${id}: clean cost differs from the kernel`);
    if (got.clean) assert.ok(got.clean.path.every((v) => untrusted[v] === 0), `${name} ${id}: clean path crosses an untrusted node`);
    compared += listed.length;
  }
  return compared;
}

describe('flow paths vs NetworkX all_shortest_paths', needs, () => {
  it('Topology Zoo and SNDlib, every flow, every path', async () => {
    const cases: Array<[string, Topology, number]> = [];
    for (const name of ['Abilene', 'Aarnet', 'Colt', 'GtsCe']) {
      const file = join(DATA, 'topologyzoo', `${name}.graphml`);
      if (existsSync(file)) cases.push([name, readGraphml(file), 3]);
    }
    for (const name of ['geant', 'janos-us-ca']) {
      const file = join(DATA, 'sndlib', 'native', `${name}.txt`);
      if (existsSync(file)) cases.push([name, readSndlib(file), 2]);
    }
    assert.ok(cases.length >= 5, `only ${cases.length} topologies found`);
    let paths = 0;
    for (const [i, [name, t, maxMetric]] of cases.entries()) paths += await agree(name, toCase(withoutParallelLinks(t), 300 + i, 0.2, maxMetric));
    assert.ok(paths > 1000, `only ${paths} paths compared`);
  });

  it('lists at most the limit, counts them all, and gives no clean path through an untrusted endpoint', () => {
    // a 2x3 grid has 3 equal-cost corner-to-corner paths; b (on one of them) is untrusted
    const nodes = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, vendor: id === 'b' ? 'huawei' : 'cisco' }));
    const links = [['a', 'b'], ['b', 'c'], ['d', 'e'], ['e', 'f'], ['a', 'd'], ['b', 'e'], ['c', 'f']].map(([a, b]) => ({ a: a!, b: b!, metric: 1 }));
    const g = buildGraph({ nodes, links });
    const u = buildUntrusted(nodes, { vendors: ['huawei'] });
    const ix = (id: string): number => g.indexOf.get(id)!;
    const r = flowPaths(g, u, ix('a'), ix('f'), { limit: 2 });
    assert.equal(r.total, 3);
    assert.equal(r.paths.length, 2);
    assert.equal(r.cost, 3);
    assert.equal(r.exposure, 'some');
    assert.deepEqual(r.clean?.path.map((v) => g.ids[v]), ['a', 'd', 'e', 'f']);
    const fromB = flowPaths(g, u, ix('b'), ix('f'));
    assert.equal(fromB.exposure, 'all');
    assert.equal(fromB.clean, null);
  });
});
