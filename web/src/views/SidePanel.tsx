// The evidence panel: one device as the API returns it (GET /devices/:id) with every piece of
// evidence, its source file and line, and the conflicts between them; or a group finding (share
// cap, concentration) with its devices, each one click from its own evidence. A device can be
// edited from here into a new snapshot (DeviceEdit.tsx).
import type { ReactNode } from 'react';
import { makerNameInDetail } from '../../../src/vendors/maker-detail.js';
import { Api } from '../api.js';
import { num, pct } from '../format.js';
import { useAsync } from '../use-async.js';
import type { Device, Evidence, Finding, ReportModel, Role } from '../types.js';
import { DeviceEdit, EditSavedNote, type SavedEdit } from './DeviceEdit.js';
import { Text, TextList } from '../Text.js';

/** What the panel shows; `saved` when the device was just edited into the snapshot now shown. */
export type PanelSubject = { kind: 'device'; id: string; finding?: Finding; saved?: SavedEdit } | { kind: 'group'; finding: Finding };

/** The registered name of a maker outside the risk catalog, as the evidence quotes it. */
function outsideMaker(d: Device): string | undefined {
  for (const e of d.attribution.evidence) if (e.vendor === d.vendor && makerNameInDetail(e.detail)) return makerNameInDetail(e.detail);
  return undefined;
}

function sourceText(s: Evidence['source']): string {
  if (s.file) return s.line !== undefined ? `${s.file}:${s.line}` : s.file;
  if (s.probe) return [s.probe, s.address, s.time].filter(Boolean).join(' ');
  return '';
}

function FindingSummary({ f }: { f: Finding }) {
  return (
    <div className={`finding-summary status-${f.status}`}>
      <b>{f.status}</b> — <Text value={f.rule} />
      {f.deadline ? <> · deadline <Text value={f.deadline} /></> : ''}
      {f.daysLeft !== null ? ` (${f.daysLeft} days)` : ''}
      <div>
        <Text value={f.reason} fold />
      </div>
      <div className="muted">
        <Text value={f.ruleRef.title} /> — <Text value={f.ruleRef.instrument} /> <Text value={f.ruleRef.clause} /> ({f.ruleRef.verification})
      </div>
    </div>
  );
}

