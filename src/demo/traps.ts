// Deliberate traps: devices whose evidence misleads a naive identifier. Each one is documented
// in docs/demo.md with what a correct pipeline should do with it.

import type { ScenarioBuilder } from './builder.js';
import { popKey, type CommercialIndex, type Pop } from './commercial.js';
import type { DeviceFactory } from './devices.js';
import { round5 } from './devices.js';
import { engineIdMac, formatMac, isValidImei, netSnmpEngineId } from './evidence.js';
import { placeById } from './places.js';
import type { Rng } from './prng.js';
import { PEN, productOf } from './vendors.js';

export type TrapKind =
  | 'engineid-mac-conflict' | 'early-h3c-under-huawei-oid' | 'netsnmp-engineid-on-huawei'
  | 'unparseable-mac' | 'bad-imei-check-digit' | 'declared-contradicts-evidence' | 'locally-administered-mac';

export interface Trap {
  readonly device: string;
  readonly kind: TrapKind;
  /** What a correct pipeline does with it. */
  readonly expect: string;
  /** True when the importer must report a `file:line` warning for it. */
  readonly warns: boolean;
}

export const TRAPS: readonly Trap[] = [
  { device: 'itb-VCE-agg3', kind: 'engineid-mac-conflict', warns: false,
    expect: 'Engine ID enterprise 2011 (Huawei) but the MAC inside it is from a ZTE block, and the sysObjectID is under 3902: attribute ZTE and keep the Huawei engine-ID claim as a conflict.' },
  { device: 'dea-BER-sw1', kind: 'early-h3c-under-huawei-oid', warns: false,
    expect: "sysObjectID under Huawei's 1.3.6.1.4.1.2011.2.23 but a Comware sysDescr and an H3C MAC: an early Huawei-3Com/H3C switch, attribute H3C (not Huawei), note the OID." },
  { device: 'dea-FRA-nms1', kind: 'netsnmp-engineid-on-huawei', warns: false,
    expect: 'Engine ID and sysObjectID are net-snmp (8072): that names the agent software, not the maker. The MAC is Huawei: attribute Huawei from the OUI.' },
  { device: 'dec-MUC-ran01', kind: 'unparseable-mac', warns: true,
    expect: 'MAC "00:E0:FC:GZ:10" cannot be parsed: warn with file:line, keep the device, mark that evidence invalid; the valid Huawei engine ID still identifies it.' },
  { device: 'ue-sig-4', kind: 'bad-imei-check-digit', warns: true,
    expect: 'IMEI fails its Luhn check digit: warn with file:line, keep the device, mark the IMEI invalid.' },
  { device: 'uka-LON-agg3', kind: 'declared-contradicts-evidence', warns: false,
    expect: 'Declared "Ericsson" (model Router 6371) but the MAC, sysObjectID and VRP sysDescr all say Huawei: attribute Huawei, show the declared vendor as a conflict.' },
  { device: 'jpb-TYO-ran-la', kind: 'locally-administered-mac', warns: false,
    expect: 'Only evidence is a locally administered MAC (02:...): no OUI applies, vendor unknown.' },
];

/** What a trap needs: the builder, the random stream, the MAC factory, and a PoP by operator and city. */
interface TrapContext {
  readonly b: ScenarioBuilder;
  readonly rng: Rng;
  readonly f: DeviceFactory;
  pop(op: string, city: string): Pop;
}

/** Applies TRAPS in their order (the random stream and MAC blocks are drawn in that order). */
export function applyTraps(b: ScenarioBuilder, rng: Rng, f: DeviceFactory, idx: CommercialIndex): void {
  const pop = (op: string, city: string) => {
    const p = idx.pops.get(popKey(op, city));
    if (!p) throw new Error(`no PoP ${op} ${city}`);
    return p;
  };
  const t: TrapContext = { b, rng, f, pop };
  for (const trap of TRAPS) SET_TRAP[trap.kind](t);
}

