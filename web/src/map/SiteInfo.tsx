// What a click on a map marker opens: the site (or the cluster's sites), its devices and the
// sensitive flows that start or end there. The device list comes from the topology answer (every
// device with its site; the report lists only untrusted ones), fetched on the first click. A device
// opens in the side panel, a flow on its own page (the router's #/flows/ID).
import type { Marker } from './clusters.js';
import { EXPOSURE_LABELS, num } from '../format.js';
import { hrefFor } from '../router.js';
import type { AsyncState } from '../use-async.js';
import type { ReportFlow, Topology, TopologyNode } from '../types.js';
import { Text } from '../Text.js';

/** Rows listed before "and N more": the panel is a summary, the devices view the full list. */
const LIST_LIMIT = 60;

function devicesOf(m: Marker, topo: Topology): TopologyNode[] {
  const ids = new Set(m.sites.map((s) => s.id));
  return topo.nodes.filter((n) => n.site !== null && ids.has(n.site)).sort((a, b) => Number(b.untrusted) - Number(a.untrusted) || (a.id < b.id ? -1 : 1));
}

function flowsOf(devices: readonly TopologyNode[], flows: readonly ReportFlow[]): ReportFlow[] {
  const ids = new Set(devices.map((d) => d.id));
  return flows.filter((f) => f.class === 'sensitive' && (ids.has(f.src) || ids.has(f.dst)));
}

function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <li className="muted">and {num(total - shown)} more</li> : null;
}

function Heading({ m }: { m: Marker }) {
  const only = m.sites.length === 1 ? m.sites[0]! : null;
  return (
    <>
      <h3>{only ? <Text value={only.name} fold /> : `${num(m.sites.length)} sites`}</h3>
      <p>
        {only ? (
          <>
            <Text value={only.id} fold /> · {only.country ? <Text value={only.country} /> : 'no country'} · {num(only.lat, 4)}, {num(only.lon, 4)} ·{' '}
          </>
        ) : null}
        {num(m.devices)} device(s), <span className={m.untrustedDevices ? 'bad' : ''}>{num(m.untrustedDevices)} untrusted</span>; worst sensitive flow exposure:{' '}
        {m.exposure ? EXPOSURE_LABELS[m.exposure] : 'no sensitive flow ends here'}
      </p>
      {only ? null : (
        <p className="site-list">
          {m.sites.slice(0, LIST_LIMIT).map((s, i) => (
            <span key={s.id}>
              {i ? ', ' : ''}
              <Text value={s.name} />
            </span>
          ))}
          {m.sites.length > LIST_LIMIT ? ` and ${num(m.sites.length - LIST_LIMIT)} more` : ''}
        </p>
      )}
    </>
  );
}

function DeviceList({ devices, onDevice }: { devices: readonly TopologyNode[]; onDevice: ((id: string) => void) | undefined }) {
  return (
    <ul className="site-devices" data-testid="site-devices">
      {devices.slice(0, LIST_LIMIT).map((d) => (
        <li key={d.id} className={d.untrusted ? 'bad' : ''}>
          <button type="button" className="link" data-device={d.id} onClick={() => onDevice?.(d.id)} disabled={!onDevice}>
            <Text value={d.name ?? d.id} fold />
          </button>{' '}
          <span className="muted">
            {d.vendor ? <Text value={d.vendor} /> : 'unknown vendor'}
            {d.layer ? <>, <Text value={d.layer} /></> : null}
          </span>
        </li>
      ))}
      <More shown={LIST_LIMIT} total={devices.length} />
    </ul>
  );
}

function FlowList({ flows }: { flows: readonly ReportFlow[] }) {
  if (!flows.length) return <p className="muted">No sensitive flow starts or ends here.</p>;
  return (
    <ul className="site-flows" data-testid="site-flows">
      {flows.slice(0, LIST_LIMIT).map((f) => (
        <li key={f.id} data-flow={f.id}>
          <a href={hrefFor({ view: 'flow', id: f.id })}>
            <Text value={f.id} fold />
          </a>
          : <Text value={f.srcName} /> → <Text value={f.dstName} /> · <span className={f.exposure === 'all' || f.exposure === 'some' ? 'bad' : ''}>exposure: {f.exposure}</span>
        </li>
      ))}
      <More shown={LIST_LIMIT} total={flows.length} />
    </ul>
  );
}

export function SiteInfo({ marker, topology, flows, onDevice }: { marker: Marker; topology: AsyncState<Topology>; flows: readonly ReportFlow[]; onDevice?: (id: string) => void }) {
  const devices = topology.status === 'ok' ? devicesOf(marker, topology.value) : [];
  return (
    <div className="site-info" data-testid="site-info" data-marker={marker.key}>
      <Heading m={marker} />
      {topology.status === 'loading' ? <p className="loading">Loading the devices…</p> : null}
      {topology.status === 'error' ? <p className="bad">Cannot load the devices: <Text value={topology.error.message} /></p> : null}
      {topology.status === 'ok' ? (
        <div className="site-columns">
          <section>
            <h4>Devices ({num(devices.length)})</h4>
            <DeviceList devices={devices} onDevice={onDevice} />
          </section>
          <section>
            <h4>Sensitive flows</h4>
            <FlowList flows={flowsOf(devices, flows)} />
          </section>
        </div>
      ) : null}
    </div>
  );
}
