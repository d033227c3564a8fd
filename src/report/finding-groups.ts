// Findings grouped by rule and status, the way the report reads them: the rule's text, source and
// the caveats every finding of the group shares once, then the devices as rows. A group holds
// findings of one rule with one status, most urgent status first (policy's STATUSES order). The
// HTML and the Markdown report both lay out these groups, with the same cap on rows per group.
import { STATUSES, type Finding, type RuleRef, type Status } from '../policy/index.js';

export interface FindingGroup {
  rule: string;
  status: Status;
  ruleRef: RuleRef;
  findings: Finding[];
  /** The reason when every finding of the group gives the same one, else null (then per row). */
  reason: string | null;
  /** Notices every finding of the group carries (said once above the rows). */
  notices: string[];
  /** The first and last deadline of the group's findings; null when none has one. */
  deadlines: { first: string; last: string } | null;
}

/** Rows a group shows in the HTML or Markdown report; the rest are counted, and the CSV and JSON exports hold them. */
export const ROWS_SHOWN = 200;

/** The group's findings a report page writes, and how many more it only counts. */
export function shownFindings(g: FindingGroup): { shown: Finding[]; more: number } {
  const shown = g.findings.slice(0, ROWS_SHOWN);
  return { shown, more: g.findings.length - shown.length };
}

/** What a finding is about: its device, or for a share cap or concentration its operator's segment. */
export function findingSubject(f: Finding): string {
  return f.device ?? (f.group ? `${f.group.operator} / ${f.group.segment}` : '');
}

function shared(findings: readonly Finding[]): Pick<FindingGroup, 'reason' | 'notices' | 'deadlines'> {
  const first = findings[0]!;
  const reason = findings.every((f) => f.reason === first.reason) ? first.reason : null;
  const notices = first.notices.filter((n) => findings.every((f) => f.notices.includes(n)));
  const dates = findings.flatMap((f) => (f.deadline ? [f.deadline] : [])).sort();
  return { reason, notices, deadlines: dates.length ? { first: dates[0]!, last: dates[dates.length - 1]! } : null };
}

export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const byKey = new Map<string, Finding[]>();
  for (const f of findings) {
    const k = `${f.status}\u0000${f.rule}`;
    const list = byKey.get(k);
    if (list) list.push(f);
    else byKey.set(k, [f]);
  }
  const rank = (s: Status) => STATUSES.indexOf(s);
  return [...byKey.values()]
    .map((fs) => ({ rule: fs[0]!.rule, status: fs[0]!.status, ruleRef: fs[0]!.ruleRef, findings: fs, ...shared(fs) }))
    .sort((a, b) => rank(a.status) - rank(b.status) || a.rule.localeCompare(b.rule));
}
