// Turns public topologies into the plain benchmark files, with vendors and metrics from a seeded
// generator: Topology Zoo GraphML (nodes and edges only) and SNDlib native (links and demands).
import { readFileSync } from 'node:fs';
import { randInt, rng, type PlainCase } from './helpers.js';

export interface Topology {
  nodes: string[];
  edges: Array<[string, string]>;
  demands: Array<[string, string]>;
}

/** Node ids and edges of a GraphML file; ids become `n<id>` so they are plain CSV cells. */
export function readGraphml(file: string): Topology {
  const xml = readFileSync(file, 'utf8');
  const nodes = [...xml.matchAll(/<node\b[^>]*\bid="([^"]*)"/g)].map((m) => `n${m[1]}`);
  const edges = [...xml.matchAll(/<edge\b[^>]*>/g)].map((m): [string, string] => {
    const s = /\bsource="([^"]*)"/.exec(m[0])![1]!, t = /\btarget="([^"]*)"/.exec(m[0])![1]!;
    return [`n${s}`, `n${t}`];
  });
  return { nodes, edges, demands: [] };
}

/** Nodes, links and demands of an SNDlib native file. */
export function readSndlib(file: string): Topology {
  const text = readFileSync(file, 'utf8');
  const section = (name: string): string[] => {
    const m = new RegExp(`^${name} \\(\\n([\\s\\S]*?)^\\)`, 'm').exec(text);
    return m ? m[1]!.split('\n').map((l) => l.trim()).filter(Boolean) : [];
  };
  const nodes = section('NODES').map((l) => l.split(/\s+/)[0]!);
  const pair = (l: string): [string, string] => {
    const m = /\(\s*(\S+)\s+(\S+)\s*\)/.exec(l)!;
    return [m[1]!, m[2]!];
  };
  return { nodes, edges: section('LINKS').map(pair), demands: section('DEMANDS').map(pair) };
}

/**
 * One link per node pair. exposure_nx.py builds an nx.Graph, where a parallel edge overwrites the
 * metric of the previous one, whereas the C++ reference (the contract) and cleanpath take the
 * least: parallel links are compared with the C++ reference only.
 */
export function withoutParallelLinks(t: Topology): Topology {
  const seen = new Set<string>();
  const edges = t.edges.filter(([a, b]) => {
    const k = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { ...t, edges };
}

/**
 * Vendors (a `share` of huawei), small metrics (1..maxMetric: many equal-cost paths) and flows:
 * the topology's demands, else all pairs from a few sources.
 */
export function toCase(t: Topology, seed: number, share = 0.2, maxMetric = 3): PlainCase {
  const r = rng(seed);
  const trusted = ['cisco', 'juniper', 'nokia', 'ericsson'];
  const nodes = t.nodes.map((id, i): [string, string] => [id, r() < share ? 'huawei' : trusted[i % 4]!]);
  const links = t.edges.map(([a, b]): [string, string, number] => [a, b, randInt(r, 1, maxMetric)]);
  let pairs = t.demands;
  if (!pairs.length) {
    const sources = Array.from({ length: Math.min(6, t.nodes.length) }, () => t.nodes[randInt(r, 0, t.nodes.length - 1)]!);
    pairs = sources.flatMap((s) => t.nodes.map((d): [string, string] => [s, d]));
  }
  return { nodes, links, flows: pairs.map(([s, d], i): [string, string, string] => [`f${i}`, s, d]) };
}
