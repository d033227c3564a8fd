// What `cleanpath verify` prints about a statement: the verdict first, then what it rests on.
import type { AttestedDevice, AttestedPath, FlowPredicate, SnapshotPredicate, UntrustedSet } from '../attest/index.js';

function untrustedText(u: UntrustedSet): string {
  const parts = [
    u.vendors.length ? `vendors ${u.vendors.join(', ')}` : '',
    u.countries.length ? `countries ${u.countries.join(', ')}` : '',
    u.operators.length ? `operators ${u.operators.join(', ')}` : '',
    u.layers.length ? `layers ${u.layers.join(', ')}` : '',
  ].filter(Boolean);
  return `${parts.join('; ') || 'nothing named'} (${u.devices} device(s) of the snapshot)`;
}

function pathText(p: AttestedPath, devices: ReadonlyMap<string, AttestedDevice>): string {
  const hop = (id: string) => {
    const d = devices.get(id);
    return d?.untrusted ? `${id} [UNTRUSTED ${d.vendor ?? 'unknown'}]` : id;
  };
  return `${p.hops.map(hop).join(' > ')} (cost ${p.cost})`;
}

function verdictText(p: FlowPredicate): string {
  const byVerdict: Record<FlowPredicate['verdict'], string> = {
    clean: `every one of the ${p.paths.total} equal-cost shortest path(s) avoids the untrusted set`,
    'clean-path-exists': `exposure ${p.exposure}; a clean path exists at cost ${p.cleanPath?.cost} (shortest ${p.cost})`,
    exposed: `exposure ${p.exposure}; no path avoids the untrusted set`,
    unreachable: 'no path joins the endpoints',
  };
  return `verdict: ${p.verdict} — ${byVerdict[p.verdict]}`;
}

export function describeFlow(p: FlowPredicate, keyid: string | undefined): string[] {
  const devices = new Map(p.devices.map((d) => [d.id, d]));
  const lines = [
    verdictText(p),
    `flow ${p.flow.id}: ${p.flow.src} -> ${p.flow.dst} (${p.flow.class})`,
    `snapshot ${p.snapshot.name} (sha256 ${p.snapshot.digest.sha256}), catalog ${p.catalog.version}, as of ${p.asOf}`,
    `untrusted: ${untrustedText(p.untrusted)}`,
    `paths: ${p.paths.listed} of ${p.paths.total} listed`,
    ...p.paths.items.map((path, i) => `  ${i + 1}. ${pathText(path, devices)}`),
  ];
  if (p.cleanPath && p.verdict !== 'clean') lines.push(`clean path: ${pathText(p.cleanPath, devices)}`);
  lines.push(`valid ${p.validity.notBefore} to ${p.validity.notAfter}; signed by key ${keyid ?? '?'}; ${p.generator.name} ${p.generator.version}`);
  return lines;
}

export function describeSnapshot(p: SnapshotPredicate, keyid: string | undefined): string[] {
  return [
    `snapshot root: ${p.merkle.treeSize} flow attestation(s), Merkle root ${p.merkle.root}`,
    `verdicts: ${Object.entries(p.verdicts).map(([v, n]) => `${v} ${n}`).join(', ')}`,
    `snapshot ${p.snapshot.name} (sha256 ${p.snapshot.digest.sha256}), catalog ${p.catalog.version}, as of ${p.asOf}`,
    `untrusted: ${untrustedText(p.untrusted)}`,
    `valid ${p.validity.notBefore} to ${p.validity.notAfter}; signed by key ${keyid ?? '?'}`,
  ];
}
