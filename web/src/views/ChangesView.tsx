// "What changed": one analysis of the registry run on an earlier snapshot and on the current one
// with the dashboard's parameters, and one of its tables compared by key (the server's generic
// diff): rows added, removed, and changed column by column. A side that had nothing to analyse
// is said first and loudly, so that an empty diff never reads as an all-clear.
import { useMemo, useState } from 'react';
import type { Api } from '../api.js';
import { ColumnTh, type Columns } from '../columns.js';
import { num } from '../format.js';
import { useAsync } from '../use-async.js';
import { plain, Text } from '../Text.js';
import type { AnalysisDiff, AnalysisManifest, ColumnSpec, ReportParams, SnapshotInfo, TableCell, TableRow } from '../types.js';

const PAGE = 200;

type TableManifest = AnalysisManifest['tables'][number];

/** The analysis parameters that name the untrusted vendors, in the order they are looked for. */
const UNTRUSTED_PARAMS = ['untrusted', 'vendors'] as const;

/** The dashboard's settings as the analysis's own query parameters, where it has them. */
export function dashboardParams(def: AnalysisManifest, p: ReportParams): Record<string, string> {
  const names = new Set(def.params.map((x) => x.name));
  const out: Record<string, string> = {};
  const untrusted = UNTRUSTED_PARAMS.find((n) => names.has(n));
  if (untrusted && p.untrusted) out[untrusted] = p.untrusted;
  if (names.has('asOf') && p.asOf) out.asOf = p.asOf;
  return out;
}

