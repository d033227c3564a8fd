// Share caps (UK: Huawei at most 35% of each provider's full-fibre access): judged per operator
// over the devices of the rule's segment. A share is counted in devices. Devices of unknown
// vendor could be the capped vendor: when they alone could push a group over, the group is
// reported "vendor unknown" rather than passed. Devices whose membership of the segment rests on
// a blank field (a radio site with no technology) are neither counted in nor left out: the share
// is bounded both ways, and when the bounds disagree about the cap the group is `needs-data`.
import type { PolicyDevice } from './device.js';
import { evidenceFor, ruleRef, vendorList, verificationNotices } from './explain.js';
import type { Finding, GroupInfo } from './findings.js';
import type { Rule } from './schema.js';
import { describeMissing, matchScope, missingNames, type MissingField } from './scope.js';
import { deadlineTiming, ruleInForce } from './timing.js';
import { coverage, type VendorFamilies } from './vendor-family.js';
import { day } from './dates.js';

export const NO_OPERATOR = '(no operator)';

/** Groups a rule's in-scope devices by operator, in first-seen order. */
export interface OperatorGroup {
  devices: PolicyDevice[];
  /** Per device id: what was assumed to put it in scope. */
  assumptions: Map<string, string[]>;
  /** Devices that may or may not be in the segment: a field the rule constrains is blank. */
  uncertain: { device: PolicyDevice; missing: MissingField[] }[];
}

/** The assumptions made for these devices, one line each, prefixed by the device id. */
export function assumptionsOf(g: OperatorGroup, members: readonly PolicyDevice[] = g.devices): string[] {
  return members.flatMap((d) => (g.assumptions.get(d.id) ?? []).map((a) => `${d.id}: ${a}`));
}

export function groupByOperator(rule: Rule, devices: readonly PolicyDevice[], asOf: string, assumeInScope = false): Map<string, OperatorGroup> {
  const groups = new Map<string, OperatorGroup>();
  const now = day(asOf);
  for (const d of devices) {
    if (d.installed && day(d.installed) > now) continue;
    const m = matchScope(rule.scope, d, assumeInScope);
    if (m.kind === 'out') continue;
    const key = d.operator || NO_OPERATOR;
    const g = groups.get(key) ?? { devices: [], assumptions: new Map<string, string[]>(), uncertain: [] };
    if (m.kind === 'needs-data') g.uncertain.push({ device: d, missing: m.missing });
    else g.devices.push(d);
    if (m.assumptions.length) g.assumptions.set(d.id, m.assumptions);
    groups.set(key, g);
  }
  return groups;
}

/** The group's uncertain devices with the fields each lacks, for GroupInfo. */
export function uncertainOf(g: OperatorGroup): { device: string; missing: string[] }[] {
  return g.uncertain.map((u) => ({ device: u.device.id, missing: missingNames(u.missing) }));
}

