// Probe targets: only what the user names. An address, `host:port`, `[v6]:port`, a CIDR range
// (optionally `/len` then `:port`, or `[v6/len]:port`) or a file of those, one per line. Ranges
// expand lazily, so a /16 costs no memory; the total is capped (maxTargets) before anything is sent.
import { lookup } from 'node:dns/promises';
import { isIPv4, isIPv6 } from 'node:net';
import { readFile } from 'node:fs/promises';
import { InputError } from '../model/index.js';

export interface ProbeTarget {
  /** Numeric address to send to. */
  address: string;
  port: number;
  family: 4 | 6;
  /** What the user wrote that produced this target (host name, range...). */
  spec: string;
}

export type TargetSpec =
  | { kind: 'address'; address: string; family: 4 | 6; port: number; spec: string }
  | { kind: 'range'; family: 4 | 6; first: bigint; count: bigint; port: number; spec: string }
  | { kind: 'host'; host: string; port: number; spec: string };

export const DEFAULT_MAX_TARGETS = 65536;
const MAX_SPEC_CHARS = 300;
const MAX_FILE_BYTES = 64 * 1024 * 1024;

function parsePort(s: string, spec: string, where: Where): number {
  if (!/^\d{1,5}$/.test(s)) throw where.error(`bad port '${s}' in '${spec}'`);
  const p = Number(s);
  if (p < 1 || p > 65535) throw where.error(`port ${p} out of range 1..65535 in '${spec}'`);
  return p;
}

interface Where {
  error(msg: string): InputError;
}

function at(file: string, line?: number): Where {
  return { error: (msg) => new InputError(file, line, msg) };
}

export function ipv4ToBigInt(a: string): bigint {
  let v = 0n;
  for (const p of a.split('.')) v = (v << 8n) | BigInt(Number(p));
  return v;
}

export function bigIntToIpv4(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
}