function cellText(c: ColumnSpec | undefined, v: TableCell | undefined): string {
  if (v === null || v === undefined) return c?.nullAs ?? '–';
  if (typeof v === 'number') return num(v, 4);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

function rowKey(r: TableRow, keys: readonly string[]): string {
  return JSON.stringify(keys.map((k) => r[k] ?? null));
}

function Rows({ kind, rows, columns, keys }: { kind: 'added' | 'removed'; rows: TableRow[]; columns: readonly ColumnSpec[]; keys: readonly string[] }) {
  const [limit, setLimit] = useState(PAGE);
  const byId: Columns = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  if (!rows.length) return <p className="muted">None.</p>;
  return (
    <>
      <table className="diff-rows" data-testid={`${kind}-rows`}>
        <thead>
          <tr>
            {columns.map((c) => (
              <ColumnTh key={c.id} columns={byId} id={c.id} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, limit).map((r) => (
            <tr key={rowKey(r, keys)} data-testid={`${kind}-row`}>
              {columns.map((c) => (
                <td key={c.id} data-column={c.id} className={typeof r[c.id] === 'number' ? 'n' : undefined}>
                  <Text value={cellText(c, r[c.id])} fold />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > limit ? <button onClick={() => setLimit((l) => l + PAGE * 4)}>show more ({rows.length - limit} hidden)</button> : null}
    </>
  );
}

/** Changed rows: the key columns, then each value column that differs in some row, as before → after. */
function Changed({ diff, columns }: { diff: AnalysisDiff; columns: readonly ColumnSpec[] }) {
  const [limit, setLimit] = useState(PAGE);
  const byId: Columns = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const differing = useMemo(() => {
    const seen = new Set(diff.changed.flatMap((ch) => Object.keys(ch.after)));
    return columns.filter((c) => !c.key && seen.has(c.id));
  }, [diff.changed, columns]);
  if (!diff.changed.length) return <p className="muted">None.</p>;
  return (
    <>
      <table className="diff-rows" data-testid="changed-rows">
        <thead>
          <tr>
            {diff.keyColumns.map((k) => (
              <ColumnTh key={k} columns={byId} id={k} />
            ))}
            {differing.map((c) => (
              <ColumnTh key={c.id} columns={byId} id={c.id} />
            ))}
          </tr>
        </thead>
        <tbody>
          {diff.changed.slice(0, limit).map((ch) => (
            <tr key={rowKey(ch.key, diff.keyColumns)} data-testid="changed-row">
              {diff.keyColumns.map((k) => (
                <td key={k} data-column={k}>
                  <Text value={cellText(byId.get(k), ch.key[k])} fold />
                </td>
              ))}
              {differing.map((c) =>
                c.id in ch.after ? (
                  <td key={c.id} data-column={c.id} className="change">
                    <span className="was"><Text value={cellText(c, ch.before[c.id])} fold /></span> → <b><Text value={cellText(c, ch.after[c.id])} fold /></b>
                  </td>
                ) : (
                  <td key={c.id} data-column={c.id} className="same" title="unchanged" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {diff.changed.length > limit ? <button onClick={() => setLimit((l) => l + PAGE * 4)}>show more ({diff.changed.length - limit} hidden)</button> : null}
    </>
  );
}

function NothingToAnalyse({ diff }: { diff: AnalysisDiff }) {
  const sides = [
    ['before', diff.before, diff.nothingToAnalyse.before],
    ['after', diff.after, diff.nothingToAnalyse.after],
  ] as const;
  const said = sides.filter(([, , why]) => why);
  if (!said.length) return null;
  return (
    <div className="nothing" role="alert" data-testid="diff-nothing-to-analyse">
      {said.map(([side, name, why]) => (
        <p key={side} data-side={side}>
          Nothing to analyse in snapshot <Text value={name} />: <Text value={why} />.
        </p>
      ))}
      <p>The rows below come from a run that had nothing to analyse: few or no changes here are no all-clear.</p>
    </div>
  );
}

function DiffResult({ diff, table }: { diff: AnalysisDiff; table: TableManifest }) {
  const nothing = Boolean(diff.nothingToAnalyse.before || diff.nothingToAnalyse.after);
  const same = !diff.added.length && !diff.removed.length && !diff.changed.length;
  const counts = [
    ['added', diff.added.length, 'added'],
    ['removed', diff.removed.length, 'removed'],
    ['changed', diff.changed.length, 'changed'],
  ] as const;
  return (
    <div data-testid="diff-result">
      <NothingToAnalyse diff={diff} />
      <div className="cards">
        {counts.map(([kind, n, label]) => (
          <div key={kind} className={`card diff-${kind}`} data-card={kind} data-testid={`count-${kind}`}>
            <b>{num(n)}</b>
            {label}
          </div>
        ))}
      </div>
      {same && !nothing ? (
        <p className="ok" data-testid="no-changes">
          No row of <Text value={table.title} /> was added, removed or changed.
        </p>
      ) : null}
      <section data-section="added">
        <h3>Added ({num(diff.added.length)})</h3>
        <Rows kind="added" rows={diff.added} columns={table.columns} keys={diff.keyColumns} />
      </section>
      <section data-section="removed">
        <h3>Removed ({num(diff.removed.length)})</h3>
        <Rows kind="removed" rows={diff.removed} columns={table.columns} keys={diff.keyColumns} />
      </section>
      <section data-section="changed">
        <h3>Changed ({num(diff.changed.length)})</h3>
        <Changed diff={diff} columns={table.columns} />
      </section>
    </div>
  );
}

/** The parameters both runs were given, as the analysis names them. */
function Sent({ sent }: { sent: Record<string, string> }) {
  const parts = Object.entries(sent).map(([k, v], i) => (
    <span key={k}>
      {i ? ', ' : ''}
      <code>{k}</code> = <Text value={v} />
    </span>
  ));
  return (
    <p className="muted" data-testid="diff-params">
      {parts.length ? (
        <>Both snapshots analysed with {parts} (the settings above); other parameters at their defaults.</>
      ) : (
        <>Both snapshots analysed with every parameter at its default; the untrusted vendors and as-of date above apply where the analysis takes them.</>
      )}
    </p>
  );
}

interface ChoicesProps {
  base: string | null;
  others: SnapshotInfo[];
  analyses: AnalysisManifest[];
  def: AnalysisManifest | undefined;
  table: TableManifest | undefined;
  onBase(name: string): void;
  onAnalysis(id: string): void;
  onTable(id: string): void;
}

/** What to compare: the base snapshot, the analysis, and which of its tables. */
function Choices({ base, others, analyses, def, table, onBase, onAnalysis, onTable }: ChoicesProps) {
  return (
    <div className="filters">
      <label>
        compared with{' '}
        <select aria-label="base snapshot" value={base ?? ''} onChange={(e) => onBase(e.target.value)} disabled={!others.length}>
          {base ? null : <option value="">choose a snapshot…</option>}
          {[...others].reverse().map((s) => (
            <option key={s.id} value={s.name}>
              {snapshotLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        analysis{' '}
        <select
          aria-label="analysis"
          value={def?.id ?? ''}
          onChange={(e) => onAnalysis(e.target.value)}
          disabled={!analyses.length}
        >
          {analyses.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        table{' '}
        <select aria-label="table" value={table?.id ?? ''} onChange={(e) => onTable(e.target.value)} disabled={!def || def.tables.length < 2}>
          {def?.tables.map((t) => (
            <option key={t.id} value={t.id}>
              {t.title}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function snapshotLabel(s: SnapshotInfo): string {
  return `${plain(s.name)} (${s.devices} devices, ${s.createdAt.slice(0, 10)})`;
}

export function ChangesView({ api, snapshot, snapshots, params }: { api: Api; snapshot: string; snapshots: SnapshotInfo[]; params: ReportParams }) {
  const registry = useAsync(() => api.analyses(), [api]);
  const [baseChoice, setBase] = useState<string | null>(null);
  const [analysisId, setAnalysis] = useState('exposure');
  const [tableChoice, setTable] = useState<string | null>(null);

  const others = snapshots.filter((s) => s.name !== snapshot);
  const at = snapshots.findIndex((s) => s.name === snapshot);
  const earlier = at > 0 ? snapshots[at - 1]!.name : null;
  const base = baseChoice !== null && others.some((s) => s.name === baseChoice) ? baseChoice : earlier;

  const analyses = registry.status === 'ok' ? registry.value : [];
  const def = analyses.find((a) => a.id === analysisId) ?? analyses[0];
  const table = def?.tables.find((t) => t.id === tableChoice) ?? def?.tables[0];
  const sent = useMemo(() => (def ? dashboardParams(def, params) : {}), [def, params]);
  const sentKey = JSON.stringify(sent);
  const ready = Boolean(def && table && base);
  const diff = useAsync(
    ready ? (signal) => api.diff(snapshot, base!, { analysis: def!.id, table: table!.id, params: sent }, signal) : null,
    [api, snapshot, base, def?.id, table?.id, sentKey, ready],
  );

  let result;
  if (registry.status === 'error') result = <p className="bad" role="alert">Cannot load the list of analyses: <Text value={registry.error.message} /></p>;
  else if (!others.length) result = <p data-testid="single-snapshot">Only one snapshot, <Text value={snapshot} />: import another one (for example <code>cleanpath import --base</code> with new data) to see what changed.</p>;
  else if (!base) result = <p data-testid="choose-base"><Text value={snapshot} /> is the earliest snapshot: choose one to compare it with.</p>;
  else if (!def || !table) result = <p className="loading" aria-busy="true">Loading the list of analyses…</p>;
  else if (diff.status === 'loading')
    result = (
      <p className="loading" aria-busy="true">
        Running {def.title} on <Text value={base} /> and <Text value={snapshot} /> and comparing them…
      </p>
    );
  else if (diff.status === 'error') result = <p className="bad" role="alert">Cannot compare: <Text value={diff.error.message} /></p>;
  else {
    // the answer's own analysis and table (for the one render before a new request starts)
    const shown = analyses.find((a) => a.id === diff.value.analysis)?.tables.find((t) => t.id === diff.value.table) ?? table;
    result = <DiffResult diff={diff.value} table={shown} />;
  }

  return (
    <div className="changes" data-testid="changes">
      <h2>
        What changed in <Text value={snapshot} />
        {base ? (
          <>
            {' '}
            since <Text value={base} />
          </>
        ) : null}
      </h2>
      <Choices
        base={base}
        others={others}
        analyses={analyses}
        def={def}
        table={table}
        onBase={setBase}
        onAnalysis={(id) => {
          setAnalysis(id);
          setTable(null);
        }}
        onTable={setTable}
      />
      {def ? (
        <p className="muted" data-testid="analysis-summary">
          {def.summary}.
        </p>
      ) : null}
      {def && base ? <Sent sent={sent} /> : null}
      {result}
    </div>
  );
}
