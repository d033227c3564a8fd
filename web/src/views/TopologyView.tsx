// The topology that explains: by default only the devices on the sensitive flows' shortest paths
// (topology/subgraph.ts), grouped by site or by operator; a device's k-hop neighbourhood on
// request (find it, or click it and ask for its neighbourhood); the whole network one click away.
// Drawn with sigma (WebGL) over graphology, so 100k devices stay interactive; a click on a device
// opens its evidence.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Api } from '../api.js';
import { num } from '../format.js';
import { GROUP_KEY, type Grouping } from '../topology-layout.js';
import { GROUP_NODE, groupGraph } from '../topology/group-graph.js';
import { GroupLabels } from '../topology/GroupLabels.js';
import { drawnGraph } from '../topology/sigma-graph.js';
import { indexTopology, kHop, type IndexedTopology, type PathSubgraph } from '../topology/subgraph.js';
import { usePathSubgraph } from '../topology/use-paths.js';
import { useFoundAt } from '../topology/found-at.js';
import { useSigma } from '../topology/use-sigma.js';
import { useAsync } from '../use-async.js';
import type { ReportModel, Topology } from '../types.js';
import { Text } from '../Text.js';

type Mode = { kind: 'paths' } | { kind: 'all' } | { kind: 'drill'; device: string } | { kind: 'group'; key: string };

/** Above this many devices the whole network is drawn one disc per group (group-graph.ts): device
 * by device, sigma without a GPU (SwiftShader) measured 17 s to a first frame at 20,000 devices
 * and a few frames per second while zooming (docs/benchmarks.md, topology-view). */
const GROUPS_ABOVE = 10_000;

const HOPS = [1, 2, 3, 4, 5] as const;

function chosenNodes(mode: Mode, t: Topology, g: IndexedTopology, paths: PathSubgraph, k: number, grouping: Grouping): Set<number> {
  if (mode.kind === 'paths') return paths.nodes;
  if (mode.kind === 'group') return new Set(t.nodes.flatMap((n, i) => (GROUP_KEY[grouping](n) === mode.key ? [i] : [])));
  if (mode.kind === 'drill') {
    const c = g.index.get(mode.device);
    if (c !== undefined) return kHop(g, c, k);
  }
  return new Set(g.ids.keys());
}

function modeText(mode: Mode, paths: PathSubgraph, k: number, t: Topology) {
  if (mode.kind === 'paths') return <>the devices on the shortest paths of {num(paths.flows)} sensitive flow(s)</>;
  if (mode.kind === 'all') return <>every device</>;
  if (mode.kind === 'group') return <>the devices of <Text value={mode.key.replace(/^operator:/, '')} /></>;
  const n = t.nodes.find((x) => x.id === mode.device);
  return (
    <>
      the devices within {k} link(s) of <Text value={n?.name ?? mode.device} />
    </>
  );
}

/** Finds a device by id, or by a part of its name. */
function findDevice(t: Topology, q: string): string | null {
  const lower = q.trim().toLowerCase();
  if (!lower) return null;
  return (t.nodes.find((n) => n.id.toLowerCase() === lower) ?? t.nodes.find((n) => (n.name ?? '').toLowerCase().includes(lower)))?.id ?? null;
}

interface ToolbarProps {
  search: string;
  setSearch: (s: string) => void;
  note: string;
  mode: Mode;
  setMode: (m: Mode) => void;
  k: number;
  setK: (k: number) => void;
  grouping: Grouping;
  setGrouping: (g: Grouping) => void;
  onFind: (e: FormEvent) => void;
  canPaths: boolean;
  onDrill: (() => void) | null;
}

function Toolbar({ search, setSearch, note, mode, setMode, k, setK, grouping, setGrouping, onFind, canPaths, onDrill }: ToolbarProps) {
  return (
    <form className="toolbar" onSubmit={onFind}>
      <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="find a device by id or name" aria-label="find device" />
      <button type="submit">Find</button>
      <span className="muted">{note}</span>
      <label>
        show{' '}
        <select aria-label="show" value={mode.kind} onChange={(e) => setMode(e.target.value === 'all' ? { kind: 'all' } : e.target.value === 'paths' ? { kind: 'paths' } : mode)}>
          <option value="paths" disabled={!canPaths}>sensitive flows' paths</option>
          <option value="all">the whole network</option>
          <option value="drill" disabled={mode.kind !== 'drill'}>a device's neighbourhood</option>
          <option value="group" disabled={mode.kind !== 'group'}>one group's devices</option>
        </select>
      </label>
      <label>
        within{' '}
        <select aria-label="hops" value={k} onChange={(e) => setK(Number(e.target.value))}>
          {HOPS.map((h) => <option key={h} value={h}>{h} hop{h > 1 ? 's' : ''}</option>)}
        </select>
      </label>
      <button type="button" disabled={!onDrill} onClick={() => onDrill?.()} data-testid="drill">
        Neighbourhood of the clicked device
      </button>
      <label>
        group by{' '}
        <select aria-label="group by" value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
          <option value="site">site</option>
          <option value="operator">operator</option>
        </select>
      </label>
    </form>
  );
}

