// Overview: the summary counts, the vendor shares per country and per layer, the kill-switch
// impact in one line per vendor set, and the snapshots of the organisation. The counts and shares
// come from the light summary route, drawn at once (issue 18); the analysis cards from the
// overview route (the report's numbers without the report: a few KB where the report is 164 MB
// at 100k devices), "computing…" until they arrive.
import { num, vendorColour } from '../format.js';
import type { OverviewKillSwitch, ReportModel, ReportOverview, SnapshotInfo, SnapshotSummary, VendorShare } from '../types.js';
import type { AsyncState } from '../use-async.js';
import { plain, Text, TextList } from '../Text.js';

function Card({ label, value, tone }: { label: string; value: number | null; tone?: 'bad' | 'warn' | 'ok' | undefined }) {
  return (
    <div className="card" data-card={label}>
      <b className={tone ?? ''}>{num(value)}</b>
      {label}
    </div>
  );
}

function Shares({ title, shares, untrusted }: { title: string; shares: VendorShare[]; untrusted: ReadonlySet<string> }) {
  return (
    <section>
      <h3>{title}</h3>
      <table className="shares">
        <thead>
          <tr>
            <th></th>
            <th>devices</th>
            <th>share</th>
            <th>vendors</th>
          </tr>
        </thead>
        <tbody>
          {shares.map((s) => (
            <tr key={s.key}>
              <td>
                <Text value={s.key} />
              </td>
              <td className="n">{num(s.total)}</td>
              <td>
                <div className="bar">
                  {s.vendors.map((v) => (
                    <span key={v.vendor} style={{ width: `${v.percent}%`, background: vendorColour(v.vendor, untrusted) }} title={`${plain(v.vendor)}: ${v.devices} (${v.percent}%)`} />
                  ))}
                </div>
              </td>
              <td>
                {s.vendors.slice(0, 6).map((v, i) => (
                  <span key={v.vendor} className={untrusted.has(v.vendor) ? 'bad' : ''}>
                    {i ? ', ' : ''}
                    <Text value={v.vendor} /> {v.percent}%
                  </span>
                ))}
                {s.vendors.length > 6 ? <span className="muted">, +{s.vendors.length - 6} more</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One vendor set off: what it cuts, or plainly that it has no device or that flows are unknown. */
function KillSwitchLine({ k, flows }: { k: OverviewKillSwitch; flows: number }) {
  const name = (
    <b>
      <TextList values={k.vendors} sep=" + " />
    </b>
  );
  if (k.removedDevices === 0) {
    return (
      <li>
        {name} <span className="muted">: no device of this vendor here, nothing to switch off</span>
      </li>
    );
  }
  return (
    <li>
      {name} off ({num(k.removedDevices)} devices):{' '}
      {flows ? (
        <>
          <b className="bad">{num(k.sensitiveFlowsCut)}</b> sensitive flows cut,{' '}
        </>
      ) : (
        'flows cut not known (no flows), '
      )}
      {num(k.sitesCutOff)} sites cut off; main network {num(k.mainNetworkBefore)} → {num(k.mainNetworkAfter)} devices
    </li>
  );
}

/** The plain sentence shown instead of counts when the flow analyses have nothing to work on. */
export function Nothing({ report: m }: { report: Pick<ReportModel, 'nothingToAnalyse'> }) {
  return m.nothingToAnalyse ? (
    <p className="nothing" role="status" data-testid="nothing-to-analyse">
      <Text value={m.nothingToAnalyse} />
    </p>
  ) : null;
}

/** Until the numbers arrive their cards say so: a count not computed yet is never shown as 0, nor a failure. */
function Pending({ labels, cards }: { labels: string[]; cards: AsyncState<ReportOverview> }) {
  if (cards.status === 'error') {
    return (
      <p className="bad" role="alert" data-testid="overview-error">
        Cannot compute the analysis cards (findings, exposure, plan): <Text value={cards.error.message} />
      </p>
    );
  }
  return (
    <>
      {labels.map((l) => (
        <div key={l} className="card pending" data-card={l} aria-busy="true">
          <b className="muted">computing…</b>
          {l}
        </div>
      ))}
    </>
  );
}

const ANALYSIS_CARDS = ['untrusted devices', 'sensitive flows', 'exposed on every path', 'exposed on some paths', 'findings', 'plan: devices to replace'];

/** The analysis cards: untrusted devices, exposure, findings and plan. */
function AnalysisCards({ m }: { m: ReportOverview }) {
  const s = m.summary;
  const tone = (n: number, bad: 'bad' | 'warn' = 'bad') => (n ? bad : 'ok');
  // Zeros beside "nothing to analyse" would read as an all-clear: the exposure and plan cards go.
  const nothing = m.nothingToAnalyse;
  const unknown = s.devices - s.attributed;
  return (
    <>
      <Card
        label={unknown && !s.untrustedDevices ? `untrusted devices (${num(unknown)} of unknown vendor)` : 'untrusted devices'}
        value={s.untrustedDevices}
        tone={s.untrustedDevices ? 'bad' : unknown ? 'warn' : 'ok'}
      />
      {nothing ? (
        <Card label="sensitive flows" value={s.sensitiveFlows} tone="warn" />
      ) : (
        <>
          <Card label="sensitive flows" value={s.sensitiveFlows} />
          <Card label="exposed on every path" value={s.sensitiveExposedAll} tone={tone(s.sensitiveExposedAll)} />
          <Card label="exposed on some paths" value={s.sensitiveExposedSome} tone={tone(s.sensitiveExposedSome, 'warn')} />
          <Card label="exposed, no clean path" value={s.exposedWithoutCleanPath} tone={tone(s.exposedWithoutCleanPath)} />
        </>
      )}
      <Card label="findings" value={s.findings} tone={tone(s.findings, 'warn')} />
      {nothing ? null : (
        <>
          <Card label="plan: devices to replace" value={s.planDevices} />
          <Card label="plan: cost" value={s.planCost} />
        </>
      )}
    </>
  );
}

/** Findings by status, the report's notes and the kill-switch lines, once computed. */
function AnalysisDetail({ m }: { m: ReportOverview }) {
  const s = m.summary;
  return (
    <>
      <Nothing report={m} />
      {Object.keys(s.findingsByStatus).length ? (
        <p>
          Findings by status:{' '}
          {Object.entries(s.findingsByStatus).map(([k, n], i) => (
            <span key={k} className={`pill status-${k}`}>
              {i ? ' ' : ''}
              <Text value={k} /> {n}
            </span>
          ))}
        </p>
      ) : null}
      {m.notes.length ? (
        <ul className="muted">
          {m.notes.map((n, i) => (
            <li key={i}>
              <Text value={n} />
            </li>
          ))}
          {m.moreNotes ? <li>+{num(m.moreNotes)} more notes in the report</li> : null}
        </ul>
      ) : null}
      {m.killSwitches.length ? (
        <section>
          <h3>Kill-switch impact</h3>
          <ul>
            {m.killSwitches.map((k) => (
              <KillSwitchLine key={k.vendors.join('+')} k={k} flows={s.flows} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

/**
 * Drawn from the store's summary first (counts, shares: milliseconds at 100k devices), the
 * analysis cards filled in when their numbers arrive (minutes at 100k), "computing…" meanwhile.
 */
export function Overview({ summary: c, cards, snapshots }: { summary: SnapshotSummary; cards: AsyncState<ReportOverview>; snapshots: SnapshotInfo[] }) {
  const m = cards.status === 'ok' ? cards.value : null;
  // the untrusted vendors are the analysis's reading (the catalog's names resolved): none until it is here
  const untrusted = new Set(m?.untrusted ?? []);
  return (
    // "overview" once whole (the analysis cards in); tests and the bench wait on either name
    <div className="overview" data-testid={m ? 'overview' : 'overview-computing'} aria-busy={cards.status === 'loading' ? 'true' : undefined}>
      <h2>
        <Text value={`cleanpath report: ${c.snapshot.name}`} />
      </h2>
      <div className="cards">
        <Card label="devices" value={c.snapshot.devices} />
        <Card label="attributed to a vendor" value={c.attributed} />
        <Card label="sites" value={c.sites} />
        <Card label="links" value={c.snapshot.links} />
        <Card label="flows" value={c.snapshot.flows} tone={m?.nothingToAnalyse ? 'warn' : undefined} />
        {m ? <AnalysisCards m={m} /> : <Pending labels={ANALYSIS_CARDS} cards={cards} />}
      </div>
      {m ? <AnalysisDetail m={m} /> : null}
      <div className="two">
        <Shares title="Vendor shares by country" shares={c.shares.byCountry} untrusted={untrusted} />
        <Shares title="Vendor shares by layer" shares={c.shares.byLayer} untrusted={untrusted} />
      </div>
      <section>
        <h3>Snapshots</h3>
        <table>
          <thead>
            <tr>
              <th>name</th>
              <th>imported</th>
              <th>base</th>
              <th>devices</th>
              <th>sites</th>
              <th>links</th>
              <th>flows</th>
            </tr>
          </thead>
          <tbody>
            {snapshots.map((x) => (
              <tr key={x.id} className={x.name === c.snapshot.name ? 'current' : ''}>
                <td>
                  <Text value={x.name} fold />
                </td>
                <td>{x.createdAt}</td>
                <td>
                  <Text value={x.base} fold />
                </td>
                <td className="n">{num(x.devices)}</td>
                <td className="n">{num(x.sites)}</td>
                <td className="n">{num(x.links)}</td>
                <td className="n">{num(x.flows)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
