// What to fill in: per inventory field, how many devices lack it where a rule's applicability
// depends on it. Drives the check's "37 devices need a layer to be judged" lines and its JSON.
import type { Finding } from './findings.js';
import { MISSING_FIELDS, type MissingFieldName } from './scope.js';

export interface MissingCount {
  field: MissingFieldName;
  /** Distinct devices lacking the field in at least one needs-data finding. */
  devices: number;
}

/** The command that completes a snapshot in place of rewriting it (issue 14, point 3). */
export const FILL_IN_HINT = 'cleanpath import changes.csv --base latest --update';

export function missingDataSummary(findings: readonly Finding[]): MissingCount[] {
  const byField = new Map<string, Set<string>>();
  const add = (device: string, fields: readonly string[]) => {
    for (const f of fields) byField.set(f, (byField.get(f) ?? new Set()).add(device));
  };
  for (const f of findings) {
    if (f.status !== 'needs-data') continue;
    if (f.device !== null) add(f.device, f.missing ?? []);
    for (const u of f.group?.uncertain ?? []) add(u.device, u.missing);
  }
  return MISSING_FIELDS.filter((f) => byField.has(f)).map((field) => ({ field, devices: byField.get(field)!.size }));
}

const WHAT: Record<MissingFieldName, string> = {
  vendor: 'a vendor', country: 'a country', layer: 'a layer', technology: 'a technology', network: 'a network',
  operator: 'an operator', site: 'a site', use: 'a use', funding: 'a funding source', grade: 'a grade (consumer, enterprise, carrier)',
  purchased: 'a purchase date', installed: 'an installed date',
};

/**
 * The report's sentences on judging: the assumption the check was told to make, then what to
 * fill in. Empty when neither applies.
 */
export function needsDataSentences(findings: readonly Finding[], assumed: boolean, includeUnverified = false): string[] {
  const head = assumed ? ['Blank layer, technology, network, use, funding, grade, purchase and installed dates were read as in scope (--assume-in-scope).'] : [];
  return [...head, ...unverifiedSentences(findings, includeUnverified), ...missingDataLines(missingDataSummary(findings))];
}

/** Whether rules nobody has checked against their text set deadlines here, and how many findings wait on that choice. */
function unverifiedSentences(findings: readonly Finding[], included: boolean): string[] {
  if (included) return ['Rules whose primary text has not been read (verification: unverified) were applied with their deadlines (--include-unverified).'];
  const held = findings.filter((f) => f.ifVerified !== undefined).length;
  return held ? [`${held} finding(s) of unverified rules are shown as advisory, with the status they would have (if verified); --include-unverified applies them.`] : [];
}

/** "37 devices need a layer to be judged: cleanpath import changes.csv --base latest --update" */
export function missingDataLines(summary: readonly MissingCount[]): string[] {
  return summary.map((m) => `${m.devices} ${m.devices === 1 ? 'device needs' : 'devices need'} ${WHAT[m.field]} to be judged: ${FILL_IN_HINT}`);
}
