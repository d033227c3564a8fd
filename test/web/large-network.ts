// A generated network of N devices for the topology view's performance check: sites scattered
// over Europe (10 devices each), a ring with chords inside each site, site gateways linked to
// nearby sites, 12% Huawei. Seeded, so every run draws the same network.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededUniform } from '../../src/model/seeded-random.js';

const VENDORS = ['Cisco', 'Nokia', 'Ericsson', 'Juniper'];

export function writeLargeNetwork(dir: string, devices: number, seed = 7): { files: string[]; sites: number } {
  const rnd = seededUniform(seed);
  const perSite = 10;
  const sites = Math.ceil(devices / perSite);
  const inv = ['id,name,vendor,layer,site,country,lat,lon'];
  const links = ['a,b,metric'];
  const siteCoords: Array<[number, number]> = [];
  for (let s = 0; s < sites; s++) siteCoords.push([38 + rnd() * 20, -8 + rnd() * 30]);
  for (let i = 0; i < devices; i++) {
    const s = Math.floor(i / perSite);
    const [lat, lon] = siteCoords[s]!;
    const vendor = rnd() < 0.12 ? 'Huawei' : VENDORS[Math.floor(rnd() * VENDORS.length)]!;
    const layer = i % perSite === 0 ? 'core' : i % perSite < 3 ? 'aggregation' : 'access';
    inv.push(`d${i},dev ${i},${vendor},${layer},S${s},DE,${lat.toFixed(4)},${lon.toFixed(4)}`);
    const first = s * perSite;
    const last = Math.min(devices, first + perSite) - 1;
    if (i > first) links.push(`d${i},d${i - 1},${1 + Math.floor(rnd() * 9)}`);
    if (i === last && last > first) links.push(`d${i},d${first},5`);
    if (i > first + 2 && rnd() < 0.3) links.push(`d${i},d${first + Math.floor(rnd() * (i - first - 1))},7`);
  }
  // gateways: each site's first device linked to the next site and one random site
  for (let s = 1; s < sites; s++) {
    links.push(`d${s * perSite},d${(s - 1) * perSite},20`);
    links.push(`d${s * perSite},d${Math.floor(rnd() * s) * perSite},30`);
  }
  const files = [join(dir, 'large-inventory.csv'), join(dir, 'large-links.csv')];
  writeFileSync(files[0]!, inv.join('\n') + '\n');
  writeFileSync(files[1]!, links.join('\n') + '\n');
  return { files, sites };
}
