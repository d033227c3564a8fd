// The US military sites: one gateway per base (a `military` network device, layer enterprise)
// fed by one or two host-nation commercial operators. The feed devices' vendors are fixed here,
// not drawn, because they carry the story: which bases have a clean way out and which do not.
// Also the things found near bases: Hikvision cameras, Huawei/ZTE phones, GPON ONTs.

import type { ScenarioBuilder } from './builder.js';
import { popKey, type CommercialIndex } from './commercial.js';
import { costFor } from './costs.js';
import type { DeviceFactory } from './devices.js';
import { dateBetween, round5 } from './devices.js';
import { formatMac, gponSerial, makeImei } from './evidence.js';
import { OPERATORS } from './operators.js';
import { BASES, type BasePlace } from './places.js';
import type { Rng } from './prng.js';
import type { DemoDevice } from './types.js';
import { HUAWEI_DEVICE_OUI, PEN, type DemoVendor } from './vendors.js';

export interface Feed {
  readonly operator: string;
  readonly city: string;
  /** A radio site on the base perimeter, or a fibre access router into the operator's PoP. */
  readonly via: 'ran' | 'transport';
  readonly vendor: DemoVendor;
}

export interface BaseSpec {
  readonly base: string;
  readonly gateway: DemoVendor;
  readonly feeds: readonly Feed[];
}

export const BASE_FEEDS: readonly BaseSpec[] = [
  { base: 'ramstein', gateway: 'cisco', feeds: [{ operator: 'dea', city: 'KLU', via: 'ran', vendor: 'huawei' }, { operator: 'deb', city: 'KLU', via: 'transport', vendor: 'nokia' }] },
  { base: 'landstuhl', gateway: 'cisco', feeds: [{ operator: 'dea', city: 'KLU', via: 'ran', vendor: 'huawei' }] },
  { base: 'grafenwoehr', gateway: 'juniper', feeds: [{ operator: 'dec', city: 'NUE', via: 'ran', vendor: 'huawei' }, { operator: 'deb', city: 'NUE', via: 'transport', vendor: 'juniper' }] },
  { base: 'patch', gateway: 'cisco', feeds: [{ operator: 'deb', city: 'STR', via: 'transport', vendor: 'nokia' }, { operator: 'dea', city: 'STR', via: 'ran', vendor: 'ericsson' }] },
  { base: 'aviano', gateway: 'cisco', feeds: [{ operator: 'ita', city: 'PDN', via: 'ran', vendor: 'huawei' }] },
  { base: 'vicenza', gateway: 'juniper', feeds: [{ operator: 'itb', city: 'VIC', via: 'transport', vendor: 'nokia' }, { operator: 'ita', city: 'VIC', via: 'ran', vendor: 'huawei' }] },
  { base: 'sigonella', gateway: 'cisco', feeds: [{ operator: 'ita', city: 'CTA', via: 'ran', vendor: 'huawei' }, { operator: 'itb', city: 'CTA', via: 'ran', vendor: 'zte' }] },
  { base: 'naples', gateway: 'juniper', feeds: [{ operator: 'itc', city: 'NAP', via: 'transport', vendor: 'cisco' }, { operator: 'itb', city: 'NAP', via: 'transport', vendor: 'nokia' }] },
  { base: 'yokota', gateway: 'cisco', feeds: [{ operator: 'jpa', city: 'FUS', via: 'transport', vendor: 'nec' }, { operator: 'jpb', city: 'FUS', via: 'ran', vendor: 'ericsson' }] },
  { base: 'yokosuka', gateway: 'juniper', feeds: [{ operator: 'jpa', city: 'YOK', via: 'ran', vendor: 'samsung' }, { operator: 'jpc', city: 'YOK', via: 'ran', vendor: 'huawei' }] },
  { base: 'misawa', gateway: 'cisco', feeds: [{ operator: 'jpc', city: 'MSW', via: 'ran', vendor: 'huawei' }] },
  { base: 'kadena', gateway: 'cisco', feeds: [{ operator: 'jpa', city: 'OKC', via: 'transport', vendor: 'fujitsu' }, { operator: 'jpc', city: 'OKC', via: 'ran', vendor: 'ericsson' }] },
  { base: 'lakenheath', gateway: 'cisco', feeds: [{ operator: 'uka', city: 'BSE', via: 'ran', vendor: 'huawei' }, { operator: 'ukb', city: 'CAM', via: 'transport', vendor: 'nokia' }] },
  { base: 'mildenhall', gateway: 'juniper', feeds: [{ operator: 'uka', city: 'BSE', via: 'ran', vendor: 'huawei' }] },
];

