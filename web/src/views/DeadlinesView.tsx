// The deadline timeline: overdue findings first (their deadline passed, the equipment still in
// place: marked overdue), then each upcoming date of a rule that has findings, as a bar from the
// as-of date (red within 90 days, orange within a year), with the table underneath. The geometry
// is the report's (src/report/timeline.ts): labels are laid out so that none overlaps another.
import { layoutTimeline, timelineEntries, type PlacedLabel, type TimelineEntry } from '../../../src/report/timeline.js';
import { EXPOSURE_COLOURS, num } from '../format.js';
import type { ReportModel } from '../types.js';
import { plain, Text } from '../Text.js';

const FONT = 11;

function colour(e: TimelineEntry): string {
  if (e.overdue) return '#b71c1c';
  return e.daysLeft <= 90 ? EXPOSURE_COLOURS.all : e.daysLeft <= 365 ? EXPOSURE_COLOURS.some : '#1565c0';
}

function Label({ l, fill, bold, className }: { l: PlacedLabel; fill?: string; bold?: boolean; className?: string }) {
  return (
    <text x={l.x} y={l.y} textAnchor={l.anchor} fill={fill} fontWeight={bold ? 'bold' : undefined} className={className}>
      {plain(l.text)}
    </text>
  );
}

function Timeline({ entries, asOf }: { entries: TimelineEntry[]; asOf: string }) {
  const t = layoutTimeline(entries, asOf, { width: 960, left: 320, rowHeight: 20, fontSize: FONT });
  const gridTop = Math.min(...t.rows.map((r) => r.y));
  return (
    <svg className="timeline" viewBox={`0 0 ${t.width} ${t.height}`} width="100%" role="img" aria-label="Deadline timeline" fontFamily="sans-serif" fontSize={FONT}>
      {t.grid.map((g) => (
        <line key={g.year} x1={g.x} x2={g.x} y1={gridTop} y2={t.height} stroke="#e0e0e0" />
      ))}
      {t.axis.map((a) => (
        <Label key={a.text} l={a} className="axis" />
      ))}
      {t.rows.map((r) => (
        <g key={r.entry.key} className={r.entry.overdue ? 'row overdue' : 'row'} data-testid={r.entry.overdue ? 'overdue-deadline' : 'deadline'}>
          <Label l={r.label} />
          <rect x={r.bar.x} y={r.y + 3} width={r.bar.width} height={12} fill={colour(r.entry)} fillOpacity={0.75}>
            <title>{`${plain(r.entry.date)} (${r.entry.overdue ? `${-r.entry.daysLeft} days overdue` : `${r.entry.daysLeft} days`}): ${plain(r.entry.rule)} ${plain(r.entry.what)} — ${r.entry.findings} finding(s)`}</title>
          </rect>
          <Label l={r.date} fill={r.date.inside ? '#ffffff' : r.entry.overdue ? '#b71c1c' : '#424242'} bold={r.entry.overdue} />
        </g>
      ))}
    </svg>
  );
}

export function DeadlinesView({ report: m }: { report: ReportModel }) {
  const items = timelineEntries(m.findings, m.deadlines);
  const overdue = items.filter((e) => e.overdue);
  const undecided = m.findings.filter((f) => f.status === 'needs-data').length;
  // needs-data findings have no deadline until the data says the rule applies: said, never drawn.
  const note = undecided ? <p className="muted" data-testid="needs-data-deadlines">{undecided} finding(s) need data before any deadline applies to them (see Findings).</p> : null;
  if (!items.length) return <>{note}<p className="muted">No overdue finding and no upcoming deadline for the findings as of <Text value={m.asOf} />.</p></>;
  return (
    <div className="deadlines">
      <h2>
        Deadlines after <Text value={m.asOf} />
      </h2>
      {overdue.length ? (
        <p className="bad" data-testid="overdue-summary">
          {num(overdue.reduce((a, e) => a + e.findings, 0))} finding(s) overdue under {num(new Set(overdue.map((e) => e.rule)).size)} rule(s): their deadline has passed and the equipment is still in place.
        </p>
      ) : null}
      {note}
      <Timeline entries={items} asOf={m.asOf} />
      <table>
        <thead>
          <tr>
            <th>date</th>
            <th>days left</th>
            <th>rule</th>
            <th>what</th>
            <th>findings</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.key} className={d.overdue ? 'status-overdue' : undefined} data-overdue={d.overdue ? 'true' : undefined}>
              <td>
                <Text value={d.date} />
              </td>
              <td className={d.overdue ? 'n bad' : 'n'}>{num(d.daysLeft)}</td>
              <td>
                <Text value={d.rule} fold />
              </td>
              <td>
                {d.overdue ? <b className="bad">overdue: </b> : null}
                <Text value={d.what} fold />
              </td>
              <td className="n">{num(d.findings)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