/** The blank fields of some uncertain devices, merged per field, for one reason line. */
export function mergedMissing(uncertain: OperatorGroup['uncertain']): MissingField[] {
  const byField = new Map<MissingField['field'], Set<string>>();
  for (const u of uncertain) for (const m of u.missing) byField.set(m.field, new Set([...(byField.get(m.field) ?? []), ...m.wanted]));
  return missingNames([...byField].map(([field]) => ({ field, wanted: [] }))).map((field) => ({ field, wanted: [...byField.get(field)!] }));
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

const pct = (n: number, of: number): number => (of === 0 ? 0 : Math.round((n / of) * 1000) / 10);

export function evaluateShareCap(rule: Rule, devices: readonly PolicyDevice[], asOf: string, fam: VendorFamilies, assumeInScope = false): Finding[] {
  if (!ruleInForce(rule, asOf) || rule.capPercent === undefined || !rule.removeBy) return [];
  const cap = rule.capPercent;
  const out: Finding[] = [];
  for (const [operator, g] of groupByOperator(rule, devices, asOf, assumeInScope)) {
    const covered: PolicyDevice[] = [];
    let unknown = 0;
    for (const d of g.devices) {
      const c = coverage(rule.vendors, rule.affiliates ?? true, d, fam);
      if (c.kind === 'covered') covered.push(d);
      else if (c.kind === 'unknown') unknown++;
    }
    // Uncertain devices either raise the share (the capped vendor's, or unknown) or dilute it.
    let upCapped = 0, upOther = 0, upUnknownVendor = 0;
    for (const u of g.uncertain) {
      const c = coverage(rule.vendors, rule.affiliates ?? true, u.device, fam);
      if (c.kind === 'not-covered') upOther++;
      else upCapped++;
      if (c.kind === 'unknown') upUnknownVendor++;
    }
    const total = g.devices.length;
    const overForSure = covered.length * 100 > cap * (total + upOther);
    const couldBeOver = (covered.length + unknown + upCapped) * 100 > cap * (total + upCapped);
    if (!overForSure && !couldBeOver) continue;
    const t = deadlineTiming(rule, rule.removeBy, asOf, `share at most ${cap}%`);
    const sharePercent = pct(covered.length, total);
    const excess = excessOverCap(covered.length, total, cap);
    const group: GroupInfo = {
      operator, segment: rule.segment ?? 'segment', total, covered: covered.length, unknown,
      devices: covered.map((d) => d.id), sharePercent, capPercent: cap, excess,
      ...(g.uncertain.length ? { uncertain: uncertainOf(g) } : {}),
    };
    const what = `${vendorList(rule)} ${covered.length} of ${total} ${group.segment} devices of ${operator} (${sharePercent}%)`;
    const base = {
      device: null, rule: rule.id, vendor: null, coveredAs: Array.isArray(rule.vendors) ? rule.vendors.join('/') : null,
      name: `${operator} / ${group.segment}`, country: commonCountry([...g.devices, ...g.uncertain.map((u) => u.device)]),
      operator: operator === NO_OPERATOR ? null : operator, layer: rule.scope.layers?.join('/') ?? null,
      technology: rule.scope.technologies?.join('/') ?? null, installed: null, group,
      evidence: covered.flatMap((d) => evidenceFor(d).slice(0, 1).map((e) => ({ ...e, detail: `${d.id}: ${e.detail ?? e.raw}` }))),
      ruleRef: ruleRef(rule), notices: [...assumptionsOf(g), ...verificationNotices(rule)],
    };
    if (!overForSure && g.uncertain.length) {
      const missing = mergedMissing(g.uncertain);
      const all = unknown || upUnknownVendor ? [{ field: 'vendor' as const, wanted: [vendorList(rule)] }, ...missing] : missing;
      const low = pct(covered.length, total + upOther), high = pct(covered.length + unknown + upCapped, total + upCapped);
      out.push({
        ...base, status: 'needs-data', ifCovered: t.status, missing: missingNames(all), deadline: null, daysLeft: null,
        reason: `${g.uncertain.length} device(s) of ${operator} need ${describeMissing(all)} to be judged under ${rule.id}: ` +
          `${vendorList(rule)} share of ${group.segment} between ${low}% and ${high}%, cap ${cap}%; if over, ${t.status}: ${t.reason}`,
      });
      continue;
    }
    const reason = overForSure
      ? `${what}, over the ${cap}% cap by ${excess} device(s); ${t.reason}`
      : `${what}, within the ${cap}% cap, but ${unknown} device(s) of unknown vendor could take it over; ${t.reason}`;
    const notices = overForSure && g.uncertain.length
      ? [`${g.uncertain.length} device(s) with blank scope fields not counted: over the cap however they are read`, ...base.notices]
      : base.notices;
    out.push({
      ...base, status: overForSure ? t.status : 'vendor-unknown', ...(overForSure ? {} : { ifCovered: t.status }),
      deadline: t.deadline, daysLeft: t.daysLeft, reason, notices,
    });
  }
  return out;
}
