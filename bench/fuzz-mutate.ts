// Mutations of text inputs for the importer fuzz benchmark (bench/fuzz-importers.ts): byte-level
// edits, truncation, splicing between seeds, repetition, values around and past the 1 MiB limit,
// deep nesting in the format's own brackets, and hostile Unicode (bidi controls, NUL, lone
// surrogates, BOM). Every input is a pure function of (format seed, input index), so a crash or
// hang found at input #i is reproduced by generating #i again.
import { MAX_FIELD_CHARS } from '../src/ingest/limits.js';

export interface Rng {
  u32(): number;
  /** 0 <= result < n */
  int(n: number): number;
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  const u32 = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return { u32, int: (n) => (n <= 0 ? 0 : u32() % n) };
}

/** FNV-1a of a name: a format's own seed, so adding a format leaves the others' inputs alone. */
export function seedOf(name: string, base: number): number {
  let h = 2166136261 ^ base;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The generator of input #i of a format. */
export function inputRng(formatSeed: number, i: number): Rng {
  return prng((formatSeed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0);
}

export interface MutationContext {
  seeds: readonly string[];
  /** Tokens of the format's syntax and vocabulary, inserted whole. */
  dict: readonly string[];
  /** Opening and closing brackets of the format's nesting, e.g. ['<a>', '</a>'] or ['[', ']']. */
  nest: ReadonlyArray<readonly [string, string]>;
}

const HOSTILE_CHARS = [
  '\u0000', '\u202e', '\u202d', '\u202a', '\u202b', '\u202c', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f', '\u200e',
  '\ufeff', '\ufffd', '\ud800', '\udfff', '\u{1f600}', '\u0301', '\r', '\u2028', '\u0085', '\t', '\u00a0', '\u0007', '\u001b[31m',
];

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[r.int(xs.length)]!;
const at = (r: Rng, s: string): number => r.int(s.length + 1);
const insert = (s: string, i: number, x: string): string => s.slice(0, i) + x + s.slice(i);

type Mutation = (r: Rng, s: string, c: MutationContext) => string;

function flip(r: Rng, s: string): string {
  if (s.length === 0) return String.fromCharCode(r.int(128));
  const i = r.int(s.length);
  const code = r.int(4) === 0 ? r.int(0x10000) : s.charCodeAt(i) ^ (1 << r.int(8));
  return s.slice(0, i) + String.fromCharCode(code & 0xffff) + s.slice(i + 1);
}

function remove(r: Rng, s: string): string {
  const i = r.int(s.length);
  const n = r.int(8) === 0 ? r.int(Math.max(1, s.length >> 2)) : 1 + r.int(16);
  return s.slice(0, i) + s.slice(i + n);
}

function splice(r: Rng, s: string, c: MutationContext): string {
  const o = pick(r, c.seeds);
  const from = r.int(o.length);
  if (r.int(2) === 0) return s.slice(0, at(r, s)) + o.slice(from); // crossover
  return insert(s, at(r, s), o.slice(from, from + 1 + r.int(400)));
}

function repeat(r: Rng, s: string): string {
  const i = r.int(s.length);
  const piece = s.slice(i, i + 1 + r.int(r.int(4) === 0 ? 400 : 40));
  const times = 2 + r.int(r.int(8) === 0 ? 5000 : 50);
  const body = piece.repeat(Math.min(times, Math.floor(100_000 / Math.max(1, piece.length))));
  return s.slice(0, i) + body + s.slice(i);
}

/** A run of one character at, just over, or far over the per-value limit. */
function huge(r: Rng, s: string): string {
  const sizes = [MAX_FIELD_CHARS - 1, MAX_FIELD_CHARS, MAX_FIELD_CHARS + 1, 64 * 1024, 2 * MAX_FIELD_CHARS];
  const ch = pick(r, ['A', '1', ' ', '.', '"', '<', '\u202e', '9']);
  return insert(s, at(r, s), ch.repeat(pick(r, sizes)));
}

function nest(r: Rng, s: string, c: MutationContext): string {
  const [open, close] = pick(r, c.nest);
  // Past 10,000 levels only now and then: the input is megabytes, and what it tests is the same.
  const depth = r.int(50) === 0 ? 100_000 : pick(r, [2, 10, 63, 64, 65, 99, 100, 101, 255, 256, 257, 1000, 10_000]);
  const closed = r.int(3) !== 0;
  return insert(s, at(r, s), open.repeat(depth) + (closed ? close.repeat(depth) : ''));
}

function token(r: Rng, s: string, c: MutationContext): string {
  return insert(s, at(r, s), pick(r, c.dict));
}

function unicode(r: Rng, s: string): string {
  let out = s;
  for (let k = 1 + r.int(4); k > 0; k--) out = insert(out, at(r, out), pick(r, HOSTILE_CHARS));
  return out;
}

/** Whole-line edits: duplicate, drop or swap lines (most formats here are line-structured). */
function lines(r: Rng, s: string): string {
  const ls = s.split('\n');
  const i = r.int(ls.length);
  const j = r.int(ls.length);
  const k = r.int(3);
  if (k === 0) ls.splice(i, 0, ...Array<string>(1 + r.int(r.int(4) === 0 ? 1000 : 3)).fill(ls[j]!));
  else if (k === 1) ls.splice(i, 1 + r.int(3));
  else [ls[i], ls[j]] = [ls[j]!, ls[i]!];
  return ls.join('\n');
}

const SMALL: Mutation[] = [flip, remove, token, unicode, (r, s) => s.slice(0, at(r, s))];

function havoc(r: Rng, s: string, c: MutationContext): string {
  let out = s;
  for (let k = 2 + r.int(7); k > 0; k--) out = pick(r, SMALL)(r, out, c);
  return out;
}

export const MUTATIONS: ReadonlyArray<{ name: string; weight: number; apply: Mutation }> = [
  { name: 'character flip', weight: 14, apply: flip },
  { name: 'truncation', weight: 10, apply: (r, s) => s.slice(0, at(r, s)) },
  { name: 'deletion', weight: 8, apply: remove },
  { name: 'syntax token', weight: 14, apply: token },
  { name: 'splice', weight: 8, apply: splice },
  { name: 'repetition', weight: 5, apply: repeat },
  { name: 'line edits', weight: 8, apply: lines },
  { name: 'hostile Unicode', weight: 8, apply: unicode },
  { name: 'havoc (2-8 edits)', weight: 18, apply: havoc },
  { name: 'deep nesting', weight: 3, apply: nest },
  { name: 'seed unchanged', weight: 1, apply: (_r, s) => s },
  // Megabytes each, so one input in HUGE_EVERY rather than a weight in the table.
  { name: 'huge value', weight: 0, apply: huge },
];

const HUGE_EVERY = 500;
const TABLE: number[] = MUTATIONS.flatMap((m, i) => Array<number>(m.weight).fill(i));

/** Input #i of a format: a seed picked and mutated by the generator of #i. */
export function generate(formatSeed: number, i: number, c: MutationContext): { text: string; mutation: number } {
  const r = inputRng(formatSeed, i);
  const mutation = r.int(HUGE_EVERY) === 0 ? MUTATIONS.length - 1 : TABLE[r.int(TABLE.length)]!;
  const text = MUTATIONS[mutation]!.apply(r, pick(r, c.seeds), c);
  return { text, mutation };
}
