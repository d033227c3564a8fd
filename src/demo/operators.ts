// The commercial operators of the story. Names are neutral labels; the vendor mixes are the
// demo's documented ASSUMPTIONS (docs/demo.md), loosely shaped by public reporting of national
// Huawei shares, and are not facts about any real company.

import type { Country } from './places.js';
import type { MacStyle } from './evidence.js';
import type { DemoVendor } from './vendors.js';

export type InfraLayer = 'core' | 'transport' | 'ran' | 'nms';
export type Mix = readonly (readonly [DemoVendor, number])[];

export interface OperatorSpec {
  readonly id: string;
  readonly name: string;
  readonly country: Country;
  /** PoP city ids; the first core city hosts the NMS. */
  readonly cities: readonly string[];
  readonly coreCities: readonly string[];
  readonly mix: Readonly<Record<InfraLayer, Mix>>;
  /** RAN sites per PoP, inclusive range. */
  readonly ranPerPop: readonly [number, number];
  /** Share of RAN sites that are 5G (the rest 4G). */
  readonly share5g: number;
  /** Each operator's inventory tool writes MACs its own way. */
  readonly macStyle: MacStyle;
  /** Share of devices whose inventory row names the vendor. */
  readonly declaredShare: number;
  /** Vendors fixed for particular boxes (key: `CITY-cr1`, `CITY-agg2`...) because the story needs them. */
  readonly pinned?: Readonly<Record<string, DemoVendor>>;
}

export const OPERATORS: readonly OperatorSpec[] = [
  {
    id: 'dea', name: 'DE Mobile A', country: 'DE', macStyle: 'colon', declaredShare: 0.3,
    cities: ['FRA', 'BER', 'MUC', 'HAM', 'KLU', 'STR', 'NUE'], coreCities: ['FRA', 'BER', 'MUC'],
    ranPerPop: [4, 7], share5g: 0.6,
    mix: {
      core: [['ericsson', 1], ['cisco', 1]],
      transport: [['huawei', 4], ['nokia', 3], ['cisco', 3]],
      ran: [['huawei', 7], ['ericsson', 3]],
      nms: [['huawei', 1]],
    },
  },
  {
    id: 'deb', name: 'DE Mobile B', country: 'DE', macStyle: 'dash', declaredShare: 0.2,
    cities: ['FRA', 'BER', 'HAM', 'KLU', 'STR', 'MUC', 'NUE'], coreCities: ['FRA', 'HAM'],
    ranPerPop: [3, 6], share5g: 0.5,
    mix: {
      core: [['nokia', 1], ['juniper', 1]],
      transport: [['nokia', 6], ['juniper', 4]],
      ran: [['ericsson', 5], ['nokia', 3], ['huawei', 2]],
      nms: [['nokia', 1]],
    },
  },
  {
    id: 'dec', name: 'DE Mobile C', country: 'DE', macStyle: 'bare', declaredShare: 0.25,
    cities: ['FRA', 'BER', 'MUC', 'NUE', 'STR'], coreCities: ['FRA', 'MUC'],
    ranPerPop: [3, 6], share5g: 0.7,
    // A Huawei 5G core in Munich: what Germany's 2024 agreement says must go by end-2026.
    pinned: { 'MUC-cr1': 'huawei' },
    mix: {
      core: [['huawei', 1], ['ericsson', 1]],
      transport: [['huawei', 5], ['cisco', 5]],
      ran: [['huawei', 6], ['nokia', 2], ['samsung', 2]],
      nms: [['huawei', 1]],
    },
  },
  {
    id: 'ita', name: 'IT Mobile A', country: 'IT', macStyle: 'colon', declaredShare: 0.25,
    cities: ['MIL', 'ROM', 'NAP', 'VCE', 'PDN', 'VIC', 'CTA'], coreCities: ['MIL', 'ROM'],
    ranPerPop: [4, 7], share5g: 0.5,
    mix: {
      core: [['ericsson', 1], ['cisco', 1]],
      transport: [['huawei', 4], ['zte', 2], ['cisco', 4]],
      ran: [['huawei', 7], ['ericsson', 3]],
      nms: [['huawei', 1]],
    },
  },
  {
    id: 'itb', name: 'IT Mobile B', country: 'IT', macStyle: 'dotted', declaredShare: 0.2,
    cities: ['MIL', 'ROM', 'NAP', 'VCE', 'VIC', 'CTA'], coreCities: ['MIL', 'ROM', 'NAP'],
    ranPerPop: [3, 6], share5g: 0.5,
    mix: {
      core: [['nokia', 1], ['juniper', 1]],
      transport: [['zte', 4], ['nokia', 6]],
      ran: [['zte', 5], ['nokia', 5]],
      nms: [['zte', 1]],
    },
  },
  {
    id: 'itc', name: 'IT Fixed-Mobile C', country: 'IT', macStyle: 'dash', declaredShare: 0.3,
    cities: ['MIL', 'ROM', 'NAP', 'VCE', 'PDN'], coreCities: ['MIL'],
    ranPerPop: [2, 5], share5g: 0.4,
    mix: {
      core: [['cisco', 1], ['juniper', 1]],
      transport: [['cisco', 7], ['huawei', 3]],
      ran: [['ericsson', 5], ['huawei', 5]],
      nms: [['ericsson', 1]],
    },
  },
  {
    id: 'jpa', name: 'JP Mobile A', country: 'JP', macStyle: 'colon', declaredShare: 0.35,
    cities: ['TYO', 'OSA', 'FUS', 'YOK', 'MSW', 'NAH', 'OKC'], coreCities: ['TYO', 'OSA'],
    ranPerPop: [4, 7], share5g: 0.7,
    mix: {
      core: [['nec', 4], ['cisco', 3], ['juniper', 3]],
      transport: [['nec', 5], ['fujitsu', 5]],
      ran: [['nec', 5], ['samsung', 5]],
      nms: [['nec', 1]],
    },
  },
  {
    id: 'jpb', name: 'JP Mobile B', country: 'JP', macStyle: 'dash', declaredShare: 0.3,
    cities: ['TYO', 'OSA', 'FUS', 'YOK', 'NAH'], coreCities: ['TYO', 'OSA'],
    ranPerPop: [3, 6], share5g: 0.6,
    mix: {
      core: [['ericsson', 1], ['nokia', 1]],
      transport: [['fujitsu', 5], ['nokia', 5]],
      ran: [['ericsson', 6], ['nokia', 4]],
      nms: [['ericsson', 1]],
    },
  },
  {
    id: 'jpc', name: 'JP Mobile C', country: 'JP', macStyle: 'bare', declaredShare: 0.2,
    cities: ['TYO', 'OSA', 'MSW', 'OKC', 'YOK'], coreCities: ['TYO'],
    ranPerPop: [3, 5], share5g: 0.5,
    mix: {
      core: [['cisco', 1], ['nokia', 1]],
      transport: [['fujitsu', 5], ['cisco', 4], ['huawei', 1]],
      ran: [['ericsson', 4], ['nokia', 4], ['huawei', 2]],
      nms: [['nokia', 1]],
    },
  },
  {
    id: 'uka', name: 'UK Mobile A', country: 'GB', macStyle: 'colon', declaredShare: 0.3,
    cities: ['LON', 'MAN', 'BHM', 'CAM', 'BSE'], coreCities: ['LON', 'MAN'],
    ranPerPop: [4, 7], share5g: 0.6,
    mix: {
      core: [['ericsson', 1], ['cisco', 1]],
      transport: [['huawei', 3], ['cisco', 7]],
      ran: [['huawei', 35], ['ericsson', 65]],
      nms: [['ericsson', 1]],
    },
  },
  {
    id: 'ukb', name: 'UK Mobile B', country: 'GB', macStyle: 'dotted', declaredShare: 0.25,
    cities: ['LON', 'MAN', 'BHM', 'CAM'], coreCities: ['LON'],
    ranPerPop: [3, 6], share5g: 0.6,
    mix: {
      core: [['nokia', 1], ['juniper', 1]],
      transport: [['nokia', 6], ['juniper', 4]],
      ran: [['nokia', 7], ['samsung', 3]],
      nms: [['nokia', 1]],
    },
  },
];

