// Whether a device falls within a rule's scope. A device attribute the rule constrains but the
// inventory leaves blank (a core with no technology) counts as in scope, with the assumption
// stated in the finding: a gap in the inventory must not read as compliance. Operators and
// sites are a rule's own selection, so a device without one is simply not selected.
import type { PolicyDevice } from './device.js';
import type { Scope } from './schema.js';

export interface ScopeMatch {
  inScope: boolean;
  /** What was assumed about attributes the inventory does not record. */
  assumptions: string[];
}

const OUT: ScopeMatch = { inScope: false, assumptions: [] };

export function deviceUses(device: PolicyDevice): string[] {
  const raw = device.extra['use'];
  return raw ? raw.split(/[,;]/).map((s) => s.trim().toLowerCase()).filter(Boolean) : [];
}

export function matchScope(scope: Scope, device: PolicyDevice): ScopeMatch {
  if (scope.countries !== 'any' && (!device.country || !scope.countries.includes(device.country))) return OUT;
  const assumptions: string[] = [];
  const attr = (name: string, allowed: readonly string[] | undefined, value: string | undefined): boolean => {
    if (!allowed) return true;
    if (value === undefined || value === '') {
      assumptions.push(`${name} not recorded: assumed ${allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`}`);
      return true;
    }
    return allowed.includes(value);
  };
  if (!attr('layer', scope.layers, device.layer)) return OUT;
  if (!attr('technology', scope.technologies, device.technology)) return OUT;
  if (!attr('network', scope.networks, device.network)) return OUT;
  if (scope.operators && (!device.operator || !scope.operators.includes(device.operator))) return OUT;
  if (scope.sites && (!device.site || !scope.sites.includes(device.site))) return OUT;
  if (scope.uses) {
    const uses = deviceUses(device);
    if (uses.length === 0) {
      if (scope.useMissing === 'out-of-scope') return OUT;
      assumptions.push(`use not recorded: assumed one of ${scope.uses.join(', ')}`);
    } else if (!uses.some((u) => scope.uses!.includes(u))) {
      return OUT;
    }
  }
  return { inScope: true, assumptions };
}
