// Preset positions for the topology view, computed in one pass so the view stays fast with
// thousands of devices (a force layout such as cose is quadratic per iteration and takes seconds
// there). Sites sit at their projected coordinates (pushed apart until their discs no longer
// overlap), sites without coordinates on a grid below; each site's devices fill a sunflower
// spiral around its centre, core devices innermost.
import { locatedSites, siteProjection } from './geo.js';
import type { ReportSite, TopologyNode } from './types.js';

export interface Point {
  x: number;
  y: number;
}

export interface SiteCluster {
  key: string;
  label: string;
  centre: Point;
  radius: number;
  devices: number;
}

export interface TopologyLayout {
  positions: Map<string, Point>;
  clusters: SiteCluster[];
}

/** Distance between neighbouring devices in a cluster (model units; nodes are ~8 wide). */
const SPACING = 14;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const LAYER_ORDER: Record<string, number> = { core: 0, aggregation: 1, transport: 2, access: 3, ran: 4, customer: 5 };

const clusterRadius = (n: number): number => SPACING * Math.sqrt(n) + SPACING;

export type Grouping = 'site' | 'operator';

function siteKey(n: TopologyNode): string {
  return n.site ?? (n.country ? `(no site, ${n.country})` : '(no site)');
}

/** Operators are no places: their groups go on the grid (a key that names no site). */
export const GROUP_KEY: Record<Grouping, (n: TopologyNode) => string> = {
  site: siteKey,
  operator: (n) => `operator:${n.operator ?? '(no operator)'}`,
};

/** Pushes overlapping discs apart; the number of passes shrinks as the site count grows. */
function relax(centres: Point[], radii: number[]): void {
  const S = centres.length;
  const passes = Math.max(1, Math.min(60, Math.floor(2e7 / Math.max(1, S * S))));
  for (let pass = 0; pass < passes; pass++) {
    let moved = false;
    for (let i = 0; i < S; i++) {
      const a = centres[i]!;
      for (let j = i + 1; j < S; j++) {
        const b = centres[j]!;
        let dx = b.x - a.x, dy = b.y - a.y;
        const need = radii[i]! + radii[j]!;
        if (Math.abs(dx) >= need || Math.abs(dy) >= need) continue;
        let d = Math.hypot(dx, dy);
        if (d >= need) continue;
        if (d < 1e-6) {
          // same spot: separate along a fixed, index-dependent direction (deterministic)
          dx = Math.cos(i + j);
          dy = Math.sin(i + j);
          d = 1;
        }
        const push = (need - d) / 2 / d;
        a.x -= dx * push; a.y -= dy * push;
        b.x += dx * push; b.y += dy * push;
        moved = true;
      }
    }
    if (!moved) break;
  }
}

export function layoutTopology(nodes: readonly TopologyNode[], sites: readonly ReportSite[], grouping: Grouping = 'site'): TopologyLayout {
  const groups = new Map<string, TopologyNode[]>();
  for (const n of nodes) {
    const k = GROUP_KEY[grouping](n);
    const g = groups.get(k);
    if (g) g.push(n);
    else groups.set(k, [n]);
  }
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const keys = [...groups.keys()].sort();
  const radii = keys.map((k) => clusterRadius(groups.get(k)!.length));

  // a canvas large enough that the discs of all sites fit with room to spare
  const area = radii.reduce((sum, r) => sum + Math.PI * r * r, 0);
  const width = Math.max(1200, Math.sqrt(area * 6) * 1.8);
  const height = width * 0.55;
  const located = locatedSites(sites.filter((s) => groups.has(s.id)));
  const proj = siteProjection(located, width, height);

  const centres: Point[] = [];
  const unplaced: number[] = [];
  keys.forEach((k, i) => {
    const s = siteById.get(k);
    const p = proj && s && s.lat !== null && s.lon !== null ? proj.projection([s.lon, s.lat]) : null;
    if (p) centres[i] = { x: p[0], y: p[1] };
    else {
      centres[i] = { x: 0, y: 0 };
      unplaced.push(i);
    }
  });
  if (unplaced.length) {
    // a grid under the map (or on its own when nothing has coordinates)
    const cell = Math.max(...unplaced.map((i) => radii[i]!)) * 2.2;
    const cols = Math.max(1, Math.floor(width / cell));
    const top = proj ? height + cell : 0;
    unplaced.forEach((i, n) => {
      centres[i] = { x: (n % cols) * cell + cell / 2, y: top + Math.floor(n / cols) * cell + cell / 2 };
    });
  }
  relax(centres, radii);

  const positions = new Map<string, Point>();
  const clusters: SiteCluster[] = [];
  keys.forEach((k, i) => {
    const members = groups.get(k)!;
    members.sort((a, b) => (LAYER_ORDER[a.layer ?? ''] ?? 9) - (LAYER_ORDER[b.layer ?? ''] ?? 9) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const c = centres[i]!;
    members.forEach((m, j) => {
      const r = SPACING * Math.sqrt(j);
      const t = j * GOLDEN_ANGLE;
      positions.set(m.id, { x: c.x + r * Math.cos(t), y: c.y + r * Math.sin(t) });
    });
    clusters.push({ key: k, label: siteById.get(k)?.name ?? k.replace(/^operator:/, ''), centre: c, radius: radii[i]!, devices: members.length });
  });
  return { positions, clusters };
}
