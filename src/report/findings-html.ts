// The report's findings section: one collapsible group per rule and status (finding-groups.ts),
// the rule's title, instrument, clause and source once in the group, devices as rows. The most
// urgent groups (overdue, banned for new installs) are open; the others open on a click, so the
// page reads in minutes and no finding is left out. A group shows at most ROWS_SHOWN rows (finding-groups.ts); the
// rest are counted and the CSV and JSON exports hold them.
import { needsDataSentences, STATUSES, type Finding, type Status } from '../policy/index.js';
import { cellText, esc, text } from './escape.js';
import { findingSubject, groupFindings, shownFindings, type FindingGroup } from './finding-groups.js';
import { link, moreRows, num, table, td, tdn } from './html-parts.js';
import type { ReportModel } from './model.js';


/** Groups of these statuses are open when the page loads: they need action now. */
const OPEN: ReadonlySet<Status> = new Set(['overdue', 'banned-new-install']);

function evidenceList(f: Finding): string {
  if (!f.evidence.length) return '<span class="muted">no evidence</span>';
  const items = f.evidence.map(
    (e) =>
      `<li>${esc(e.kind)}: <code>${text(e.raw)}</code> → ${text(e.vendor ?? 'no vendor')} (${esc(Math.round(e.confidence * 100))}%${e.valid ? '' : ', invalid'})${e.source ? ` <span class="muted">${text(e.source)}</span>` : ''}</li>`,
  );
  return `<details><summary>${esc(f.evidence.length)} piece(s)</summary><ul>${items.join('')}</ul></details>`;
}

function notesList(notes: readonly string[]): string {
  return notes.length ? `<ul class="muted">${notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>` : '';
}

function row(f: Finding, g: FindingGroup): string[] {
  const own = f.notices.filter((n) => !g.notices.includes(n));
  return [
    td(findingSubject(f)),
    td(f.name ?? ''),
    td(f.vendor ?? 'unknown'),
    td(f.country ?? ''),
    td(f.deadline ?? ''),
    tdn(f.daysLeft),
    `<td>${g.reason === null ? cellText(f.reason) : ''}${notesList(own)}</td>`,
    `<td>${evidenceList(f)}</td>`,
  ];
}

function deadlineWords(g: FindingGroup): string {
  const d = g.deadlines;
  if (!d) return '';
  return d.first === d.last ? ` · deadline ${text(d.first)}` : ` · deadlines ${text(d.first)} to ${text(d.last)}`;
}

function groupHtml(g: FindingGroup): string {
  const r = g.ruleRef;
  const { shown } = shownFindings(g);
  const rows = shown.map((f) => row(f, g));
  const rowAttrs = shown.map(() => ` class="finding"`);
  const head = ['device', 'name', 'vendor', 'country', 'deadline', 'days left', g.reason === null ? 'why' : 'notes', 'evidence'];
  return `<details class="fgroup status-${esc(g.status)}" data-status="${esc(g.status)}"${OPEN.has(g.status) ? ' open' : ''}>
<summary><span class="badge">${esc(g.status)}</span> ${text(g.rule)} · <b>${esc(num(g.findings.length))}</b> finding(s)${deadlineWords(g)} <span class="muted">${text(r.title)}</span></summary>
<div class="rule-text"><p>${link(r.source, r.title)} — ${text(r.instrument)} ${text(r.clause)} (${esc(r.verification)})</p>${g.reason === null ? '' : `<p>${text(g.reason)}</p>`}${notesList(g.notices)}</div>
${table(head, rows, '', rowAttrs)}${moreRows(g.findings.length, shown.length, `finding(s) of ${g.rule} (${g.status})`)}</details>`;
}

export function findingsSection(m: ReportModel): string {
  const groups = groupFindings(m.findings);
  const statuses = STATUSES.filter((s) => m.summary.findingsByStatus[s]);
  const counts = statuses.map((s) => `${esc(m.summary.findingsByStatus[s])} ${esc(s)}`).join(', ');
  return `<section id="findings"><h2>Findings as of ${text(m.asOf)}</h2>
<p>${esc(num(m.summary.findings))} finding(s) against the rule catalog ${text(m.catalogVersion)}${counts ? `: ${counts}` : ''}, in ${esc(num(groups.length))} group(s) of one rule and one status. Each group names its rule with the instrument and source once; each row names a device and the evidence behind its vendor. Groups that need action now are open; click any other to open it.</p>
${needsDataSentences(m.findings, m.assumeInScope ?? false, m.includeUnverified ?? false).map((l) => `<p class="needs-data">${text(l)}</p>`).join('')}
<div class="filters"><input id="f-text" type="search" placeholder="filter findings"><select id="f-status"><option value="">every status</option>${statuses.map((s) => `<option value="${esc(s)}">${esc(s)}</option>`).join('')}</select><span id="f-count" class="muted"></span></div>
<div id="finding-groups">${groups.map(groupHtml).join('\n')}</div>${groups.length ? '' : '<p class="muted">no finding</p>'}</section>`;
}
