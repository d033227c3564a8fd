import { InputError } from '../../model/index.js';
import type { DeviceRecord, Flow, ImportBatch, Link, Site } from '../../model/index.js';
import { quote } from '../util/values.js';

/** What both SNDlib forms (native text and XML) carry, before it becomes records. */
export interface SndNode { id: string; x?: number; y?: number; line: number }
export interface SndLink { id: string; src: string; tgt: string; extra: Record<string, string>; line: number }
export interface SndDemand { id: string; src: string; tgt: string; value: number; extra: Record<string, string>; line: number }

/**
 * Nodes become devices (and sites when the coordinates are geographical: x = longitude,
 * y = latitude), links become metric-1 links with capacities and costs in `extra`, demands
 * become flows with their value as volume. SNDlib has no traffic classes, so demands take the
 * plain-file default (sensitive).
 */
export function fillBatch(
  batch: ImportBatch,
  file: string,
  geographical: boolean,
  nodes: SndNode[],
  links: SndLink[],
  demands: SndDemand[],
): void {
  const seen = new Map<string, number>();
  const unique = (kind: string, id: string, line: number) => {
    const key = `${kind}\u0000${id}`;
    const prev = seen.get(key);
    if (prev !== undefined) throw new InputError(file, line, `duplicate ${kind} id '${id}' (first on line ${prev})`);
    seen.set(key, line);
  };
  for (const n of nodes) {
    unique('node', n.id, n.line);
    const d: DeviceRecord = { id: n.id, raw: {}, extra: {}, source: { file, line: n.line } };
    if (n.x !== undefined && n.y !== undefined) {
      d.extra['x'] = String(n.x);
      d.extra['y'] = String(n.y);
      if (geographical && Math.abs(n.x) <= 180 && Math.abs(n.y) <= 90) {
        d.lon = n.x;
        d.lat = n.y;
        d.site = n.id;
        const site: Site = { id: n.id, name: n.id, lat: n.y, lon: n.x, source: { file, line: n.line } };
        batch.sites.push(site);
      }
    }
    batch.devices.push(d);
  }
  const known = (id: string, line: number, what: string) => {
    if (!seen.has(`node\u0000${id}`)) throw new InputError(file, line, `${what} refers to unknown node ${quote(id)}`);
  };
  for (const l of links) {
    unique('link', l.id, l.line);
    known(l.src, l.line, `link '${l.id}'`);
    known(l.tgt, l.line, `link '${l.id}'`);
    const link: Link = { id: l.id, a: l.src, b: l.tgt, metric: 1, extra: l.extra, source: { file, line: l.line } };
    batch.links.push(link);
  }
  for (const dm of demands) {
    unique('demand', dm.id, dm.line);
    known(dm.src, dm.line, `demand '${dm.id}'`);
    known(dm.tgt, dm.line, `demand '${dm.id}'`);
    const flow: Flow = {
      id: dm.id, src: dm.src, dst: dm.tgt, class: 'sensitive', volume: dm.value, extra: dm.extra,
      source: { file, line: dm.line },
    };
    batch.flows.push(flow);
  }
  batch.meta['coordinates'] = geographical ? 'geographical' : 'pixel';
  batch.meta['nodeCount'] = nodes.length;
  batch.meta['linkCount'] = links.length;
  batch.meta['demandCount'] = demands.length;
}
