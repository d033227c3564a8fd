// Plain `traceroute` / `traceroute6` output (Linux modern traceroute, BSD traceroute), one or
// more runs per file:
//   traceroute to 203.0.113.2 (203.0.113.2), 30 hops max, 60 byte packets
//    1  198.51.100.2  0.061 ms  0.012 ms  0.010 ms
//    2  * 198.51.100.6  0.030 ms *
//    3  198.51.100.10  0.5 ms !H  203.0.113.9  0.4 ms
// With -n hops are addresses; without, "name (address)". `!X` annotations are ICMP errors,
// `<MPLS:L=...,E=...,S=...,T=...>` (traceroute -e) label stack entries. No time is printed: the
// caller's (--time, else the file's modification time).
import { canonicalIp } from '../address.js';
import { MAX_HOPS, MAX_REPLIES_PER_HOP, type Hop, type HopReply, type Measurement, type MplsEntry } from '../types.js';
import type { ParseContext } from './atlas.js';

const HEADER = /^traceroute6?\s+to\s+(\S+)(?:\s+\(([^)]+)\))?/i;
const HOP_LINE = /^\s*(\d{1,3})\s+(.*)$/;

export function looksLikeTracerouteText(head: string): boolean {
  return /^\s*traceroute6?\s+to\s+\S+/im.test(head) || /^\s*1\s+(\*|[0-9a-fA-F:.]+\s)/m.test(head);
}

function addMpls(r: HopReply | undefined, spec: string): void {
  if (!r) return;
  const g = (k: string) => Number(new RegExp(`${k}=(\\d+)`).exec(spec)?.[1] ?? NaN);
  const label = g('L');
  if (!Number.isInteger(label) || label < 0 || label > 0xfffff) return;
  const e: MplsEntry = { label, exp: g('E') || 0, s: g('S') || 0, ttl: g('T') || 0 };
  (r.mpls ??= []).length < 16 && r.mpls.push(e);
}

/** Parses every traceroute run in `text`; `ctx.time` is the start time of each. */
export function parseTracerouteText(text: string, ctx: ParseContext): Measurement[] {
  const out: Measurement[] = [];
  let cur: Measurement | null = null;
  const lines = text.split('\n');
  const time = ctx.time;
  if (time === undefined) {
    ctx.warn('traceroute text carries no time (give --time): skipped');
    return out;
  }
  const start = (line: number, dstName?: string, dst?: string): Measurement => {
    const m: Measurement = { format: 'traceroute', file: ctx.file, line, site: ctx.site ?? ctx.file, time, af: 4, hops: [], reached: false };
    if (dst) {
      m.dstAddress = dst;
      m.af = dst.includes(':') ? 6 : 4;
    }
    if (dstName && dstName !== dst) m.dstName = dstName.slice(0, 200);
    out.push(m);
    return m;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const lineNo = i + 1;
    const h = HEADER.exec(line);
    if (h) {
      const dst = canonicalIp(h[2] ?? h[1]!) ?? undefined;
      cur = start(lineNo, h[1], dst);
      continue;
    }
    const hl = HOP_LINE.exec(line);
    if (!hl) {
      if (line.trim() !== '' && cur) ctx.warn(`not a hop line: "${line.slice(0, 60)}"`, lineNo);
      continue;
    }
    cur ??= start(lineNo);
    const ttl = Number(hl[1]);
    if (ttl < 1 || ttl > 255 || cur.hops.length >= MAX_HOPS) continue;
    let hop = cur.hops.find((x) => x.ttl === ttl);
    if (!hop) {
      hop = { ttl, replies: [] };
      cur.hops.push(hop);
    }
    parseHopText(hl[2]!, hop, ctx, lineNo);
  }
  for (const m of out) {
    m.hops.sort((a, b) => a.ttl - b.ttl);
    m.reached = m.dstAddress !== undefined && m.hops.some((h) => h.replies.some((r) => r.address === m.dstAddress));
  }
  return out.filter((m) => m.hops.length > 0 || m.dstAddress !== undefined);
}

/** The tokens of one hop line: addresses (or "name (address)"), RTTs, `*`, `!X`, `<MPLS:...>`. */
function parseHopText(rest: string, hop: Hop, ctx: ParseContext, lineNo: number): void {
  const tokens = rest.match(/<[^>]*>|\([^)]*\)|\S+/g) ?? [];
  let current: string | null = null;
  let last: HopReply | undefined;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (hop.replies.length >= MAX_REPLIES_PER_HOP) break;
    if (t === '*') {
      last = { address: null };
      hop.replies.push(last);
      continue;
    }
    if (t.startsWith('<MPLS:') || t.startsWith('<')) {
      addMpls(last, t);
      continue;
    }
    if (t.startsWith('!')) {
      if (last) last.err = t.slice(1, 17) || '!';
      continue;
    }
    if (t === 'ms') continue;
    const n = Number(t);
    if (Number.isFinite(n) && /^[0-9.]+$/.test(t) && current !== null && !t.includes('..') && (tokens[k + 1] === 'ms' || t.includes('.'))) {
      if (canonicalIp(t) === null) {
        last = { address: current, rttMs: Math.round(n * 1000) / 1000 };
        hop.replies.push(last);
        continue;
      }
    }
    if (t.startsWith('(') && t.endsWith(')')) {
      const a = canonicalIp(t.slice(1, -1));
      if (a) current = a;
      continue;
    }
    const a = canonicalIp(t);
    if (a) {
      current = a;
      continue;
    }
    // a host name: its address follows in parentheses
    if (tokens[k + 1]?.startsWith('(')) continue;
    ctx.warn(`unrecognised token "${t.slice(0, 40)}" in hop ${hop.ttl}`, lineNo);
  }
}
