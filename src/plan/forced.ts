// Forced replacements as plain input: what the policy findings produce, or a file
// (`id,deadline,reason` CSV, or a JSON array of {id, deadline, reason}).
import { splitCsvLine } from '../graph/csv.js';
import { InputError } from '../model/index.js';
import type { ForcedDevice } from './types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function check(f: { id?: unknown; deadline?: unknown; reason?: unknown }, file: string, line: number | undefined): ForcedDevice {
  if (typeof f.id !== 'string' || f.id.trim() === '') throw new InputError(file, line, 'forced device needs an id');
  if (typeof f.deadline !== 'string' || !DATE.test(f.deadline.trim())) {
    throw new InputError(file, line, `deadline must be a date YYYY-MM-DD, got "${String(f.deadline)}"`);
  }
  return { id: f.id.trim(), deadline: f.deadline.trim(), reason: typeof f.reason === 'string' ? f.reason.trim() : '' };
}

export function parseForced(text: string, file: string): ForcedDevice[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw new InputError(file, undefined, `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!Array.isArray(data)) throw new InputError(file, undefined, 'expected an array of {id, deadline, reason}');
    return data.map((x: unknown, i) => {
      if (typeof x !== 'object' || x === null) throw new InputError(file, undefined, `entry ${i + 1}: expected an object`);
      return check(x as Record<string, unknown>, file, undefined);
    });
  }
  const lines = text.split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '', file, 1).map((h) => h.trim().toLowerCase());
  const ii = header.indexOf('id'), di = header.indexOf('deadline'), ri = header.indexOf('reason');
  if (ii < 0 || di < 0) throw new InputError(file, 1, 'header must name id and deadline (and optionally reason)');
  const out: ForcedDevice[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    const f = splitCsvLine(lines[i]!, file, i + 1);
    out.push(check({ id: f[ii], deadline: f[di], reason: ri >= 0 ? (f[ri] ?? '') : '' }, file, i + 1));
  }
  return out;
}

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