/** Cameras on base perimeters: [base, count]. */
export const CAMERAS: readonly (readonly [string, number])[] = [['ramstein', 2], ['vicenza', 2], ['aviano', 1], ['kadena', 1], ['lakenheath', 1]];

/**
 * Phones seen on the serving radio sites: [base, vendor, technology]. The TACs are INVENTED
 * (8 digits starting 86, the reporting body commonly seen on Chinese handsets); they are not
 * claimed to be real Huawei/ZTE TACs. The IMEI check digits are real Luhn digits.
 */
export const HANDSETS: readonly (readonly [string, DemoVendor, '4g' | '5g', string])[] = [
  ['ramstein', 'huawei', '5g', '86123405'], ['ramstein', 'zte', '4g', '86457802'],
  ['vicenza', 'huawei', '5g', '86123418'], ['sigonella', 'zte', '4g', '86457815'],
  ['aviano', 'huawei', '4g', '86123421'], ['yokosuka', 'huawei', '5g', '86123434'],
  ['misawa', 'zte', '5g', '86457828'], ['lakenheath', 'huawei', '5g', '86123447'],
];

/** GPON ONTs in base family housing: [base, operator, city, vendor ID]. ALCL is Nokia (ex-Alcatel-Lucent). */
export const ONTS: readonly (readonly [string, string, string, 'HWTC' | 'ZTEG' | 'ALCL'])[] = [
  ['ramstein', 'dea', 'KLU', 'HWTC'], ['ramstein', 'deb', 'KLU', 'ALCL'],
  ['vicenza', 'ita', 'VIC', 'ZTEG'], ['lakenheath', 'uka', 'BSE', 'HWTC'],
];

const ONT_VENDOR: Readonly<Record<'HWTC' | 'ZTEG' | 'ALCL', DemoVendor>> = { HWTC: 'huawei', ZTEG: 'zte', ALCL: 'nokia' };

export const gatewayId = (base: BasePlace): string => `mil-${base.short.toLowerCase()}-gw1`;

function baseById(id: string): BasePlace {
  const p = BASES.find((x) => x.id === id);
  if (!p) throw new Error(`unknown base ${id}`);
  return p;
}

export function buildMilitary(b: ScenarioBuilder, rng: Rng, f: DeviceFactory, idx: CommercialIndex): void {
  const firstFeed = addGatewaysAndFeeds(b, rng, f, idx);
  addCameras(b, rng, f);
  addHandsets(b, rng, f, firstFeed);
  addOnts(b, rng, idx);
}

/** Each base's gateway and the commercial devices feeding it; returns each base's first feed. */
function addGatewaysAndFeeds(b: ScenarioBuilder, rng: Rng, f: DeviceFactory, idx: CommercialIndex): Map<string, string> {
  const firstFeed = new Map<string, string>();
  BASE_FEEDS.forEach((spec, i) => {
    const base = baseById(spec.base);
    const gw = gatewayId(base);
    b.add(f.infra({
      id: gw, name: `${base.name} gateway`, vendor: spec.gateway, layer: 'enterprise', kind: 'gateway',
      site: base.id, country: base.country, operator: base.service, network: 'military',
      installed: dateBetween(rng, '2017-01-01', '2025-01-01'), costClass: 'gateway',
      lat: base.lat, lon: base.lon, macStyle: 'dotted', declaredShare: 0.5, ipv4: [192, 168, i, 1],
    }));
    spec.feeds.forEach((feed, k) => {
      const op = OPERATORS.find((o) => o.id === feed.operator);
      const pop = idx.pops.get(popKey(feed.operator, feed.city));
      if (!op || !pop) throw new Error(`no PoP ${feed.operator} ${feed.city}`);
      const id = `${feed.operator}-${feed.city}-${feed.via === 'ran' ? 'ran' : 'acc'}-${base.short.toLowerCase()}`;
      const fiveG = feed.via === 'ran';
      b.add(f.infra({
        id, name: `${op.name} ${feed.via === 'ran' ? 'radio site' : 'access router'} serving ${base.name}`,
        vendor: feed.vendor, layer: feed.via === 'ran' ? 'ran' : 'transport',
        role: feed.via === 'ran' ? undefined : 'access router (base feed)',
        technology: fiveG ? '5g' : undefined, site: `${feed.operator}-${base.id}`, country: base.country,
        operator: op.name, network: 'commercial', installed: dateBetween(rng, '2018-01-01', '2025-07-01'),
        costClass: feed.via === 'ran' ? 'ran5g' : 'transport',
        lat: round5(base.lat + 0.004 * (k + 1)), lon: round5(base.lon - 0.004 * (k + 1)),
        macStyle: op.macStyle, declaredShare: op.declaredShare, ipv4: [10, 200, i, k + 1],
      }));
      b.link(id, pop.aggs[0], 2, 10, op.name);
      b.link(id, pop.aggs[1], 2, 10, op.name);
      b.link(gw, id, 1, 10, op.name);
      if (k === 0) firstFeed.set(base.id, id);
    });
  });
  return firstFeed;
}

