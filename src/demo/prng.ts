// A small seeded PRNG so the demo scenario is byte-identical on every run and every platform:
// Math.random cannot be seeded, and the scenario must not change under the tests' feet.

import { seededUniform } from '../model/seeded-random.js';

/** mulberry32: 32-bit state, good enough spread for picking vendors and jittering coordinates. */
export class Rng {
  /** Uniform in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = seededUniform(seed);
  }

  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Weighted choice; weights need not sum to 1. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    const last = entries[entries.length - 1];
    if (!last) throw new Error('weighted choice from an empty list');
    return last[0];
  }

  /** `n` random bytes as uppercase hex. */
  hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.int(0, 255).toString(16).padStart(2, '0');
    return s.toUpperCase();
  }
}
