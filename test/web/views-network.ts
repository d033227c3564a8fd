// A generated snapshot for the views at scale (the devices view, the benchmark `views`): the
// large network of large-network.ts (sites of 10 devices, rings, gateways, 12% Huawei) with the
// columns the devices view filters on filled in — countries, operators, models — and sensitive
// flows between site gateways. Seeded: every run writes the same files.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededUniform } from '../../src/model/seeded-random.js';
import { writeLargeNetwork } from './large-network.js';

const COUNTRIES = ['DE', 'FR', 'IT', 'ES', 'PL', 'NL', 'SE', 'AT'];
const OPERATORS = ['Nordlicht Telekom', 'Rhein Netz', 'Alpen Fiber', 'Baltic Mobile', 'Iberia Carrier'];

export function writeViewsNetwork(dir: string, devices: number, flows = 200, seed = 11): { files: string[]; sites: number } {
  const { files, sites } = writeLargeNetwork(dir, devices);
  const rnd = seededUniform(seed);
  const lines = readFileSync(files[0]!, 'utf8').trimEnd().split('\n');
  const out = [`${lines[0]},operator,model`];
  for (let i = 1; i < lines.length; i++) {
    const s = Math.floor((i - 1) / 10);
    const cells = lines[i]!.split(',');
    cells[5] = COUNTRIES[s % COUNTRIES.length]!; // the site's country, all its devices alike
    out.push(`${cells.join(',')},${OPERATORS[s % OPERATORS.length]},M-${Math.floor(rnd() * 40)}`);
  }
  writeFileSync(files[0]!, out.join('\n') + '\n');
  const flowLines = ['id,src,dst,class,volume'];
  for (let f = 0; f < flows; f++) {
    const a = Math.floor(rnd() * sites) * 10;
    const b = Math.floor(rnd() * sites) * 10;
    if (a !== b) flowLines.push(`F${f},d${a},d${b},${f % 2 ? 'normal' : 'sensitive'},${1 + Math.floor(rnd() * 100)}`);
  }
  const flowFile = join(dir, 'large-flows.csv');
  writeFileSync(flowFile, flowLines.join('\n') + '\n');
  return { files: [...files, flowFile], sites };
}
