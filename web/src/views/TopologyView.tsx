// The topology: every device and device link on a canvas (cytoscape, loaded when the view first
// opens). Preset positions (topology-layout.ts) instead of a force layout, haystack edges, no
// labels until zoomed in, edges hidden and a texture used while panning or zooming: this keeps it
// smooth with thousands of devices. Untrusted devices are larger and red; a click on a device
// opens its evidence.
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Core, ElementDefinition, NodeSingular, StylesheetJson } from 'cytoscape';
import { Api } from '../api.js';
import { num } from '../format.js';
import { layoutTopology } from '../topology-layout.js';
import { useAsync } from '../use-async.js';
import type { ReportModel, Topology } from '../types.js';
import { Text } from '../Text.js';

/** Above this many devices their names are drawn only on hover or selection: label textures are
 * what makes zooming slow on large graphs (measured: 5,000 devices zoom at ~40 fps without them,
 * a few frames per second with them, in headless chromium without GPU). */
const LABELS_UP_TO = 1500;

function styleFor(deviceLabels: boolean): StylesheetJson {
  return [
    { selector: 'node', style: { width: 8, height: 8, 'background-color': '#546e7a', 'border-width': 0 } },
    ...(deviceLabels
      ? [{ selector: 'node[device]', style: { label: 'data(label)', 'font-size': 6, 'min-zoomed-font-size': 9, 'text-valign': 'bottom' as const, 'text-margin-y': 1, color: '#263238' } }]
      : []),
    { selector: 'node.untrusted', style: { width: 13, height: 13, 'background-color': '#c62828', 'border-width': 1.5, 'border-color': '#ffebee', 'z-index': 10 } },
    { selector: 'node.unknown', style: { 'background-color': '#bdbdbd' } },
    {
      selector: 'node.site',
      style: { width: 1, height: 1, 'background-opacity': 0, label: 'data(label)', 'font-size': 14, 'min-zoomed-font-size': 7, 'text-valign': 'top' as const, color: '#37474f', events: 'no' as const, 'z-index': 0 },
    },
    {
      selector: 'node.hover, node:selected',
      style: { label: 'data(label)', 'font-size': 11, 'min-zoomed-font-size': 0, 'text-valign': 'bottom' as const, 'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'z-index': 30 },
    },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffab00' } },
    { selector: 'edge', style: { width: 0.7, 'line-color': '#b0bec5', 'curve-style': 'haystack' as const, 'haystack-radius': 0, opacity: 0.8 } },
    { selector: 'edge.untrusted', style: { 'line-color': '#ef9a9a', width: 1 } },
  ];
}

function elementsOf(t: Topology, report: ReportModel): { nodes: ElementDefinition[]; edges: ElementDefinition[]; untrusted: number } {
  const { positions, clusters } = layoutTopology(t.nodes, report.sites);
  const untrustedIds = new Set<string>();
  const elements: ElementDefinition[] = [];
  const edges: ElementDefinition[] = [];
  for (const c of clusters) {
    if (c.devices < 3) continue; // a lone device's own name says enough
    elements.push({ group: 'nodes', data: { id: `site:${c.key}`, label: c.label }, position: { x: c.centre.x, y: c.centre.y - c.radius - 4 }, classes: 'site', selectable: false, grabbable: false });
  }
  for (const n of t.nodes) {
    if (n.untrusted) untrustedIds.add(n.id);
    elements.push({
      group: 'nodes',
      data: { id: `d:${n.id}`, device: n.id, label: n.name ?? n.id, vendor: n.vendor ?? 'unknown' },
      position: positions.get(n.id) ?? { x: 0, y: 0 },
      classes: n.untrusted ? 'untrusted' : n.vendor ? '' : 'unknown',
      grabbable: false,
    });
  }
  const ids = new Set(t.nodes.map((n) => n.id));
  t.links.forEach((l, i) => {
    if (!ids.has(l.a) || !ids.has(l.b)) return;
    edges.push({
      group: 'edges',
      data: { id: `e${i}`, source: `d:${l.a}`, target: `d:${l.b}`, metric: l.metric },
      classes: untrustedIds.has(l.a) || untrustedIds.has(l.b) ? 'untrusted' : '',
    });
  });
  return { nodes: elements, edges, untrusted: untrustedIds.size };
}

export function TopologyView({ api, snapshot, report, onDevice }: { api: Api; snapshot: string; report: ReportModel; onDevice: (id: string) => void }) {
  const untrustedParam = report.untrusted.join(',');
  const topo = useAsync((signal) => api.topology(snapshot, untrustedParam, signal), [api, snapshot, untrustedParam]);
  const box = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [stats, setStats] = useState<{ ms: number; completeMs: number | null; nodes: number; links: number; untrusted: number } | null>(null);
  const [search, setSearch] = useState('');
  const [searchNote, setSearchNote] = useState('');
  const onDeviceRef = useRef(onDevice);
  onDeviceRef.current = onDevice;

  const value = topo.status === 'ok' ? topo.value : null;
  useEffect(() => {
    if (!value || !box.current) return;
    const container = box.current;
    let cy: Core | null = null;
    let cancelled = false;
    const started = performance.now();
    container.removeAttribute('data-render-ms');
    container.removeAttribute('data-complete-ms');
    // Devices first, links in one step after their first frame: cytoscape's cost is per element,
    // so the devices show sooner. (Adding links in several steps measured slower overall: every
    // step redraws the whole graph.)
    void import('cytoscape').then(({ default: cytoscape }) => {
      if (cancelled) return;
      const { nodes, edges, untrusted } = elementsOf(value, report);
      const c = cytoscape({
        container,
        elements: nodes,
        layout: { name: 'preset', fit: true, padding: 20 },
        style: styleFor(value.nodes.length <= LABELS_UP_TO),
        hideEdgesOnViewport: true,
        textureOnViewport: false,
        hideLabelsOnViewport: true,
        motionBlur: false,
        pixelRatio: 1,
        minZoom: 0.02,
        maxZoom: 8,
        boxSelectionEnabled: false,
        autoungrabify: true,
      });
      cy = c;
      cyRef.current = c;
      c.on('mouseover', 'node[device]', (e) => e.target.addClass('hover'));
      c.on('mouseout', 'node[device]', (e) => e.target.removeClass('hover'));
      c.on('tap', 'node', (e) => {
        const id = e.target.data('device') as string | undefined;
        if (id) onDeviceRef.current(id);
      });
      c.one('render', () => {
        // the first frame is drawn on the next animation frame after 'render'
        requestAnimationFrame(() => {
          if (cancelled) return;
          const ms = Math.round(performance.now() - started);
          container.setAttribute('data-render-ms', String(ms));
          const base = { ms, nodes: value.nodes.length, links: edges.length, untrusted };
          setStats({ ...base, completeMs: null });
          const complete = () =>
            requestAnimationFrame(() => {
              if (cancelled) return;
              const completeMs = Math.round(performance.now() - started);
              container.setAttribute('data-complete-ms', String(completeMs));
              setStats({ ...base, completeMs });
            });
          if (!edges.length) return complete();
          window.setTimeout(() => {
            if (cancelled) return;
            c.one('render', complete);
            c.add(edges);
          }, 0);
        });
      });
    });
    return () => {
      cancelled = true;
      cy?.destroy();
      cyRef.current = null;
    };
  }, [value, report]);

  const nodeCount = useMemo(() => value?.nodes.length ?? 0, [value]);

  function find(e: FormEvent) {
    e.preventDefault();
    const cy = cyRef.current;
    const q = search.trim().toLowerCase();
    if (!cy || !q) return;
    const hit = cy.nodes('[device]').filter((n) => String(n.data('device')).toLowerCase() === q || String(n.data('label')).toLowerCase().includes(q));
    cy.nodes().unselect();
    if (!hit.length) {
      setSearchNote('no device matches');
      return;
    }
    hit.select();
    const box = cy.container();
    box?.removeAttribute('data-found-at');
    cy.animate(
      { fit: { eles: hit.closedNeighborhood(), padding: 60 } },
      {
        duration: 250,
        complete: () => {
          // where the first match is drawn, relative to the canvas (used by the browser tests)
          const p = (hit.first() as NodeSingular).renderedPosition();
          box?.setAttribute('data-found-at', `${Math.round(p.x)},${Math.round(p.y)}`);
        },
      },
    );
    setSearchNote(`${hit.length} device(s) match`);
  }

  return (
    <div className="topology">
      <h2>Topology</h2>
      <form className="toolbar" onSubmit={find}>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="find a device by id or name" aria-label="find device" />
        <button type="submit">Find</button>
        <button type="button" onClick={() => cyRef.current?.fit(undefined, 20)}>
          Fit
        </button>
        <span className="muted">{searchNote}</span>
        {stats ? (
          <span className="muted" data-testid="topology-stats">
            {num(stats.nodes)} devices ({num(stats.untrusted)} untrusted, red), {num(stats.links)} links; devices drawn in {num(stats.ms)} ms
            {stats.completeMs === null ? ', adding links…' : `, links in ${num(stats.completeMs)} ms`}. Scroll to zoom; {stats.nodes <= LABELS_UP_TO ? 'names show when zoomed in' : 'hover a device for its name'}; click a device for its evidence.
          </span>
        ) : null}
      </form>
      {topo.status === 'loading' ? <p className="loading">Loading the topology…</p> : null}
      {topo.status === 'error' ? (
        <p className="bad" role="alert">
          Cannot load the topology: <Text value={topo.error.message} />
        </p>
      ) : null}
      <div ref={box} className="cy" data-testid="topology" data-nodes={nodeCount} />
    </div>
  );
}
