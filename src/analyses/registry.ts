// The analyses cleanpath answers, each declared once in its own module (define.ts says what a
// declaration holds). Adding one is its module plus one line here; every interface that must
// handle each analysis keys a Record by AnalysisId, so a missing case does not compile.
import type { z } from 'zod';
import { chokepoints } from './chokepoints.js';
import type { AnyAnalysis } from './define.js';
import { exposure } from './exposure.js';
import { findings } from './findings.js';
import { flowPathsAnalysis } from './flow-paths.js';
import { killswitch } from './killswitch.js';
import { pathsExposure } from './paths-exposure.js';
import { plan } from './plan.js';
import { screening } from './screening.js';
import { whatif } from './whatif.js';

export const ANALYSES = {
  findings,
  exposure,
  chokepoints,
  'flow-paths': flowPathsAnalysis,
  killswitch,
  plan,
  screening,
  'paths-exposure': pathsExposure,
  whatif,
} as const;

export type AnalysisId = keyof typeof ANALYSES;
export type Analysis<K extends AnalysisId> = (typeof ANALYSES)[K];
export type DocumentOf<K extends AnalysisId> = Awaited<ReturnType<Analysis<K>['run']>>;
export type ParamsOf<K extends AnalysisId> = z.output<Analysis<K>['params']>;

export const ANALYSIS_IDS = Object.keys(ANALYSES) as AnalysisId[];

/** Every analysis, types erased, in registry order. */
export function allAnalyses(): AnyAnalysis[] {
  return ANALYSIS_IDS.map((id) => ANALYSES[id] as unknown as AnyAnalysis);
}

export function isAnalysisId(s: string): s is AnalysisId {
  return Object.hasOwn(ANALYSES, s);
}

export function analysisById(id: AnalysisId): AnyAnalysis {
  return ANALYSES[id] as unknown as AnyAnalysis;
}