/** Where the operators of a country peer with each other and with the transit carriers. */
export const EXCHANGE_CITY: Readonly<Record<'DE' | 'IT' | 'JP' | 'GB', string>> = {
  DE: 'FRA', IT: 'MIL', JP: 'TYO', GB: 'LON',
};

export interface TransitSpec {
  readonly id: string;
  readonly name: string;
  readonly macStyle: MacStyle;
  /** Router per PoP with its vendor: transit backbones are small, so each box is named. */
  readonly pops: readonly (readonly [string, DemoVendor])[];
  readonly spans: readonly (readonly [string, string])[];
}

/** The carrier whose backbone is all trusted gear: a base that reaches it cleanly can get out. */
export const TRUSTED_TRANSIT = 'txa';

/**
 * Two long-haul carriers. T1 runs Europe - North America - Japan on trusted gear; T2 runs the
 * shorter Eurasian route via Singapore, where the ASSUMED regional hop is Huawei transport. So
 * Europe-Japan traffic's shortest path is exposed while a clean, longer path exists.
 */
export const TRANSITS: readonly TransitSpec[] = [
  {
    id: 'txa', name: 'Transit T1 (Atlantic-Pacific)', macStyle: 'dash',
    pops: [['FRA', 'juniper'], ['LON', 'juniper'], ['MIL', 'nokia'], ['TYO', 'cisco'], ['NYC', 'juniper'], ['LAX', 'nokia']],
    spans: [['FRA', 'LON'], ['FRA', 'MIL'], ['LON', 'NYC'], ['NYC', 'LAX'], ['LAX', 'TYO']],
  },
  {
    id: 'txb', name: 'Transit T2 (Eurasia)', macStyle: 'colon',
    pops: [['FRA', 'cisco'], ['MIL', 'cisco'], ['SIN', 'huawei'], ['TYO', 'nec']],
    spans: [['FRA', 'MIL'], ['MIL', 'SIN'], ['SIN', 'TYO']],
  },
];
