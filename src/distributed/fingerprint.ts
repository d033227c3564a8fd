// A digest of the network exactly as loaded: every machine that loads a job's source must see the
// same devices, links and flows, or shards would be computed on different graphs. The coordinator
// sends its digest with every job; a worker whose copy differs refuses the job, and the digest is
// the key under which workers cache the built graph.
import { createHash, type Hash } from 'node:crypto';
import type { LoadedNetwork } from '../analyses/network.js';
import type { LinkArrays } from '../graph/index.js';

const SEP = '\u0000';

class Chunked {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly h: Hash) {}
  add(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 16) this.flush();
  }
  flush(): void {
    if (this.parts.length) this.h.update(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

export function fingerprintNetwork(net: Pick<LoadedNetwork, 'nodes' | 'links' | 'flows'>): string {
  const h = createHash('sha256');
  const c = new Chunked(h);
  c.add(`nodes ${net.nodes.length}\n`);
  for (const d of net.nodes) {
    c.add([d.id, d.vendor ?? '', d.country ?? '', d.operator ?? '', d.layer ?? '', d.site ?? ''].join(SEP) + '\n');
  }
  const links = net.links;
  if (Array.isArray(links)) {
    c.add(`links ${links.length}\n`);
    for (const l of links) c.add(`${l.a}${SEP}${l.b}${SEP}${l.metric}\n`);
    c.flush();
  } else {
    c.flush();
    const { a, b, metric } = links as LinkArrays;
    h.update(`link-arrays ${a.length}\n`);
    for (const arr of [a, b, metric]) h.update(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
  }
  c.add(`flows ${net.flows.length}\n`);
  for (const f of net.flows) c.add([f.id, f.src, f.dst, f.class ?? '', f.volume ?? ''].join(SEP) + '\n');
  c.flush();
  return h.digest('hex');
}
