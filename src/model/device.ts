import { z } from 'zod';
import { LAYERS, NETWORK_KINDS, TECHNOLOGIES } from './enums.js';
import { Attribution, SourceRef } from './evidence.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 alpha-2 country code');

/** Raw identifiers as read from an inventory or a device; identification turns them into evidence. */
export const RawIdentifiers = z.object({
  declaredVendor: z.string().optional(),
  mac: z.string().optional(),
  sysObjectId: z.string().optional(),
  sysDescr: z.string().optional(),
  engineId: z.string().optional(),
  imei: z.string().optional(),
  serial: z.string().optional(),
  banner: z.string().optional(),
  lldp: z.string().optional(),
});
export type RawIdentifiers = z.infer<typeof RawIdentifiers>;

/**
 * Inventory columns kept in a device's `extra` as written (no store column of their own) that the
 * policy stage reads: what the device is used for, the subsidy that paid for it (`usf`,
 * `reimbursement-program`, `fcc-subsidy`, `federal-grant`, `none`), who it is made for
 * (`consumer`, `enterprise`, `carrier`) and the day it was bought (YYYY-MM-DD; purchase cut-offs
 * judge it, and fall back on `installed` saying so). A column map may target them.
 */
export const POLICY_ATTRIBUTES = ['use', 'funding', 'grade', 'purchased'] as const;
export type PolicyAttribute = (typeof POLICY_ATTRIBUTES)[number];

/** A device as an importer reads it: attributes plus raw identifiers, not yet attributed. */
export const DeviceRecord = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  model: z.string().optional(),
  role: z.string().optional(),
  layer: z.enum(LAYERS).optional(),
  technology: z.enum(TECHNOLOGIES).optional(),
  site: z.string().optional(),
  country: countryCode.optional(),
  operator: z.string().optional(),
  /** The parties between the maker and the network, as written (screened by `cleanpath screen`). */
  supplier: z.string().optional(),
  reseller: z.string().optional(),
  /** The managed-service provider that maintains the device. */
  maintainer: z.string().optional(),
  network: z.enum(NETWORK_KINDS).optional(),
  installed: isoDate.optional(),
  cost: z.number().nonnegative().optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  raw: RawIdentifiers,
  /** Columns the importer did not recognise, kept verbatim. */
  extra: z.record(z.string(), z.string()),
  source: SourceRef,
});
export type DeviceRecord = z.infer<typeof DeviceRecord>;

/** A device after identification: `vendor` is the attributed catalog slug (null when unknown). */
export const Device = DeviceRecord.extend({
  vendor: z.string().nullable(),
  attribution: Attribution,
});
export type Device = z.infer<typeof Device>;

export const Site = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  country: countryCode.optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  kind: z.string().optional(),
  operator: z.string().optional(),
  source: SourceRef,
});
export type Site = z.infer<typeof Site>;
