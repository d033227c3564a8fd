// The deadline timeline: each upcoming date of a rule that has findings, as a bar from the as-of
// date (red within 90 days, orange within a year), with the table underneath.
import { EXPOSURE_COLOURS, num } from '../format.js';
import type { ReportModel } from '../types.js';
import { plain, Text } from '../Text.js';

const day = (s: string): number => Date.parse(`${s}T00:00:00Z`) / 86400000;

export function DeadlinesView({ report: m }: { report: ReportModel }) {
  const items = m.deadlines;
  const undecided = m.findings.filter((f) => f.status === 'needs-data').length;
  // needs-data findings have no deadline until the data says the rule applies: said, never drawn.
  const note = undecided ? <p className="muted" data-testid="needs-data-deadlines">{undecided} finding(s) need data before any deadline applies to them (see Findings).</p> : null;
  if (!items.length) return <>{note}<p className="muted">No upcoming deadline for the findings as of <Text value={m.asOf} />.</p></>;
  const t0 = day(m.asOf);
  const t1 = Math.max(t0 + 30, ...items.map((d) => day(d.date)));
  const W = 960, left = 320, right = 20, rowH = 20, top = 26;
  const H = top + items.length * rowH + 10;
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * (W - left - right);
  const years: number[] = [];
  for (let y = new Date(`${m.asOf}T00:00:00Z`).getUTCFullYear() + 1; day(`${y}-01-01`) <= t1; y++) years.push(y);
  return (
    <div className="deadlines">
      <h2>
        Deadlines after <Text value={m.asOf} />
      </h2>
      {note}
      <svg className="timeline" viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label="Deadline timeline" fontFamily="sans-serif" fontSize={11}>
        {years.map((y) => {
          const xx = x(day(`${y}-01-01`));
          return (
            <g key={y}>
              <line x1={xx} x2={xx} y1={14} y2={H} stroke="#e0e0e0" />
              <text x={xx} y={11} textAnchor="middle">
                {y}
              </text>
            </g>
          );
        })}
        <text x={left} y={11}>
          {plain(m.asOf)}
        </text>
        {items.map((d, i) => {
          const y = top + i * rowH;
          const colour = d.daysLeft <= 90 ? EXPOSURE_COLOURS.all : d.daysLeft <= 365 ? EXPOSURE_COLOURS.some : '#1565c0';
          return (
            <g key={`${d.rule}\u0000${d.field}\u0000${d.date}`}>
              <text x={4} y={y + 13}>
                {`${plain(d.rule)}: ${plain(d.what.slice(0, Math.max(8, 54 - d.rule.length)))}`}
              </text>
              <rect x={left} y={y + 3} width={Math.max(1, x(day(d.date)) - left)} height={12} fill={colour} fillOpacity={0.75}>
                <title>{`${plain(d.date)} (${d.daysLeft} days): ${plain(d.rule)} ${plain(d.what)} — ${d.findings} finding(s)`}</title>
              </rect>
              <text x={x(day(d.date)) > W - 90 ? x(day(d.date)) - 4 : Math.max(left + 4, x(day(d.date)) + 4)} y={y + 13} fill={x(day(d.date)) > W - 90 ? '#ffffff' : '#424242'} textAnchor={x(day(d.date)) > W - 90 ? 'end' : 'start'}>
                {plain(d.date)}
              </text>
            </g>
          );
        })}
      </svg>
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
            <tr key={`${d.rule}\u0000${d.field}\u0000${d.date}`}>
              <td>
                <Text value={d.date} />
              </td>
              <td className="n">{num(d.daysLeft)}</td>
              <td>
                <Text value={d.rule} fold />
              </td>
              <td>
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
