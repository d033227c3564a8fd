// Assembles the whole demo scenario in memory from the tables, deterministically from a seed.

import { ScenarioBuilder } from './builder.js';
import { buildCommercial } from './commercial.js';
import { DeviceFactory } from './devices.js';
import { MacPool } from './evidence.js';
import { buildFlows } from './flows.js';
import { buildInterconnect } from './interconnect.js';
import { buildMilitary } from './military.js';
import { Rng } from './prng.js';
import { applyParties } from './parties.js';
import { applyTraps } from './traps.js';
import type { Scenario } from './types.js';

/** The seed of the shipped demo. Changing it changes every generated detail (not the story). */
export const DEMO_SEED = 20_180_502;

export function buildDemoScenario(seed: number = DEMO_SEED): Scenario {
  const rng = new Rng(seed);
  const b = new ScenarioBuilder();
  const f = new DeviceFactory(rng, new MacPool(rng));
  const idx = buildCommercial(b, rng, f);
  buildInterconnect(b, rng, f, idx);
  buildMilitary(b, rng, f, idx);
  applyTraps(b, rng, f, idx);
  applyParties(b);
  const flows = buildFlows(rng, idx);
  return { devices: b.devices, links: b.links, flows };
}