export function DeviceDetails({ d, report, onDevice, edit }: { d: Device; report: ReportModel | null; onDevice: (id: string) => void; edit: ReactNode }) {
  const findings = report ? report.findings.filter((f) => f.device === d.id || f.group?.devices.includes(d.id)) : [];
  const raw = Object.entries(d.raw).filter(([, v]) => v !== undefined && v !== '');
  const where = [d.site, d.country, d.operator, d.layer, d.technology].filter((x): x is string => !!x);
  return (
    <div className="device" data-device={d.id}>
      <h2>
        <Text value={d.name ?? d.id} fold />
      </h2>
      <dl>
        <dt>id</dt>
        <dd>
          <Text value={d.id} fold />
        </dd>
        <dt>vendor</dt>
        <dd className={d.vendor && report?.untrusted.includes(d.vendor) ? 'bad' : ''}>
          <Text value={d.vendor ?? 'unknown'} />
          {outsideMaker(d) ? <> — <Text value={outsideMaker(d)} />, not in the catalog</> : ''} ({pct(d.attribution.confidence, 0)} confidence)
        </dd>
        {d.model ? (<><dt>model</dt><dd><Text value={d.model} fold /></dd></>) : null}
        <dt>where</dt>
        <dd>{where.length ? <TextList values={where} sep=" · " /> : '–'}</dd>
        {d.installed ? (<><dt>installed</dt><dd><Text value={d.installed} /></dd></>) : null}
        <dt>read from</dt>
        <dd>{sourceText(d.source) ? <Text value={sourceText(d.source)} fold /> : '–'}</dd>
      </dl>
      {edit}
      <h3>Evidence ({d.attribution.evidence.length})</h3>
      {d.attribution.evidence.length ? (
        <table className="evidence" data-testid="evidence-table">
          <thead>
            <tr>
              <th>kind</th>
              <th>value</th>
              <th>vendor</th>
              <th>confidence</th>
              <th>source</th>
            </tr>
          </thead>
          <tbody>
            {d.attribution.evidence.map((e, i) => (
              <tr key={i} className={e.valid ? '' : 'invalid'} data-testid="evidence-row">
                <td>{e.kind}</td>
                <td>
                  <code>
                    <Text value={e.raw} fold />
                  </code>
                  {e.detail ? (
                    <div className="muted">
                      <Text value={e.detail} fold />
                    </div>
                  ) : null}
                  {e.valid ? null : <div className="bad">malformed: not used</div>}
                </td>
                <td>
                  <Text value={e.vendor ?? '–'} />
                </td>
                <td className="n">{pct(e.confidence, 0)}</td>
                <td className="source">
                  <Text value={sourceText(e.source)} fold />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No evidence names a vendor.</p>
      )}
      {d.attribution.conflicts.length ? (
        <>
          <h3 className="bad">Conflicts</h3>
          <ul>
            {d.attribution.conflicts.map((c, i) => (
              <li key={i}>
                <Text value={c.note} fold />{' '}
                <span className="muted">
                  (<TextList values={c.vendors} sep=" vs " />)
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {raw.length ? (
        <>
          <h3>Identifiers as read</h3>
          <dl className="raw">
            {raw.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>
                  <code>
                    <Text value={v} fold />
                  </code>
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {findings.length ? (
        <>
          <h3>Findings ({findings.length})</h3>
          {findings.map((f, i) => (
            <FindingSummary key={i} f={f} />
          ))}
        </>
      ) : null}
      {report ? <Neighbours id={d.id} report={report} onDevice={onDevice} /> : null}
    </div>
  );
}

/** Sensitive flows that start or end at the device, each endpoint a link to its evidence. */
function Neighbours({ id, report, onDevice }: { id: string; report: ReportModel; onDevice: (id: string) => void }) {
  const flows = report.exposure.flows.filter((f) => f.src === id || f.dst === id);
  if (!flows.length) return null;
  return (
    <>
      <h3>Flows ending here ({flows.length})</h3>
      <ul>
        {flows.slice(0, 50).map((f) => {
          const other = f.src === id ? f.dst : f.src;
          return (
            <li key={f.id}>
              <Text value={f.id} /> ({f.class}, {f.exposure}) ↔{' '}
              <button className="link" onClick={() => onDevice(other)}>
                <Text value={f.src === id ? f.dstName : f.srcName} fold />
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

function GroupDetails({ f, onDevice }: { f: Finding; onDevice: (id: string) => void }) {
  const g = f.group;
  return (
    <div className="group">
      <h2>{g ? <TextList values={[g.operator, g.segment]} sep=" / " /> : <Text value={f.rule} />}</h2>
      <FindingSummary f={f} />
      {g ? (
        <>
          <p>
            {num(g.covered)} of {num(g.total)} devices{g.sharePercent !== undefined ? ` (${num(g.sharePercent, 2)}%` : ''}
            {g.capPercent !== undefined ? `, cap ${num(g.capPercent, 2)}%)` : g.sharePercent !== undefined ? ')' : ''}
            {g.excess !== undefined ? `; replace at least ${num(g.excess)} to meet the cap` : ''}
            {g.hhi !== undefined ? `; HHI ${num(g.hhi)} (max ${num(g.maxHhi)})` : ''}
          </p>
          {g.devices.length ? (
            <ul className="columns">
              {g.devices.slice(0, 500).map((id) => (
                <li key={id}>
                  <button className="link" onClick={() => onDevice(id)}>
                    <Text value={id} fold />
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <h3>Evidence noted with the finding</h3>
      <EvidenceNotes f={f} />
    </div>
  );
}

function EvidenceNotes({ f }: { f: Finding }) {
  if (!f.evidence.length) return <p className="muted">none</p>;
  return (
    <ul>
      {f.evidence.map((e, i) => (
        <li key={i}>
          {e.kind}:{' '}
          <code>
            <Text value={e.raw} fold />
          </code>{' '}
          → <Text value={e.vendor ?? 'no vendor'} /> ({pct(e.confidence, 0)}){e.source ? <span className="muted"> <Text value={e.source} fold /></span> : null}
        </li>
      ))}
    </ul>
  );
}

/** What the panel needs to offer the edit form: the caller's role and where a saved edit goes. */
export interface PanelEditing {
  role: Role | null;
  /** Every snapshot name of the organisation, so the default new name is a free one. */
  taken: readonly string[];
  onSaved: (e: SavedEdit) => void;
}

export function SidePanel(props: { api: Api; snapshot: string; subject: PanelSubject; report: ReportModel | null; editing: PanelEditing; onDevice: (id: string) => void; onClose: () => void }) {
  const { api, snapshot, subject, report, editing, onDevice, onClose } = props;
  const deviceId = subject.kind === 'device' ? subject.id : null;
  const device = useAsync((signal) => (deviceId ? api.device(snapshot, deviceId, signal) : Promise.resolve(null)), [api, snapshot, deviceId]);
  return (
    <aside className="panel" aria-label="Evidence" data-testid="evidence-panel">
      <button className="close" onClick={onClose} aria-label="close">
        ×
      </button>
      {subject.kind === 'group' ? (
        <GroupDetails f={subject.finding} onDevice={onDevice} />
      ) : device.status === 'loading' ? (
        <p className="loading">
          Loading <Text value={subject.id} />…
        </p>
      ) : device.status === 'error' ? (
        <p className="bad" role="alert">
          <Text value={subject.id} />: <Text value={device.error.message} fold />
        </p>
      ) : device.value ? (
        <>
          {subject.saved?.info.name === snapshot && subject.saved.id === device.value.id ? <EditSavedNote saved={subject.saved} device={device.value} /> : null}
          {subject.finding ? <FindingSummary f={subject.finding} /> : null}
          <DeviceDetails
            d={device.value}
            report={report}
            onDevice={onDevice}
            // keyed so that another device or snapshot starts with a closed, blank form
            edit={<DeviceEdit key={`${snapshot}\n${device.value.id}`} api={api} snapshot={snapshot} device={device.value} {...editing} />}
          />
        </>
      ) : null}
    </aside>
  );
}
