// The grammar of the dashboard's URLs (router.ts has the grammar in its comment and the part
// that touches the window): routes as values, the fragment that spells each, and back. No DOM
// here, so the grammar is tested in Node.


export const TABS = ['overview', 'map', 'topology', 'findings', 'flows', 'devices', 'plan', 'deadlines', 'changes', 'whatif', 'screening', 'paths'] as const;
export type Tab = (typeof TABS)[number];

/** A tab's own state (its filters, sort, page), as strings; absent keys are defaults. */
export type RouteQuery = Readonly<Record<string, string>>;

export type Route = (
  | { view: Tab; query?: RouteQuery }
  | { view: 'device'; id: string }
  | { view: 'flow'; id: string }
  | { view: 'finding'; rule: string; subject: string }
) & {
  /** The device shown in the side panel over the page. */
  panel?: string;
  /** The snapshot shown (absent: the one selected, at first the newest). */
  snapshot?: string;
};

/** The tab a route belongs to (highlighted in the tab bar). */
export function tabOf(route: Route): Tab {
  if (route.view === 'device') return 'devices';
  if (route.view === 'flow') return 'flows';
  if (route.view === 'finding') return 'findings';
  return route.view;
}

export const isTab = (s: string): s is Tab => (TABS as readonly string[]).includes(s);

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null; // a malformed escape in a hand-typed URL: treated as no route
  }
}

/** The route of a fragment (with or without its `#`); anything unknown is the overview. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = (q < 0 ? raw : raw.slice(0, q)).replace(/^\//, '');
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  // the parameters every route may carry; the rest are the tab's own
  const panel = params.get('panel') ?? undefined;
  const snapshot = params.get('snapshot') ?? undefined;
  params.delete('panel');
  params.delete('snapshot');
  const extra = { ...(panel ? { panel } : {}), ...(snapshot ? { snapshot } : {}) };
  const parts = path.split('/').map(decode);
  if (parts.some((p) => p === null)) return { view: 'overview' };
  const [head = '', a, b] = parts as string[];
  if (head === 'devices' && a && parts.length === 2) return { view: 'device', id: a, ...extra };
  if (head === 'flows' && a && parts.length === 2) return { view: 'flow', id: a, ...extra };
  if (head === 'findings' && a && b !== undefined && parts.length === 3) return { view: 'finding', rule: a, subject: b, ...extra };
  if (!isTab(head) || parts.length > 1) return { view: 'overview', ...extra };
  const query = Object.fromEntries(params);
  return { view: head, ...(Object.keys(query).length ? { query } : {}), ...extra };
}

const enc = encodeURIComponent;

/** The fragment of a route, `#/…`: the one spelling of each route (parseHash(hrefFor(r)) equals r). */
export function hrefFor(route: Route): string {
  let path: string;
  const params = new URLSearchParams();
  if (route.view === 'device') path = `devices/${enc(route.id)}`;
  else if (route.view === 'flow') path = `flows/${enc(route.id)}`;
  else if (route.view === 'finding') path = `findings/${enc(route.rule)}/${enc(route.subject)}`;
  else {
    path = route.view;
    for (const [k, v] of Object.entries(route.query ?? {})) if (v !== '' && k !== 'panel' && k !== 'snapshot') params.set(k, v);
  }
  if (route.panel) params.set('panel', route.panel);
  if (route.snapshot) params.set('snapshot', route.snapshot);
  const s = params.toString();
  return `#/${path}${s ? `?${s}` : ''}`;
}
