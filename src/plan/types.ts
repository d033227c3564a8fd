// Inputs and results of the replacement planner (DESIGN section 4, `plan`).

/** A device a rule requires to be replaced by a date, whatever the flows need. */
export interface ForcedDevice {
  id: string;
  /** ISO date `YYYY-MM-DD` */
  deadline: string;
  /** e.g. the rule id and title, shown in the plan */
  reason: string;
}

export type BudgetPeriod = 'year' | 'quarter' | 'month';

export interface Budget {
  /** money available per period, same currency as device costs */
  amount: number;
  period: BudgetPeriod;
  /** ISO date the first period starts */
  start: string;
  /** number of periods to plan over; default: as many as the plan needs */
  periods?: number;
  /** whether money not spent in a period stays available later (default true) */
  carryOver?: boolean;
}

export type PlanMode = 'auto' | 'exact' | 'heuristic';

export interface PlanOptions {
  /** `auto` (default): exact when the reduced instance is small enough, else heuristic */
  mode?: PlanMode;
  /** wall-clock limit for the whole solve, seconds (default 60) */
  timeLimit?: number;
  /** devices forced in by rules (policy findings) */
  forced?: readonly ForcedDevice[];
  /** stretch bound (clean cost / cost) for every sensitive flow; heuristic, violations reported */
  maxStretch?: number;
  /** per-flow stretch bound, overrides `maxStretch` */
  flowStretch?: ReadonlyMap<string, number>;
  /** `auto` uses the exact solver up to this many candidate devices in the reduced instance (default 5000) */
  exactMaxCandidates?: number;
}

/** Why a device is in the plan. */
export type DeviceReason = 'flows' | 'endpoint' | 'forced' | 'stretch';

export interface PlannedDevice {
  id: string;
  cost: number;
  reasons: DeviceReason[];
  /** present when a rule forces the device */
  deadline?: string;
  forcedBy?: string;
  /** sensitive flows whose chosen clean path goes through the device (endpoints included) */
  flows: number;
}

/**
 * Per sensitive flow, before the plan: `clean` (already has a clean path), `exposed` (needs
 * replacements), `endpoint` (its source or destination is itself untrusted: that device is
 * replaced), `unreachable` (no path at all, nothing to plan).
 */
export type FlowPlanStatus = 'clean' | 'exposed' | 'endpoint' | 'unreachable';

export interface PlannedFlow {
  id: string;
  src: string;
  dst: string;
  volume: number;
  status: FlowPlanStatus;
  /** least metric in the whole graph (Infinity when unreachable) */
  cost: number;
  /** clean cost before (untrusted avoided) and after the plan (replaced devices allowed) */
  cleanBefore: number;
  cleanAfter: number;
  /** cleanAfter / cost; Infinity when there is no clean path */
  stretch: number;
  /** the bound that applies to the flow, if any */
  stretchBound?: number;
  /** true when a bound applies and the plan does not meet it */
  stretchViolated: boolean;
}

export type PlanStatus = 'optimal' | 'time-limit' | 'heuristic';

export interface PlanStats {
  /** untrusted devices in the input */
  untrusted: number;
  /** nodes and links of the reduced instance (trusted components contracted) */
  reducedNodes: number;
  reducedLinks: number;
  /** candidate devices the optimisation chooses from */
  candidates: number;
  /** distinct (source, destination) demands left after the reduction */
  demands: number;
  /** separator rows generated (exact) */
  cuts: number;
  /** MILP solves (exact) */
  iterations: number;
  /** which argument gives the lower bound */
  boundSource: string;
  seconds: number;
}

export interface PlanResult {
  method: 'exact' | 'heuristic';
  status: PlanStatus;
  totalCost: number;
  lowerBound: number;
  /** (totalCost - lowerBound) / totalCost, 0 when both are 0 */
  gap: number;
  devices: PlannedDevice[];
  /** sensitive flows only, in input order */
  flows: PlannedFlow[];
  stats: PlanStats;
  notes: string[];
}
