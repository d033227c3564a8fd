// scamper traceroutes as sc_warts2json prints them: one JSON object per line; traces have
// `type: "trace"`, `src`, `dst`, `method`, `stop_reason`, `start: {sec, usec}`, and `hops`, one
// entry per reply (TTLs that got none are simply absent) with `addr`, `probe_ttl`, `rtt`,
// `reply_ttl`, `icmp_type`, `icmp_code` and `icmpext` (a list of extension objects; MPLS ones
// as `mpls_labels: [{mpls_ttl, mpls_s, mpls_exp, mpls_label}]` or flat `mpls_*` fields).
// Other objects (cycle-start, cycle-stop, ping...) are skipped.
import { MAX_HOPS, MAX_REPLIES_PER_HOP, type Hop, type HopReply, type Measurement, type MplsEntry } from '../types.js';
import type { ParseContext } from './atlas.js';
import { asObject, int, ip, pushMpls, rtt, str, type Json } from './fields.js';

export function isScamperObject(o: Json): boolean {
  return typeof o['type'] === 'string' && ['trace', 'cycle-start', 'cycle-stop', 'list', 'cycle-def'].includes(o['type']);
}

const MPLS_KEYS = { label: 'mpls_label', exp: 'mpls_exp', s: 'mpls_s', ttl: 'mpls_ttl' };

/** Unreachable codes as the ICMP codes traceroute's `!X` annotations name. */
function icmpErr(af: 4 | 6, type: number | undefined, code: number | undefined): string | undefined {
  if (type === undefined) return undefined;
  if (af === 4 && type === 3) return ['N', 'H', 'P', 'p', 'F', 'S'][code ?? -1] ?? (code === 13 ? 'A' : String(code ?? ''));
  if (af === 6 && type === 1) return ['N', 'A', 'H', 'H', 'p'][code ?? -1] ?? String(code ?? '');
  return undefined;
}

export function scamperMeasurement(o: Json, ctx: ParseContext): Measurement | null {
  if (o['type'] !== 'trace') return null; // cycle and list records carry no path
  const start = asObject(o['start']);
  const time = start ? int(start, 'sec', 0, 0xffffffff) : undefined;
  if (time === undefined) {
    ctx.warn('scamper trace without start.sec: skipped', ctx.line);
    return null;
  }
  const src = ip(o, 'src');
  const dst = ip(o, 'dst');
  const af: 4 | 6 = (dst ?? src ?? '').includes(':') ? 6 : 4;
  const m: Measurement = { format: 'scamper', file: ctx.file, site: ctx.site ?? src ?? ctx.file, time, af, hops: [], reached: false };
  if (ctx.line !== undefined) m.line = ctx.line;
  if (src) m.srcAddress = src;
  if (dst) m.dstAddress = dst;
  const method = str(o, 'method');
  if (method) m.protocol = method;
  const byTtl = new Map<number, Hop>();
  const hops = Array.isArray(o['hops']) ? o['hops'] : [];
  for (const h of hops.slice(0, MAX_HOPS * MAX_REPLIES_PER_HOP)) {
    const ho = asObject(h);
    const ttl = ho ? int(ho, 'probe_ttl', 1, 255) : undefined;
    if (!ho || ttl === undefined) continue;
    let hop = byTtl.get(ttl);
    if (!hop) {
      if (byTtl.size >= MAX_HOPS) continue;
      hop = { ttl, replies: [] };
      byTtl.set(ttl, hop);
    }
    if (hop.replies.length >= MAX_REPLIES_PER_HOP) continue;
    const r: HopReply = { address: ip(ho, 'addr') ?? null };
    const t = rtt(ho, 'rtt');
    if (t !== undefined) r.rttMs = t;
    const rt = int(ho, 'reply_ttl', 0, 255);
    if (rt !== undefined) r.replyTtl = rt;
    const err = icmpErr(af, int(ho, 'icmp_type', 0, 255), int(ho, 'icmp_code', 0, 255));
    if (err) r.err = err;
    const mpls: MplsEntry[] = [];
    const exts = Array.isArray(ho['icmpext']) ? ho['icmpext'] : [];
    for (const x of exts.slice(0, 16)) {
      const xo = asObject(x);
      if (!xo) continue;
      if (Array.isArray(xo['mpls_labels'])) for (const l of xo['mpls_labels'].slice(0, 16)) {
        const lo = asObject(l);
        if (lo) pushMpls(mpls, lo, MPLS_KEYS);
      }
      else pushMpls(mpls, xo, MPLS_KEYS);
    }
    if (mpls.length) r.mpls = mpls;
    hop.replies.push(r);
  }
  // TTLs between the first and the last probed that got no reply are `*` hops.
  const ttls = [...byTtl.keys()];
  const last = ttls.length ? Math.max(...ttls) : 0;
  for (let t = int(o, 'firsthop', 1, 255) ?? 1; t < last; t++) if (!byTtl.has(t)) byTtl.set(t, { ttl: t, replies: [{ address: null }] });
  m.hops = [...byTtl.values()].sort((a, b) => a.ttl - b.ttl);
  m.reached = str(o, 'stop_reason') === 'COMPLETED' || (dst !== undefined && m.hops.some((h) => h.replies.some((r) => r.address === dst)));
  return m;
}
