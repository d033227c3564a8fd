// Monotone priority queues over node indices with decrease-key. Keys are integral path costs.
// Dial's circular buckets make every operation O(1) when metrics are small (the usual IGP case);
// a binary heap covers arbitrary metrics. One process normally uses one kind, so the kernel's
// call sites stay monomorphic.

export interface NodeQueue {
  /** empties the queue and restarts its key floor at 0 */
  clear(): void;
  push(v: number, key: number): void;
  decrease(v: number, oldKey: number, newKey: number): void;
  /**
   * Removes and returns a node of least key if that key is below `limit`, else -1. Afterwards
   * keys >= `limit` (finite) may be pushed: the floor never passes it.
   */
  popBelow(limit: number): number;
}

/** Bucket count for Dial: a power of two above the largest metric. */
export const DIAL_MAX_METRIC = 65535;

/**
 * Per-node hot state, interleaved so that one cache line serves a node: [dist, clean dist, next,
 * prev] at 4v..4v+3. The bucket lists live in the last two slots.
 */
export const STRIDE = 4;
export type NodeState = Int32Array | Float64Array;

export class DialQueue implements NodeQueue {
  private readonly head: Int32Array;
  private readonly mask: number;
  private cur = 0;
  private count = 0;

  constructor(
    private readonly st: NodeState,
    maxMetric: number,
  ) {
    let c = 1;
    while (c <= maxMetric) c <<= 1;
    this.mask = c - 1;
    this.head = new Int32Array(c).fill(-1);
  }

  clear(): void {
    this.head.fill(-1);
    this.cur = 0;
    this.count = 0;
  }

  push(v: number, key: number): void {
    const st = this.st;
    const b = key & this.mask;
    const h = this.head[b]!;
    st[STRIDE * v + 2] = h;
    st[STRIDE * v + 3] = -1;
    if (h >= 0) st[STRIDE * h + 3] = v;
    this.head[b] = v;
    this.count++;
  }

  private unlink(v: number, key: number): void {
    const st = this.st;
    const p = st[STRIDE * v + 3]!, nx = st[STRIDE * v + 2]!;
    if (p >= 0) st[STRIDE * p + 2] = nx;
    else this.head[key & this.mask] = nx;
    if (nx >= 0) st[STRIDE * nx + 3] = p;
  }

  decrease(v: number, oldKey: number, newKey: number): void {
    this.unlink(v, oldKey);
    this.count--;
    this.push(v, newKey);
  }

  popBelow(limit: number): number {
    if (this.count === 0) {
      if (limit !== Infinity && limit > this.cur) this.cur = limit;
      return -1;
    }
    const head = this.head, mask = this.mask;
    let cur = this.cur;
    while (cur < limit) {
      const v = head[cur & mask]!;
      if (v >= 0) {
        const nx = this.st[STRIDE * v + 2]!;
        head[cur & mask] = nx;
        if (nx >= 0) this.st[STRIDE * nx + 3] = -1;
        this.count--;
        this.cur = cur;
        return v;
      }
      cur++;
    }
    this.cur = cur;
    return -1;
  }
}

/** Indexed binary heap, for metrics too large for buckets. */
export class HeapQueue implements NodeQueue {
  private readonly nodes: Int32Array;
  private readonly keys: Float64Array;
  private readonly pos: Int32Array;
  private size = 0;

  constructor(n: number) {
    this.nodes = new Int32Array(n);
    this.keys = new Float64Array(n);
    this.pos = new Int32Array(n);
  }

  clear(): void {
    this.size = 0;
  }

  push(v: number, key: number): void {
    this.up(this.size++, v, key);
  }

  decrease(v: number, _oldKey: number, newKey: number): void {
    this.up(this.pos[v]!, v, newKey);
  }

  popBelow(limit: number): number {
    if (this.size === 0 || this.keys[0]! >= limit) return -1;
    const top = this.nodes[0]!;
    const last = --this.size;
    if (last > 0) this.down(0, this.nodes[last]!, this.keys[last]!);
    return top;
  }

  private up(i: number, v: number, key: number): void {
    const nodes = this.nodes, keys = this.keys, pos = this.pos;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      nodes[i] = nodes[p]!;
      keys[i] = keys[p]!;
      pos[nodes[i]!] = i;
      i = p;
    }
    nodes[i] = v;
    keys[i] = key;
    pos[v] = i;
  }

  private down(i: number, v: number, key: number): void {
    const nodes = this.nodes, keys = this.keys, pos = this.pos, size = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && keys[c + 1]! < keys[c]!) c++;
      if (keys[c]! >= key) break;
      nodes[i] = nodes[c]!;
      keys[i] = keys[c]!;
      pos[nodes[i]!] = i;
      i = c;
    }
    nodes[i] = v;
    keys[i] = key;
    pos[v] = i;
  }
}

export function createQueue(st: NodeState, n: number, maxMetric: number): NodeQueue {
  return maxMetric <= DIAL_MAX_METRIC ? new DialQueue(st, maxMetric) : new HeapQueue(n);
}
