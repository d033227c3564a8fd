// The content digest a predicate names its snapshot by: SHA-256 over the canonical JSON of every
// device record (attribution and evidence included) in id order, then every link (a, b, metric),
// then every flow (id, src, dst, class, volume), one per line. A verifier holding the same
// snapshot export recomputes it; any changed device, link or flow changes it.
import { createHash } from 'node:crypto';
import type { FlowInput, LinkArrays, LinkInput } from '../graph/index.js';
import type { Device } from '../model/index.js';
import { canonicalJson } from './canonical.js';

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Plain-file links come as arrays of node positions; `ids` names them. */
function* linkRows(links: readonly LinkInput[] | LinkArrays, ids: readonly string[]): Iterable<{ a: string; b: string; metric: number }> {
  if (Array.isArray(links)) {
    for (const l of links as readonly LinkInput[]) yield { a: l.a, b: l.b, metric: l.metric ?? 1 };
    return;
  }
  const arr = links as LinkArrays;
  for (let i = 0; i < arr.a.length; i++) yield { a: ids[arr.a[i]!]!, b: ids[arr.b[i]!]!, metric: arr.metric[i]! };
}

export function snapshotDigest(devices: readonly Device[], links: readonly LinkInput[] | LinkArrays, flows: readonly FlowInput[], ids: readonly string[] = []): string {
  const h = createHash('sha256');
  h.update('devices\n');
  for (const d of [...devices].sort(byId)) h.update(`${canonicalJson(d)}\n`);
  h.update('links\n');
  for (const l of linkRows(links, ids)) h.update(`${canonicalJson(l)}\n`);
  h.update('flows\n');
  for (const f of flows) h.update(`${canonicalJson({ id: f.id, src: f.src, dst: f.dst, class: f.class ?? 'sensitive', volume: f.volume ?? null })}\n`);
  return h.digest('hex');
}
