// Forced replacements as plain input: what the policy findings produce here, or a user's list
// (read from a file by src/ingest/plain/forced.ts: the planner reads no file).
import type { ForcedDevice } from './types.js';

/** The fields of a policy finding (src/policy `Finding`) the planner needs; structural on purpose. */
export interface ForcingFinding {
  device: string | null;
  status: string;
  deadline: string | null;
  rule: string;
  ruleRef?: { jurisdiction?: string; title?: string };
}

/**
 * Statuses that never force, whatever the caller asks: the data cannot say whether the rule
 * binds the device (docs/policy.md), and a plan must not buy what no rule is known to mandate.
 */
const NEVER_FORCES: ReadonlySet<string> = new Set(['needs-data', 'vendor-unknown']);

/**
 * Forced replacements from policy findings: per-device findings whose status is `overdue` or
 * `due` (by default) and that carry a deadline. A device named by several rules keeps the
 * earliest deadline (the planner does that too). Group findings (share caps) are not per-device
 * obligations and are skipped.
 */
export function forcedFromFindings(findings: readonly ForcingFinding[], statuses: readonly string[] = ['overdue', 'due']): ForcedDevice[] {
  const byDevice = new Map<string, ForcedDevice>();
  for (const f of findings) {
    if (f.device === null || f.deadline === null || !statuses.includes(f.status) || NEVER_FORCES.has(f.status)) continue;
    const reason = [f.rule, f.ruleRef?.jurisdiction, f.ruleRef?.title].filter(Boolean).join(': ') + ` (${f.status})`;
    const prev = byDevice.get(f.device);
    if (!prev || f.deadline < prev.deadline) byDevice.set(f.device, { id: f.device, deadline: f.deadline, reason });
  }
  return [...byDevice.values()].sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id.localeCompare(b.id));
}
