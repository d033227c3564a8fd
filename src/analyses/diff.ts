// Two snapshots compared: devices added and removed per vendor, findings opened, closed and
// changed (the generic table diff of the findings analysis), and progress toward each removal
// deadline (what is left, at what pace, will it make it). Pure: the
// caller reads the store and the catalog; the result is plain JSON-serialisable data.
import { findingRow, findings } from './findings.js';
import { diffTable, type RowChange } from './tables.js';
import { addDays, dayNumber, evaluate, isUndecided, type Finding, type PolicyDevice, type Rule, type Status, type VendorFamilies } from '../policy/index.js';

export interface DiffSide {
  /** Snapshot name. */
  name: string;
  /** YYYY-MM-DD the snapshot was taken (its createdAt day): the clock for the pace. */
  date: string;
  /** YYYY-MM-DD the policy is evaluated as of (the snapshot's own date unless overridden). */
  asOf: string;
  devices: readonly PolicyDevice[];
}

export interface DiffInput {
  a: DiffSide;
  b: DiffSide;
  rules: readonly Rule[];
  families?: VendorFamilies;
}

export interface VendorChange {
  /** Attributed vendor, or "unknown". */
  vendor: string;
  inA: number;
  inB: number;
  added: number;
  removed: number;
}

export interface FindingChange {
  /** Device id, or `group:<name>` for a share-cap / concentration group finding. */
  device: string;
  rule: string;
  status: Status;
  vendor: string | null;
}

/** overdue: the deadline is past with some left, whatever the pace. */
export type Verdict = 'done' | 'overdue' | 'on-track' | 'behind' | 'no-progress' | 'unknown-pace';

export interface DeadlineProgress {
  rule: string;
  title: string;
  removeBy: string;
  /** 'devices' for device rules; 'excess' for share caps (devices over the cap). */
  unit: 'devices' | 'excess';
  /** Devices in scope of the rule (vendor known to be covered) in A and in B. */
  inScopeA: number;
  inScopeB: number;
  /** What still has to go: in-scope devices, or a share cap's excess. */
  leftA: number;
  leftB: number;
  /** In-scope devices of A no longer in scope in B (gone or replaced). */
  removed: number;
  /** Devices of the rule's vendor(s) whose vendor is still unknown in B: not counted in `left`. */
  unknownB: number;
  /** Days between the snapshots' dates. */
  days: number;
  /** Net reduction of `left` per day; null when the snapshots are taken on the same day. */
  perDay: number | null;
  /** Day `left` reaches zero at that pace; null when it never does. */
  projectedDone: string | null;
  daysLeft: number;
  verdict: Verdict;
}

export interface DiffResult {
  a: { name: string; date: string; asOf: string; devices: number; findings: number };
  b: { name: string; date: string; asOf: string; devices: number; findings: number };
  devices: { added: string[]; removed: string[]; byVendor: VendorChange[] };
  /**
   * Opened and closed: by (device, rule). Changed: the generic diff of the findings table
   * (tables.ts), e.g. a status that moved from due to overdue or a vendor now known.
   */
  findings: { opened: FindingChange[]; closed: FindingChange[]; changed: RowChange[] };
  deadlines: DeadlineProgress[];
}

function dayOf(date: string): number {
  const n = dayNumber(date);
  if (n === undefined) throw new Error(`not a date: ${date}`);
  return n;
}

function findingKey(f: Finding): string {
  return `${f.device ?? `group:${f.name ?? ''}`}\u0000${f.rule}`;
}

function change(f: Finding): FindingChange {
  return { device: f.device ?? `group:${f.name ?? ''}`, rule: f.rule, status: f.status, vendor: f.vendor };
}

const changeOrder = (x: FindingChange, y: FindingChange): number => x.rule.localeCompare(y.rule) || x.device.localeCompare(y.device);

function vendorChanges(a: readonly PolicyDevice[], b: readonly PolicyDevice[]): DiffResult['devices'] {
  const idsA = new Set(a.map((d) => d.id));
  const idsB = new Set(b.map((d) => d.id));
  const rows = new Map<string, VendorChange>();
  const row = (d: PolicyDevice): VendorChange => {
    const v = d.vendor ?? 'unknown';
    let r = rows.get(v);
    if (!r) rows.set(v, (r = { vendor: v, inA: 0, inB: 0, added: 0, removed: 0 }));
    return r;
  };
  const added: string[] = [];
  const removed: string[] = [];
  for (const d of a) {
    const r = row(d);
    r.inA++;
    if (!idsB.has(d.id)) { r.removed++; removed.push(d.id); }
  }
  for (const d of b) {
    const r = row(d);
    r.inB++;
    if (!idsA.has(d.id)) { r.added++; added.push(d.id); }
  }
  const byVendor = [...rows.values()].sort((x, y) => y.added + y.removed - (x.added + x.removed) || x.vendor.localeCompare(y.vendor));
  return { added: added.sort(), removed: removed.sort(), byVendor };
}

