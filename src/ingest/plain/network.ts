// Fast reader of the plain files of DESIGN section 4 (also the benchmark format):
// nodes.csv id,vendor[,country,operator,layer,site,role,cost,name,...]; links.csv a,b[,metric];
// flows.csv id,src,dst[,class,volume], src/dst a node id or a unique node name. Unknown columns
// are ignored. It lives in ingest so that the graph core reads no file; it returns the plain
// shapes the graph takes (typed link arrays) and, with the nodes, what the planner prices them by
// (role, cost), so that nothing is read twice. Moved from src/graph/load.ts as it was: it is on
// the exposure benchmark's path (Int32Array links grown in place). Rows come from the one CSV
// tokenizer (../csv/text.ts): on the 100k benchmark files it splits faster than the indexOf
// splitter it replaced (237 vs 412 ms, issue 15.3); the metric rule is the model's.
import { columns, readCsv } from '../csv/text.js';
import { checkMetric, FLOW_CLASSES, InputError, isOneOf, type FlowClass } from '../../model/index.js';
import { mapHeader, type ColumnMap } from '../column-map.js';
import { readText } from './read-text.js';

/** A device of nodes.csv: what the graph's predicates read, plus what its price depends on. */
export interface PlainNode {
  id: string;
  vendor: string | null;
  country: string | null;
  operator: string | null;
  layer: string | null;
  site: string | null;
  role: string | null;
  /** replacement cost from the optional `cost` column; null when blank (the cost table prices it) */
  cost: number | null;
}

/** Links resolved to positions into the nodes (input order): the graph takes them as they are. */
export interface PlainLinks {
  a: Int32Array;
  b: Int32Array;
  metric: Int32Array;
}

/** A demand; without a class it is sensitive, without a volume it weighs 1. */
export interface PlainFlow {
  id: string;
  src: string;
  dst: string;
  class?: FlowClass;
  volume?: number;
}

export interface PlainNetwork {
  nodes: PlainNode[];
  /** endpoint positions into `nodes` */
  links: PlainLinks;
  flows: PlainFlow[];
}

export interface PlainPaths {
  nodes: string;
  links: string;
  flows?: string;
  /** Renames nodes.csv's columns (`--map`); links and flows keep theirs. */
  columns?: ColumnMap;
}

const cell = (fields: string[], i: number): string => (i >= 0 ? (fields[i] ?? '') : '');
const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

function costOf(raw: string, file: string, line: number): number | null {
  const t = raw.trim();
  if (t === '') return null;
  const v = Number(t);
  if (!Number.isFinite(v) || v < 0) throw new InputError(file, line, `cost must be a non-negative number, got "${t}"`);
  return v;
}

/** A node name -> its id, or null when several nodes bear it (a flow must then use the id). */
export type NodeNames = Map<string, string | null>;

/** `rename`: a column map (`--map`) applied to the header first, as for an inventory import. */
export function parseNodes(text: string, file: string, rename?: ColumnMap): { nodes: PlainNode[]; index: Map<string, number>; names: NodeNames } {
  const nodes: PlainNode[] = [];
  const index = new Map<string, number>();
  const names: NodeNames = new Map();
  readCsv(text, file, (header) => {
    const h = rename === undefined ? header : mapHeader(rename, header, file);
    const c = columns(h, file, ['id'], ['vendor', 'country', 'operator', 'layer', 'site', 'role', 'cost', 'name']);
    return (f, line) => {
      const id = cell(f, c.id);
      if (id === '') throw new InputError(file, line, 'empty node id');
      if (index.has(id)) throw new InputError(file, line, `duplicate node id "${id}"`);
      index.set(id, nodes.length);
      const name = cell(f, c.name).trim();
      if (name !== '') names.set(name, names.has(name) ? null : id);
      nodes.push({
        id,
        vendor: orNull(cell(f, c.vendor)),
        country: orNull(cell(f, c.country)),
        operator: orNull(cell(f, c.operator)),
        layer: orNull(cell(f, c.layer)),
        site: orNull(cell(f, c.site)),
        role: orNull(cell(f, c.role)),
        cost: c.cost < 0 ? null : costOf(cell(f, c.cost), file, line),
      });
    };
  });
  return { nodes, index, names };
}

