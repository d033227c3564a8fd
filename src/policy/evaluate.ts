// The compliance check: devices + rules + a day → findings. Pure: no I/O, no clock.
import { findingOrder } from './order.js';
import { evaluateConcentration } from './concentration.js';
import { countryIndex, devicesInCountries } from './country-index.js';
import type { PolicyDevice } from './device.js';
import { evaluateDevice } from './device-rules.js';
import type { Finding } from './findings.js';
import type { Rule } from './schema.js';
import { evaluateShareCap } from './share-cap.js';
import { ruleInForce } from './timing.js';
import { vendorFamilies, type VendorFamilies } from './vendor-family.js';

export interface CheckInput {
  devices: readonly PolicyDevice[];
  rules: readonly Rule[];
  /** YYYY-MM-DD */
  asOf: string;
  families?: VendorFamilies;
  /**
   * The conservative reading: blank layer, technology, network, use and installed date count as
   * putting a device under the rule (stated on each finding) instead of making it needs-data.
   */
  assumeInScope?: boolean;
  /**
   * Apply rules labelled `unverified` as deadlines. Off by default: their findings are advisory
   * and say what they would be (`ifVerified`), so an unconfirmed fact never sets a deadline.
   */
  includeUnverified?: boolean;
}

export function evaluate(input: CheckInput): Finding[] {
  const fam = input.families ?? vendorFamilies();
  const assume = input.assumeInScope ?? false;
  const out: Finding[] = [];
  const index = countryIndex(input.devices);
  for (const rule of input.rules) {
    if (!ruleInForce(rule, input.asOf)) continue;
    if (rule.kind === 'share-cap') out.push(...evaluateShareCap(rule, input.devices, input.asOf, fam, assume));
    else if (rule.kind === 'concentration') out.push(...evaluateConcentration(rule, input.devices, input.asOf, assume));
    else {
      for (const d of devicesInCountries(index, rule.scope.countries)) {
        const f = evaluateDevice(rule, d, input.asOf, fam, { assumeInScope: assume, includeUnverified: input.includeUnverified ?? false });
        if (f) out.push(f);
      }
    }
  }
  return out.sort(findingOrder);
}
