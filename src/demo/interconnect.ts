// Ties the national networks together: operators of one country peer at its exchange city;
// the two transit carriers meet them there; two direct cross-border links (DE-IT over the Alps,
// DE-UK) give base-to-base traffic an alternative to the transit carriers.

import type { ScenarioBuilder } from './builder.js';
import { distanceMetric } from './builder.js';
import { coreKey, type CommercialIndex } from './commercial.js';
import type { DeviceFactory } from './devices.js';
import { dateBetween } from './devices.js';
import { EXCHANGE_CITY, OPERATORS, TRANSITS } from './operators.js';
import { placeById } from './places.js';
import type { Rng } from './prng.js';

/** Cross-border links between national operators' cores: [operator, city] pairs. */
export const DIRECT_INTERNATIONAL: readonly (readonly [readonly [string, string], readonly [string, string]])[] = [
  [['dea', 'MUC'], ['ita', 'MIL']],
  [['deb', 'FRA'], ['uka', 'LON']],
];

export function buildInterconnect(b: ScenarioBuilder, rng: Rng, f: DeviceFactory, idx: CommercialIndex): void {
  const core = (op: string, city: string): string => {
    const id = idx.cores.get(coreKey(op, city));
    if (!id) throw new Error(`no core for ${op} at ${city}`);
    return id;
  };

  for (const [country, city] of Object.entries(EXCHANGE_CITY)) {
    const ops = OPERATORS.filter((o) => o.country === country);
    for (let i = 0; i < ops.length; i++) {
      for (let j = i + 1; j < ops.length; j++) {
        b.link(core((ops[i] as (typeof ops)[number]).id, city), core((ops[j] as (typeof ops)[number]).id, city), 3, 400, `IX ${city}`);
      }
    }
  }

  TRANSITS.forEach((t, tIndex) => {
    for (const [city, vendor] of t.pops) {
      const p = placeById(city);
      b.add(f.infra({
        id: `${t.id}-${city}-cr1`, name: `${t.name} ${p.name}`, vendor, layer: 'core', kind: 'core',
        role: 'transit core router', site: `${t.id}-${city}`, country: p.country, operator: t.name,
        network: 'commercial', installed: dateBetween(rng, '2015-01-01', '2024-07-01'), costClass: 'transit',
        lat: p.lat, lon: p.lon, macStyle: t.macStyle, declaredShare: 0.3, ipv4: [172, 16 + tIndex, 0, b.devices.length % 250],
      }));
    }
    for (const [x, y] of t.spans) {
      const a = `${t.id}-${x}-cr1`;
      const c = `${t.id}-${y}-cr1`;
      b.link(a, c, distanceMetric(b.distance(a, c)), 400, t.name);
    }
    for (const [country, city] of Object.entries(EXCHANGE_CITY)) {
      if (!t.pops.some(([c]) => c === city)) continue;
      for (const op of OPERATORS.filter((o) => o.country === country)) {
        b.link(`${t.id}-${city}-cr1`, core(op.id, city), 3, 400, t.name);
      }
    }
  });

  for (const [[opA, cityA], [opB, cityB]] of DIRECT_INTERNATIONAL) {
    const a = core(opA, cityA);
    const c = core(opB, cityB);
    b.link(a, c, distanceMetric(b.distance(a, c)), 100, 'cross-border');
  }
}
