// Vendor evidence the demo devices carry: real IEEE OUI blocks, real IANA enterprise numbers,
// sysDescr strings in each vendor's own style. Identification must work these out; the demo
// never tells it the answer except through the occasional declared vendor.

import type { Layer } from '../model/index.js';

export type DemoVendor =
  | 'huawei' | 'zte' | 'cisco' | 'juniper' | 'nokia' | 'ericsson'
  | 'hikvision' | 'nec' | 'fujitsu' | 'samsung' | 'h3c';

export const OUI_SOURCE = 'IEEE MA-L registry as shipped in npm oui-data 2.1.9 (node_modules/oui-data/index.json)';

/** MA-L prefixes per vendor; `org` is the registry's organisation line, matched exactly by the tests. */
export const OUI_BLOCKS: Readonly<Record<DemoVendor, { org: string; prefixes: readonly string[] }>> = {
  huawei: { org: 'HUAWEI TECHNOLOGIES CO.,LTD', prefixes: ['00E0FC', '001E10', '00259E', '286ED4'] },
  zte: { org: 'zte corporation', prefixes: ['0015EB', '0019C6', '001E73', '002293'] },
  cisco: { org: 'Cisco Systems, Inc', prefixes: ['00000C', '000142', '000143', '0001C7'] },
  juniper: { org: 'Juniper Networks', prefixes: ['000585', '0010DB', '00121E', '0014F6'] },
  nokia: { org: 'Nokia', prefixes: ['00D0F6', '003126', '0425F0', '043D6E'] },
  ericsson: { org: 'Ericsson AB', prefixes: ['044E06', '04FB66', '18F7F6', '1C90BE'] },
  hikvision: { org: 'Hangzhou Hikvision Digital Technology Co.,Ltd.', prefixes: ['00BC99', '040312', '04EECD'] },
  nec: { org: 'NEC Corporation', prefixes: ['00004C', '001697', '00255C'] },
  fujitsu: { org: 'FUJITSU LIMITED', prefixes: ['00000E', '000B5D', '001742'] },
  samsung: { org: 'Samsung Electronics Co.,Ltd', prefixes: ['0000F0', '0007AB', '001247'] },
  h3c: { org: 'Hangzhou H3C Technologies Co., Limited', prefixes: ['000FE2', '002389'] },
};

/** Huawei's handset arm registers its own blocks; the demo's Huawei phones use them. */
export const HUAWEI_DEVICE_OUI = { org: 'Huawei Device Co., Ltd.', prefixes: ['003DE1', '004B0D'] } as const;

export const PEN_SOURCE =
  'IANA Private Enterprise Numbers, via wireshark/wireshark enterprises.tsv (generated from iana.org) and ../shared/reference/fingerprint-facts.md section 2';

/**
 * IANA enterprise numbers. Verified against the IANA-derived table: 9 ciscoSystems, 94 Nokia,
 * 119 NEC Corporation, 193 Ericsson AB, 211 Fujitsu Limited, 236 Samsung Electronics Co., LTD.,
 * 2011 HUAWEI, 2636 Juniper, 3902 ZTE, 6527 Nokia (ex-Alcatel-Lucent/TiMetra), 25506 H3C,
 * 39165 Hikvision.
 */
export const PEN: Readonly<Record<DemoVendor, number>> = {
  huawei: 2011, zte: 3902, cisco: 9, juniper: 2636, nokia: 6527, ericsson: 193,
  hikvision: 39165, nec: 119, fujitsu: 211, samsung: 236, h3c: 25506,
};

/** Nokia's other number (former Nokia Networks tree), used for the RAN gear. */
export const NOKIA_RAN_PEN = 94;

export type Kind = 'core' | 'transport' | 'ran' | 'nms' | 'gateway';

