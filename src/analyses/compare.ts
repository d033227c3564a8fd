// Any analysis of the registry, run on two snapshots and diffed table by table (tables.ts): the
// one generic "what changed" behind `cleanpath diff --analysis`, the API's diff route, and the
// report's and dashboard's "what changed since".
import type { AnalysisDocument, AnalysisSource, AnyAnalysis, RunEnv } from './define.js';
import { diffTable, tableSpec, type TableDiff } from './tables.js';

export interface AnalysisDiff extends TableDiff {
  analysis: string;
  /** The earlier and the later snapshot, as named by their documents' sources. */
  before: string;
  after: string;
  /** Why either run had nothing to analyse: its rows then mean little. */
  nothingToAnalyse: { before: string | null; after: string | null };
}

/** The diff of two documents of one analysis, for one of its tables (default the main one). */
export function diffDocuments(def: AnyAnalysis, before: AnalysisDocument, after: AnalysisDocument, names: { before: string; after: string }, table?: string): AnalysisDiff {
  const spec = tableSpec(def, table);
  return {
    analysis: def.id,
    before: names.before,
    after: names.after,
    nothingToAnalyse: { before: before.nothingToAnalyse, after: after.nothingToAnalyse },
    ...diffTable(spec, spec.rows(before), spec.rows(after)),
  };
}

/** Runs `def` on both sources with the same parameters and diffs the chosen table. */
export async function compareRuns(def: AnyAnalysis, before: AnalysisSource, after: AnalysisSource, params: Record<string, unknown>, env: RunEnv, table?: string): Promise<AnalysisDiff> {
  tableSpec(def, table);
  const a = await def.run(before, params, { ...env, strict: false });
  const b = await def.run(after, params, { ...env, strict: false });
  return diffDocuments(def, a, b, { before: before.snapshot ?? 'latest', after: after.snapshot ?? 'latest' }, table);
}
