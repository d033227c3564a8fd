// The snapshot's summary (issue 18): the counts and vendor shares the overview draws first, from
// store aggregates in milliseconds, while the report (minutes of analyses at 100k devices) is
// computed. Nothing in it is an analysis result: findings and exposure stay the report's.
import type { z } from 'zod';
import { vendorShares, type SnapshotSummary } from '../../report/vendor-shares.js';
import type { DeviceCount, GroupField } from '../../store/index.js';
import { snapshotOf } from '../context.js';
import { route, type RouteSpec } from '../route-spec.js';
import { schemaRef, SnapshotParams } from '../schemas.js';
import { OVERVIEW_ROUTES } from './overview.js';

/** Store counts grouped by `field` and vendor, as share counts ('unknown' for blanks). */
function shareCounts(counts: DeviceCount[], field: GroupField) {
  return counts.map((c) => ({ key: c.key[field] ?? 'unknown', vendor: c.key.vendor ?? 'unknown', devices: c.count }));
}

export const SUMMARY_ROUTES: RouteSpec[] = [
  route<z.infer<typeof SnapshotParams>>({
    method: 'GET',
    path: '/api/snapshots/{snapshot}/summary',
    operationId: 'getSnapshotSummary',
    tag: 'snapshots',
    summary: "A snapshot's counts and vendor shares by country and layer, from the store alone",
    description: 'What the overview draws before the report arrives: no analysis runs, so no finding or exposure is in it.',
    access: 'viewer',
    params: SnapshotParams,
    notFound: true,
    response: { description: 'the counts and shares', schema: schemaRef('SnapshotSummary') },
    handle: async ({ ctx, auth, params }): Promise<SnapshotSummary> => {
      const snap = await snapshotOf(ctx, auth, params.snapshot);
      const byCountry = await ctx.reads.countDevices(snap.id, ['country', 'vendor']);
      const byLayer = await ctx.reads.countDevices(snap.id, ['layer', 'vendor']);
      const attributed = byCountry.filter((c) => c.key.vendor !== null).reduce((a, c) => a + c.count, 0);
      // the report's count: sites its devices name (the snapshot's `sites` counts site rows imported)
      const sites = (await ctx.reads.countDevices(snap.id, ['site'])).filter((c) => c.key.site !== null).length;
      return {
        snapshot: snap,
        attributed,
        sites,
        shares: { byCountry: vendorShares(shareCounts(byCountry, 'country')), byLayer: vendorShares(shareCounts(byLayer, 'layer')) },
      };
    },
  }),
  // the report's counts for the cards, drawn once computed (minutes at 100k devices)
  ...OVERVIEW_ROUTES,
];
