// Snapshots and their devices: straight from the store's read connection, always within the
// caller's organisation.
import type { z } from 'zod';
import type { DevicePageQuery } from '../../store/index.js';
import { snapshotOf } from '../context.js';
import { notFound } from '../http.js';
import { route, type RouteSpec } from '../route-spec.js';
import { resolveQueryVendors } from './analyses.js';
import { statusIds } from './device-status.js';
import { arrayOf, DeviceParams, DevicesQuery, schemaRef, SnapshotParams } from '../schemas.js';

function organisationOf(auth: { organisation: string } | undefined): string {
  if (!auth) throw new Error('an authenticated route ran without a token');
  return auth.organisation;
}

export const SNAPSHOT_ROUTES: RouteSpec[] = [
  route({
    method: 'GET',
    path: '/api/snapshots',
    operationId: 'listSnapshots',
    tag: 'snapshots',
    summary: "The organisation's snapshots, oldest first",
    access: 'viewer',
    response: { description: 'snapshots', schema: arrayOf(schemaRef('SnapshotInfo')) },
    handle: ({ ctx, auth }) => ctx.reads.listSnapshots(organisationOf(auth)),
  }),
  route<z.infer<typeof SnapshotParams>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}',
    operationId: 'getSnapshot',
    tag: 'snapshots',
    summary: 'One snapshot; "latest" names the newest',
    access: 'viewer',
    params: SnapshotParams,
    notFound: true,
    response: { description: 'the snapshot', schema: schemaRef('SnapshotInfo') },
    handle: ({ ctx, auth, params }) => snapshotOf(ctx, auth, params.snapshot),
  }),
  route<z.infer<typeof SnapshotParams>, z.infer<typeof DevicesQuery>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/devices',
    operationId: 'listDevices',
    tag: 'devices',
    summary: 'Devices of a snapshot, filtered, sorted and paged, each with its evidence',
    description: 'Filters combine (AND); a list matches any of its values. The finding status comes from the findings analysis as of asOf (cached like GET /findings). Sorted and paged in the store (SQLite or PostgreSQL), so a page of 100k devices costs one query and a count.',
    access: 'viewer',
    params: SnapshotParams,
    query: DevicesQuery,
    notFound: true,
    response: { description: 'one page of matching devices and how many match', schema: schemaRef('DevicePage') },
    handle: async (input) => {
      const { ctx, auth, params, query } = input;
      const snap = await snapshotOf(ctx, auth, params.snapshot);
      const q: DevicePageQuery = { sort: query.sort, descending: query.order === 'desc', limit: query.limit, offset: query.offset };
      if (query.vendor) q.vendor = await resolveQueryVendors(ctx, auth, params.snapshot, query.vendor, 'vendor');
      if (query.country) q.country = query.country;
      if (query.layer) q.layer = query.layer;
      if (query.network) q.network = query.network;
      if (query.operator) q.operator = query.operator;
      if (query.q) q.text = query.q;
      if (query.status) q.ids = await statusIds(input, snap.name, query.status, query.asOf);
      return ctx.reads.devicePage(snap.id, q);
    },
  }),
  route<z.infer<typeof DeviceParams>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/devices/{id}',
    operationId: 'getDevice',
    tag: 'devices',
    summary: 'One device with its evidence, conflicts and source file and line',
    access: 'viewer',
    params: DeviceParams,
    notFound: true,
    response: { description: 'the device', schema: schemaRef('Device') },
    handle: async ({ ctx, auth, params }) => {
      const snap = await snapshotOf(ctx, auth, params.snapshot);
      const d = await ctx.reads.device(snap.id, params.id);
      if (!d) throw notFound('device', params.id);
      return d;
    },
  }),
];
