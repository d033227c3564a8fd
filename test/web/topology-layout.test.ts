// The topology view's preset layout (web/src/topology-layout.ts): every device placed, each site's
// devices together, sites kept apart and roughly where they are on the map, linear time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutTopology } from '../../web/src/topology-layout.js';
import type { ReportSite, TopologyNode } from '../../web/src/types.js';
import { siteNetwork } from './site-network.js';

/** The shared sample plus one device with no site: it must still be placed. */
function network(sites: number, perSite: number, seed = 3): { nodes: TopologyNode[]; sites: ReportSite[] } {
  const net = siteNetwork(sites, perSite, seed);
  net.nodes.push({ id: 'loose', name: null, vendor: null, site: null, country: null, layer: null, untrusted: false });
  return net;
}

describe('topology layout', () => {
  it('places every device, keeps sites apart and in map order', () => {
    const { nodes, sites } = network(60, 12);
    const { positions, clusters } = layoutTopology(nodes, sites);
    assert.equal(positions.size, nodes.length);
    for (const p of positions.values()) assert.ok(Number.isFinite(p.x) && Number.isFinite(p.y));
    // each device within its site's disc; the core device at the centre
    const byKey = new Map(clusters.map((c) => [c.key, c]));
    for (const n of nodes) {
      const c = byKey.get(n.site ?? '(no site)')!;
      const p = positions.get(n.id)!;
      assert.ok(Math.hypot(p.x - c.centre.x, p.y - c.centre.y) <= c.radius, `${n.id} inside its site`);
      if (n.layer === 'core') assert.deepEqual(p, c.centre);
    }
    // discs do not overlap (a small tolerance for the bounded relaxation)
    let overlaps = 0;
    for (let i = 0; i < clusters.length; i++)
      for (let j = i + 1; j < clusters.length; j++) {
        const a = clusters[i]!, b = clusters[j]!;
        if (Math.hypot(a.centre.x - b.centre.x, a.centre.y - b.centre.y) < (a.radius + b.radius) * 0.95) overlaps++;
      }
    assert.equal(overlaps, 0);
    // far-apart sites keep their west-east order
    const located = sites.filter((s) => s.lon !== null);
    let pairs = 0, kept = 0;
    for (const a of located)
      for (const b of located)
        if (b.lon! - a.lon! > 4) {
          pairs++;
          if (byKey.get(b.id)!.centre.x > byKey.get(a.id)!.centre.x) kept++;
        }
    assert.ok(pairs > 100 && kept / pairs > 0.95, `${kept} of ${pairs} pairs in order`);
  });

  // its time on 5,000 devices: `npm run bench -- hostile` (bench/hostile-input.ts)
  it('is deterministic on 5,000 devices', () => {
    const { nodes, sites } = network(500, 10);
    const a = layoutTopology(nodes, sites);
    const b = layoutTopology(nodes, sites);
    assert.equal(a.positions.size, nodes.length);
    assert.deepEqual([...a.positions], [...b.positions]);
  });
});

describe('topology layout grouped by operator', () => {
  it("puts each operator's devices in one group, labelled with the operator", () => {
    const { nodes, sites } = network(40, 6);
    const operators = ['Alpen Fiber', 'Nordnet', null];
    nodes.forEach((n, i) => (n.operator = operators[i % 3]!));
    const { positions, clusters } = layoutTopology(nodes, sites, 'operator');
    assert.equal(positions.size, nodes.length);
    assert.deepEqual(clusters.map((c) => c.label).sort(), ['(no operator)', 'Alpen Fiber', 'Nordnet']);
    for (const n of nodes) {
      const c = clusters.find((x) => x.label === (n.operator ?? '(no operator)'))!;
      const p = positions.get(n.id)!;
      assert.ok(Math.hypot(p.x - c.centre.x, p.y - c.centre.y) <= c.radius, `${n.id} inside its operator's group`);
    }
    assert.equal(clusters.reduce((a, c) => a + c.devices, 0), nodes.length);
  });
});
