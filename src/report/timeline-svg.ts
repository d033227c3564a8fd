// The deadline timeline as inline SVG for the HTML report, drawn from the shared layout
// (timeline.ts, which keeps labels from overlapping). Untrusted strings (rule ids and words of a
// custom catalog) go through attrText(): SVG text cannot hold a <bdi>.
import { attrText, esc } from './escape.js';
import { EXPOSURE_COLOURS } from './map-frame.js';
import type { ReportModel } from './model.js';
import { layoutTimeline, timelineEntries, type PlacedLabel, type TimelineEntry } from './timeline.js';

/** Rows drawn; the table under the timeline lists them all. */
export const TIMELINE_ROWS = 40;
const FONT = 11;

export function barColour(e: TimelineEntry): string {
  if (e.overdue) return '#b71c1c';
  return e.daysLeft <= 90 ? EXPOSURE_COLOURS.all : e.daysLeft <= 365 ? EXPOSURE_COLOURS.some : '#1565c0';
}

function label(l: PlacedLabel, attrs = ''): string {
  return `<text x="${l.x.toFixed(1)}" y="${l.y}" text-anchor="${l.anchor}"${attrs}>${attrText(l.text)}</text>`;
}

export function timelineSvg(m: ReportModel): string {
  const entries = timelineEntries(m.findings, m.deadlines).slice(0, TIMELINE_ROWS);
  if (!entries.length) return '<p class="muted">no overdue finding and no upcoming deadline for the findings</p>';
  const t = layoutTimeline(entries, m.asOf, { width: 960, left: 300, rowHeight: 18, fontSize: FONT });
  const parts = [`<svg class="timeline" viewBox="0 0 ${t.width} ${t.height}" width="100%" role="img" aria-label="Deadline timeline" font-family="sans-serif" font-size="${FONT}">`];
  const gridTop = Math.min(...t.rows.map((r) => r.y));
  for (const g of t.grid) parts.push(`<line x1="${g.x.toFixed(1)}" x2="${g.x.toFixed(1)}" y1="${gridTop}" y2="${t.height}" stroke="#e0e0e0"/>`);
  for (const a of t.axis) parts.push(label(a, ' class="axis"'));
  for (const r of t.rows) {
    const e = r.entry;
    parts.push(
      `<g class="row${e.overdue ? ' overdue' : ''}">${label(r.label)}<rect x="${r.bar.x.toFixed(1)}" y="${r.y + 3}" width="${r.bar.width.toFixed(1)}" height="11" fill="${barColour(e)}" fill-opacity="0.75"><title>${attrText(e.date)} (${esc(e.overdue ? `${-e.daysLeft} days overdue` : `${e.daysLeft} days`)}): ${attrText(e.rule)} ${attrText(e.what)} — ${esc(e.findings)} finding(s)</title></rect>${label(r.date, r.date.inside ? ' fill="#ffffff"' : e.overdue ? ' fill="#b71c1c" font-weight="bold"' : ' fill="#424242"')}</g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
