// Public surface of the replacement planner (DESIGN section 4 `plan`, docs/plan.md).
export * from './types.js';
export { planReplacement, type PlanNetwork, type PlanRunOptions, type PlanDetail } from './planner.js';
export { CostTable, DEFAULT_COST_TABLE, nodeCosts, type CostEntry, type CostAttributes } from './costs.js';
export { reduce, DemandClass, type Demands, type Reduced } from './reduce.js';
export { cutLoop, loadHighs, type CutLoopResult } from './exact.js';
export { heuristicPlan, dualAscent } from './heuristic.js';
export { phasePlan, phaseInputOf, purchaseOrder, parseBudget, periodStart, type Phase, type PhasedPlan, type PhaseInput, type MissedDeadline } from './phases.js';
export { forcedFromFindings, type ForcingFinding } from './forced.js';
export { planDocument, type PlanDocument } from './format.js';
