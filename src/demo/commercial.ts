// Generates each commercial operator's network from the tables: cities x operators x layers.
// Topology rules (docs/demo.md): every PoP has two aggregation routers; every radio site is
// dual-homed to both (equal cost, so ECMP is the norm); aggregation goes to the nearest core
// (and the second-nearest too, from the second router); cores are fully meshed; the NMS hangs
// off the first core.

import type { DeviceFactory } from './devices.js';
import { dateBetween, round5 } from './devices.js';
import type { ScenarioBuilder } from './builder.js';
import { distanceMetric } from './builder.js';
import { OPERATORS, type Mix, type OperatorSpec } from './operators.js';
import type { DemoVendor } from './vendors.js';
import { placeById } from './places.js';
import type { Rng } from './prng.js';

export interface Pop {
  readonly operator: OperatorSpec;
  readonly city: string;
  readonly aggs: readonly [string, string];
  readonly ran: readonly string[];
}

export interface CommercialIndex {
  readonly pops: ReadonlyMap<string, Pop>;
  /** Core router id per operator and core city. */
  readonly cores: ReadonlyMap<string, string>;
}

export const popKey = (op: string, city: string): string => `${op}:${city}`;
export const coreKey = popKey;

export function buildCommercial(b: ScenarioBuilder, rng: Rng, f: DeviceFactory): CommercialIndex {
  const pops = new Map<string, Pop>();
  const cores = new Map<string, string>();
  OPERATORS.forEach((op, opIndex) => {
    const o = operatorContext(b, rng, f, op, opIndex);
    const coreIds = addCores(o, cores);
    for (const city of op.cities) pops.set(popKey(op.id, city), addPop(o, city, coreIds));
    addNms(o);
  });
  return { pops, cores };
}

/** What every device of one operator shares: its attributes, its address counter, its vendor draw. */
interface OperatorContext {
  readonly b: ScenarioBuilder;
  readonly rng: Rng;
  readonly f: DeviceFactory;
  readonly op: OperatorSpec;
  readonly common: Pick<OperatorSpec, 'country' | 'macStyle' | 'declaredShare'> & { operator: string; network: 'commercial' };
  /** the next management address of this operator */
  ip(): number[];
  /** a vendor drawn from mix, unless the operator pins this box (by id suffix) */
  vendor(suffix: string, mix: Mix): DemoVendor;
}

function operatorContext(b: ScenarioBuilder, rng: Rng, f: DeviceFactory, op: OperatorSpec, opIndex: number): OperatorContext {
  let host = 1;
  const ip = (): number[] => [10, opIndex + 1, Math.floor(host / 250), (host++ % 250) + 1];
  // Draw first, then apply the pin, so pinning one box leaves the random stream untouched.
  const vendor = (suffix: string, mix: Mix): DemoVendor => {
    const drawn = rng.weighted(mix);
    return op.pinned?.[suffix] ?? drawn;
  };
  const common = {
    country: op.country, operator: op.name, network: 'commercial' as const,
    macStyle: op.macStyle, declaredShare: op.declaredShare,
  };
  return { b, rng, f, op, common, ip, vendor };
}

/** One core router per core city, fully meshed; returns their ids in core-city order. */
function addCores(o: OperatorContext, cores: Map<string, string>): string[] {
  const { b, rng, f, op, common } = o;
  for (const city of op.coreCities) {
    const p = placeById(city);
    const id = `${op.id}-${city}-cr1`;
    b.add(f.infra({
      ...common, id, name: `${op.name} ${p.name} core 1`, vendor: o.vendor(`${city}-cr1`, op.mix.core), layer: 'core',
      technology: '5g', site: `${op.id}-${city}`, installed: dateBetween(rng, '2016-01-01', '2025-07-01'),
      costClass: 'core', lat: p.lat, lon: p.lon, ipv4: o.ip(),
    }));
    cores.set(coreKey(op.id, city), id);
  }
  const coreIds = op.coreCities.map((c) => `${op.id}-${c}-cr1`);
  for (let i = 0; i < coreIds.length; i++) {
    for (let j = i + 1; j < coreIds.length; j++) {
      const a = coreIds[i] as string;
      const c = coreIds[j] as string;
      b.link(a, c, distanceMetric(b.distance(a, c)), 400, op.name);
    }
  }
  return coreIds;
}

