// Multi-vendor strategy (EU toolbox SM05): concentration of each operator's layer as a
// Herfindahl-Hirschman index on the 0..10000 scale (10000: one vendor; 5000: two equal ones).
// Shares are of devices whose vendor is known; unknowns are reported, and when putting them all
// on the largest vendor would cross the threshold the group is "vendor unknown", not passed.
// Devices whose membership rests on a blank scope field could join any layer group: an operator
// with such devices gets one needs-data finding naming them, when they could make a group big
// enough to be judged.
import type { PolicyDevice } from './device.js';
import { ruleRef, verificationNotices } from './explain.js';
import type { Finding, GroupInfo } from './findings.js';
import { describeMissing, missingNames } from './scope.js';
import type { Rule } from './schema.js';
import { assumptionsOf, commonCountry, groupByOperator, mergedMissing, NO_OPERATOR, uncertainOf, type OperatorGroup } from './share-cap.js';
import { ruleInForce } from './timing.js';

/** HHI of counts, rounded; 0 for no devices. */
export function herfindahl(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  return Math.round(counts.reduce((s, n) => s + ((100 * n) / total) ** 2, 0));
}

/** One needs-data finding for an operator's devices that could not be placed in (or out of) the scope. */
function uncertainFinding(rule: Rule, operator: string, g: OperatorGroup, largest: number): Finding | null {
  const n = g.uncertain.length;
  if (n === 0 || n + largest < (rule.minDevices ?? 1)) return null;
  const members = g.uncertain.map((u) => u.device);
  const missing = mergedMissing(g.uncertain);
  const segment = `${rule.segment ?? 'layer'}: undecided`;
  const group: GroupInfo = { operator, segment, total: n, covered: 0, unknown: members.filter((d) => d.vendor === null).length, devices: [], uncertain: uncertainOf(g) };
  return {
    device: null, rule: rule.id, status: 'needs-data', ifCovered: 'advisory', missing: missingNames(missing),
    deadline: null, daysLeft: null, vendor: null, coveredAs: null,
    name: `${operator} / ${segment}`, country: commonCountry(members), operator: operator === NO_OPERATOR ? null : operator,
    layer: null, technology: rule.scope.technologies?.join('/') ?? null, installed: null, group, evidence: [], ruleRef: ruleRef(rule),
    reason: `${n} device(s) of ${operator} need ${describeMissing(missing)} to be judged under ${rule.id}: each could change a layer's vendor concentration`,
    notices: verificationNotices(rule),
  };
}

export function evaluateConcentration(rule: Rule, devices: readonly PolicyDevice[], asOf: string, assumeInScope = false): Finding[] {
  if (!ruleInForce(rule, asOf) || rule.maxHhi === undefined) return [];
  const max = rule.maxHhi;
  const out: Finding[] = [];
  for (const [operator, g] of groupByOperator(rule, devices, asOf, assumeInScope)) {
    const byLayer = new Map<string, PolicyDevice[]>();
    for (const d of g.devices) byLayer.set(d.layer ?? '(no layer)', [...(byLayer.get(d.layer ?? '(no layer)') ?? []), d]);
    const undecided = uncertainFinding(rule, operator, g, Math.max(0, ...[...byLayer.values()].map((m) => m.length)));
    if (undecided) out.push(undecided);
    for (const [layer, members] of byLayer) {
      if (members.length < (rule.minDevices ?? 1)) continue;
      const counts = new Map<string, number>();
      let unknown = 0;
      for (const d of members) {
        if (d.vendor === null) unknown++;
        else counts.set(d.vendor, (counts.get(d.vendor) ?? 0) + 1);
      }
      const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const hhi = herfindahl(sorted.map(([, n]) => n));
      const worst = herfindahl(sorted.length ? [sorted[0]![1] + unknown, ...sorted.slice(1).map(([, n]) => n)] : [unknown]);
      if (hhi <= max && worst <= max) continue;
      const known = members.length - unknown;
      const shares = Object.fromEntries(sorted.map(([v, n]) => [v, Math.round((1000 * n) / known) / 10]));
      const segment = `${rule.segment ?? 'layer'}: ${layer}`;
      const group: GroupInfo = { operator, segment, total: members.length, covered: known, unknown, devices: [], hhi, maxHhi: max, shares };
      const mix = sorted.map(([v]) => `${v} ${shares[v]}%`).join(', ');
      const concentrated = hhi > max;
      out.push({
        device: null, rule: rule.id, status: concentrated ? 'advisory' : 'vendor-unknown', ...(concentrated ? {} : { ifCovered: 'advisory' as const }),
        deadline: null, daysLeft: null, vendor: sorted[0]?.[0] ?? null, coveredAs: null,
        name: `${operator} / ${segment}`, country: commonCountry(members), operator: operator === NO_OPERATOR ? null : operator,
        layer, technology: rule.scope.technologies?.join('/') ?? null, installed: null, group, evidence: [], ruleRef: ruleRef(rule),
        reason: concentrated
          ? `vendor concentration HHI ${hhi} > ${max} across ${known} device(s) (${mix})`
          : `HHI ${hhi} within ${max}, but ${unknown} device(s) of unknown vendor could raise it to ${worst}`,
        notices: [...(unknown && concentrated ? [`${unknown} device(s) of unknown vendor not counted`] : []), ...assumptionsOf(g, members), ...verificationNotices(rule)],
      });
    }
  }
  return out;
}
