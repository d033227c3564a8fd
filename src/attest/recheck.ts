// `verify --recheck`: what differs between what was attested and what cleanpath computes now from
// a store. A difference is not a forgery: it says the network (or its evidence) changed since.
import type { AttestedDevice, AttestedPath, FlowPredicate } from './statement.js';

const show = (v: unknown): string => (v === null ? 'none' : JSON.stringify(v));

function field(out: string[], what: string, was: unknown, now: unknown): void {
  if (JSON.stringify(was) !== JSON.stringify(now)) out.push(`${what}: attested ${show(was)}, now ${show(now)}`);
}

const route = (p: AttestedPath): string => p.hops.join(' > ');

const byId = (p: FlowPredicate): Map<string, AttestedDevice> => new Map(p.devices.map((d) => [d.id, d]));

/** Devices on both sides whose vendor, untrusted mark or evidence changed. */
function hopDifferences(was: Map<string, AttestedDevice>, now: Map<string, AttestedDevice>): string[] {
  const out: string[] = [];
  for (const [id, a] of was) {
    const b = now.get(id);
    if (!b) continue;
    field(out, `device ${id} vendor`, a.vendor, b.vendor);
    field(out, `device ${id} untrusted`, a.untrusted, b.untrusted);
    if (JSON.stringify(a.evidence) !== JSON.stringify(b.evidence)) out.push(`device ${id} evidence changed (${a.evidence.length} item(s) attested, ${b.evidence.length} now)`);
  }
  return out;
}

export function recheckDifferences(attested: FlowPredicate, fresh: FlowPredicate): string[] {
  const out: string[] = [];
  field(out, 'snapshot', attested.snapshot.name, fresh.snapshot.name);
  field(out, 'snapshot digest', attested.snapshot.digest.sha256, fresh.snapshot.digest.sha256);
  field(out, 'flow', attested.flow, fresh.flow);
  field(out, 'verdict', attested.verdict, fresh.verdict);
  field(out, 'exposure', attested.exposure, fresh.exposure);
  field(out, 'cost', attested.cost, fresh.cost);
  field(out, 'clean path cost', attested.cleanPath?.cost ?? null, fresh.cleanPath?.cost ?? null);
  field(out, 'equal-cost paths', attested.paths.total, fresh.paths.total);
  const wasRoutes = new Set(attested.paths.items.map(route)), nowRoutes = new Set(fresh.paths.items.map(route));
  for (const r of wasRoutes) if (!nowRoutes.has(r)) out.push(`path no longer shortest: ${r}`);
  for (const r of nowRoutes) if (!wasRoutes.has(r)) out.push(`new shortest path: ${r}`);
  out.push(...hopDifferences(byId(attested), byId(fresh)));
  return out;
}
