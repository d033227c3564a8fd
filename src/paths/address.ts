// IP addresses as numbers: IPv4 as one unsigned 32-bit integer, IPv6 as four (most significant
// first). Parsing is by hand, over char codes, because enrichment parses millions of hop
// addresses and a regular expression or `net.isIP` per address would dominate its cost.

/** The IPv4 address as an unsigned 32-bit integer, or -1 when `s` is not a dotted quad. */
export function parseIpv4(s: string): number {
  const n = s.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return -1; // a leading zero: ambiguous (octal in some parsers)
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

export function formatIpv4(v: number): string {
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/**
 * The IPv6 address as four unsigned 32-bit words written into `out` (at `at`); false when `s` is
 * not an IPv6 address. Accepts `::` compression, an embedded dotted quad and a `%zone` (ignored).
 */
export function parseIpv6(s: string, out: Uint32Array, at = 0): boolean {
  let end = s.indexOf('%');
  if (end < 0) end = s.length;
  if (end < 2 || end > 45) return false;
  const groups = new Array<number>(8).fill(0);
  let count = 0;
  let gap = -1;
  let i = 0;
  if (s.charCodeAt(0) === 58) {
    if (s.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
    if (i === end) {
      out.fill(0, at, at + 4);
      return true;
    }
  }
  while (i < end) {
    let j = i;
    let v = 0;
    while (j < end && j - i < 5) {
      const c = s.charCodeAt(j);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      v = v * 16 + d;
      j++;
    }
    const c = j < end ? s.charCodeAt(j) : -1;
    if (c === 46) {
      // embedded IPv4 in the last 32 bits
      const v4 = parseIpv4(s.slice(i, end));
      if (v4 < 0 || count > 6) return false;
      groups[count++] = v4 >>> 16;
      groups[count++] = v4 & 0xffff;
      i = end;
      break;
    }
    if (j === i || j - i > 4 || count === 8) return false;
    groups[count++] = v;
    if (c === -1) {
      i = j;
      break;
    }
    if (c !== 58) return false;
    if (s.charCodeAt(j + 1) === 58) {
      if (gap >= 0) return false;
      gap = count;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === end) return false; // a trailing single colon
    }
  }
  if (gap >= 0) {
    if (count > 7) return false;
    const tail = groups.slice(gap, count);
    for (let k = gap; k < 8; k++) groups[k] = 0;
    for (let k = 0; k < tail.length; k++) groups[8 - tail.length + k] = tail[k]!;
  } else if (count !== 8) return false;
  for (let k = 0; k < 4; k++) out[at + k] = ((groups[2 * k]! << 16) | groups[2 * k + 1]!) >>> 0;
  return true;
}

/** RFC 5952 text of four words: lowercase, the longest run of zero groups compressed. */
export function formatIpv6(w: ArrayLike<number>, at = 0): string {
  const g: number[] = [];
  for (let k = 0; k < 4; k++) g.push(w[at + k]! >>> 16, w[at + k]! & 0xffff);
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < 8; ) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && g[e] === 0) e++;
    if (e - k > bestLen) {
      bestStart = k;
      bestLen = e - k;
    }
    k = e;
  }
  const hex = (a: number, b: number) => g.slice(a, b).map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLen, 8)}`;
}

export type IpFamily = 4 | 6;

/** The canonical text of an address (IPv6 per RFC 5952), or null when it is none. */
export function canonicalIp(s: string): string | null {
  const t = s.trim();
  const v4 = parseIpv4(t);
  if (v4 >= 0) return formatIpv4(v4);
  const w = new Uint32Array(4);
  if (!parseIpv6(t, w)) return null;
  return formatIpv6(w);
}

export function ipFamily(s: string): IpFamily | 0 {
  if (parseIpv4(s) >= 0) return 4;
  return parseIpv6(s, new Uint32Array(4)) ? 6 : 0;
}