/** A PoP: two aggregation routers homed to the nearest cores, and its dual-homed radio sites. */
function addPop(o: OperatorContext, city: string, coreIds: readonly string[]): Pop {
  const { b, rng, f, op, common } = o;
  const p = placeById(city);
  const aggs: string[] = [];
  for (const n of [1, 2]) {
    const id = `${op.id}-${city}-agg${n}`;
    b.add(f.infra({
      ...common, id, name: `${op.name} ${p.name} aggregation ${n}`, vendor: o.vendor(`${city}-agg${n}`, op.mix.transport),
      layer: 'transport', technology: '5g', site: `${op.id}-${city}`,
      installed: dateBetween(rng, '2014-01-01', '2025-07-01'), costClass: 'transport',
      lat: round5(p.lat + 0.002 * n), lon: p.lon, ipv4: o.ip(),
    }));
    aggs.push(id);
  }
  const [agg1, agg2] = aggs as [string, string];
  b.link(agg1, agg2, 1, 100, op.name);
  const byDistance = [...coreIds].sort((x, y) => b.distance(agg1, x) - b.distance(agg1, y));
  const nearest = byDistance[0] as string;
  const local = b.get(nearest).site === `${op.id}-${city}`;
  const m = local ? 2 : distanceMetric(b.distance(agg1, nearest));
  b.link(agg1, nearest, m, 100, op.name);
  b.link(agg2, nearest, m, 100, op.name);
  const second = byDistance[1];
  if (!local && second) b.link(agg2, second, distanceMetric(b.distance(agg2, second)), 100, op.name);
  return { operator: op, city, aggs: [agg1, agg2], ran: addRadioSites(o, city, agg1, agg2) };
}

function addRadioSites(o: OperatorContext, city: string, agg1: string, agg2: string): string[] {
  const { b, rng, f, op, common } = o;
  const p = placeById(city);
  const ran: string[] = [];
  const count = rng.int(op.ranPerPop[0], op.ranPerPop[1]);
  for (let k = 1; k <= count; k++) {
    const id = `${op.id}-${city}-ran${String(k).padStart(2, '0')}`;
    const fiveG = rng.chance(op.share5g);
    b.add(f.infra({
      ...common, id, name: `${op.name} ${p.name} radio site ${k}`, vendor: rng.weighted(op.mix.ran), layer: 'ran',
      technology: fiveG ? '5g' : '4g', site: `${op.id}-${city}-s${k}`,
      installed: fiveG ? dateBetween(rng, '2019-06-01', '2025-07-01') : dateBetween(rng, '2012-01-01', '2021-01-01'),
      costClass: fiveG ? 'ran5g' : 'ran4g',
      lat: round5(p.lat + (rng.next() - 0.5) * 0.12), lon: round5(p.lon + (rng.next() - 0.5) * 0.18), ipv4: o.ip(),
    }));
    b.link(id, agg1, 2, 10, op.name);
    b.link(id, agg2, 2, 10, op.name);
    ran.push(id);
  }
  return ran;
}

/** The network management system, off the first core. */
function addNms(o: OperatorContext): void {
  const { b, rng, f, op, common } = o;
  const nmsCity = op.coreCities[0] as string;
  const np = placeById(nmsCity);
  const nmsId = `${op.id}-${nmsCity}-nms1`;
  b.add(f.infra({
    ...common, id: nmsId, name: `${op.name} network management`, vendor: rng.weighted(op.mix.nms), layer: 'nms',
    technology: '5g', site: `${op.id}-${nmsCity}`, installed: dateBetween(rng, '2015-01-01', '2024-07-01'),
    costClass: 'nms', lat: round5(np.lat - 0.003), lon: np.lon, ipv4: o.ip(),
  }));
  b.link(nmsId, `${op.id}-${nmsCity}-cr1`, 1, 10, op.name);
}