export function parseLinks(text: string, file: string, index: ReadonlyMap<string, number>): PlainLinks {
  let a: Int32Array<ArrayBuffer> = new Int32Array(1024), b = a.slice(), metric = a.slice();
  let m = 0;
  readCsv(text, file, (header) => {
    const c = columns(header, file, ['a', 'b'], ['metric']);
    const node = (id: string, line: number): number => {
      const i = index.get(id);
      if (i === undefined) throw new InputError(file, line, `unknown node "${id}"`);
      return i;
    };
    return (f, line) => {
      if (m === a.length) {
        a = grow(a);
        b = grow(b);
        metric = grow(metric);
      }
      a[m] = node(cell(f, c.a), line);
      b[m] = node(cell(f, c.b), line);
      const w = cell(f, c.metric).trim();
      metric[m++] = w === '' ? 1 : checkMetric(Number(w), file, line);
    };
  });
  return { a: a.slice(0, m), b: b.slice(0, m), metric: metric.slice(0, m) };
}

function grow(x: Int32Array): Int32Array<ArrayBuffer> {
  const y = new Int32Array(x.length * 2);
  y.set(x);
  return y;
}

/**
 * A flow endpoint as a node id: the id itself, else the unique node of that name (nodes.csv's
 * optional `name` column). Ids win, as in links.csv.
 */
function endpoint(value: string, end: string, index: ReadonlyMap<string, number>, names: NodeNames, file: string, line: number): string {
  if (index.has(value)) return value;
  const id = names.get(value.trim());
  if (id === null) throw new InputError(file, line, `${end} "${bounded(value)}" is the name of several nodes: name it by id`);
  if (id === undefined) throw new InputError(file, line, `unknown ${end} node "${bounded(value)}" (neither a node id nor a node name)`);
  return id;
}

const bounded = (s: string): string => (s.length > 60 ? `${s.slice(0, 60)}...` : s);

export function parseFlows(text: string, file: string, index: ReadonlyMap<string, number>, names: NodeNames = new Map()): PlainFlow[] {
  const flows: PlainFlow[] = [];
  readCsv(text, file, (header) => {
    const c = columns(header, file, ['id', 'src', 'dst'], ['class', 'volume']);
    return (f, line) => {
      const id = cell(f, c.id);
      if (id === '') throw new InputError(file, line, 'empty flow id');
      const src = endpoint(cell(f, c.src), 'source', index, names, file, line);
      const dst = endpoint(cell(f, c.dst), 'destination', index, names, file, line);
      const flow: PlainFlow = { id, src, dst };
      const cls = cell(f, c.class).trim().toLowerCase();
      if (cls !== '') {
        if (!isOneOf(FLOW_CLASSES, cls)) throw new InputError(file, line, `class must be one of ${FLOW_CLASSES.join(', ')}, got "${cls}"`);
        flow.class = cls;
      }
      const vol = cell(f, c.volume).trim();
      if (vol !== '') {
        const v = Number(vol);
        if (!Number.isFinite(v) || v < 0) throw new InputError(file, line, `volume must be a non-negative number, got "${vol}"`);
        flow.volume = v;
      }
      flows.push(flow);
    };
  });
  return flows;
}

/** Reads and parses nodes, links and (optionally) flows; errors are `file:line: what is wrong`. */
export async function readPlainNetwork(paths: PlainPaths): Promise<PlainNetwork> {
  const [nodesText, linksText, flowsText] = await Promise.all([
    readText(paths.nodes),
    readText(paths.links),
    paths.flows === undefined ? Promise.resolve(null) : readText(paths.flows),
  ]);
  const { nodes, index, names } = parseNodes(nodesText, paths.nodes, paths.columns);
  const links = parseLinks(linksText, paths.links, index);
  const flows = flowsText === null ? [] : parseFlows(flowsText, paths.flows!, index, names);
  return { nodes, links, flows };
}
