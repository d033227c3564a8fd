// "What if": the snapshot under the baseline rules and under a scenario side by side (the
// registry's whatif analysis, GET /api/snapshots/{s}/whatif). The form's fields are the
// analysis's own scenario parameters, labelled from the registry (GET /api/analyses); the
// dashboard's untrusted vendors and as-of date apply. A scenario that changes nothing says so.
import { useMemo, useState, type FormEvent } from 'react';
import type { Api } from '../api.js';
import { ColumnTh, useColumns, useRegistry } from '../columns.js';
import { num } from '../format.js';
import { useAsync } from '../use-async.js';
import { Text } from '../Text.js';
import { Phases } from './PlanView.js';
import type { ReportParams, TableCell, WhatIfAnalysis } from '../types.js';

/** The scenario's parameters, in the order the form shows them (the analysis's own names). */
const FIELDS = ['adopt', 'in', 'by', 'list', 'from', 'like', 'networks', 'move', 'to', 'budget', 'budgetStart'] as const;
type Field = (typeof FIELDS)[number];
type Scenario = Partial<Record<Field, string>>;

const COUNTRY_COLUMNS = ['country', 'devices', 'baseline_caught', 'scenario_caught', 'newly_caught', 'baseline_plan_devices', 'scenario_plan_devices', 'baseline_plan_cost', 'scenario_plan_cost', 'hhi_before', 'hhi_scenario'] as const;

function cell(v: TableCell | undefined): string {
  if (v === null || v === undefined) return '–';
  return typeof v === 'number' ? num(v) : String(v);
}

function ScenarioForm({ onRun }: { onRun(s: Scenario): void }) {
  const [draft, setDraft] = useState<Scenario>({});
  const registry = useRegistry();
  const help = useMemo(() => new Map((registry?.find((a) => a.id === 'whatif')?.params ?? []).map((x) => [x.name, x.description])), [registry]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onRun(draft);
  };
  return (
    <form className="filters whatif-form" onSubmit={submit} data-testid="whatif-form">
      {FIELDS.map((f) => (
        <label key={f} title={help.get(f)}>
          {f}{' '}
          <input name={f} aria-label={f} value={draft[f] ?? ''} onChange={(e) => setDraft((d) => ({ ...d, [f]: e.target.value }))} size={f === 'in' || f === 'list' ? 12 : 16} />
        </label>
      ))}
      <button type="submit">Run the scenario</button>
    </form>
  );
}

function Countries({ doc }: { doc: WhatIfAnalysis }) {
  const columns = useColumns('whatif', 'countries');
  const rows = doc.delta.byCountry.map((c) => ({
    country: c.country, devices: c.devices, baseline_caught: c.baseline.caught, scenario_caught: c.scenario.caught, newly_caught: c.newlyCaught,
    baseline_plan_devices: c.baseline.planDevices, scenario_plan_devices: c.scenario.planDevices, baseline_plan_cost: c.baseline.planCost, scenario_plan_cost: c.scenario.planCost,
    hhi_before: c.hhi.before, hhi_scenario: c.hhi.scenario,
  }));
  return (
    <table data-testid="whatif-countries">
      <thead>
        <tr>{COUNTRY_COLUMNS.map((c) => <ColumnTh key={c} columns={columns} id={c} />)}</tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.country} data-country={r.country}>
            {COUNTRY_COLUMNS.map((c) => <td key={c} data-column={c} className={typeof r[c] === 'number' ? 'n' : undefined}><Text value={cell(r[c])} /></td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PlanLine({ name, doc, side }: { name: string; doc: WhatIfAnalysis; side: 'baseline' | 'scenario' }) {
  const p = doc[side].plan;
  if (!p) return <li data-plan={side}>{name}: no plan (<Text value={doc[side].planNote ?? 'nothing to plan'} />)</li>;
  const when = p.phases.length ? (p.doneBy ? `, done by ${p.doneBy}` : ', not finished within the budget') : '';
  return <li data-plan={side}>{name}: {num(p.devices.length)} device(s) for {num(p.totalCost)}{when}{p.missedDeadlines.length ? `; ${num(p.missedDeadlines.length)} deadline(s) missed` : ''}</li>;
}

/** Each side's budget phases (a budget was given), in the Plan view's table: the scenario's first, the baseline's folded. */
function SidePhases({ doc }: { doc: WhatIfAnalysis }) {
  const scenario = doc.scenario.plan?.phasing, baseline = doc.baseline.plan?.phasing;
  if (!scenario && !baseline) return null;
  return (
    <section data-testid="whatif-phases">
      {scenario ? <div data-side="scenario"><h3>Scenario plan in budget phases</h3><Phases phasing={scenario} /></div> : null}
      {baseline ? <details data-side="baseline"><summary>Baseline plan in budget phases</summary><Phases phasing={baseline} /></details> : null}
    </section>
  );
}

function Result({ doc }: { doc: WhatIfAnalysis }) {
  return (
    <div data-testid="whatif-result">
      <ul data-testid="whatif-changes">
        {doc.changes.map((c) => <li key={c.rule}><Text value={`${c.step}: ${c.what} (rule ${c.rule})`} /></li>)}
      </ul>
      {doc.delta.nothingChanged ? (
        <p className="ok" data-testid="whatif-nothing-changed">The scenario changes nothing: the same findings, the same plan and the same cost as the baseline.</p>
      ) : (
        <>
          <div className="cards">
            <div className="card" data-card="newly-caught"><b>{num(doc.delta.newlyCaught.length)}</b>devices newly caught</div>
            <div className="card" data-card="plan-cost"><b>{num(doc.delta.planCost)}</b>more on the plan</div>
            <div className="card" data-card="flows-clean"><b>{num(doc.delta.flowsBecomeClean.length)}</b>sensitive flows become clean</div>
          </div>
          <Countries doc={doc} />
          <ul>
            <PlanLine name="Baseline plan" doc={doc} side="baseline" />
            <PlanLine name="Scenario plan" doc={doc} side="scenario" />
          </ul>
          <SidePhases doc={doc} />
          <h3>Sensitive flows that become clean</h3>
          <ul data-testid="whatif-flows">
            {doc.delta.flowsBecomeClean.map((f) => <li key={f.id}><Text value={`${f.id}: ${f.src} → ${f.dst} (${f.baseline} after the baseline plan)`} /></li>)}
          </ul>
        </>
      )}
    </div>
  );
}

export function WhatIfView({ api, snapshot, params }: { api: Api; snapshot: string; params: ReportParams }) {
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const sent = useMemo(() => (scenario ? { ...scenario, asOf: params.asOf, untrusted: params.untrusted } : null), [scenario, params.asOf, params.untrusted]);
  const answer = useAsync(sent ? (signal) => api.whatif(snapshot, sent, signal) : null, [api, snapshot, JSON.stringify(sent)]);
  let result;
  if (!sent) result = <p className="muted">Name a scenario: a rule adopted in countries (adopt, in, by), vendors listed from a date (list, from, like), vendors listed in some networks only (networks), a deadline moved (move, to); budget for phases.</p>;
  else if (answer.status === 'loading') result = <p className="loading" aria-busy="true">Judging <Text value={snapshot} /> under the baseline and the scenario, and planning both…</p>;
  else if (answer.status === 'error') result = <p className="bad" role="alert" data-testid="whatif-error">Cannot run the scenario: <Text value={answer.error.message} /></p>;
  else result = <Result doc={answer.value} />;
  return (
    <div className="whatif" data-testid="whatif">
      <h2>What if — <Text value={snapshot} /></h2>
      <ScenarioForm onRun={setScenario} />
      {result}
    </div>
  );
}
