// Public surface of the graph analyses: exposure, clean paths, kill-switch.
export * from './types.js';
export { buildGraph, toInternalOrder, MAX_METRIC, type Graph, type BuildOptions } from './graph.js';
export { buildUntrusted, type NodePredicate } from './untrusted.js';
export { analyseExposure, type ExposureOptions, type ExposureResult } from './exposure.js';
export { defaultWorkers, type ProgressFn } from './parallel.js';
export { summarise, isSensitive, volumeOf, type ExposureSummary, type Chokepoint, type ClassCounts } from './summary.js';
export { exposureCsv, exposureDocument, killSwitchDocument, type ExposureDocument, type FlowExposure } from './format.js';
export {
  killSwitch,
  buildKillSet,
  FLOW_INTACT,
  FLOW_DISRUPTED,
  FLOW_ALREADY_UNREACHABLE,
  type KillSwitchSpec,
  type KillSwitchResult,
  type KillSwitchOptions,
  type RestoreCandidate,
  type SiteCutOff,
  type Tally,
} from './killswitch.js';
export { flowPaths, DEFAULT_PATH_LIMIT, type FlowPaths, type FlowPathsOptions, type CleanAlternative } from './flow-paths.js';
