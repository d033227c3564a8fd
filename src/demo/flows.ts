// The traffic: sensitive flows between bases and to each country's US command hub, plus ordinary
// subscriber traffic between radio sites so that sensitive flows are a minority as in real life.

import type { CommercialIndex } from './commercial.js';
import { gatewayId } from './military.js';
import { BASES } from './places.js';
import type { Rng } from './prng.js';
import type { DemoFlow } from './types.js';

/** The US command hub per host country. */
export const HUBS: Readonly<Record<'DE' | 'IT' | 'JP' | 'GB', string>> = {
  DE: 'patch', IT: 'naples', JP: 'yokota', GB: 'lakenheath',
};

/** [from base, to base, Mbit/s, latency bound ms]. */
export const SENSITIVE: readonly (readonly [string, string, number, number])[] = [
  ['ramstein', 'aviano', 400, 60],
  ['yokota', 'ramstein', 200, 300],
  ['lakenheath', 'ramstein', 300, 50],
  ['ramstein', 'patch', 500, 20],
  ['landstuhl', 'ramstein', 150, 10],
  ['grafenwoehr', 'patch', 100, 20],
  ['aviano', 'naples', 200, 40],
  ['vicenza', 'naples', 150, 40],
  ['sigonella', 'naples', 250, 30],
  ['patch', 'naples', 300, 50],
  ['yokosuka', 'yokota', 400, 10],
  ['misawa', 'yokota', 150, 25],
  ['kadena', 'yokota', 300, 40],
  ['mildenhall', 'lakenheath', 200, 10],
  ['patch', 'yokota', 250, 300],
  ['sigonella', 'ramstein', 200, 60],
  ['lakenheath', 'aviano', 150, 60],
  ['kadena', 'ramstein', 100, 320],
  ['naples', 'yokosuka', 100, 300],
  ['mildenhall', 'ramstein', 200, 50],
];

const NORMAL_FLOWS = 24;

function gateway(baseId: string): string {
  const b = BASES.find((x) => x.id === baseId);
  if (!b) throw new Error(`unknown base ${baseId}`);
  return gatewayId(b);
}

export function buildFlows(rng: Rng, idx: CommercialIndex): DemoFlow[] {
  const flows: DemoFlow[] = SENSITIVE.map(([s, t, volume, latencyBound]) => {
    const src = gateway(s);
    const dst = gateway(t);
    return { id: `s-${src.split('-')[1]}-${dst.split('-')[1]}`, src, dst, class: 'sensitive', volume, latencyBound };
  });
  const pops = [...idx.pops.values()];
  for (let n = 1; n <= NORMAL_FLOWS; n++) {
    const a = rng.pick(pops);
    let c = rng.pick(pops);
    while (c === a) c = rng.pick(pops);
    flows.push({
      id: `n-${String(n).padStart(3, '0')}`, src: rng.pick(a.ran), dst: rng.pick(c.ran), class: 'normal',
      volume: rng.int(20, 400) * 50, latencyBound: rng.pick([50, 100, 150, 300]),
    });
  }
  return flows;
}
