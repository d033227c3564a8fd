// The dashboard shell: token, organisation, snapshot and report parameters, the view tabs, and
// the side panel that shows one device's evidence (or one group finding) from any view.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Api, ApiError } from './api.js';
import { adoptTokenFromUrl, forgetToken, storeToken } from './token.js';
import { todayIso } from './format.js';
import { useAsync, type AsyncState } from './use-async.js';
import type { Finding, ReportModel, ReportOverview, ReportParams, SnapshotInfo, SnapshotSummary } from './types.js';
import { Overview } from './views/Overview.js';
import { MapView } from './views/MapView.js';
import { TopologyView } from './views/TopologyView.js';
import { FindingsView } from './views/FindingsView.js';
import { FlowsView } from './views/FlowsView.js';
import { PlanView } from './views/PlanView.js';
import { DeadlinesView } from './views/DeadlinesView.js';
import { ChangesView } from './views/ChangesView.js';
import { WhatIfView } from './views/WhatIfView.js';
import { SidePanel, type PanelEditing, type PanelSubject } from './views/SidePanel.js';
import { DevicesView } from './views/DevicesView.js';
import { DevicePage } from './views/DevicePage.js';
import { ScreeningView } from './views/ScreeningView.js';
import { PathsView } from './views/PathsView.js';
import { FlowView } from './views/FlowView.js';
import { currentRoute, navigate, tabOf, upgradeLegacyHash, useRoute, type Route, type Tab } from './router.js';
import type { SavedEdit } from './views/DeviceEdit.js';
import { plain, Text, TextList } from './Text.js';

// The tabs in the order shown; each is a route of router.ts (`#/devices`).
const VIEWS: ReadonlyArray<readonly [Tab, string]> = [
  ['overview', 'Overview'],
  ['map', 'Map'],
  ['topology', 'Topology'],
  ['findings', 'Findings'],
  ['flows', 'Flows'],
  ['devices', 'Devices'],
  ['plan', 'Plan'],
  ['deadlines', 'Deadlines'],
  ['changes', 'What changed'],
  ['whatif', 'What if'],
  ['screening', 'Screening'],
  ['paths', 'Measured paths'],
];
export type View = Tab;

// The overview reads the report's numbers alone (GET …/overview): the report is 164 MB at 100k devices.
const NO_REPORT: ReadonlySet<Route['view']> = new Set(['overview', 'devices', 'flow', 'screening', 'paths', 'changes', 'whatif']);

/** The overview, once the store's counts are read: they are its frame; its analysis cards fill in later. */
function OverviewBody({ summary, cards, snapshot, snapshots }: { summary: AsyncState<SnapshotSummary>; cards: AsyncState<ReportOverview>; snapshot: string; snapshots: SnapshotInfo[] }) {
  if (summary.status === 'ok') return <Overview summary={summary.value} cards={cards} snapshots={snapshots} />;
  if (summary.status === 'error') {
    return (
      <p className="bad" role="alert">
        Cannot read the counts of <Text value={snapshot} />: <Text value={summary.error.message} />
      </p>
    );
  }
  return (
    <p className="loading" aria-busy="true">
      Reading the counts of <Text value={snapshot} />…
    </p>
  );
}

/** The side panel a route asks for: a device (`panel=`), or the finding of a finding route once the report has it. */
function panelOf(route: Route, report: ReportModel | null): PanelSubject | null {
  if (route.view === 'finding') {
    const f = report?.findings.find((x) => x.rule === route.rule && (x.device ?? x.name) === route.subject);
    if (f) return f.device ? { kind: 'device', id: f.device, finding: f } : { kind: 'group', finding: f };
  }
  return route.panel ? { kind: 'device', id: route.panel } : null;
}

/** The route without its side panel (a finding route closes to its tab). */
function withoutPanel(route: Route): Route {
  if (route.view === 'finding') return { view: 'findings' };
  const { panel: _p, ...rest } = route;
  return rest as Route;
}

