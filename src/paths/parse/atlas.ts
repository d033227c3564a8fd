// RIPE Atlas traceroute results, as the API returns them (a JSON array) and as the daily dumps
// hold them (one JSON object per line). Per the documented result format: top level `type`
// "traceroute", `af`, `dst_addr`, `dst_name`, `from` (the probe's public address), `src_addr`,
// `prb_id`, `msm_id`, `proto`, `timestamp`, `result` (hops); per hop `hop`, `error` or `result`
// (replies); per reply `x: "*"` (no reply), or `from`, `rtt`, `ttl`, `size`, `err` (ICMP error:
// N, H, A, P, p or a code), `late` (matched an earlier probe: no rtt, may be another hop's
// router), `dup`, `icmpext` ({version, rfc4884, obj: [{class, type, mpls: [{label, exp, s,
// ttl}]}]}). Unknown fields are ignored.
import { MAX_HOPS, MAX_REPLIES_PER_HOP, type Hop, type HopReply, type Measurement, type MplsEntry } from '../types.js';
import { asObject, int, ip, pushMpls, rtt, str, type Json } from './fields.js';

export interface ParseContext {
  file: string;
  line?: number;
  /** Overrides the site every measurement is attributed to. */
  site?: string;
  /** Start time for formats that carry none (seconds since the epoch). */
  time?: number;
  warn(message: string, line?: number): void;
}

/** Whether a parsed JSON object looks like an Atlas traceroute result. */
export function isAtlasTraceroute(o: Json): boolean {
  if (typeof o['type'] === 'string') return o['type'] === 'traceroute';
  return Array.isArray(o['result']) && 'prb_id' in o && 'msm_id' in o; // old results carry no type
}

function atlasReply(e: Json): HopReply {
  if (e['x'] === '*') {
    const r: HopReply = { address: null };
    const err = e['err'];
    if (typeof err === 'string' || typeof err === 'number') r.err = String(err).slice(0, 16);
    return r;
  }
  const r: HopReply = { address: ip(e, 'from') ?? null };
  const t = rtt(e, 'rtt');
  if (t !== undefined) r.rttMs = t;
  const ttl = int(e, 'ttl', 0, 255);
  if (ttl !== undefined) r.replyTtl = ttl;
  const late = int(e, 'late', 1, 1 << 20);
  if (late !== undefined) r.late = late;
  const err = e['err'];
  if (typeof err === 'string' || typeof err === 'number') r.err = String(err).slice(0, 16);
  if (e['dup'] === true) r.dup = true;
  const ext = asObject(e['icmpext']);
  const objs = ext && Array.isArray(ext['obj']) ? ext['obj'] : [];
  const mpls: MplsEntry[] = [];
  for (const o of objs.slice(0, 16)) {
    const obj = asObject(o);
    if (!obj || !Array.isArray(obj['mpls'])) continue;
    for (const m of obj['mpls'].slice(0, 16)) {
      const mo = asObject(m);
      if (mo) pushMpls(mpls, mo, { label: 'label', exp: 'exp', s: 's', ttl: 'ttl' });
    }
  }
  if (mpls.length) r.mpls = mpls;
  return r;
}

export function atlasMeasurement(o: Json, ctx: ParseContext): Measurement | null {
  const where = ctx.line;
  if (!isAtlasTraceroute(o)) {
    ctx.warn(`not a traceroute result (type ${JSON.stringify(String(o['type'] ?? '?')).slice(0, 40)}): skipped`, where);
    return null;
  }
  const results = o['result'];
  if (!Array.isArray(results)) {
    ctx.warn('traceroute result without a "result" array: skipped', where);
    return null;
  }
  const time = int(o, 'timestamp', 0, 0xffffffff) ?? int(o, 'endtime', 0, 0xffffffff);
  if (time === undefined) {
    ctx.warn('traceroute result without a timestamp: skipped', where);
    return null;
  }
  const dst = ip(o, 'dst_addr');
  const afRaw = int(o, 'af', 4, 6);
  const af: 4 | 6 = afRaw === 6 || (afRaw === undefined && dst?.includes(':')) ? 6 : 4;
  const prb = int(o, 'prb_id', 0);
  const msm = int(o, 'msm_id', 0);
  const m: Measurement = {
    format: 'ripe-atlas',
    file: ctx.file,
    site: ctx.site ?? (prb !== undefined ? `atlas-probe-${prb}` : (ip(o, 'from') ?? ip(o, 'src_addr') ?? ctx.file)),
    time,
    af,
    hops: [],
    reached: false,
  };
  if (where !== undefined) m.line = where;
  const src = ip(o, 'src_addr') ?? ip(o, 'from');
  if (src) m.srcAddress = src;
  if (dst) m.dstAddress = dst;
  const dstName = str(o, 'dst_name');
  if (dstName) m.dstName = dstName;
  const proto = str(o, 'proto');
  if (proto) m.protocol = proto.toLowerCase();
  if (msm !== undefined) m.msmId = msm;
  if (prb !== undefined) m.probeId = prb;
  let badHops = 0;
  for (const h of results.slice(0, MAX_HOPS * 2)) {
    const ho = asObject(h);
    const ttl = ho ? int(ho, 'hop', 1, 255) : undefined;
    if (!ho || ttl === undefined) {
      badHops++;
      continue;
    }
    const hop: Hop = { ttl, replies: [] };
    const error = str(ho, 'error');
    if (error !== undefined) hop.error = error;
    const replies = Array.isArray(ho['result']) ? ho['result'] : [];
    for (const e of replies.slice(0, MAX_REPLIES_PER_HOP)) {
      const eo = asObject(e);
      if (eo) hop.replies.push(atlasReply(eo));
    }
    if (m.hops.length < MAX_HOPS) m.hops.push(hop);
  }
  if (badHops) ctx.warn(`${badHops} hop(s) without a valid "hop" number ignored`, where);
  m.hops.sort((a, b) => a.ttl - b.ttl);
  m.reached = dst !== undefined && m.hops.some((h) => h.replies.some((r) => r.address === dst && r.late === undefined));
  return m;
}
