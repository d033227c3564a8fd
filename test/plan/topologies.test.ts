// Plans on real topologies (Topology Zoo GraphML, SNDlib XML with its demands) with seeded
// untrusted vendors: exact = optimal, heuristic within its bound, every plan re-checked with the
// analysis engine (each sensitive flow with a path has a clean path through trusted ∪ replaced).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadNetwork } from '../../src/cli/network-input.js';
import { analyseExposure, buildGraph, type FlowInput, type NodeInput } from '../../src/graph/index.js';
import { planReplacement, type PlanResult } from '../../src/plan/index.js';
import { rng } from './helpers.js';
import { peerMissing } from '../support/peer.js';

const DATA = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const ZOO = ['Abilene.graphml', 'Geant2010.graphml', 'Geant.graphml', 'Colt.graphml', 'DialtelecomCz.graphml', 'Interoute.graphml', 'Pern.graphml', 'GtsCe.graphml'];
const SNDLIB = ['abilene.xml', 'geant.xml', 'nobel-germany.xml', 'nobel-us.xml', 'cost266.xml', 'janos-us-ca.xml', 'ta2.xml', 'zib54.xml', 'giul39.xml'];

async function seeded(path: string, seed: number, share: number, flowsWanted: number) {
  const net = await loadNetwork({ db: '', topology: path });
  const r = rng(seed);
  const nodes: NodeInput[] = net.nodes.map((d) => ({ ...d, vendor: r() < share ? 'huawei' : 'ericsson' }));
  const g = buildGraph({ nodes, links: net.links });
  const untrusted = Uint8Array.from(nodes, (d) => (d.vendor === 'huawei' ? 1 : 0));
  const cost = Float64Array.from(nodes, () => 10_000 * (1 + Math.floor(r() * 50)));
  let flows: FlowInput[] = net.flows;
  if (!flows.length) {
    flows = [];
    for (let i = 0; i < flowsWanted; i++) {
      flows.push({ id: `f${i}`, src: nodes[Math.floor(r() * nodes.length)]!.id, dst: nodes[Math.floor(r() * nodes.length)]!.id });
    }
  }
  return { g, untrusted, cost, flows };
}

async function recheck(net: Awaited<ReturnType<typeof seeded>>, plan: PlanResult, label: string) {
  const replaced = new Set(plan.devices.map((d) => d.id));
  const after = Uint8Array.from(net.untrusted, (u, i) => (u && !replaced.has(net.g.ids[i]!) ? 1 : 0));
  const r = await analyseExposure(net.g, after, net.flows, { workers: 1 });
  net.flows.forEach((f, i) => {
    if ((f.class ?? 'sensitive') !== 'sensitive' || !(r.cost[i]! < Infinity)) return;
    assert.ok(r.clean[i]! < Infinity, `${label}: flow ${f.id} has no clean path after the plan`);
  });
  let sum = 0;
  for (const d of plan.devices) sum += d.cost;
  assert.equal(sum, plan.totalCost, `${label}: total cost`);
}

for (const [dir, files] of [['topologyzoo', ZOO], ['sndlib/xml', SNDLIB]] as const) {
  test(`plans on ${dir} topologies with seeded vendors`, async (t) => {
    const have = files.map((f) => join(DATA, dir, f)).filter((p) => existsSync(p));
    if (peerMissing(t, 'shared-data', have.length === files.length || `${files.length - have.length} of ${files.length} files absent from ${join(DATA, dir)}`)) return;
    for (const path of have) {
      for (const [seed, share] of [[1, 0.3], [2, 0.5]] as const) {
        const net = await seeded(path, seed, share, 40);
        const label = `${path.split('/').pop()} seed ${seed}`;
        const exact = await planReplacement(net, { mode: 'exact', timeLimit: 30 });
        const heur = await planReplacement(net, { mode: 'heuristic', timeLimit: 30 });
        await recheck(net, exact, `${label} exact`);
        await recheck(net, heur, `${label} heuristic`);
        if (exact.status === 'optimal') {
          assert.ok(heur.lowerBound <= exact.totalCost + 1e-6, `${label}: heuristic bound ${heur.lowerBound} > optimum ${exact.totalCost}`);
          assert.ok(heur.totalCost >= exact.totalCost - 1e-6, `${label}: heuristic below the optimum`);
        }
        assert.ok(exact.lowerBound <= exact.totalCost + 1e-6);
      }
    }
  });
}
