// One device's page (`#/devices/ID`): what the side panel shows — its evidence, conflicts,
// identifiers, findings and the sensitive flows that start or end at it — and its neighbours,
// the devices its links reach (GET /api/snapshots/{s}/devices/{id}/links). Every device named
// here links to its own page, so the network can be walked hop by hop with back and forward.
import type { Api } from '../api.js';
import { num } from '../format.js';
import { hrefFor, navigate } from '../router.js';
import { Text } from '../Text.js';
import { useAsync } from '../use-async.js';
import type { DeviceLinks, ReportModel } from '../types.js';
import { DeviceDetails } from './SidePanel.js';

function Neighbours({ links, untrusted }: { links: DeviceLinks['links']; untrusted: ReadonlySet<string> }) {
  if (!links.length) return <p className="warn" data-testid="no-neighbours">No link names this device: it is isolated in this snapshot (or its links were not imported).</p>;
  return (
    <table data-testid="neighbours-table">
      <thead>
        <tr>
          <th>Neighbour</th>
          <th>Name</th>
          <th>Vendor</th>
          <th>Site</th>
          <th>Country</th>
          <th>Layer</th>
          <th>Metric</th>
          <th>Link operator</th>
        </tr>
      </thead>
      <tbody>
        {links.map((l, i) => {
          const n = l.neighbour;
          return (
            <tr key={i} data-neighbour={n.id}>
              <td>
                <a href={hrefFor({ view: 'device', id: n.id })}>
                  <Text value={n.id} fold />
                </a>
              </td>
              <td><Text value={n.name} fold /></td>
              <td className={n.vendor && untrusted.has(n.vendor) ? 'bad' : undefined}><Text value={n.vendor ?? 'unknown'} /></td>
              <td><Text value={n.site} /></td>
              <td><Text value={n.country} /></td>
              <td><Text value={n.layer} /></td>
              <td className="n">{num(l.metric)}</td>
              <td><Text value={l.operator} /></td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function DevicePage({ api, snapshot, id, report }: { api: Api; snapshot: string; id: string; report: ReportModel | null }) {
  const device = useAsync((signal) => api.device(snapshot, id, signal), [api, snapshot, id]);
  const links = useAsync((signal) => api.deviceLinks(snapshot, id, signal), [api, snapshot, id]);
  const untrusted = new Set(report?.untrusted ?? []);
  let main;
  if (device.status === 'loading') main = <p className="loading" aria-busy="true">Loading <Text value={id} />…</p>;
  else if (device.status === 'error') main = <p className="bad" role="alert" data-testid="device-error"><Text value={id} />: <Text value={device.error.message} fold /></p>;
  else main = <DeviceDetails d={device.value} report={report} onDevice={(other) => navigate({ view: 'device', id: other })} edit={null} />;
  return (
    <div className="device-page" data-testid="device-page" data-device={id}>
      <p>
        <a href={hrefFor({ view: 'devices' })}>‹ all devices</a>
        {report ? null : <span className="muted"> · findings and flows appear once the report is computed</span>}
      </p>
      {main}
      <h3>Neighbours{links.status === 'ok' ? ` (${num(links.value.links.length)})` : ''}</h3>
      {links.status === 'loading' ? <p className="loading">Reading links…</p> : links.status === 'error' ? <p className="bad" role="alert"><Text value={links.error.message} /></p> : <Neighbours links={links.value.links} untrusted={untrusted} />}
    </div>
  );
}
