/** One measured number of a benchmark, with its target when the issue sets one. */
export interface BenchResult {
  /** e.g. "MAC-to-vendor look-ups" */
  name: string;
  value: number;
  unit: string;
  /** e.g. ">= 5000000" — human-readable target, absent when none is set */
  target?: string;
  /** whether the target is met; absent when there is no target */
  met?: boolean;
  /** how it was measured: workload, sizes, peak memory... */
  note?: string;
}

/** Every benchmark module exports `run(): Promise<BenchResult[]>` and is listed in bench/run.ts. */
export type BenchModule = { run: () => Promise<BenchResult[]> };
