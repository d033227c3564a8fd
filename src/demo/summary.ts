// What the demo contains, counted from the scenario itself so the numbers in docs and in the
// CLI's output can never drift from the files.

import { BASE_FEEDS, gatewayId } from './military.js';
import { BASES } from './places.js';
import { EXCHANGE_CITY, TRUSTED_TRANSIT } from './operators.js';
import { cleanlyReaches, flowStories, killSwitchCuts, type FlowStory } from './story.js';
import { TRAPS, type Trap } from './traps.js';
import type { Scenario } from './types.js';

export type Counts = Record<string, number>;

export interface BaseStory {
  id: string;
  name: string;
  country: string;
  gateway: string;
  lat: number;
  lon: number;
  /**
   * The base reaches the trusted transit carrier at its country's exchange without crossing
   * Huawei/ZTE: whether its traffic can leave the host country's networks cleanly at all.
   */
  cleanEgress: boolean;
}

export interface DemoSummary {
  devices: number;
  links: number;
  flows: { sensitive: number; normal: number };
  byCountry: Counts;
  byLayer: Counts;
  /** Ground-truth vendor (what identification should find), not the declared column. */
  byVendor: Counts;
  byCountryLayerVendor: Record<string, Record<string, Counts>>;
  evidence: Counts;
  bases: BaseStory[];
  sensitiveFlows: FlowStory[];
  /** Sensitive flows a simultaneous failure of all Huawei equipment would cut off. */
  huaweiKillSwitch: string[];
  traps: readonly Trap[];
}

function bump(c: Counts, k: string): void {
  c[k] = (c[k] ?? 0) + 1;
}

function sorted<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function summarise(s: Scenario): DemoSummary {
  const byCountry: Counts = {};
  const byLayer: Counts = {};
  const byVendor: Counts = {};
  const evidence: Counts = {};
  const clv: Record<string, Record<string, Counts>> = {};
  for (const d of s.devices) {
    bump(byCountry, d.country);
    bump(byLayer, d.layer);
    bump(byVendor, d.trueVendor);
    const layers = (clv[d.country] ??= {});
    bump((layers[d.layer] ??= {}), d.trueVendor);
    const kinds = (['declaredVendor', 'mac', 'sysObjectId', 'sysDescr', 'engineId', 'imei', 'serial'] as const).filter((k) => d[k] !== undefined);
    for (const k of kinds) bump(evidence, k);
    if (kinds.length === 0) bump(evidence, 'none');
    if (kinds.length > 0 && !d.declaredVendor) bump(evidence, 'evidenceWithoutDeclaredVendor');
  }
  const stories = flowStories(s);
  const bases = BASE_FEEDS.map((spec) => {
    const p = BASES.find((x) => x.id === spec.base);
    if (!p) throw new Error(`unknown base ${spec.base}`);
    const gw = gatewayId(p);
    const exchange = EXCHANGE_CITY[p.country as keyof typeof EXCHANGE_CITY];
    const cleanEgress = cleanlyReaches(s, gw, [`${TRUSTED_TRANSIT}-${exchange}-cr1`]);
    return { id: p.id, name: p.name, country: p.country, gateway: gw, lat: p.lat, lon: p.lon, cleanEgress };
  });
  const nested = Object.fromEntries(Object.entries(sorted(clv)).map(([c, ls]) => [c, Object.fromEntries(Object.entries(sorted(ls)).map(([l, v]) => [l, sorted(v)]))]));
  return {
    devices: s.devices.length,
    links: s.links.length,
    flows: { sensitive: stories.length, normal: s.flows.length - stories.length },
    byCountry: sorted(byCountry), byLayer: sorted(byLayer), byVendor: sorted(byVendor),
    byCountryLayerVendor: nested, evidence: sorted(evidence), bases, sensitiveFlows: stories,
    huaweiKillSwitch: killSwitchCuts(s, new Set(['huawei'])), traps: TRAPS,
  };
}
