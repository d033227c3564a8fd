// Longest-prefix look-up over address ranges, in typed arrays. Ranges (from prefixes or the
// start–end rows of iptoasn and RIR files) may nest; building flattens them into sorted,
// disjoint segments where each address carries the value of the most specific range that holds
// it, so a look-up is one binary search. IPv4 adds a 65,536-entry index on the top 16 bits that
// narrows the search to the segments of one /16: a million-prefix table answers in a few
// compares, with no object per prefix (12 bytes per segment plus 256 KiB).

const NONE = -1;

/** Disjoint IPv4 segments, sorted; `values[i]` is the caller's value index (>= 0). */
export class PrefixTable4 {
  private readonly bucket: Uint32Array;

  constructor(
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly values: Int32Array,
  ) {
    // bucket[k] = index of the first segment starting at or after k << 16
    const b = new Uint32Array(65537);
    let i = 0;
    for (let k = 0; k < 65536; k++) {
      const from = k * 65536;
      while (i < starts.length && starts[i]! < from) i++;
      b[k] = i;
    }
    b[65536] = starts.length;
    this.bucket = b;
  }

  get size(): number {
    return this.starts.length;
  }

  /** The value of the most specific range holding `addr` (an unsigned 32-bit integer), or -1. */
  lookup(addr: number): number {
    const k = addr >>> 16;
    // the last segment starting at or before addr is in [bucket[k] - 1, bucket[k + 1] - 1]
    let lo = this.bucket[k]!;
    let hi = this.bucket[k + 1]!;
    const starts = this.starts;
    // find the first index in [lo, hi) whose start > addr
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! <= addr) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0 || this.ends[i]! < addr) return NONE;
    return this.values[i]!;
  }
}

/** Disjoint IPv6 segments, sorted; four words per address, most significant first. */
export class PrefixTable6 {
  constructor(
    readonly starts: Uint32Array,
    readonly ends: Uint32Array,
    readonly values: Int32Array,
  ) {}

  get size(): number {
    return this.values.length;
  }

  /** `w` holds the address as four words from `at`. */
  lookup(w: ArrayLike<number>, at = 0): number {
    const starts = this.starts;
    let lo = 0;
    let hi = this.values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(starts, mid * 4, w, at) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    if (i < 0 || compare(this.ends, i * 4, w, at) < 0) return NONE;
    return this.values[i]!;
  }
}