/** The canvas's container, with the ids of the devices drawn. */
export type DrawnContainer = HTMLDivElement & { topologyNodes?: string[] };

interface Props {
  api: Api;
  snapshot: string;
  report: ReportModel;
  onDevice: (id: string) => void;
}

export function TopologyView({ api, snapshot, report, onDevice }: Props) {
  const untrustedParam = report.untrusted.join(',');
  const topo = useAsync((signal) => api.topology(snapshot, untrustedParam, signal), [api, snapshot, untrustedParam]);
  const value = topo.status === 'ok' ? topo.value : null;
  const indexed = useMemo(() => (value ? indexTopology(value) : null), [value]);
  const sensitive = useMemo(() => report.exposure.flows.filter((f) => f.class === 'sensitive'), [report]);
  const { paths, done } = usePathSubgraph(indexed, sensitive);
  const [chosenMode, setMode] = useState<Mode | null>(null);
  const [grouping, setGrouping] = useState<Grouping>('site');
  const [k, setK] = useState(2);
  const [focus, setFocus] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [note, setNote] = useState('');
  const mode: Mode = chosenMode ?? (paths?.nodes.size ? { kind: 'paths' } : { kind: 'all' });
  const drawn = useMemo(() => {
    if (!value || !indexed || !paths) return null;
    const started = performance.now();
    const centre = mode.kind === 'drill' ? (indexed.index.get(mode.device) ?? null) : null;
    if (mode.kind === 'all' && value.nodes.length > GROUPS_ABOVE) return { started, ...groupGraph(value, report.sites, grouping) };
    return { started, ...drawnGraph(value, indexed, chosenNodes(mode, value, indexed, paths, k, grouping), report.sites, grouping, centre) };
  }, [value, indexed, paths, JSON.stringify(mode), k, grouping, report.sites]); // eslint-disable-line react-hooks/exhaustive-deps
  const box = useRef<HTMLDivElement>(null);
  const sigma = useSigma(box, drawn, drawn?.started ?? 0, (id) => {
    if (drawn?.groups !== undefined) return setMode({ kind: 'group', key: id.slice(GROUP_NODE.length) });
    setFocus(id);
    onDevice(id);
  });
  useFoundAt(box, sigma, mode.kind === 'drill' ? mode.device : null);
  useEffect(() => {
    // what is drawn, readable by tests and page automation (a WebGL canvas has no DOM to query)
    if (box.current) (box.current as DrawnContainer).topologyNodes = drawn ? drawn.graph.nodes() : [];
  }, [drawn]);

  function find(e: FormEvent) {
    e.preventDefault();
    const id = value ? findDevice(value, search) : null;
    setNote(id ? '' : 'no device matches');
    if (id) setMode({ kind: 'drill', device: id });
  }
  const drillable = focus !== null && !(mode.kind === 'drill' && mode.device === focus);
  return (
    <div className="topology">
      <h2>Topology</h2>
      <Toolbar
        {...{ search, setSearch, note, mode, setMode, k, setK, grouping, setGrouping }}
        onFind={find}
        canPaths={!!paths?.nodes.size}
        onDrill={drillable && focus ? () => setMode({ kind: 'drill', device: focus }) : null}
      />
      {drawn && value && paths ? (
        <p className="muted" data-testid="topology-stats">
          {drawn.groups !== undefined ? (
            <>Showing every device as {num(drawn.groups)} {grouping} group(s) of {num(value.nodes.length)} devices ({num(drawn.untrusted)} untrusted; red: a group holding some), {num(drawn.graph.size)} lines between groups. Click a group for its devices.</>
          ) : (
            <>Showing {modeText(mode, paths, k, value)}: {num(drawn.graph.order)} of {num(value.nodes.length)} devices ({num(drawn.untrusted)} untrusted, red), {num(drawn.graph.size)} links, grouped by {grouping}. Scroll to zoom, drag to pan; click a device for its evidence.</>
          )}
        </p>
      ) : null}
      {topo.status === 'loading' ? <p className="loading">Loading the topology…</p> : null}
      {value && !paths ? (
        <p className="loading" data-testid="finding-paths">
          Finding the sensitive flows' shortest paths: {num(done)} of {num(sensitive.length)} flows…
        </p>
      ) : null}
      {topo.status === 'error' ? (
        <p className="bad" role="alert">
          Cannot load the topology: <Text value={topo.error.message} />
        </p>
      ) : null}
      <div className="cy-wrap">
        <div ref={box} className="cy" data-testid="topology" data-mode={drawn?.groups !== undefined ? 'groups' : mode.kind} data-nodes={drawn?.graph.order ?? 0} data-links={drawn?.graph.size ?? 0} data-total={value?.nodes.length ?? 0} />
        <GroupLabels sigma={sigma} clusters={drawn?.clusters ?? []} />
      </div>
    </div>
  );
}
