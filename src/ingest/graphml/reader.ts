import { InputError, emptyBatch } from '../../model/index.js';
import type { DeviceRecord, ImportBatch, Link } from '../../model/index.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { readXmlFile } from '../xml/read.js';
import { parseDecimal, quote } from '../util/values.js';
import { WarningSink } from '../util/warnings.js';
import { attr, children, startTagLines, text } from '../xml/parse.js';
import type { XmlElement } from '../xml/parse.js';
import { parseXml } from '../xml/parse.js';
import { readCountry } from '../util/country.js';

export function graphmlReader(file: string, _opts: ReaderOptions): ImportReader {
  return {
    format: 'graphml',
    file,
    async *batches() {
      yield readGraphml(file, await readXmlFile(file));
    },
  };
}

interface KeyDef {
  name: string;
  domain: string;
  default?: string;
}

/**
 * GraphML as the Internet Topology Zoo writes it. Key ids (`d28`) mean different things in
 * different files, so every `<data key>` is resolved through this file's own `<key>` table.
 * Edges are kept one link each (parallel edges and self-loops included), metric 1.
 */
export function readGraphml(file: string, xml: string): ImportBatch {
  const doc = parseXml(xml, file, ['key', 'graph', 'node', 'edge', 'data', 'hyperedge']);
  const root = doc['graphml'];
  if (root === undefined || Array.isArray(root) || typeof root === 'string') {
    throw new InputError(file, 1, 'not GraphML: no single <graphml> root element');
  }
  const keys = new Map<string, KeyDef>();
  for (const k of children(root, 'key')) {
    const id = attr(k, 'id');
    if (id === undefined) continue;
    const def: KeyDef = { name: attr(k, 'attr.name') ?? id, domain: attr(k, 'for') ?? 'all' };
    const dflt = text(k, 'default');
    if (dflt !== undefined) def.default = dflt;
    keys.set(id, def);
  }
  const attrsOf = (e: XmlElement, domain: string): Map<string, string> => {
    const out = new Map<string, string>();
    for (const def of keys.values()) {
      if (def.default !== undefined && (def.domain === domain || def.domain === 'all')) out.set(def.name, def.default);
    }
    for (const d of children(e, 'data')) {
      const key = attr(d, 'key') ?? '';
      out.set(keys.get(key)?.name ?? key, text(d) ?? '');
    }
    return out;
  };

  const batch = emptyBatch('graphml', file);
  const warnings = new WarningSink(file);
  const lines = startTagLines(xml, { node: 2, edge: 2 });
  const nodeLines = lines.get('node') ?? [];
  const edgeLines = lines.get('edge') ?? [];
  const graphs = children(root, 'graph');
  if (graphs.length === 0) throw new InputError(file, 1, 'GraphML has no <graph> element');
  const nodeLine = new Map<string, number>();
  let hyperedges = 0;
  let n = 0;
  let m = 0;
  for (const g of graphs) {
    for (const [name, value] of attrsOf(g, 'graph')) batch.meta[name] = value;
    for (const node of children(g, 'node')) {
      const line = nodeLines[n++] ?? 1;
      const id = attr(node, 'id');
      if (id === undefined || id === '') throw new InputError(file, line, '<node> without an id');
      const prev = nodeLine.get(id);
      if (prev !== undefined) throw new InputError(file, line, `duplicate node id '${id}' (first on line ${prev})`);
      nodeLine.set(id, line);
      const device = nodeDevice(id, attrsOf(node, 'node'), file, line, (msg) => warnings.warn(line, msg));
      batch.devices.push(device);
      if (device.lat !== undefined && device.lon !== undefined) {
        device.site = id;
        const site: (typeof batch.sites)[number] = { id, lat: device.lat, lon: device.lon, source: { file, line } };
        if (device.name !== undefined) site.name = device.name;
        if (device.country !== undefined) site.country = device.country;
        batch.sites.push(site);
      }
    }
    for (const edge of children(g, 'edge')) {
      const line = edgeLines[m++] ?? 1;
      batch.links.push(edgeLink(edge, attrsOf(edge, 'edge'), nodeLine, file, line, (msg) => warnings.warn(line, msg)));
    }
    hyperedges += children(g, 'hyperedge').length;
  }
  if (hyperedges > 0) warnings.warn(1, `${hyperedges} <hyperedge> elements ignored (only edges become links)`);
  batch.meta['nodeCount'] = batch.devices.length;
  batch.meta['edgeCount'] = batch.links.length;
  batch.warnings = warnings.take(true);
  return batch;
}

function nodeDevice(id: string, attrs: Map<string, string>, file: string, line: number, warn: (m: string) => void): DeviceRecord {
  const d: DeviceRecord = { id, raw: {}, extra: {}, source: { file, line } };
  for (const [name, value] of attrs) {
    switch (name) {
      case 'label':
        if (value.trim() !== '') d.name = value.trim();
        break;
      case 'Latitude':
      case 'Longitude': {
        const v = parseDecimal(value);
        const max = name === 'Latitude' ? 90 : 180;
        if (v !== undefined && Math.abs(v) <= max) {
          if (name === 'Latitude') d.lat = v;
          else d.lon = v;
        } else if (value.trim() !== '') {
          warn(`${name} ${quote(value)} is not a coordinate in [-${max}, ${max}]; dropped`);
        }
        break;
      }
      case 'Country': {
        const cc = readCountry(value, name, d.extra, warn);
        if (cc !== undefined) d.country = cc;
        break;
      }
      default:
        d.extra[name] = value;
    }
  }
  // A site needs both coordinates; one alone is as good as none.
  if ((d.lat === undefined) !== (d.lon === undefined)) {
    warn('node has only one of Latitude/Longitude; coordinates dropped');
    delete d.lat;
    delete d.lon;
  }
  return d;
}

function edgeLink(
  edge: XmlElement,
  attrs: Map<string, string>,
  nodes: Map<string, number>,
  file: string,
  line: number,
  warn: (m: string) => void,
): Link {
  const a = attr(edge, 'source');
  const b = attr(edge, 'target');
  if (a === undefined || b === undefined) throw new InputError(file, line, '<edge> without source and target');
  for (const end of [a, b]) {
    if (!nodes.has(end)) throw new InputError(file, line, `edge refers to unknown node '${end}'`);
  }
  const link: Link = { a, b, metric: 1, extra: {}, source: { file, line } };
  const id = attr(edge, 'id');
  if (id !== undefined) link.id = id;
  for (const [name, value] of attrs) {
    if (name === 'LinkSpeedRaw') {
      const v = parseDecimal(value);
      if (v !== undefined && v >= 0) {
        link.capacity = v;
        continue;
      }
      if (value.trim() !== '') warn(`LinkSpeedRaw ${quote(value)} is not a non-negative number; kept in extra`);
    }
    link.extra[name] = value;
  }
  return link;
}
