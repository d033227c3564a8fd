// Devices for policy tests, built in a line: only what the rule under test looks at.
import type { Evidence } from '../../src/model/index.js';
import type { PolicyDevice, Rule } from '../../src/policy/index.js';

export function dev(id: string, vendor: string | null, over: Partial<PolicyDevice> = {}, evidence?: Evidence[]): PolicyDevice {
  const ev: Evidence[] = evidence ?? (vendor ? [{ kind: 'sysdescr', raw: `${vendor} box`, vendor, confidence: 0.95, valid: true, source: { file: 'inv.csv', line: 7 } }] : []);
  return { id, vendor, extra: {}, attribution: { vendor, confidence: vendor ? 0.95 : 0, evidence: ev, conflicts: [] }, ...over };
}

/** A device inside every scope constraint of `rule`, of one of its vendors. */
export function inScopeDevice(rule: Rule, id = 'd1', over: Partial<PolicyDevice> = {}): PolicyDevice {
  const s = rule.scope;
  const vendor = Array.isArray(rule.vendors) ? rule.vendors[0]! : rule.vendors === 'any' ? 'huawei' : rule.vendors.madeOutside.includes('CN') ? 'nokia' : 'huawei';
  return dev(id, vendor, {
    country: s.countries === 'any' ? 'DE' : s.countries[0]!,
    ...(s.layers ? { layer: s.layers[0]! } : {}),
    ...(s.technologies ? { technology: s.technologies[0]! } : {}),
    ...(s.networks ? { network: s.networks[0]! } : {}),
    operator: s.operators?.[0] ?? 'Op A',
    ...(s.sites ? { site: s.sites[0]! } : {}),
    extra: {
      ...(s.uses ? { use: s.uses[0]! } : {}),
      ...(s.funding ? { funding: s.funding[0]! } : {}),
      ...(s.grades ? { grade: s.grades[0]! } : {}),
    },
    ...over,
  });
}