/** One product line: what a device of this vendor and kind reports about itself. */
export interface Product {
  readonly model: string;
  readonly role: string;
  /**
   * sysObjectID. The enterprise number is real; the arc after it is illustrative unless
   * `oidObserved` is set (then it was seen in public third-party data, see fingerprint-facts).
   */
  readonly oid: string;
  readonly oidObserved?: boolean;
  /** sysDescr in the vendor's style; `v` is a version picked per device. */
  readonly descr: (v: string) => string;
  readonly versions: readonly string[];
}

const E = (pen: number, rest: string): string => `1.3.6.1.4.1.${pen}.${rest}`;

export const PRODUCTS: Readonly<Partial<Record<DemoVendor, Partial<Record<Kind, Product>>>>> = {
  huawei: {
    core: { model: 'NE40E-X8A', role: 'core router', oid: E(2011, '2.62.2.40'), versions: ['V800R011C00SPC200', 'V800R012C10SPC300', 'V800R021C00SPC100'],
      descr: (v) => `Huawei Versatile Routing Platform Software VRP (R) software, Version 8.180 (NE40E ${v}) Copyright (C) 2012-2021 Huawei Technologies Co., Ltd. HUAWEI NE40E-X8A` },
    transport: { model: 'ATN 910C-B', role: 'aggregation router', oid: E(2011, '2.224.30'), versions: ['V300R007C10SPC300', 'V300R005C10SPC100'],
      descr: (v) => `Huawei Versatile Routing Platform Software VRP (R) software, Version 5.160 (ATN910C ${v}) Copyright (C) 2000-2020 HUAWEI TECH Co., Ltd.` },
    ran: { model: 'BBU5900', role: 'gNodeB/eNodeB', oid: E(2011, '2.238.1'), versions: ['SRAN18.1', 'SRAN16.1', '5G RAN6.1'],
      descr: (v) => `HUAWEI BTS5900 ${v} Huawei Technologies Co., Ltd.` },
    nms: { model: 'iMaster NCE', role: 'network management system', oid: E(2011, '2.6.1'), versions: ['V100R021C10'],
      descr: (v) => `Huawei iMaster NCE ${v}` },
    gateway: { model: 'S5720-52X-EI-AC', role: 'access switch', oid: E(2011, '2.23.306'), oidObserved: true, versions: ['V200R011C10SPC600'],
      descr: (v) => `S5720-52X-EI-AC Huawei Versatile Routing Platform Software VRP (R) software,Version 5.170 (S5720 ${v}) Copyright (C) 2000-2018 HUAWEI TECH Co., Ltd.` },
  },
  zte: {
    core: { model: 'ZXR10 M6000-18S', role: 'core router', oid: E(3902, '3.100.12'), versions: ['V5.00.10(2.1.3)', 'V5.00.10(3.40.1)'],
      descr: (v) => `ZXR10 M6000-18S, ZTE ZXR10 Software Version: ${v}` },
    transport: { model: 'ZXCTN 6180H', role: 'aggregation router', oid: E(3902, '1015.6180.1'), versions: ['V5.10.20', 'V5.00.30'],
      descr: (v) => `ZXR10 ROS Version ${v} ZXCTN 6180H Software, Copyright (c) 2001-2020 by ZTE Corporation` },
    ran: { model: 'ZXSDR B8200', role: 'gNodeB/eNodeB', oid: E(3902, '1082.500.1'), versions: ['V4.20.201', 'V4.30.100'],
      descr: (v) => `ZTE ZXSDR B8200 Software Version ${v}` },
    nms: { model: 'ElasticNet UME', role: 'network management system', oid: E(3902, '1201.1'), versions: ['V16.21.20'],
      descr: (v) => `ZTE ElasticNet UME ${v}` },
  },
  cisco: {
    core: { model: 'ASR-9910', role: 'core router', oid: E(9, '1.2404'), versions: ['7.3.2', '7.5.2', '7.9.1'],
      descr: (v) => `Cisco IOS XR Software (Cisco ASR9K Series), Version ${v}[Default] Copyright (c) 2022 by Cisco Systems, Inc.` },
    transport: { model: 'NCS-540', role: 'aggregation router', oid: E(9, '1.2826'), versions: ['7.4.1', '7.8.2'],
      descr: (v) => `Cisco IOS XR Software (NCS540L), Version ${v}[Default] Copyright (c) 2022 by Cisco Systems, Inc.` },
    gateway: { model: 'ISR4451-X/K9', role: 'base gateway router', oid: E(9, '1.2068'), versions: ['16.9.4', '17.6.5'],
      descr: (v) => `Cisco IOS Software [Fuji], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version ${v}, RELEASE SOFTWARE (fc2)` },
  },
  juniper: {
    core: { model: 'MX960', role: 'core router', oid: E(2636, '1.1.1.2.29'), versions: ['21.4R3-S2.3', '22.2R2.10', '20.4R3-S7.2'],
      descr: (v) => `Juniper Networks, Inc. mx960 internet router, kernel JUNOS ${v}, Build date: 2022-11-25 04:12:31 UTC Copyright (c) 1996-2022 Juniper Networks, Inc.` },
    transport: { model: 'ACX710', role: 'aggregation router', oid: E(2636, '1.1.1.2.160'), versions: ['21.2R3.8', '22.4R1.10'],
      descr: (v) => `Juniper Networks, Inc. acx710 internet router, kernel JUNOS ${v}, Build date: 2023-01-12 02:11:04 UTC Copyright (c) 1996-2023 Juniper Networks, Inc.` },
    gateway: { model: 'SRX4200', role: 'base gateway firewall', oid: E(2636, '1.1.1.2.150'), versions: ['21.4R3.15', '22.4R2.8'],
      descr: (v) => `Juniper Networks, Inc. srx4200 internet router, kernel JUNOS ${v}, Build date: 2023-03-02 21:19:45 UTC Copyright (c) 1996-2023 Juniper Networks, Inc.` },
  },
  nokia: {
    core: { model: '7750 SR-12', role: 'core router', oid: E(6527, '1.3.4'), versions: ['TiMOS-C-21.10.R2', 'TiMOS-C-22.10.R1', 'TiMOS-C-20.10.R7'],
      descr: (v) => `${v} cpm/hops64 Nokia 7750 SR Copyright (c) 2000-2022 Nokia. All rights reserved. All use subject to applicable license agreements.` },
    transport: { model: '7250 IXR-e', role: 'aggregation router', oid: E(6527, '6.2.1.2.2'), versions: ['TiMOS-B-21.7.R1', 'TiMOS-B-22.10.R2'],
      descr: (v) => `${v} both/x86_64 Nokia 7250 IXR Copyright (c) 2000-2022 Nokia. All rights reserved. All use subject to applicable license agreements.` },
    ran: { model: 'AirScale System Module', role: 'gNodeB/eNodeB', oid: E(94, '1.21.2.1'), versions: ['5G22R2', 'SRAN22R3'],
      descr: (v) => `Nokia AirScale BTS ${v}` },
    nms: { model: 'NetAct', role: 'network management system', oid: E(94, '1.100.1'), versions: ['NetAct 22'],
      descr: (v) => `Nokia ${v} (Linux)` },
  },
  ericsson: {
    core: { model: 'Router 6675', role: 'core router', oid: E(193, '218.1.6675'), versions: ['IPOS-21.1.1.0', 'IPOS-22.2.2.0'],
      descr: (v) => `Ericsson IPOS Version ${v}, Router 6675, Copyright (c) Ericsson AB` },
    transport: { model: 'Router 6371', role: 'aggregation router', oid: E(193, '218.1.6371'), versions: ['IPOS-21.1.1.0', 'IPOS-22.2.2.0'],
      descr: (v) => `Ericsson IPOS Version ${v}, Router 6371, Copyright (c) Ericsson AB` },
    ran: { model: 'Baseband 6630', role: 'gNodeB/eNodeB', oid: E(193, '183.1'), versions: ['22.Q4', '23.Q2'],
      descr: (v) => `Ericsson Baseband 6630 RAN Compute ${v}` },
    nms: { model: 'Ericsson Network Manager', role: 'network management system', oid: E(193, '183.100'), versions: ['ENM 23.2'],
      descr: (v) => `Ericsson ${v}` },
  },
  nec: {
    core: { model: 'IX3315', role: 'core router', oid: E(119, '1.84.18'), versions: ['10.7.22', '10.8.16'],
      descr: (v) => `NEC Portable Internetwork Core Operating System Software, IX Series IX3315 (magellan-sec) Software, Version ${v}, RELEASE SOFTWARE, Copyright (c) NEC Corporation` },
    transport: { model: 'iPASOLINK iX', role: 'microwave transport', oid: E(119, '2.3.69.1'), versions: ['4.1.21', '4.2.03'],
      descr: (v) => `NEC iPASOLINK iX Version ${v}` },
    ran: { model: 'NEC 5G gNB', role: 'gNodeB/eNodeB', oid: E(119, '2.3.300.1'), versions: ['21.2', '22.1'],
      descr: (v) => `NEC Corporation 5G Radio Unit ${v}` },
    nms: { model: 'NetCity', role: 'network management system', oid: E(119, '2.3.1'), versions: ['8.2'],
      descr: (v) => `NEC NetCity ${v}` },
  },
  fujitsu: {
    transport: { model: 'FLASHWAVE 9500', role: 'optical transport', oid: E(211, '1.24.12'), versions: ['R5.2', 'R6.1'],
      descr: (v) => `FUJITSU FLASHWAVE 9500 ${v}` },
    ran: { model: '1FINITY R100', role: 'radio unit', oid: E(211, '1.40.1'), versions: ['1.2'],
      descr: (v) => `Fujitsu 1FINITY R100 ${v}` },
  },
  samsung: {
    ran: { model: 'Compact Macro', role: 'gNodeB/eNodeB', oid: E(236, '4.1.1'), versions: ['v22.A', 'v23.B'],
      descr: (v) => `Samsung Electronics 5G NR Compact Macro ${v}` },
  },
};