interface Scoped {
  inScope: Set<string>;
  left: number;
  unknown: number;
}

/** One rule on one side, as of the later of the side's as-of day and the rule's effective day. */
function scoped(rule: Rule, side: DiffSide, families: VendorFamilies | undefined): Scoped {
  const asOf = dayOf(side.asOf) >= dayOf(rule.effective) ? side.asOf : rule.effective;
  const findings = evaluate({ devices: side.devices, rules: [rule], asOf, ...(families ? { families } : {}) });
  const inScope = new Set<string>();
  let excess = 0;
  let unknown = 0;
  for (const f of findings) {
    // Undecided (vendor or scope data missing): not known to be in scope, counted apart.
    if (isUndecided(f.status)) { unknown++; continue; }
    if (f.device !== null) inScope.add(f.device);
    else if (f.group) {
      for (const id of f.group.devices) inScope.add(id);
      excess += f.group.excess ?? 0;
    }
  }
  return { inScope, left: rule.kind === 'share-cap' ? excess : inScope.size, unknown };
}

function progress(rule: Rule & { removeBy: string }, input: DiffInput): DeadlineProgress {
  const A = scoped(rule, input.a, input.families);
  const B = scoped(rule, input.b, input.families);
  let removed = 0;
  for (const id of A.inScope) if (!B.inScope.has(id)) removed++;
  const days = dayOf(input.b.date) - dayOf(input.a.date);
  const perDay = days > 0 ? (A.left - B.left) / days : null;
  const daysLeft = dayOf(rule.removeBy) - dayOf(input.b.date);
  let projectedDone: string | null = null;
  let verdict: Verdict;
  if (B.left === 0) {
    projectedDone = input.b.date;
    verdict = 'done';
  } else if (daysLeft < 0) {
    verdict = 'overdue';
    if (perDay !== null && perDay > 0) projectedDone = addDays(input.b.date, Math.ceil(B.left / perDay));
  } else if (perDay === null) {
    verdict = 'unknown-pace';
  } else if (perDay <= 0) {
    verdict = 'no-progress';
  } else {
    projectedDone = addDays(input.b.date, Math.ceil(B.left / perDay));
    verdict = projectedDone <= rule.removeBy ? 'on-track' : 'behind';
  }
  return {
    rule: rule.id, title: rule.title, removeBy: rule.removeBy, unit: rule.kind === 'share-cap' ? 'excess' : 'devices',
    inScopeA: A.inScope.size, inScopeB: B.inScope.size, leftA: A.left, leftB: B.left, removed, unknownB: B.unknown,
    days, perDay: perDay === null ? null : Math.round(perDay * 1e4) / 1e4, projectedDone, daysLeft, verdict,
  };
}

export function diffSnapshots(input: DiffInput): DiffResult {
  const { a, b, rules } = input;
  const fam = input.families ? { families: input.families } : {};
  const fa = evaluate({ devices: a.devices, rules, asOf: a.asOf, ...fam });
  const fb = evaluate({ devices: b.devices, rules, asOf: b.asOf, ...fam });
  const keysA = new Set(fa.map(findingKey));
  const keysB = new Set(fb.map(findingKey));
  const opened = fb.filter((f) => !keysA.has(findingKey(f))).map(change).sort(changeOrder);
  const { changed } = diffTable(findings.tables[0]!, fa.map(findingRow), fb.map(findingRow));
  const closed = fa.filter((f) => !keysB.has(findingKey(f))).map(change).sort(changeOrder);
  const deadlines: DeadlineProgress[] = [];
  for (const r of rules) if (r.removeBy) deadlines.push(progress(r as Rule & { removeBy: string }, input));
  // only rules that concern either snapshot
  const relevant = deadlines.filter((d) => d.inScopeA + d.inScopeB + d.leftA + d.leftB + d.unknownB > 0);
  relevant.sort((x, y) => x.removeBy.localeCompare(y.removeBy) || x.rule.localeCompare(y.rule));
  return {
    a: { name: a.name, date: a.date, asOf: a.asOf, devices: a.devices.length, findings: fa.length },
    b: { name: b.name, date: b.date, asOf: b.asOf, devices: b.devices.length, findings: fb.length },
    devices: vendorChanges(a.devices, b.devices),
    findings: { opened, closed, changed },
    deadlines: relevant,
  };
}
