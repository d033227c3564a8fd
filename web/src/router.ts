// The dashboard's URLs: every view, flow, device and finding has its own, in the fragment, so
// that a link can be shared, reloading keeps the place, and back and forward walk the history.
// The fragment never reaches the server (the token link `#token=…` relies on that too; token.ts
// takes it out of the address bar before the router reads the fragment).
//
// Grammar (each part percent-encoded, so no device id can change the route's shape):
//   #/VIEW                    a tab: overview, map, topology, findings, flows, devices, plan,
//                             deadlines, changes, whatif, screening, paths
//   #/VIEW?k=v&…              the same tab with its state (the devices view: filters, sort, page)
//   #/devices/ID              one device's page
//   #/flows/ID                one flow (the flow view draws its paths hop by hop)
//   #/findings/RULE/SUBJECT   the findings tab with one finding open (SUBJECT: the device id, or
//                             a group finding's name)
//   …&panel=ID                any of the above with the side panel on a device
// The old fragments (`#map`, `#findings`) still open their tab.
//
// Use:
//   const route = useRoute();                       // re-renders on every change, back/forward too
//   navigate({ view: 'flow', id });                 // a new history entry
//   navigate({ view: 'devices', query }, { replace: true });  // change state without one
//   <a href={hrefFor({ view: 'device', id })}>…</a> // a plain link: middle-click and copy work
import { useSyncExternalStore } from 'react';

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
};

/** The tab a route belongs to (highlighted in the tab bar). */
export function tabOf(route: Route): Tab {
  if (route.view === 'device') return 'devices';
  if (route.view === 'flow') return 'flows';
  if (route.view === 'finding') return 'findings';
  return route.view;
}

const isTab = (s: string): s is Tab => (TABS as readonly string[]).includes(s);

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
  const panel = params.get('panel') ?? undefined;
  params.delete('panel');
  const extra = panel ? { panel } : {};
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
    for (const [k, v] of Object.entries(route.query ?? {})) if (v !== '' && k !== 'panel') params.set(k, v);
  }
  if (route.panel) params.set('panel', route.panel);
  const s = params.toString();
  return `#/${path}${s ? `?${s}` : ''}`;
}

// A replaced entry fires no hashchange: this event tells the subscribers instead.
const REPLACED = 'cleanpath:route';

/** Goes to `route`: a new history entry, or (`replace`) the current one changed in place. */
export function navigate(route: Route, opts: { replace?: boolean } = {}): void {
  const href = hrefFor(route);
  if (href === window.location.hash) return;
  if (opts.replace) {
    window.history.replaceState(window.history.state, '', href);
    window.dispatchEvent(new Event(REPLACED));
  } else window.location.hash = href;
}

function subscribe(onChange: () => void): () => void {
  const onHash = () => {
    upgradeLegacyHash(); // an old `#map` link followed inside the page
    onChange();
  };
  window.addEventListener('hashchange', onHash);
  window.addEventListener(REPLACED, onChange);
  return () => {
    window.removeEventListener('hashchange', onHash);
    window.removeEventListener(REPLACED, onChange);
  };
}

let memo: { hash: string; route: Route } | null = null;

/** The route now: the same object while the fragment stays the same (so effects keyed on it do not rerun). */
export function currentRoute(): Route {
  const hash = window.location.hash;
  if (memo?.hash !== hash) memo = { hash, route: parseHash(hash) };
  return memo.route;
}

/** The current route; the component re-renders when it changes (links, navigate, back, forward). */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, currentRoute);
}

/** The old spelling `#map` (before routes had paths) rewritten in place as `#/map`. */
export function upgradeLegacyHash(): void {
  const h = window.location.hash.replace(/^#/, '');
  if (h && !h.startsWith('/') && isTab(h)) window.history.replaceState(window.history.state, '', `#/${h}`);
}
