// One fuzzing thread of bench/fuzz-importers.ts: inputs [start, end) of one format, each
// generated, parsed and classified. The index of the input being parsed is kept in shared memory,
// so the parent can tell a hang from a slow run and kill this thread; stats go out in deltas, so
// little is lost when it does.
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../src/model/index.js';
import { MUTATIONS, generate, type MutationContext } from './fuzz-mutate.js';
import { TARGETS, isDefinedError } from './fuzz-targets.js';

export interface WorkerInput {
  format: string;
  seeds: string[];
  formatSeed: number;
  start: number;
  end: number;
  /** Int32Array view: [0] input being parsed (-1 between inputs), [1] inputs finished. */
  progress: SharedArrayBuffer;
  slowMs: number;
  /** A folder this thread may write its scratch file in (the parent removes it). */
  scratch: string;
}

export interface Stats {
  imported: number;
  refused: number;
  /** Refusals that name no line: allowed, but each is a message a user cannot act on well. */
  noLine: number;
  crashes: number;
  slow: number;
  maxMs: number;
  maxMsInput: number;
  bytes: number;
  longest: number;
  peakHeapMb: number;
  perMutation: number[];
  samples: string[];
}

export const emptyStats = (): Stats => ({ imported: 0, refused: 0, noLine: 0, crashes: 0, slow: 0, maxMs: 0, maxMsInput: -1, bytes: 0, longest: 0, peakHeapMb: 0, perMutation: MUTATIONS.map(() => 0), samples: [] });

/** Parses one input; 'crash' carries what escaped. */
export async function parseOne(parse: (text: string, i: number, scratch: string) => unknown, text: string, i: number, scratch: string): Promise<{ outcome: 'imported' | 'refused' | 'no-line' } | { outcome: 'crash'; error: unknown }> {
  try {
    await parse(text, i, scratch);
    return { outcome: 'imported' };
  } catch (e) {
    if (!isDefinedError(e)) return { outcome: 'crash', error: e };
    return e instanceof InputError && e.line === undefined ? { outcome: 'no-line' } : { outcome: 'refused' };
  }
}

export function describeCrash(format: string, i: number, mutation: number, error: unknown): string {
  const stack = error instanceof Error ? (error.stack ?? String(error)).split('\n').slice(0, 4).join(' | ') : String(error);
  return `${format} input #${i} (${MUTATIONS[mutation]?.name}): ${stack.slice(0, 600)}`;
}

async function main(input: WorkerInput): Promise<void> {
  const target = TARGETS.find((t) => t.name === input.format);
  if (!target) throw new Error(`no fuzz target ${input.format}`);
  const ctx: MutationContext = { seeds: input.seeds, ...target.syntax };
  const progress = new Int32Array(input.progress);
  const file = join(input.scratch, `input.${target.ext}`);
  let stats = emptyStats();
  for (let i = input.start; i < input.end; i++) {
    const { text, mutation } = generate(input.formatSeed, i, ctx);
    Atomics.store(progress, 0, i);
    const t0 = performance.now();
    const r = await parseOne(target.parse, text, i, file);
    const ms = performance.now() - t0;
    Atomics.store(progress, 0, -1);
    Atomics.add(progress, 1, 1);
    record(stats, r.outcome, ms, i, text.length, mutation, input.slowMs);
    if (r.outcome === 'crash' && stats.samples.length < 5) stats.samples.push(describeCrash(input.format, i, mutation, r.error));
    if (text.length > 256 * 1024 || i % 512 === 0) stats.peakHeapMb = Math.max(stats.peakHeapMb, getHeapStatistics().used_heap_size / 2 ** 20);
    if ((i - input.start) % 500 === 499) {
      parentPort?.postMessage(stats);
      stats = emptyStats();
    }
  }
  parentPort?.postMessage(stats);
  parentPort?.postMessage('done');
}

export function record(s: Stats, outcome: 'imported' | 'refused' | 'no-line' | 'crash', ms: number, i: number, length: number, mutation: number, slowMs: number): void {
  if (outcome === 'imported') s.imported++;
  else if (outcome === 'refused') s.refused++;
  else if (outcome === 'no-line') [s.refused, s.noLine] = [s.refused + 1, s.noLine + 1];
  else s.crashes++;
  if (ms > s.maxMs) [s.maxMs, s.maxMsInput] = [ms, i];
  if (ms > slowMs) s.slow++;
  s.bytes += length;
  s.longest = Math.max(s.longest, length);
  s.perMutation[mutation] = (s.perMutation[mutation] ?? 0) + 1;
}

if (parentPort && workerData && (workerData as { fuzzWorker?: boolean }).fuzzWorker) {
  main(workerData as WorkerInput).catch((e: unknown) => {
    parentPort?.postMessage({ fatal: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  });
}
