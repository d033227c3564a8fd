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
//   …&snapshot=NAME           any of the above in that snapshot; navigate and hrefFor keep the
//                             current one when the route names none, so every URL names it
// The old fragments (`#map`, `#findings`) still open their tab.
//
// Use:
//   const route = useRoute();                       // re-renders on every change, back/forward too
//   navigate({ view: 'flow', id });                 // a new history entry
//   navigate({ view: 'devices', query }, { replace: true });  // change state without one
//   <a href={hrefFor({ view: 'device', id })}>…</a> // a plain link: middle-click and copy work
import { useSyncExternalStore } from 'react';
import { hrefFor as spell, isTab, parseHash, type Route } from './routes.js';

export { parseHash, tabOf, TABS, type Route, type RouteQuery, type Tab } from './routes.js';

/** The fragment of `route`, in the current URL's snapshot when it names none. */
export function hrefFor(route: Route): string {
  const snapshot = route.snapshot ?? currentRoute().snapshot;
  return spell(snapshot ? { ...route, snapshot } : route);
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