/** Which product kind stands for each layer. */
export function kindOfLayer(layer: Layer): Kind {
  switch (layer) {
    case 'core': return 'core';
    case 'transport': return 'transport';
    case 'ran': return 'ran';
    case 'nms': return 'nms';
    default: return 'gateway';
  }
}

export function productOf(vendor: DemoVendor, kind: Kind): Product {
  const p = PRODUCTS[vendor]?.[kind];
  if (!p) throw new Error(`no ${kind} product for ${vendor}`);
  return p;
}

/** How a declared vendor is spelt in the operators' spreadsheets: several forms, as in real life. */
export const DECLARED_NAMES: Readonly<Record<DemoVendor, readonly string[]>> = {
  huawei: ['Huawei', 'HUAWEI TECHNOLOGIES CO.,LTD', 'Huawei Technologies Co., Ltd.'],
  zte: ['ZTE', 'ZTE Corporation', 'zte corp.'],
  cisco: ['Cisco', 'Cisco Systems, Inc.'],
  juniper: ['Juniper', 'Juniper Networks, Inc.'],
  nokia: ['Nokia', 'Nokia Solutions and Networks', 'Alcatel-Lucent'],
  ericsson: ['Ericsson', 'Ericsson AB', 'Telefonaktiebolaget LM Ericsson'],
  hikvision: ['Hikvision', 'Hangzhou Hikvision Digital Technology Co., Ltd.'],
  nec: ['NEC', 'NEC Corporation'],
  fujitsu: ['Fujitsu', 'Fujitsu Limited'],
  samsung: ['Samsung', 'Samsung Electronics Co., Ltd.'],
  h3c: ['H3C', 'New H3C Technologies Co., Ltd.'],
};

/** High-risk vendors for the demo's own story check (the analyses take their own list). */
export const HIGH_RISK: ReadonlySet<DemoVendor> = new Set<DemoVendor>(['huawei', 'zte']);
