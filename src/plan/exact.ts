// Exact plan: the separator ILP (min Σ c_v y_v, Σ_{v∈N} y_v ≥ 1 for every separator N of every
// demand) with rows added lazily, solved by HiGHS (npm `highs`, WebAssembly). The model stays in
// memory between solves (persistent API: rows are appended as arrays, no LP text is parsed, so the
// LP-format line-length limit does not apply), and every solve gets what is left of the time.
import highsModule, { type Highs, type Model } from 'highs';
import { aliveOf, costOf, Scratch, separator, violatedDemands } from './core.js';
import type { Reduced } from './reduce.js';

// The package's declarations are CommonJS-shaped (`export default` in a `type: commonjs`
// package), while Node's ESM import gets `build/highs.mjs` whose default export is the loader.
type Loader = typeof highsModule.default;
const highsLoader: Loader = typeof highsModule === 'function' ? (highsModule as unknown as Loader) : highsModule.default;

let loading: Promise<Highs> | null = null;
/** Loads the HiGHS WebAssembly module once per process. */
export function loadHighs(): Promise<Highs> {
  if (!loading) loading = highsLoader();
  return loading;
}

export interface CutLoopResult {
  /** a plan satisfying every demand, or null when the solver stopped before finding one */
  chosen: Uint8Array | null;
  /** proven optimal for the full problem */
  optimal: boolean;
  /** valid lower bound on the optimum of the full problem (0 when nothing is known) */
  lowerBound: number;
  cuts: number;
  iterations: number;
  /** why the loop stopped */
  stop: 'optimal' | 'time-limit' | 'iterations' | 'solver';
}

/** Row set with duplicates dropped. */
class Rows {
  private readonly seen = new Set<string>();
  readonly list: number[][] = [];
  add(row: readonly number[]): boolean {
    if (!row.length) return false;
    const key = row.join(',');
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.list.push([...row]);
    return true;
  }
}

function rowsData(h: Reduced, rows: readonly number[][]): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
  let nnz = 0;
  for (const r of rows) nnz += r.length;
  const starts = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  let p = 0;
  rows.forEach((r, i) => {
    starts[i] = p;
    for (const v of r) indices[p++] = v - h.k;
  });
  starts[rows.length] = p;
  return { starts, indices, values };
}

/** Separator rows that start the model: each demand's endpoints with nothing chosen. */
export function initialRows(h: Reduced): number[][] {
  const alive = aliveOf(h, new Uint8Array(h.n - h.k));
  const sc = new Scratch(h.n);
  const out: number[][] = [];
  for (let q = 0; q < h.ds.length; q++) {
    out.push(separator(h, alive, h.ds[q]!, h.dt[q]!, sc));
    out.push(separator(h, alive, h.dt[q]!, h.ds[q]!, sc));
  }
  return out;
}

export interface CutLoopOptions {
  /** false: LP relaxation (a bound only) */
  integer: boolean;
  /** absolute time (performance.now()) to stop at */
  deadline: number;
  /** a feasible plan handed to HiGHS as a starting incumbent */
  incumbent?: Uint8Array;
  /** rows known to be valid (from the dual ascent, from an earlier loop) */
  rows?: readonly number[][];
  maxIterations?: number;
}

export function cutLoop(highs: Highs, h: Reduced, opts: CutLoopOptions): CutLoopResult {
  const nc = h.n - h.k;
  const rows = new Rows();
  for (const r of initialRows(h)) rows.add(r);
  for (const r of opts.rows ?? []) rows.add(r);
  const result: CutLoopResult = { chosen: null, optimal: false, lowerBound: 0, cuts: rows.list.length, iterations: 0, stop: 'solver' };
  if (h.ds.length === 0) return { ...result, chosen: new Uint8Array(nc), optimal: true, stop: 'optimal' };
  const model = cutModel(highs, h, rows.list, opts.integer);
  const sc = new Scratch(h.n);
  const maxIterations = opts.maxIterations ?? 2000;
  try {
    model.options.set({ output_flag: false, random_seed: 1, mip_rel_gap: 0, mip_abs_gap: 1e-6 });
    for (;;) {
      const y = solveRound(highs, model, opts, result, maxIterations);
      if (y === null) return result;
      // rows violated by the rounded solution
      const chosen = new Uint8Array(nc);
      for (let j = 0; j < nc; j++) chosen[j] = y[j]! > 0.5 ? 1 : 0;
      const alive = aliveOf(h, chosen);
      const bad = violatedDemands(h, alive);
      if (!bad.length) {
        if (opts.integer) {
          result.chosen = chosen;
          result.optimal = true;
          result.stop = 'optimal';
          result.lowerBound = Math.min(result.lowerBound, costOf(h, chosen));
        } else result.stop = 'optimal';
        return result;
      }
      const fresh = separateRows(h, alive, bad, y, rows, sc, opts.integer);
      if (!fresh.length) {
        result.stop = 'optimal'; // LP: no more rows found by this separation; the bound stands
        return result;
      }
      result.cuts += fresh.length;
      const add = rowsData(h, fresh);
      model.addRows({
        lower: new Float64Array(fresh.length).fill(1),
        upper: new Float64Array(fresh.length).fill(highs.infinity),
        matrix: { format: 'csr', numRows: fresh.length, numCols: nc, ...add },
      });
    }
  } finally {
    model.dispose();
  }
}

