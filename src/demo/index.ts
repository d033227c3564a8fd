// The demo scenario as plain files that the normal importers read, so `cleanpath demo` runs the
// real pipeline end to end: inventory.csv, links.csv, flows.csv (columns of DESIGN section 3).

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv } from '../model/csv-write.js';
import { buildDemoScenario, DEMO_SEED } from './scenario.js';
import { summarise, type DemoSummary } from './summary.js';
import type { Scenario } from './types.js';

export { buildDemoScenario, DEMO_SEED } from './scenario.js';
export { summarise, type DemoSummary, type BaseStory } from './summary.js';
export { TRAPS, type Trap, type TrapKind } from './traps.js';
export { DEMO_PARTIES } from './parties.js';
export { ADOPTION_COUNTRIES, ADOPTION_FILE, ADOPTION_REMOVE_BY, ADOPTION_SCENARIO, writeAdoptionScenario } from './adoption.js';
export type { DemoDevice, DemoFlow, DemoLink, Scenario } from './types.js';

export const INVENTORY_COLUMNS = [
  'id', 'name', 'vendor', 'model', 'role', 'layer', 'technology', 'site', 'country', 'operator', 'network',
  'installed', 'cost', 'lat', 'lon', 'mac', 'sys_object_id', 'sys_descr', 'engine_id', 'imei', 'serial', 'supplier', 'reseller',
  'maintainer',
] as const;
export const LINK_COLUMNS = ['a', 'b', 'metric', 'latency', 'capacity', 'operator'] as const;
export const FLOW_COLUMNS = ['id', 'src', 'dst', 'class', 'volume', 'latency_bound'] as const;

export interface DemoFiles {
  'inventory.csv': string;
  'links.csv': string;
  'flows.csv': string;
}

/**
 * The three files' contents, without touching the disk. Written by the one CSV writer like every
 * other CSV, though these go to our importer, which stores a cell as written: a defused cell
 * would come back with its `'`. The scenario's text never starts with a formula character, so
 * nothing is defused and the files hold exactly the scenario (demo.test.ts checks both).
 */
export function renderDemoFiles(s: Scenario): DemoFiles {
  return {
    'inventory.csv': toCsv(INVENTORY_COLUMNS, s.devices.map((d) => [
      d.id, d.name, d.declaredVendor, d.model, d.role, d.layer, d.technology, d.site, d.country, d.operator, d.network,
      d.installed, d.cost, d.lat, d.lon, d.mac, d.sysObjectId, d.sysDescr, d.engineId, d.imei, d.serial, d.supplier, d.reseller,
      d.maintainer,
    ])),
    'links.csv': toCsv(LINK_COLUMNS, s.links.map((l) => [l.a, l.b, l.metric, l.latency, l.capacity, l.operator])),
    'flows.csv': toCsv(FLOW_COLUMNS, s.flows.map((f) => [f.id, f.src, f.dst, f.class, f.volume, f.latencyBound])),
  };
}

/** Writes the demo scenario into `dir` (created if missing) and says what it holds. */
export function writeDemoScenario(dir: string, seed: number = DEMO_SEED): { files: string[]; summary: DemoSummary } {
  const scenario = buildDemoScenario(seed);
  const rendered = renderDemoFiles(scenario);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const [name, text] of Object.entries(rendered)) {
    const path = join(dir, name);
    writeFileSync(path, text);
    files.push(path);
  }
  return { files, summary: summarise(scenario) };
}