export function ipv6ToBigInt(a: string): bigint {
  let s = a;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = ipv4ToBigInt(v4[1]!);
    s = `${s.slice(0, v4.index)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(parseInt(g, 16));
  return v;
}

export function bigIntToIpv6(v: bigint): string {
  const g: number[] = [];
  for (let i = 7; i >= 0; i--) g.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  // Compress the longest run of zero groups (RFC 5952).
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

const HOST = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** Parses one target as the user wrote it; `where` names the argument or file line for errors. */
export function parseTargetSpec(input: string, defaultPort: number, where: Where = at('(targets)')): TargetSpec {
  const spec = input.trim();
  if (spec === '') throw where.error('empty target');
  if (spec.length > MAX_SPEC_CHARS) throw where.error(`target longer than ${MAX_SPEC_CHARS} characters`);
  let host = spec;
  let port = defaultPort;
  const bracket = /^\[([^\]]+)\](?::(\d*))?$/.exec(spec);
  if (bracket) {
    host = bracket[1]!;
    if (bracket[2] !== undefined) port = parsePort(bracket[2], spec, where);
    const a = host.split('/')[0]!;
    if (!isIPv6(a.split('%')[0]!)) throw where.error(`'${host}' in brackets is not an IPv6 address`);
  } else if ((spec.match(/:/g) ?? []).length === 1) {
    const i = spec.indexOf(':');
    host = spec.slice(0, i);
    port = parsePort(spec.slice(i + 1), spec, where);
  }
  const slash = host.indexOf('/');
  if (slash >= 0) {
    const base = host.slice(0, slash);
    const lenText = host.slice(slash + 1);
    if (!/^\d{1,3}$/.test(lenText)) throw where.error(`bad prefix length '/${lenText}' in '${spec}'`);
    const len = Number(lenText);
    if (isIPv4(base)) {
      if (len > 32) throw where.error(`IPv4 prefix length ${len} > 32 in '${spec}'`);
      const bits = BigInt(32 - len);
      let first = (ipv4ToBigInt(base) >> bits) << bits;
      let count = 1n << bits;
      // Network and broadcast addresses of ranges larger than a /31 are never devices.
      if (len <= 30) {
        first += 1n;
        count -= 2n;
      }
      return { kind: 'range', family: 4, first, count, port, spec };
    }
    if (isIPv6(base)) {
      if (len > 128) throw where.error(`IPv6 prefix length ${len} > 128 in '${spec}'`);
      const bits = BigInt(128 - len);
      const first = (ipv6ToBigInt(base) >> bits) << bits;
      return { kind: 'range', family: 6, first, count: 1n << bits, port, spec };
    }
    throw where.error(`'${base}' in '${spec}' is not an IP address (ranges need a numeric base)`);
  }
  if (isIPv4(host)) return { kind: 'address', address: host, family: 4, port, spec };
  if (isIPv6(host)) return { kind: 'address', address: host, family: 6, port, spec };
  if (HOST.test(host) && !/^[\d.]+$/.test(host)) return { kind: 'host', host, port, spec };
  throw where.error(`'${spec}' is not an address, host name or CIDR range`);
}

/** Reads a targets file: one target per line, `#` comments and blank lines ignored. */
export async function readTargetsFile(file: string, defaultPort: number): Promise<TargetSpec[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(file, undefined, `cannot read targets file: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text.length > MAX_FILE_BYTES) throw new InputError(file, undefined, `targets file larger than ${MAX_FILE_BYTES} bytes`);
  const out: TargetSpec[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/#.*$/, '').trim();
    if (l === '') continue;
    for (const word of l.split(/[\s,]+/)) if (word) out.push(parseTargetSpec(word, defaultPort, at(file, i + 1)));
  }
  return out;
}

/**
 * Parses command-line targets: each is a target, or `@file` for a file of targets. Nothing is
 * probed unless it is named here: an empty list is an error.
 */
export async function parseTargets(args: readonly string[], opts: { defaultPort: number; files?: readonly string[] }): Promise<TargetSpec[]> {
  const out: TargetSpec[] = [];
  for (const a of args) {
    if (a.startsWith('@')) out.push(...(await readTargetsFile(a.slice(1), opts.defaultPort)));
    else out.push(parseTargetSpec(a, opts.defaultPort, at('(targets)')));
  }
  for (const f of opts.files ?? []) out.push(...(await readTargetsFile(f, opts.defaultPort)));
  if (out.length === 0) throw new InputError('(targets)', undefined, 'no targets given (cleanpath never probes a default range)');
  return out;
}

/** How many probe targets the specs expand to (host names count one each). */
export function countTargets(specs: readonly TargetSpec[]): bigint {
  let n = 0n;
  for (const s of specs) n += s.kind === 'range' ? s.count : 1n;
  return n;
}

/** Fails before anything is sent when the specs expand to more than `max` targets. */
export function checkTargetCount(specs: readonly TargetSpec[], max: number): number {
  const n = countTargets(specs);
  if (n > BigInt(max)) {
    throw new InputError('(targets)', undefined, `targets expand to ${n} addresses, more than --max-targets ${max} (raise it to confirm)`);
  }
  return Number(n);
}

/**
 * Expands specs to targets in order, resolving host names (first address). Duplicate
 * address:port pairs are skipped while fewer than `dedupeLimit` have been seen.
 */
export async function* expandTargets(
  specs: readonly TargetSpec[],
  opts: { resolve?: (host: string) => Promise<{ address: string; family: number }>; dedupeLimit?: number } = {},
): AsyncGenerator<ProbeTarget | { spec: string; error: string }> {
  const resolve = opts.resolve ?? ((h: string) => lookup(h));
  const seen = new Set<string>();
  const limit = opts.dedupeLimit ?? 1 << 20;
  const fresh = (address: string, port: number): boolean => {
    const key = `${address}|${port}`;
    if (seen.has(key)) return false;
    if (seen.size < limit) seen.add(key);
    return true;
  };
  for (const s of specs) {
    if (s.kind === 'address') {
      if (fresh(s.address, s.port)) yield { address: s.address, port: s.port, family: s.family, spec: s.spec };
    } else if (s.kind === 'host') {
      let r: { address: string; family: number };
      try {
        r = await resolve(s.host);
      } catch (e) {
        yield { spec: s.spec, error: `cannot resolve ${s.host}: ${e instanceof Error && 'code' in e ? String(e.code) : String(e)}` };
        continue;
      }
      if (fresh(r.address, s.port)) yield { address: r.address, port: s.port, family: r.family === 6 ? 6 : 4, spec: s.spec };
    } else {
      for (let i = 0n; i < s.count; i++) {
        const v = s.first + i;
        const address = s.family === 4 ? bigIntToIpv4(v) : bigIntToIpv6(v);
        if (fresh(address, s.port)) yield { address, port: s.port, family: s.family, spec: s.spec };
      }
    }
  }
}
