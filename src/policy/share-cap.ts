// Share caps (UK: Huawei at most 35% of each provider's full-fibre access): judged per operator
// over the devices of the rule's segment. A share is counted in devices. Devices of unknown
// vendor could be the capped vendor: when they alone could push a group over, the group is
// reported "vendor unknown" rather than passed.
import type { PolicyDevice } from './device.js';
import { evidenceFor, ruleRef, vendorList, verificationNotices } from './explain.js';
import type { Finding, GroupInfo } from './findings.js';
import type { Rule } from './schema.js';
import { matchScope } from './scope.js';
import { deadlineTiming, ruleInForce } from './timing.js';
import { coverage, type VendorFamilies } from './vendor-family.js';
import { day } from './dates.js';

export const NO_OPERATOR = '(no operator)';

/** Groups a rule's in-scope devices by operator, in first-seen order. */
export interface OperatorGroup {
  devices: PolicyDevice[];
  /** Per device id: what was assumed to put it in scope. */
  assumptions: Map<string, string[]>;
}

/** The assumptions made for these devices, one line each, prefixed by the device id. */
export function assumptionsOf(g: OperatorGroup, members: readonly PolicyDevice[] = g.devices): string[] {
  return members.flatMap((d) => (g.assumptions.get(d.id) ?? []).map((a) => `${d.id}: ${a}`));
}

export function groupByOperator(rule: Rule, devices: readonly PolicyDevice[], asOf: string): Map<string, OperatorGroup> {
  const groups = new Map<string, OperatorGroup>();
  const now = day(asOf);
  for (const d of devices) {
    if (d.installed && day(d.installed) > now) continue;
    const m = matchScope(rule.scope, d);
    if (!m.inScope) continue;
    const key = d.operator || NO_OPERATOR;
    const g = groups.get(key) ?? { devices: [], assumptions: new Map<string, string[]>() };
    g.devices.push(d);
    if (m.assumptions.length) g.assumptions.set(d.id, m.assumptions);
    groups.set(key, g);
  }
  return groups;
}

export function commonCountry(devices: readonly PolicyDevice[]): string | null {
  const c = new Set(devices.map((d) => d.country ?? null));
  return c.size === 1 ? [...c][0]! : null;
}

/** Fewest capped devices to replace (total unchanged) so that their share is within the cap. */
export function excessOverCap(covered: number, total: number, capPercent: number): number {
  // The epsilon keeps 35% of 100 at 35, not 34, despite binary floating point.
  return Math.max(0, covered - Math.floor((capPercent * total) / 100 + 1e-9));
}

export function evaluateShareCap(rule: Rule, devices: readonly PolicyDevice[], asOf: string, fam: VendorFamilies): Finding[] {
  if (!ruleInForce(rule, asOf) || rule.capPercent === undefined || !rule.removeBy) return [];
  const cap = rule.capPercent;
  const out: Finding[] = [];
  for (const [operator, g] of groupByOperator(rule, devices, asOf)) {
    const covered: PolicyDevice[] = [];
    let unknown = 0;
    for (const d of g.devices) {
      const c = coverage(rule.vendors, rule.affiliates ?? true, d, fam);
      if (c.kind === 'covered') covered.push(d);
      else if (c.kind === 'unknown') unknown++;
    }
    const total = g.devices.length;
    const over = covered.length * 100 > cap * total;
    const couldBeOver = (covered.length + unknown) * 100 > cap * total;
    if (!over && !couldBeOver) continue;
    const t = deadlineTiming(rule, rule.removeBy, asOf, `share at most ${cap}%`);
    const sharePercent = Math.round((covered.length / total) * 1000) / 10;
    const excess = excessOverCap(covered.length, total, cap);
    const group: GroupInfo = {
      operator, segment: rule.segment ?? 'segment', total, covered: covered.length, unknown,
      devices: covered.map((d) => d.id), sharePercent, capPercent: cap, excess,
    };
    const what = `${vendorList(rule)} ${covered.length} of ${total} ${group.segment} devices of ${operator} (${sharePercent}%)`;
    const reason = over
      ? `${what}, over the ${cap}% cap by ${excess} device(s); ${t.reason}`
      : `${what}, within the ${cap}% cap, but ${unknown} device(s) of unknown vendor could take it over; ${t.reason}`;
    out.push({
      device: null, rule: rule.id, status: over ? t.status : 'vendor-unknown', ...(over ? {} : { ifCovered: t.status }),
      deadline: t.deadline, daysLeft: t.daysLeft, vendor: null, coveredAs: Array.isArray(rule.vendors) ? rule.vendors.join('/') : null,
      name: `${operator} / ${group.segment}`, country: commonCountry(g.devices), operator: operator === NO_OPERATOR ? null : operator,
      layer: rule.scope.layers?.join('/') ?? null, technology: rule.scope.technologies?.join('/') ?? null, installed: null,
      group, evidence: covered.flatMap((d) => evidenceFor(d).slice(0, 1).map((e) => ({ ...e, detail: `${d.id}: ${e.detail ?? e.raw}` }))),
      ruleRef: ruleRef(rule), reason, notices: [...assumptionsOf(g), ...verificationNotices(rule)],
    });
  }
  return out;
}
