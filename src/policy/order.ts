import { statusRank, type Finding } from './findings.js';

/** Country, then urgency, then the nearest deadline, then ids: stable output for diffs and tests. */
export function findingOrder(a: Finding, b: Finding): number {
  return (
    (a.country ?? '~').localeCompare(b.country ?? '~') ||
    statusRank(a.status) - statusRank(b.status) ||
    (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) ||
    (a.device ?? a.name ?? '').localeCompare(b.device ?? b.name ?? '') ||
    a.rule.localeCompare(b.rule)
  );
}
