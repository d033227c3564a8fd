// A seeded network of `sites` sites with `perSite` devices each, for the topology layout: the
// last site has no coordinates. Shared by the layout's tests and its benchmark (bench/hostile-input.ts).
import type { ReportSite, TopologyNode } from '../../web/src/types.js';
import { seededUniform } from '../../src/model/seeded-random.js';

export function siteNetwork(sites: number, perSite: number, seed = 3): { nodes: TopologyNode[]; sites: ReportSite[] } {
  const rnd = seededUniform(seed);
  const siteRows: ReportSite[] = [];
  const nodes: TopologyNode[] = [];
  for (let s = 0; s < sites; s++) {
    const id = `S${s}`;
    const located = s < sites - 1;
    siteRows.push({ id, name: `site ${s}`, country: 'DE', lat: located ? 47 + rnd() * 8 : null, lon: located ? 6 + rnd() * 9 : null, devices: perSite, untrustedDevices: 0, flowExposure: null });
    for (let i = 0; i < perSite; i++) nodes.push({ id: `${id}-d${i}`, name: null, vendor: 'cisco', site: id, country: 'DE', layer: i ? 'access' : 'core', untrusted: false });
  }
  return { nodes, sites: siteRows };
}
