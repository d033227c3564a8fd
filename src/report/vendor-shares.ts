// Vendor shares per key (a country or a layer) from counted rows, so the report model (counting
// its devices) and the server's summary route (counting in the store) give the same shares; and
// that route's answer, which the dashboard's overview reads.
import type { SnapshotInfo } from '../store/index.js';
import type { VendorShare } from './model.js';

/** One count: `devices` devices of `vendor` ('unknown' when unattributed) under `key`. */
export interface ShareCount {
  key: string;
  vendor: string;
  devices: number;
}

export function vendorShares(counts: Iterable<ShareCount>): VendorShare[] {
  const groups = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const m = groups.get(c.key) ?? new Map<string, number>();
    m.set(c.vendor, (m.get(c.vendor) ?? 0) + c.devices);
    groups.set(c.key, m);
  }
  return [...groups.keys()].sort().map((key) => {
    const m = groups.get(key)!;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const vendors = [...m]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([vendor, n]) => ({ vendor, devices: n, percent: Math.round((n / total) * 10000) / 100 }));
    return { key, total, vendors };
  });
}

/** GET /api/snapshots/{snapshot}/summary's answer, which the dashboard's overview draws first. */
export interface SnapshotSummary {
  snapshot: SnapshotInfo;
  /** Devices attributed to a vendor. */
  attributed: number;
  /** Sites named by the devices, as the report counts them. */
  sites: number;
  shares: { byCountry: VendorShare[]; byLayer: VendorShare[] };
}
