// Collects devices and links while the generators run, so that every link is checked against
// known device ids at the moment it is made and latency follows from the devices' coordinates.

import { distanceKm } from './places.js';
import type { DemoDevice, DemoLink } from './types.js';

/** Light in fibre covers about 200 km per millisecond; add a small per-hop switching cost. */
export function latencyMs(km: number): number {
  return Math.round((km / 200 + 0.05) * 100) / 100;
}

/** IGP-style metric: roughly one unit per 20 km, never below `min`. */
export function distanceMetric(km: number, min = 3): number {
  return Math.max(min, Math.round(km / 20));
}

export class ScenarioBuilder {
  readonly devices: DemoDevice[] = [];
  readonly links: DemoLink[] = [];
  private readonly byId = new Map<string, DemoDevice>();
  private readonly linkKeys = new Set<string>();

  add(d: DemoDevice): DemoDevice {
    if (this.byId.has(d.id)) throw new Error(`duplicate device id ${d.id}`);
    this.byId.set(d.id, d);
    this.devices.push(d);
    return d;
  }

  get(id: string): DemoDevice {
    const d = this.byId.get(id);
    if (!d) throw new Error(`unknown device ${id}`);
    return d;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Adds an undirected link once; a repeated pair is ignored rather than doubled. */
  link(a: string, b: string, metric: number, capacity: number, operator: string): void {
    if (a === b) throw new Error(`self-loop on ${a}`);
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (this.linkKeys.has(key)) return;
    this.linkKeys.add(key);
    const km = distanceKm(this.get(a), this.get(b));
    this.links.push({ a, b, metric, latency: latencyMs(km), capacity, operator });
  }

  distance(a: string, b: string): number {
    return distanceKm(this.get(a), this.get(b));
  }
}
