// `mtr --json` reports: {"report": {"mtr": {src, dst, tests, ...}, "hubs": [{count, host,
// "Loss%", Snt, Last, Avg, Best, Wrst, StDev}]}}. `count` is the hop number; `host` is an
// address with -n, a name (or "name (address)") without, and "???" for a hop that never
// answered. mtr's JSON carries no time: the caller's (--time, else the file's modification time).
import { canonicalIp } from '../address.js';
import { MAX_HOPS, type Hop, type Measurement } from '../types.js';
import type { ParseContext } from './atlas.js';
import { asObject, int, num, str, type Json } from './fields.js';

export function isMtrReport(o: Json): boolean {
  const r = asObject(o['report']);
  return r !== undefined && Array.isArray(r['hubs']);
}

/** The address in an mtr host field: "1.2.3.4", "name (1.2.3.4)"; null for ??? or a bare name. */
function hostAddress(host: string): string | null {
  const t = host.trim();
  const inParens = /\(([0-9a-fA-F:.]+)\)\s*$/.exec(t);
  return canonicalIp(inParens ? inParens[1]! : t);
}

export function mtrMeasurement(o: Json, ctx: ParseContext): Measurement | null {
  const report = asObject(o['report'])!;
  const head = asObject(report['mtr']) ?? {};
  const dstText = str(head, 'dst') ?? '';
  const dst = canonicalIp(dstText) ?? undefined;
  const srcName = str(head, 'src');
  const time = ctx.time;
  if (time === undefined) {
    ctx.warn('mtr report without a time (give --time): skipped');
    return null;
  }
  const hubs = (report['hubs'] as unknown[]).slice(0, MAX_HOPS);
  const hops: Hop[] = [];
  let unnamed = 0;
  for (const h of hubs) {
    const ho = asObject(h);
    const ttl = ho ? int(ho, 'count', 1, 255) : undefined;
    if (!ho || ttl === undefined) continue;
    const host = str(ho, 'host') ?? '???';
    const address = host === '???' ? null : hostAddress(host);
    if (address === null && host !== '???') unnamed++;
    const sent = int(ho, 'Snt', 0, 1 << 30) ?? 0;
    const loss = num(ho, 'Loss%') ?? (address === null ? 100 : 0);
    const hop: Hop = { ttl, replies: [] };
    if (address === null) hop.replies.push({ address: null });
    else {
      // mtr summarises: one reply per hop with the average RTT (and the loss, as the count of `*`)
      const avg = num(ho, 'Avg');
      hop.replies.push(avg !== undefined && avg >= 0 ? { address, rttMs: Math.round(avg * 1000) / 1000 } : { address });
      const lost = Math.min(16, Math.round((sent * loss) / 100));
      for (let i = 0; i < lost; i++) hop.replies.push({ address: null });
    }
    hops.push(hop);
  }
  if (unnamed) ctx.warn(`${unnamed} hop(s) named by host name only (run mtr with -n): their addresses are unknown`);
  hops.sort((a, b) => a.ttl - b.ttl);
  const af: 4 | 6 = dst?.includes(':') ? 6 : 4;
  const m: Measurement = { format: 'mtr', file: ctx.file, site: ctx.site ?? srcName ?? ctx.file, time, af, hops, reached: false };
  if (dst) m.dstAddress = dst;
  else if (dstText) m.dstName = dstText;
  m.reached = dst !== undefined && hops.some((h) => h.replies.some((r) => r.address === dst));
  return m;
}
