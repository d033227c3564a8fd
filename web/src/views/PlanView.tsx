// The replacement plan: devices, total cost, the proven lower bound and the gap, and the budget
// phases: what each period spends, which devices it buys, which flows it cleans, and the
// deadlines the budget misses. The report carries phases only when it was asked with a budget, so
// the view asks the plan analysis (GET /api/snapshots/{s}/plan?budget=…) for the budget typed in,
// prefilled with the plan's cost spread over three years. The devices table is headed with the
// plan analysis's column labels (the registry's).
import { useState, type FormEvent } from 'react';
import type { Api } from '../api.js';
import { ColumnTh, useColumns } from '../columns.js';
import { num } from '../format.js';
import type { PlanDocument, ReportModel } from '../types.js';
import { useAsync } from '../use-async.js';
import { Nothing } from './Overview.js';
import { Text, TextList } from '../Text.js';

type Phasing = NonNullable<PlanDocument['phasing']>;

function PlanCards({ p }: { p: PlanDocument }) {
  return (
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
  );
}

/** One bar per phase: the money spent out of the money available. */
function PhaseBars({ phasing }: { phasing: Phasing }) {
  const max = Math.max(1, ...phasing.phases.map((ph) => Math.max(ph.available, ph.spent)));
  return (
    <div className="phase-bars" data-testid="phase-bars" style={{ margin: '8px 0' }}>
      {phasing.phases.map((ph) => (
        <div key={ph.index} className="phase-bar" title={`phase ${ph.index + 1}: ${num(ph.spent)} of ${num(ph.available)}`} style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '3px 0' }}>
          <span style={{ width: 130, flex: 'none' }}>
            phase {ph.index + 1}: <Text value={ph.start} />
          </span>
          <span style={{ width: `${(ph.available / max) * 40}%`, height: 12, background: '#e3f2fd', border: '1px solid #90caf9', flex: 'none' }}>
            <span style={{ display: 'block', height: '100%', background: '#1565c0', width: `${ph.available ? Math.min(100, (ph.spent / ph.available) * 100) : 0}%` }} />
          </span>
          <span className="muted">
            {num(ph.spent)} spent, {num(ph.devices.length)} device(s), {num(ph.flowsExposed)} flow(s) still exposed
          </span>
        </div>
      ))}
    </div>
  );
}

/** The budget phases of a plan: the Plan view's, and the What if view's for each side. */
export function Phases({ phasing }: { phasing: Phasing }) {
  return (
    <div data-testid="plan-phases">
      <h3>
        Budget {num(phasing.budget.amount)} per <Text value={phasing.budget.period} /> from <Text value={phasing.budget.start} />: {num(phasing.phases.length)} phase(s)
      </h3>
      <PhaseBars phasing={phasing} />
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
          {phasing.phases.map((ph) => (
            <tr key={ph.index} data-testid="plan-phase">
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
      {phasing.missedDeadlines.map((md) => (
        <p key={md.id} className="bad">
          Deadline missed: <Text value={md.id} /> due <Text value={md.deadline} />
          {md.reason ? <> (<Text value={md.reason} />)</> : ''}
        </p>
      ))}
      {phasing.unfunded.length ? <p className="warn">{num(phasing.unfunded.length)} device(s) not funded within the horizon.</p> : null}
    </div>
  );
}

interface BudgetAsk {
  budget: string;
  start: string;
}

function BudgetForm({ initial, onRun }: { initial: BudgetAsk; onRun(b: BudgetAsk): void }) {
  const [draft, setDraft] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onRun(draft);
  };
  return (
    <form className="filters" onSubmit={submit} data-testid="budget-form">
      <label>
        budget per period{' '}
        <input name="budget" aria-label="budget" value={draft.budget} onChange={(e) => setDraft({ ...draft, budget: e.target.value })} size={16} title="money per period: 3000000/year, 500k/quarter" />
      </label>{' '}
      <label>
        from{' '}
        <input name="budgetStart" aria-label="budget start" value={draft.start} onChange={(e) => setDraft({ ...draft, start: e.target.value })} size={11} />
      </label>{' '}
      <button type="submit">Phase the plan</button>
    </form>
  );
}

/** The budget asked for in the view, and the phased plan the analysis answers for it. */
function usePhasing(api: Api | null, snapshot: string | null, m: ReportModel) {
  const [ask, setAsk] = useState<BudgetAsk | null>(null);
  const asked = useAsync(
    ask && api && snapshot ? (signal) => api.plan(snapshot, { budget: ask.budget, budgetStart: ask.start, asOf: m.asOf, untrusted: m.untrusted.join(',') }, signal) : null,
    [api, snapshot, ask?.budget, ask?.start, m.asOf, m.untrusted.join(',')],
  );
  // the asked-for phases replace the report's own (present when the report was asked with a budget)
  const phasing = ask ? (asked.status === 'ok' ? asked.value.phasing : undefined) : m.plan?.phasing;
  return { ask, setAsk, asked, phasing };
}

type PhasingState = ReturnType<typeof usePhasing>;

function BudgetPhases({ state, report: m, canAsk }: { state: PhasingState; report: ReportModel; canAsk: boolean }) {
  const { ask, setAsk, asked, phasing } = state;
  const total = m.plan?.totalCost ?? 0;
  const initial = { budget: total > 0 ? `${Math.ceil(total / 3)}/year` : '', start: m.asOf };
  let body = phasing ? <Phases phasing={phasing} /> : <p className="muted">Give a budget per period to see in which phase each device is replaced and what each phase cleans.</p>;
  if (ask && asked.status === 'loading') body = <p className="loading" aria-busy="true">Phasing the plan under <Text value={ask.budget} />…</p>;
  else if (ask && asked.status === 'error') body = <p className="bad" role="alert">Cannot phase the plan: <Text value={asked.error.message} /></p>;
  else if (ask && !phasing) body = <p className="muted">The plan came back without phases.</p>;
  return (
    <section className="budget-phases">
      <h3>Budget phases</h3>
      {canAsk ? <BudgetForm initial={initial} onRun={setAsk} /> : null}
      {body}
    </section>
  );
}

function PlanDevices({ p, phasing, onDevice }: { p: PlanDocument; phasing: Phasing | undefined; onDevice: (id: string) => void }) {
  const cols = useColumns('plan', 'plan');
  const phaseOf = new Map<string, number>();
  for (const ph of phasing?.phases ?? []) for (const d of ph.devices) phaseOf.set(d, ph.index + 1);
  return (
    <>
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
            {phasing ? <ColumnTh columns={cols} id="phase" /> : null}
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
              {phasing ? <td className="n">{phaseOf.get(d.id) ?? '–'}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function PlanView({ report: m, onDevice, api = null, snapshot = null }: { report: ReportModel; onDevice: (id: string) => void; api?: Api | null; snapshot?: string | null }) {
  const state = usePhasing(api, snapshot, m);
  const p = m.plan;
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
  return (
    <div className="plan">
      <h2>Replacement plan</h2>
      <PlanCards p={p} />
      {p.notes.length ? (
        <ul className="muted">
          {p.notes.map((n, i) => (
            <li key={i}>
              <Text value={n} />
            </li>
          ))}
        </ul>
      ) : null}
      <BudgetPhases state={state} report={m} canAsk={api !== null && snapshot !== null} />
      <PlanDevices p={p} phasing={state.phasing} onDevice={onDevice} />
    </div>
  );
}
