import { InputError, emptyBatch } from '../../model/index.js';
import type { ImportBatch } from '../../model/index.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { readXmlFile } from '../xml/read.js';
import { parseDecimal, quote } from '../util/values.js';
import { attr, child, children, startTagLines, text } from '../xml/parse.js';
import type { XmlElement } from '../xml/parse.js';
import { parseXml } from '../xml/parse.js';
import { fillBatch } from './common.js';
import type { SndDemand, SndLink, SndNode } from './common.js';

export function sndlibXmlReader(file: string, _opts: ReaderOptions): ImportReader {
  return {
    format: 'sndlib-xml',
    file,
    async *batches() {
      yield readSndlibXml(file, await readXmlFile(file));
    },
  };
}

/**
 * SNDlib XML (namespace http://sndlib.zib.de/network). Only `coordinatesType="geographical"`
 * coordinates become lat/lon; pixel ones stay as x/y in `extra`.
 */
export function readSndlibXml(file: string, xml: string): ImportBatch {
  const doc = parseXml(xml, file, ['node', 'link', 'demand', 'addModule']);
  const network = child(doc, 'network');
  const structure = network && child(network, 'networkStructure');
  const nodesEl = structure && child(structure, 'nodes');
  if (network === undefined || structure === undefined || nodesEl === undefined) {
    throw new InputError(file, 1, 'not an SNDlib network: expected <network><networkStructure><nodes>');
  }
  const batch = emptyBatch('sndlib-xml', file);
  const metaEl = child(network, 'meta');
  if (metaEl !== undefined) {
    for (const key of Object.keys(metaEl)) {
      const v = text(metaEl, key);
      if (!key.startsWith('@_') && key !== '#text' && v !== undefined) batch.meta[key] = v;
    }
  }
  // Depths: network 0, networkStructure/demands 1, nodes/links 2, node/link 3; demand 2.
  const lines = startTagLines(xml, { node: 3, link: 3, demand: 2 });
  const lineOf = (kind: string, i: number) => lines.get(kind)?.[i] ?? 1;
  const num = (e: XmlElement, name: string, line: number): number | undefined => {
    const t = text(e, name);
    if (t === undefined) return undefined;
    const v = parseDecimal(t);
    if (v === undefined) throw new InputError(file, line, `<${name}> must be a number, got ${quote(t)}`);
    return v;
  };
  const req = (e: XmlElement, name: string, line: number, what: string): string => {
    const v = name.startsWith('@') ? attr(e, name.slice(1)) : text(e, name);
    if (v === undefined || v.trim() === '') throw new InputError(file, line, `${what} without ${name.startsWith('@') ? `an ${name.slice(1)} attribute` : `<${name}>`}`);
    return v.trim();
  };

  const nodes: SndNode[] = children(nodesEl, 'node').map((e, i) => {
    const line = lineOf('node', i);
    const node: SndNode = { id: req(e, '@id', line, '<node>'), line };
    const coords = child(e, 'coordinates');
    if (coords !== undefined) {
      const x = num(coords, 'x', line);
      const y = num(coords, 'y', line);
      if (x !== undefined && y !== undefined) {
        node.x = x;
        node.y = y;
      }
    }
    return node;
  });
  const linksEl = child(structure, 'links');
  const links: SndLink[] = (linksEl ? children(linksEl, 'link') : []).map((e, i) => {
    const line = lineOf('link', i);
    const extra: Record<string, string> = {};
    const pre = child(e, 'preInstalledModule');
    if (pre !== undefined) {
      const cap = num(pre, 'capacity', line);
      const cost = num(pre, 'cost', line);
      if (cap !== undefined) extra['preInstalledCapacity'] = String(cap);
      if (cost !== undefined) extra['preInstalledCapacityCost'] = String(cost);
    }
    for (const k of ['routingCost', 'setupCost']) {
      const v = num(e, k, line);
      if (v !== undefined) extra[k] = String(v);
    }
    const mods = child(e, 'additionalModules');
    const list = mods ? children(mods, 'addModule').map((m) => `${num(m, 'capacity', line) ?? ''}:${num(m, 'cost', line) ?? ''}`) : [];
    if (list.length > 0) extra['modules'] = list.join(' ');
    return { id: req(e, '@id', line, '<link>'), src: req(e, 'source', line, '<link>'), tgt: req(e, 'target', line, '<link>'), extra, line };
  });
  const demandsEl = child(network, 'demands');
  const demands: SndDemand[] = (demandsEl ? children(demandsEl, 'demand') : []).map((e, i) => {
    const line = lineOf('demand', i);
    const value = num(e, 'demandValue', line);
    if (value === undefined || value < 0) throw new InputError(file, line, '<demand> needs a non-negative <demandValue>');
    const extra: Record<string, string> = {};
    const maxLen = text(e, 'maxPathLength');
    if (maxLen !== undefined) extra['maxPathLength'] = maxLen;
    return { id: req(e, '@id', line, '<demand>'), src: req(e, 'source', line, '<demand>'), tgt: req(e, 'target', line, '<demand>'), value, extra, line };
  });
  const geographical = (attr(nodesEl, 'coordinatesType') ?? 'geographical') === 'geographical';
  fillBatch(batch, file, geographical, nodes, links, demands);
  return batch;
}