/** The covering model: one 0/1 (or [0, 1] for the LP) column per candidate at its cost, each row summing to at least 1. */
function cutModel(highs: Highs, h: Reduced, rows: readonly number[][], integer: boolean): Model {
  const nc = h.n - h.k;
  const data = rowsData(h, rows);
  const cost = new Float64Array(nc);
  for (let j = 0; j < nc; j++) cost[j] = h.cost[h.k + j]!;
  return highs.createModel({
    numCols: nc,
    numRows: rows.length,
    colCost: cost,
    colLower: new Float64Array(nc),
    colUpper: new Float64Array(nc).fill(1),
    rowLower: new Float64Array(rows.length).fill(1),
    rowUpper: new Float64Array(rows.length).fill(highs.infinity),
    matrix: { format: 'csr', numRows: rows.length, numCols: nc, ...data },
    ...(integer ? { integrality: new Int32Array(nc).fill(highs.constants.variableType.integer) } : {}),
  });
}

/**
 * One solve within the time and iteration budget: the column values when it reached an optimum
 * (raising result.lowerBound), else null with result.stop set (and the MIP's dual bound kept).
 */
function solveRound(highs: Highs, model: Model, opts: CutLoopOptions, result: CutLoopResult, maxIterations: number) {
  const left = (opts.deadline - performance.now()) / 1000;
  if (left <= 0) {
    result.stop = 'time-limit';
    return null;
  }
  if (result.iterations >= maxIterations) {
    result.stop = 'iterations';
    return null;
  }
  model.zeroAllClocks();
  model.options.set('time_limit', left);
  if (opts.integer && opts.incumbent) model.setSolution({ colValue: Float64Array.from(opts.incumbent) });
  const status = model.run().modelStatus;
  result.iterations++;
  const M = highs.constants.modelStatus;
  const y = model.getSolution().colValue;
  if (status === M.optimal) {
    const obj = model.getObjectiveValue();
    if (obj > result.lowerBound) result.lowerBound = obj;
    return y;
  }
  if (opts.integer && (status === M.timeLimit || status === M.interrupted)) {
    const b = Number(model.info.get('mip_dual_bound'));
    if (Number.isFinite(b) && b > result.lowerBound) result.lowerBound = b;
    result.stop = 'time-limit';
  } else {
    result.stop = status === M.timeLimit ? 'time-limit' : 'solver';
  }
  return null;
}

/** Separator rows for the demands the rounded point leaves cut off, both directions; new ones only (LP: violated ones only). */
function separateRows(h: Reduced, alive: Uint8Array, bad: readonly number[], y: ArrayLike<number>, rows: Rows, sc: Scratch, integer: boolean): number[][] {
  const fresh: number[][] = [];
  for (const q of bad) {
    for (const [a, b] of [[h.ds[q]!, h.dt[q]!], [h.dt[q]!, h.ds[q]!]] as const) {
      const row = separator(h, alive, a, b, sc);
      if (!integer) {
        // LP: keep a row only when the fractional point violates it
        let sum = 0;
        for (const v of row) sum += y[v - h.k]!;
        if (sum >= 1 - 1e-7) continue;
      }
      if (rows.add(row)) fresh.push(row);
    }
  }
  return fresh;
}