function addCameras(b: ScenarioBuilder, rng: Rng, f: DeviceFactory): void {
  for (const [baseId, count] of CAMERAS) {
    const base = baseById(baseId);
    for (let n = 1; n <= count; n++) {
      const mac12 = f.macs.next('hikvision');
      const d: DemoDevice = {
        id: `mil-${base.short.toLowerCase()}-cam${n}`, name: `${base.name} perimeter camera ${n}`, trueVendor: 'hikvision',
        role: 'IP camera', layer: 'surveillance', site: base.id, country: base.country, operator: base.service,
        network: 'military', installed: dateBetween(rng, '2015-01-01', '2022-01-01'),
        lat: round5(base.lat - 0.003 * n), lon: round5(base.lon + 0.003 * n), mac: formatMac(mac12, 'dash'),
      };
      const cost = costFor(rng, 'camera');
      if (cost !== undefined) d.cost = cost;
      // One camera in two also answers SNMP; one is on the books under its model number only.
      if (n % 2 === 1) d.sysObjectId = `1.3.6.1.4.1.${PEN.hikvision}.1.1`;
      if (baseId === 'vicenza' && n === 2) d.model = 'DS-2CD2143G0-I';
      b.add(d);
      b.link(d.id, gatewayId(base), 1, 1, base.service);
    }
  }
}

/** Phones seen on the first feed of their base. */
function addHandsets(b: ScenarioBuilder, rng: Rng, f: DeviceFactory, firstFeed: ReadonlyMap<string, string>): void {
  HANDSETS.forEach(([baseId, vendor, tech, tac], n) => {
    const base = baseById(baseId);
    const ran = firstFeed.get(baseId);
    if (!ran) throw new Error(`no radio feed for ${baseId}`);
    const ranDev = b.get(ran);
    const d: DemoDevice = {
      id: `ue-${base.short.toLowerCase()}-${n + 1}`, name: `Handset seen at ${base.name}`, trueVendor: vendor,
      role: 'smartphone', layer: 'handset', technology: tech, site: base.id, country: base.country,
      operator: ranDev.operator, network: 'commercial', installed: dateBetween(rng, '2018-01-01', '2025-01-01'),
      lat: round5(base.lat + 0.002), lon: round5(base.lon + 0.002 * (n + 1)), imei: makeImei(rng, tac),
    };
    const cost = costFor(rng, 'handset');
    if (cost !== undefined) d.cost = cost;
    // Half the phones also exposed a Wi-Fi MAC (from Huawei Device's or ZTE's own blocks).
    if (n % 2 === 0) d.mac = formatMac(vendor === 'huawei' ? f.macs.fromPrefixes(HUAWEI_DEVICE_OUI.prefixes) : f.macs.next(vendor), 'colon');
    b.add(d);
    b.link(d.id, ran, 1, 1, ranDev.operator);
  });
}

function addOnts(b: ScenarioBuilder, rng: Rng, idx: CommercialIndex): void {
  ONTS.forEach(([baseId, opId, city, vid], n) => {
    const base = baseById(baseId);
    const op = OPERATORS.find((o) => o.id === opId);
    const pop = idx.pops.get(popKey(opId, city));
    if (!op || !pop) throw new Error(`no PoP ${opId} ${city}`);
    const d: DemoDevice = {
      id: `${opId}-${city}-ont-${base.short.toLowerCase()}${n + 1}`, name: `${op.name} ONT, ${base.name} family housing`,
      trueVendor: ONT_VENDOR[vid], role: 'GPON ONT', layer: 'access', technology: 'fixed', site: `${opId}-${base.id}-housing`,
      country: base.country, operator: op.name, network: 'commercial', installed: dateBetween(rng, '2016-01-01', '2025-01-01'),
      lat: round5(base.lat - 0.01), lon: round5(base.lon - 0.01 * (n + 1)), serial: gponSerial(rng, vid),
    };
    const cost = costFor(rng, 'ont');
    if (cost !== undefined) d.cost = cost;
    b.add(d);
    b.link(d.id, pop.aggs[0], 1, 1, op.name);
  });
}
