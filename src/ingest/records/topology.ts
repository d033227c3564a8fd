import { FLOW_CLASSES, InputError, isOneOf } from '../../model/index.js';
import type { Flow, Link } from '../../model/index.js';
import { parseDecimal, parsePositiveInt, quote } from '../util/values.js';

// Links and flows feed path analyses directly, so a bad value here is fatal, not a warning: a
// silently dropped metric would change every answer.

export const LINK_COLUMNS = ['a', 'b', 'metric', 'latency', 'capacity', 'operator', 'id'] as const;
export const FLOW_COLUMNS = ['id', 'src', 'dst', 'class', 'volume', 'latency_bound'] as const;
export type LinkColumn = (typeof LINK_COLUMNS)[number];
export type FlowColumn = (typeof FLOW_COLUMNS)[number];

type Values<K extends string> = Partial<Record<K, string>>;

export function buildLink(v: Values<LinkColumn>, extra: Record<string, string>, file: string, line: number): Link {
  const a = required(v.a, 'link end a', file, line);
  const b = required(v.b, 'link end b', file, line);
  const link: Link = { a, b, metric: 1, extra, source: { file, line } };
  const metric = present(v.metric);
  if (metric !== undefined) {
    const n = parsePositiveInt(metric);
    if (n === undefined) throw new InputError(file, line, `link metric must be a positive integer, got ${quote(metric)}`);
    link.metric = n;
  }
  const latency = nonNegative(v.latency, 'link latency', file, line);
  if (latency !== undefined) link.latency = latency;
  const capacity = nonNegative(v.capacity, 'link capacity', file, line);
  if (capacity !== undefined) link.capacity = capacity;
  const operator = present(v.operator);
  if (operator !== undefined) link.operator = operator;
  const id = present(v.id);
  if (id !== undefined) link.id = id;
  return link;
}

export function buildFlow(v: Values<FlowColumn>, extra: Record<string, string>, file: string, line: number): Flow {
  const id = required(v.id, 'flow id', file, line);
  const src = required(v.src, 'flow src', file, line);
  const dst = required(v.dst, 'flow dst', file, line);
  const flow: Flow = { id, src, dst, class: 'sensitive', volume: 1, extra, source: { file, line } };
  const cls = present(v.class)?.toLowerCase();
  if (cls !== undefined) {
    if (!isOneOf(FLOW_CLASSES, cls)) {
      throw new InputError(file, line, `flow class must be one of ${FLOW_CLASSES.join(', ')}, got ${quote(cls)}`);
    }
    flow.class = cls;
  }
  const volume = nonNegative(v.volume, 'flow volume', file, line);
  if (volume !== undefined) flow.volume = volume;
  const bound = nonNegative(v.latency_bound, 'flow latency_bound', file, line);
  if (bound !== undefined) flow.latencyBound = bound;
  return flow;
}

function present(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
}

function required(s: string | undefined, what: string, file: string, line: number): string {
  const t = present(s);
  if (t === undefined) throw new InputError(file, line, `${what} is empty`);
  return t;
}

function nonNegative(s: string | undefined, what: string, file: string, line: number): number | undefined {
  const t = present(s);
  if (t === undefined) return undefined;
  const n = parseDecimal(t);
  if (n === undefined || n < 0) throw new InputError(file, line, `${what} must be a non-negative number, got ${quote(t)}`);
  return n;
}