export function App() {
  const [token, setToken] = useState<string | null>(() => {
    const t = adoptTokenFromUrl();
    upgradeLegacyHash();
    return t;
  });
  const [message, setMessage] = useState<string | null>(null);
  const logout = useCallback((why: string | null) => {
    forgetToken();
    setMessage(why);
    setToken(null);
  }, []);
  if (!token) {
    return (
      <TokenForm
        message={message}
        onToken={(t) => {
          storeToken(t);
          setMessage(null);
          setToken(t);
        }}
      />
    );
  }
  return <Dashboard key={token} token={token} onLogout={logout} />;
}

function TokenForm({ message, onToken }: { message: string | null; onToken: (t: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <main className="login">
      <h1>cleanpath</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim()) onToken(value.trim());
        }}
      >
        <label>
          API token <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} name="token" aria-label="API token" />
        </label>
        <button type="submit">Open dashboard</button>
      </form>
      {message ? <p className="bad" role="alert">{message}</p> : null}
      <p className="muted">The token is kept in this tab only (sessionStorage). A link with <code>#token=…</code> signs in directly.</p>
    </main>
  );
}

function Dashboard({ token, onLogout }: { token: string; onLogout: (why: string | null) => void }) {
  const api = useMemo(() => new Api(token), [token]);
  const route = useRoute();
  const view = tabOf(route);
  // the URL's snapshot when it names one (a shared link, back, forward), else the one chosen last,
  // at first the newest once listed. Read from the route in the same render: a state that followed
  // the URL in an effect would draw (and fetch) one render of the previous snapshot first.
  const [chosen, setSnapshot] = useState<string | null>(() => currentRoute().snapshot ?? null);
  const snapshot = route.snapshot ?? chosen;
  const [params, setParams] = useState<ReportParams>({ asOf: todayIso(), untrusted: '' });
  // The edit just saved, shown in the panel of its device while the URL still names it.
  const [saved, setSaved] = useState<SavedEdit | null>(null);
  // Snapshots this tab created by editing a device: the import answers with them, so the list
  // grows without a reload (which would empty the selector while it loads).
  const [created, setCreated] = useState<SnapshotInfo[]>([]);


  // the registry of analyses (column labels, the Changes view's choices): asked for once, early
  useEffect(() => {
    api.analyses().catch(() => {});
  }, [api]);
  const who = useAsync(() => api.whoami(), [api]);
  const listed = useAsync(() => api.snapshots(), [api]);
  const snapshots = useMemo(
    () => (listed.status === 'ok' ? { status: 'ok' as const, value: [...listed.value, ...created.filter((c) => !listed.value.some((s) => s.id === c.id))] } : listed),
    [listed, created],
  );
  useEffect(() => {
    const failed = who.status === 'error' ? who.error : snapshots.status === 'error' ? snapshots.error : null;
    if (failed instanceof ApiError && failed.status === 401) onLogout('The token was not accepted.');
  }, [who, snapshots, onLogout]);
  useEffect(() => {
    if (snapshots.status === 'ok' && snapshot === null && snapshots.value.length) setSnapshot(snapshots.value[snapshots.value.length - 1]!.name);
  }, [snapshots, snapshot]);
  // back, forward or a pasted link to another snapshot: it stays chosen when a URL names none
  useEffect(() => {
    if (route.snapshot && route.snapshot !== chosen) setSnapshot(route.snapshot);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route.snapshot]);
  const chooseSnapshot = useCallback((name: string) => {
    setSnapshot(name);
    navigate({ ...route, snapshot: name });
  }, [route]);

  // The views that page or run their own queries do not wait for the report: at 100k devices it
  // takes a while, and the CPU it takes is theirs. It is computed when a view needs it.
  const needsReport = !NO_REPORT.has(route.view);
  const report = useAsync(needsReport ? (signal) => (snapshot ? api.report(snapshot, params, signal) : new Promise<never>(() => {})) : null, [api, snapshot, params.asOf, params.untrusted, needsReport]);
  // The overview draws the store's counts and shares first (milliseconds), its analysis cards as they arrive.
  const onOverview = route.view === 'overview';
  const summary = useAsync(onOverview && snapshot ? (signal) => api.summary(snapshot, signal) : null, [api, snapshot, onOverview]);
  const cards = useAsync(onOverview && snapshot ? (signal) => api.overview(snapshot, params, signal) : null, [api, snapshot, params.asOf, params.untrusted, onOverview]);
  // What the analysis read (its snapshot, date and untrusted vendors): the report's, or the overview's.
  const analysed = needsReport ? report : cards;
  const reading = analysed.status === 'ok' ? analysed.value : null;

  // A name the server could not resolve (HTTP 400 naming the parameter) belongs next to the input
  // that sent it, not only in the page body: the user fixes it where they typed it.
  const untrustedError =
    analysed.status === 'error' && analysed.error instanceof ApiError && analysed.error.status === 400 && /"untrusted"/.test(analysed.error.message) ? analysed.error.message.replace(/^query parameter "untrusted": /, '') : null;

  const reportValue = report.status === 'ok' ? report.value : null;
  const panel = useMemo(() => {
    const p = panelOf(route, reportValue);
    return p?.kind === 'device' && saved?.id === p.id ? { ...p, saved } : p;
  }, [route, reportValue, saved]);
  // Another tab keeps the device's evidence panel open, as it always did.
  const panelDevice = panel?.kind === 'device' ? panel.id : null;
  const go = useCallback((v: View) => navigate({ view: v, ...(panelDevice ? { panel: panelDevice } : {}) }), [panelDevice]);
  const openDevice = useCallback((id: string) => navigate({ ...withoutPanel(route), panel: id }), [route]);
  // An edit is a new snapshot: show it, with the same device reopened and told what was saved.
  const onSaved = useCallback((e: SavedEdit) => {
    setCreated((old) => [...old, e.info]);
    setSnapshot(e.info.name);
    setSaved(e);
    navigate({ ...withoutPanel(route), panel: e.id, snapshot: e.info.name });
  }, [route]);
  const editing = useMemo<PanelEditing>(
    () => ({ role: who.status === 'ok' ? who.value.role : null, taken: snapshots.status === 'ok' ? snapshots.value.map((s) => s.name) : [], onSaved }),
    [who, snapshots, onSaved],
  );
  const openFinding = useCallback((f: Finding) => navigate({ view: 'finding', rule: f.rule, subject: f.device ?? f.name ?? '' }), []);

  let body: ReactNode;
  if (snapshots.status === 'error') body = <p className="bad" role="alert">Cannot list snapshots: <Text value={snapshots.error.message} /></p>;
  else if (snapshots.status === 'ok' && !snapshots.value.length) body = <p>No snapshot yet: import an inventory first (<code>cleanpath import</code> or <code>POST /api/imports</code>).</p>;
  // the Changes view runs its own analyses, with the same parameters: it does not wait for the report
  else if (view === 'changes' && snapshot && snapshots.status === 'ok') body = <ChangesView api={api} snapshot={snapshot} snapshots={snapshots.value} params={params} />;
  // the What if view runs its own analysis when asked: it does not wait for the report either
  else if (view === 'whatif' && snapshot) body = <WhatIfView api={api} snapshot={snapshot} params={params} />;
  // the devices, screening and measured-paths views page or run their own queries
  else if (route.view === 'devices' && snapshot) body = <DevicesView api={api} snapshot={snapshot} query={route.query ?? {}} asOf={params.asOf} />;
  else if (route.view === 'device' && snapshot) body = <DevicePage api={api} snapshot={snapshot} id={route.id} report={reportValue} />;
  else if (view === 'screening' && snapshot) body = <ScreeningView api={api} snapshot={snapshot} asOf={params.asOf} />;
  else if (view === 'paths' && snapshot) body = <PathsView api={api} snapshot={snapshot} untrusted={params.untrusted} />;
  else if (route.view === 'flow' && snapshot) body = <FlowView api={api} snapshot={snapshot} id={route.id} untrusted={params.untrusted} onDevice={openDevice} />;
  else if (untrustedError) body = <p className="bad">Nothing computed: the untrusted vendors name one the catalog and this snapshot do not know (<Text value={untrustedError} />).</p>;
  else if (onOverview && snapshot) body = <OverviewBody summary={summary} cards={cards} snapshot={snapshot} snapshots={snapshots.status === 'ok' ? snapshots.value : []} />;
  else if (report.status === 'loading') body = <p className="loading" aria-busy="true">Computing the report for {snapshot ? <Text value={snapshot} /> : '…'} (policy, exposure, kill-switch, plan)…</p>;
  else if (report.status === 'error') body = <p className="bad" role="alert">Cannot load the report: <Text value={report.error.message} /></p>;
  else {
    const m = report.value;
    body = (
      <>
        {view === 'map' && snapshot && <MapView report={m} api={api} snapshot={snapshot} onDevice={openDevice} />}
        {view === 'topology' && snapshot && <TopologyView api={api} snapshot={snapshot} report={m} onDevice={openDevice} />}
        {view === 'findings' && <FindingsView report={m} onFinding={openFinding} selected={panel} />}
        {view === 'flows' && <FlowsView report={m} onDevice={openDevice} />}
        {view === 'plan' && <PlanView report={m} onDevice={openDevice} api={api} snapshot={snapshot} />}
        {view === 'deadlines' && <DeadlinesView report={m} />}
      </>
    );
  }

  return (
    <div className={`app${panel ? ' with-panel' : ''}`}>
      <header className="top">
        <h1>cleanpath</h1>
        <nav role="tablist" aria-label="Views">
          {VIEWS.map(([v, label]) => (
            <button key={v} role="tab" aria-selected={view === v} data-view={v} className={view === v ? 'active' : ''} onClick={() => go(v)}>
              {label}
            </button>
          ))}
        </nav>
        <div className="who">
          {who.status === 'ok' ? (
            <span>
              <Text value={who.value.organisation} /> · {who.value.role}
            </span>
          ) : null}
          <button className="link" onClick={() => onLogout(null)}>
            sign out
          </button>
        </div>
      </header>
      <form
        className="params"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setParams({ asOf: String(f.get('asOf') ?? '') || todayIso(), untrusted: String(f.get('untrusted') ?? '').trim() });
        }}
      >
        <label>
          snapshot{' '}
          <select aria-label="snapshot" value={snapshot ?? ''} onChange={(e) => chooseSnapshot(e.target.value)} disabled={snapshots.status !== 'ok'}>
            {snapshots.status === 'ok'
              ? [...snapshots.value].reverse().map((s) => (
                  <option key={s.id} value={s.name}>
                    {plain(s.name)} ({s.devices} devices, {s.createdAt.slice(0, 10)})
                  </option>
                ))
              : null}
          </select>
        </label>
        <label>
          rules as of <input type="date" name="asOf" defaultValue={params.asOf} aria-label="as of" />
        </label>
        <label>
          untrusted vendors{' '}
          <input
            name="untrusted"
            defaultValue={params.untrusted}
            placeholder={reading ? reading.untrusted.map(plain).join(',') : 'huawei,zte'}
            aria-label="untrusted vendors"
            aria-invalid={untrustedError ? true : undefined}
            aria-describedby={untrustedError ? 'untrusted-error' : undefined}
          />
        </label>
        {untrustedError ? (
          <span id="untrusted-error" className="bad" role="alert" data-testid="untrusted-error">
            <Text value={untrustedError} />
          </span>
        ) : null}
        <button type="submit">Apply</button>
        {reading && (needsReport || onOverview) ? (
          <span className="muted report-line" data-testid="report-line">
            <Text value={reading.source.snapshot} /> · as of{' '}
            <span className="as-of">
              <Text value={reading.asOf} />
            </span>{' '}
            · untrusted: <span className="untrusted">{reading.untrusted.length ? <TextList values={reading.untrusted} /> : 'none'}</span>
          </span>
        ) : null}
      </form>
      <main className="content">{body}</main>
      {panel && snapshot ? (
        <SidePanel api={api} snapshot={snapshot} subject={panel} report={reportValue} editing={editing} onDevice={openDevice} onClose={() => navigate(withoutPanel(route))} />
      ) : null}
    </div>
  );
}
