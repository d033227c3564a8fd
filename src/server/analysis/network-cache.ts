// Networks an analysis worker has read, kept for its next jobs on the same snapshot: snapshots
// never change once written, so the network read for one flow's paths serves the next flow's
// (at 100k devices the read takes seconds, the paths milliseconds). Bounded: the least recently
// used goes first; a read that failed is forgotten, so the next job reads again.
import type { LoadedNetwork } from '../../analyses/network.js';

export class NetworkCache extends Map<string, Promise<LoadedNetwork>> {
  constructor(private readonly capacity: number) {
    super();
  }

  override get(key: string): Promise<LoadedNetwork> | undefined {
    const hit = super.get(key);
    if (hit !== undefined) {
      super.delete(key);
      super.set(key, hit);
    }
    return hit;
  }

  override set(key: string, value: Promise<LoadedNetwork>): this {
    super.delete(key);
    super.set(key, value);
    value.catch(() => {
      if (Map.prototype.get.call(this, key) === value) this.delete(key);
    });
    while (this.size > this.capacity) this.delete(this.keys().next().value!);
    return this;
  }
}
