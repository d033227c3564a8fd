// The in-memory scenario before it is written to CSV. `trueVendor` is the ground truth the demo
// knows and the inventory files do not carry (only evidence does), so tests of identification
// can compare against it.

import type { FlowClass, Layer, NetworkKind, Technology } from '../model/index.js';
import type { Country } from './places.js';
import type { DemoVendor } from './vendors.js';

export interface DemoDevice {
  id: string;
  name: string;
  trueVendor: DemoVendor;
  /** The inventory's `vendor` column: what someone typed, which may be absent or wrong. */
  declaredVendor?: string;
  model?: string;
  role: string;
  layer: Layer;
  technology?: Technology;
  site: string;
  country: Country;
  operator: string;
  network: NetworkKind;
  installed: string;
  cost?: number;
  lat: number;
  lon: number;
  mac?: string;
  sysObjectId?: string;
  sysDescr?: string;
  engineId?: string;
  imei?: string;
  serial?: string;
  supplier?: string;
  reseller?: string;
  maintainer?: string;
}

export interface DemoLink {
  a: string;
  b: string;
  metric: number;
  /** One-way latency in milliseconds. */
  latency: number;
  /** Gbit/s. */
  capacity: number;
  operator: string;
}

export interface DemoFlow {
  id: string;
  src: string;
  dst: string;
  class: FlowClass;
  /** Mbit/s. */
  volume: number;
  /** Milliseconds. */
  latencyBound: number;
}

export interface Scenario {
  devices: DemoDevice[];
  links: DemoLink[];
  flows: DemoFlow[];
}
