// Plan output as a JSON document (infinite costs as null). CSV and table live in the CLI.
import type { PhasedPlan } from './phases.js';
import type { PlanResult } from './types.js';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const round = (x: number): number => Math.round(x * 1e6) / 1e6;

export interface PlanDocument {
  method: PlanResult['method'];
  status: PlanResult['status'];
  totalCost: number;
  lowerBound: number;
  gap: number;
  devices: PlanResult['devices'];
  flows: Array<Omit<PlanResult['flows'][number], 'cost' | 'cleanBefore' | 'cleanAfter' | 'stretch'> & {
    cost: number | null;
    cleanBefore: number | null;
    cleanAfter: number | null;
    stretch: number | null;
  }>;
  stats: PlanResult['stats'];
  notes: string[];
  phasing?: PhasedPlan;
}

export function planDocument(plan: PlanResult, phasing?: PhasedPlan): PlanDocument {
  return {
    method: plan.method,
    status: plan.status,
    totalCost: plan.totalCost,
    lowerBound: round(plan.lowerBound),
    gap: round(plan.gap),
    devices: plan.devices,
    flows: plan.flows.map((f) => ({
      ...f,
      cost: finite(f.cost),
      cleanBefore: finite(f.cleanBefore),
      cleanAfter: finite(f.cleanAfter),
      stretch: finite(f.stretch) === null ? null : round(f.stretch),
    })),
    stats: { ...plan.stats, seconds: round(plan.stats.seconds) },
    notes: plan.notes,
    ...(phasing ? { phasing } : {}),
  };
}

