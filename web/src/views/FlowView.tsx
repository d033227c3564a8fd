// One flow at its own URL (#/flows/ID): every equal-cost shortest path drawn hop by hop (one row
// per path, hops as boxes, untrusted hops marked with their vendor and evidence), the cheapest
// clean alternative beside them with its extra cost, and the routes on a map of their sites.
// The document is the flow-paths analysis's (GET /api/snapshots/{s}/flows/{id}/paths).
import { useState } from 'react';
import type { Api } from '../api.js';
import { num } from '../format.js';
import { hrefFor } from '../router.js';
import { plain, Text } from '../Text.js';
import type { FlowPathsAnalysis, FlowRoute, Hop } from '../types.js';
import { useAsync } from '../use-async.js';
import { AttestationButton } from './AttestationButton.js';
import { FlowMap } from './FlowMap.js';
import './flow-view.css';

const FIRST_LIMIT = 64;
/** Characters of the strongest evidence value shown in a hop box; the whole is in its tooltip. */
const EVIDENCE_SHOWN = 36;
const MAX_LIMIT = 1000;

interface Props {
  api: Api;
  snapshot: string;
  id: string;
  untrusted: string;
  onDevice: (id: string) => void;
}

export function FlowView({ api, snapshot, id, untrusted, onDevice }: Props) {
  const [limit, setLimit] = useState(FIRST_LIMIT);
  const doc = useAsync((signal) => api.flowPaths(snapshot, id, { untrusted, limit }, signal), [api, snapshot, id, untrusted, limit]);
  const back = <a href={hrefFor({ view: 'flows' })}>← all flows</a>;
  if (doc.status === 'loading') return <div className="flow-view">{back}<p className="loading" aria-busy="true">Listing the paths of flow <Text value={id} />…</p></div>;
  if (doc.status === 'error') return <div className="flow-view">{back}<p className="bad" role="alert">Cannot show flow <Text value={id} />: <Text value={doc.error.message} /></p></div>;
  const d = doc.value;
  return (
    <div className="flow-view" data-testid="flow-view" data-flow={d.flow.id}>
      {back}
      <FlowHeader d={d} />
      <AttestationButton api={api} snapshot={snapshot} flow={d.flow.id} untrusted={untrusted} />
      <div className="flow-routes">
        <section className="flow-paths" aria-label="equal-cost shortest paths">
          <h3>{d.total === 1 ? 'The shortest path' : `Equal-cost shortest paths (${num(d.total)}${d.totalSaturated ? '+' : ''})`}</h3>
          {d.paths.map((p, i) => <PathRow key={i} label={`Path ${i + 1}`} route={p} onDevice={onDevice} testid="flow-path" />)}
          {d.cost === null ? <p className="muted">No path joins the endpoints.</p> : null}
          <MorePaths d={d} onMore={() => setLimit(Math.min(MAX_LIMIT, limit * 4))} />
        </section>
        <CleanAlternative d={d} onDevice={onDevice} />
      </div>
      <FlowMap d={d} sites={d.sites} />
    </div>
  );
}

function FlowHeader({ d }: { d: FlowPathsAnalysis }) {
  const f = d.flow;
  return (
    <>
      <h2>
        Flow <Text value={f.id} fold />: <Text value={f.src} /> → <Text value={f.dst} />
      </h2>
      <p>
        <span className={`exp-badge exp-${d.exposure}`} data-testid="flow-exposure">{d.exposure}</span> {f.class} flow, volume {num(f.volume)}
        {d.cost === null ? ', unreachable' : `, shortest cost ${num(d.cost)}`}; untrusted: {d.untrusted.length ? d.untrusted.map(plain).join(', ') : 'the avoid criteria'}.
      </p>
      {d.nothingToAnalyse ? <p className="warn" role="status"><Text value={d.nothingToAnalyse} /></p> : null}
    </>
  );
}

function MorePaths({ d, onMore }: { d: FlowPathsAnalysis; onMore: () => void }) {
  const more = d.total - d.paths.length;
  if (more <= 0) return null;
  return (
    <p className="muted" data-testid="more-paths">
      {num(more)}
      {d.totalSaturated ? '+' : ''} more path{more === 1 ? '' : 's'} not drawn.{' '}
      {d.limit < MAX_LIMIT ? <button className="link" onClick={onMore}>draw up to {Math.min(MAX_LIMIT, d.limit * 4)}</button> : null}
    </p>
  );
}

function CleanAlternative({ d, onDevice }: { d: FlowPathsAnalysis; onDevice: (id: string) => void }) {
  const c = d.clean;
  const endpointBad = d.paths[0] && (d.paths[0].hops[0]!.untrusted || d.paths[0].hops.at(-1)!.untrusted);
  return (
    <section className="flow-clean" aria-label="clean alternative" data-testid="clean-alternative">
      <h3>Clean alternative</h3>
      {c === null ? (
        <p className="bad">None: {endpointBad ? 'an endpoint is itself untrusted' : 'every path between the endpoints crosses an untrusted device'}.</p>
      ) : (
        <>
          <p data-testid="clean-extra">
            Cost {num(c.cost)}
            {c.extra === null ? '' : c.extra === 0 ? ', no extra cost' : <>, <b>+{num(c.extra)}</b> over the shortest ({num(d.cost === null || d.cost === 0 ? null : c.cost / d.cost, 2)}×)</>}
          </p>
          <PathRow label="Clean" route={c} onDevice={onDevice} testid="clean-path" vertical />
        </>
      )}
    </section>
  );
}

function PathRow({ label, route, onDevice, testid, vertical = false }: { label: string; route: FlowRoute; onDevice: (id: string) => void; testid: string; vertical?: boolean }) {
  const bad = route.hops.filter((h) => h.untrusted).length;
  return (
    <div className={`path-row${bad ? ' path-exposed' : ''}`} data-testid={testid}>
      <div className="path-label">
        {label}
        <span className="muted"> · {bad ? `${bad} untrusted` : 'clean'}</span>
      </div>
      <ol className={vertical ? 'hops vertical' : 'hops'}>
        {route.hops.map((h, i) => (
          <HopBox key={i} hop={h} onDevice={onDevice} />
        ))}
      </ol>
    </div>
  );
}

function HopBox({ hop: h, onDevice }: { hop: Hop; onDevice: (id: string) => void }) {
  const top = h.evidence[0];
  return (
    <li className={`hop${h.untrusted ? ' hop-untrusted' : ''}`} data-testid="hop" data-device={h.device} data-untrusted={h.untrusted ? 'true' : 'false'}>
      <button className="link hop-name" onClick={() => onDevice(h.device)} title={plain(h.name ? `${h.name} (${h.device})` : h.device)}>
        <Text value={h.name ?? h.device} fold />
      </button>
      <span className="hop-vendor">
        <Text value={h.vendor ?? 'unknown vendor'} />
      </span>
      {h.site ? (
        <span className="hop-site muted">
          <Text value={h.site} fold />
        </span>
      ) : null}
      {h.untrusted ? (
        <span className="hop-evidence" data-testid="hop-evidence">
          {h.evidence.length ? [...new Set(h.evidence.map((e) => e.kind))].join(', ') : 'no evidence recorded'}
          {top ? (
            <span className="muted hop-evidence-value" title={plain(`${top.value} (${top.source})`)}>
              <Text value={top.value.length > EVIDENCE_SHOWN ? `${top.value.slice(0, EVIDENCE_SHOWN)}…` : top.value} />
            </span>
          ) : null}
        </span>
      ) : null}
    </li>
  );
}