function compare(a: ArrayLike<number>, ai: number, b: ArrayLike<number>, bi: number): number {
  for (let k = 0; k < 4; k++) {
    const x = a[ai + k]!, y = b[bi + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Collects IPv4 ranges (inclusive) with values, then builds the table. */
export class PrefixTable4Builder {
  private starts: number[] = [];
  private ends: number[] = [];
  private values: number[] = [];

  get count(): number {
    return this.values.length;
  }

  add(start: number, end: number, value: number): void {
    if (!(start >= 0 && end <= 0xffffffff && start <= end) || value < 0) throw new RangeError(`bad IPv4 range ${start}-${end} (value ${value})`);
    this.starts.push(start);
    this.ends.push(end);
    this.values.push(value);
  }

  addPrefix(network: number, length: number, value: number): void {
    const size = 2 ** (32 - length);
    const start = network - (network % size);
    this.add(start, start + size - 1, value);
  }

  build(): PrefixTable4 {
    const n = this.values.length;
    const S = this.starts, E = this.ends, V = this.values;
    let order: number[] | null = null;
    // iptoasn and RIR files come sorted and disjoint: skip the sort when they are.
    let sortedDisjoint = true;
    for (let i = 1; i < n && sortedDisjoint; i++) if (S[i]! <= E[i - 1]!) sortedDisjoint = false;
    if (!sortedDisjoint) {
      order = Array.from({ length: n }, (_, i) => i);
      order.sort((a, b) => S[a]! - S[b]! || E[b]! - E[a]! || a - b);
    }
    const os: number[] = [], oe: number[] = [], ov: number[] = [];
    const emit = (s: number, e: number, v: number) => {
      const last = ov.length - 1;
      if (last >= 0 && ov[last] === v && oe[last]! + 1 === s) oe[last] = e;
      else {
        os.push(s);
        oe.push(e);
        ov.push(v);
      }
    };
    if (order === null) for (let i = 0; i < n; i++) emit(S[i]!, E[i]!, V[i]!);
    else sweep(order, S, E, V, emit, 1);
    this.starts = [];
    this.ends = [];
    this.values = [];
    return new PrefixTable4(Uint32Array.from(os), Uint32Array.from(oe), Int32Array.from(ov));
  }
}

/**
 * Flattens ranges given in (start ascending, end descending) order into disjoint segments, the
 * innermost open range winning. `one` is the unit of the number type (1 or 1n).
 */
function sweep<T extends number | bigint>(order: number[], S: T[], E: T[], V: number[], emit: (s: T, e: T, v: number) => void, one: T): void {
  const stack: number[] = [];
  let cursor: T | null = null;
  const add = (a: T, b: T) => ((a as number) + (b as number)) as unknown as T;
  const sub = (a: T, b: T) => ((a as number) - (b as number)) as unknown as T;
  const flushUntil = (limit: T | null) => {
    // close every open range ending before `limit` (all of them when null)
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (limit !== null && E[top]! >= limit) break;
      if (cursor !== null && cursor <= E[top]!) {
        emit(cursor, E[top]!, V[top]!);
        cursor = add(E[top]!, one);
      }
      stack.pop();
    }
  };
  for (const r of order) {
    flushUntil(S[r]!);
    if (stack.length > 0 && cursor !== null && cursor < S[r]!) emit(cursor, sub(S[r]!, one), V[stack[stack.length - 1]!]!);
    cursor = S[r]!;
    stack.push(r);
  }
  flushUntil(null);
}

const W32 = 0x100000000n;

export function wordsToBigInt(w: ArrayLike<number>, at = 0): bigint {
  return ((BigInt(w[at]!) * W32 + BigInt(w[at + 1]!)) * W32 + BigInt(w[at + 2]!)) * W32 + BigInt(w[at + 3]!);
}

function bigIntToWords(v: bigint, out: Uint32Array, at: number): void {
  for (let k = 3; k >= 0; k--) {
    out[at + k] = Number(v & 0xffffffffn);
    v >>= 32n;
  }
}

const MAX6 = (1n << 128n) - 1n;

/** Collects IPv6 ranges (inclusive, as bigints) with values, then builds the table. */
export class PrefixTable6Builder {
  private starts: bigint[] = [];
  private ends: bigint[] = [];
  private values: number[] = [];

  get count(): number {
    return this.values.length;
  }

  add(start: bigint, end: bigint, value: number): void {
    if (!(start >= 0n && end <= MAX6 && start <= end) || value < 0) throw new RangeError(`bad IPv6 range (value ${value})`);
    this.starts.push(start);
    this.ends.push(end);
    this.values.push(value);
  }

  addPrefix(network: bigint, length: number, value: number): void {
    const size = 1n << BigInt(128 - length);
    const start = network - (network % size);
    this.add(start, start + size - 1n, value);
  }

  build(): PrefixTable6 {
    const n = this.values.length;
    const S = this.starts, E = this.ends, V = this.values;
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (S[a]! < S[b]! ? -1 : S[a]! > S[b]! ? 1 : E[a]! > E[b]! ? -1 : E[a]! < E[b]! ? 1 : a - b));
    const os: bigint[] = [], oe: bigint[] = [], ov: number[] = [];
    sweep<bigint>(order, S, E, V, (s, e, v) => {
      const last = ov.length - 1;
      if (last >= 0 && ov[last] === v && oe[last]! + 1n === s) oe[last] = e;
      else {
        os.push(s);
        oe.push(e);
        ov.push(v);
      }
    }, 1n);
    const starts = new Uint32Array(ov.length * 4);
    const ends = new Uint32Array(ov.length * 4);
    for (let i = 0; i < ov.length; i++) {
      bigIntToWords(os[i]!, starts, i * 4);
      bigIntToWords(oe[i]!, ends, i * 4);
    }
    this.starts = [];
    this.ends = [];
    this.values = [];
    return new PrefixTable6(starts, ends, Int32Array.from(ov));
  }
}