/** How each trap is laid: one function per kind. */
const SET_TRAP: Readonly<Record<TrapKind, (t: TrapContext) => void>> = {
  'engineid-mac-conflict': ({ b, f, pop }) => {
    const p = placeById('VCE');
    const zteMac = f.macs.next('zte');
    const id = 'itb-VCE-agg3';
    b.add({
      id, name: 'IT Mobile B Venice aggregation 3 (legacy)', trueVendor: 'zte', role: 'aggregation router', layer: 'transport',
      technology: '5g', site: 'itb-VCE', country: 'IT', operator: 'IT Mobile B', network: 'commercial', installed: '2019-03-12',
      cost: 135_000, lat: round5(p.lat + 0.006), lon: p.lon,
      engineId: engineIdMac(PEN.huawei, zteMac), sysObjectId: productOf('zte', 'transport').oid,
    });
    b.link(id, pop('itb', 'VCE').aggs[0], 1, 100, 'IT Mobile B');
  },
  'early-h3c-under-huawei-oid': ({ b, f, pop }) => {
    const p = placeById('BER');
    const id = 'dea-BER-sw1';
    b.add({
      id, name: 'DE Mobile A Berlin legacy access switch', trueVendor: 'h3c', role: 'legacy access switch', layer: 'transport',
      site: 'dea-BER', country: 'DE', operator: 'DE Mobile A', network: 'commercial', installed: '2008-05-14',
      cost: 8000, lat: round5(p.lat - 0.004), lon: p.lon,
      mac: formatMac(f.macs.next('h3c'), 'colon'), sysObjectId: '1.3.6.1.4.1.2011.2.23.20',
      sysDescr: 'H3C Comware Platform Software, Software Version 3.10, Release 2211 Copyright(c) 2004-2008 Hangzhou H3C Tech. Co., Ltd. All rights reserved.',
    });
    b.link(id, pop('dea', 'BER').aggs[1], 1, 10, 'DE Mobile A');
  },
  'netsnmp-engineid-on-huawei': ({ b, rng, f }) => {
    const nms = b.get('dea-FRA-nms1');
    nms.trueVendor = 'huawei';
    delete nms.declaredVendor;
    delete nms.model;
    nms.mac = formatMac(f.macs.next('huawei'), 'colon');
    nms.engineId = netSnmpEngineId(rng, 1_700_000_000 + rng.int(0, 30_000_000));
    nms.sysObjectId = '1.3.6.1.4.1.8072.3.2.10';
    nms.sysDescr = 'Linux nce-fra-01 3.10.0-1160.88.1.el7.x86_64 #1 SMP Tue Mar 7 15:41:52 UTC 2023 x86_64';
  },
  'unparseable-mac': ({ b, f }) => {
    const ran = b.get('dec-MUC-ran01');
    ran.trueVendor = 'huawei';
    delete ran.declaredVendor;
    delete ran.model;
    delete ran.sysObjectId;
    delete ran.sysDescr;
    ran.mac = '00:E0:FC:GZ:10';
    ran.engineId = engineIdMac(PEN.huawei, f.macs.next('huawei'));
  },
  'bad-imei-check-digit': ({ b }) => {
    const ue = b.get('ue-sig-4');
    const imei = ue.imei;
    if (!imei || !isValidImei(imei)) throw new Error('trap handset needs a valid IMEI to spoil');
    ue.imei = imei.slice(0, 14) + String((Number(imei[14]) + 3) % 10);
  },
  'declared-contradicts-evidence': ({ b, f, pop }) => {
    const p = placeById('LON');
    const id = 'uka-LON-agg3';
    const prod = productOf('huawei', 'transport');
    const mac = f.macs.next('huawei');
    b.add({
      id, name: 'UK Mobile A London aggregation 3', trueVendor: 'huawei', declaredVendor: 'Ericsson', model: 'Router 6371',
      role: 'aggregation router', layer: 'transport', technology: '5g', site: 'uka-LON', country: 'GB', operator: 'UK Mobile A',
      network: 'commercial', installed: '2021-09-20', cost: 150_000, lat: round5(p.lat + 0.006), lon: p.lon,
      mac: formatMac(mac, 'colon'), sysObjectId: prod.oid, sysDescr: prod.descr('V300R007C10SPC300'),
      engineId: engineIdMac(PEN.huawei, mac),
    });
    const lon = pop('uka', 'LON');
    b.link(id, lon.aggs[0], 1, 100, 'UK Mobile A');
    b.link(id, lon.aggs[1], 1, 100, 'UK Mobile A');
  },
  'locally-administered-mac': ({ b, rng, pop }) => {
    const p = placeById('TYO');
    const id = 'jpb-TYO-ran-la';
    b.add({
      id, name: 'JP Mobile B Tokyo small cell (unlabelled)', trueVendor: 'ericsson', role: 'small cell', layer: 'ran',
      technology: '5g', site: 'jpb-TYO-sc', country: 'JP', operator: 'JP Mobile B', network: 'commercial', installed: '2023-02-01',
      lat: round5(p.lat + 0.01), lon: round5(p.lon + 0.01), mac: `02:${rng.hex(5).match(/../g)?.join(':').toLowerCase()}`,
    });
    b.link(id, pop('jpb', 'TYO').aggs[0], 2, 10, 'JP Mobile B');
  },
};
