// The replacement plan: devices, total cost, the proven lower bound and the gap, and the budget
// phases with what each one cleans and the deadlines the budget misses. The devices table is
// headed with the plan analysis's column labels (the registry's).
import { ColumnTh, useColumns } from '../columns.js';
import { num } from '../format.js';
import type { ReportModel } from '../types.js';
import { Nothing } from './Overview.js';
import { Text, TextList } from '../Text.js';

export function PlanView({ report: m, onDevice }: { report: ReportModel; onDevice: (id: string) => void }) {
  const p = m.plan;
  const cols = useColumns('plan', 'plan');
  if (!p && m.nothingToAnalyse) {
    return (
      <div className="plan">
        <h2>Replacement plan</h2>
        <p className="muted">Not computed: nothing to protect.</p>
        <Nothing report={m} />
      </div>
    );
  }
  if (!p) {
    const why = m.notes.find((n) => n.startsWith('replacement plan'));
    return (
      <div className="plan">
        <h2>Replacement plan</h2>
        <p className="muted">
          Not computed{why ? <>: <Text value={why} /></> : m.untrusted.length ? '' : ': no untrusted vendor named'}.
        </p>
      </div>
    );
  }
  const phaseOf = new Map<string, number>();
  for (const ph of p.phasing?.phases ?? []) for (const d of ph.devices) phaseOf.set(d, ph.index + 1);
  return (
    <div className="plan">
      <h2>Replacement plan</h2>
      <div className="cards">
        <div className="card">
          <b>{num(p.devices.length)}</b>devices to replace
        </div>
        <div className="card">
          <b>{num(p.totalCost)}</b>total cost
        </div>
        <div className="card">
          <b>{num(p.lowerBound)}</b>lower bound
        </div>
        <div className="card">
          <b className={p.gap > 0 ? 'warn' : 'ok'}>{(p.gap * 100).toFixed(2)}%</b>gap to the bound
        </div>
        <div className="card">
          <b>{p.method}</b>
          {p.status}
        </div>
      </div>
      {p.notes.length ? (
        <ul className="muted">
          {p.notes.map((n, i) => (
            <li key={i}>
              <Text value={n} />
            </li>
          ))}
        </ul>
      ) : null}
      {p.phasing ? (
        <>
          <h3>
            Budget {num(p.phasing.budget.amount)} per <Text value={p.phasing.budget.period} /> from <Text value={p.phasing.budget.start} />
          </h3>
          <table>
            <thead>
              <tr>
                <th>Phase</th>
                <th>From</th>
                <th>To</th>
                <th>Available</th>
                <th>Spent</th>
                <th>Devices</th>
                <th>Flows cleaned</th>
                <th>Still exposed</th>
              </tr>
            </thead>
            <tbody>
              {p.phasing.phases.map((ph) => (
                <tr key={ph.index}>
                  <td className="n">{ph.index + 1}</td>
                  <td>
                    <Text value={ph.start} />
                  </td>
                  <td>
                    <Text value={ph.end} />
                  </td>
                  <td className="n">{num(ph.available)}</td>
                  <td className="n">{num(ph.spent)}</td>
                  <td className="n">{num(ph.devices.length)}</td>
                  <td className="n">{num(ph.flowsCleaned.length)}</td>
                  <td className="n">{num(ph.flowsExposed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.phasing.missedDeadlines.map((md) => (
            <p key={md.id} className="bad">
              Deadline missed: <Text value={md.id} /> due <Text value={md.deadline} />
              {md.reason ? <> (<Text value={md.reason} />)</> : ''}
            </p>
          ))}
          {p.phasing.unfunded.length ? <p className="warn">{num(p.phasing.unfunded.length)} device(s) not funded within the horizon.</p> : null}
        </>
      ) : null}
      <h3>Devices</h3>
      <table>
        <thead>
          <tr>
            <ColumnTh columns={cols} id="id" />
            <ColumnTh columns={cols} id="cost" />
            <ColumnTh columns={cols} id="reasons" />
            <ColumnTh columns={cols} id="deadline" />
            <ColumnTh columns={cols} id="forced_by" />
            <ColumnTh columns={cols} id="flows" />
            {p.phasing ? <ColumnTh columns={cols} id="phase" /> : null}
          </tr>
        </thead>
        <tbody>
          {p.devices.map((d) => (
            <tr key={d.id}>
              <td>
                <button className="link" onClick={() => onDevice(d.id)}>
                  <Text value={d.id} fold />
                </button>
              </td>
              <td className="n">{num(d.cost)}</td>
              <td>
                <TextList values={d.reasons} />
              </td>
              <td>
                <Text value={d.deadline} />
              </td>
              <td>
                <Text value={d.forcedBy} fold />
              </td>
              <td className="n">{num(d.flows)}</td>
              {p.phasing ? <td className="n">{phaseOf.get(d.id) ?? '–'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
