import type { Device } from '../model/index.js';

/** What the policy stage reads of a device: plain data, so tests can build one in a line. */
export type PolicyDevice = Pick<
  Device,
  'id' | 'name' | 'vendor' | 'layer' | 'technology' | 'country' | 'operator' | 'network' | 'site' | 'installed' | 'attribution' | 'extra' | 'role'
>;
