// `cleanpath flow-paths --flow ID` (also `cleanpath exposure --flow ID --paths`): generated from the
// registry (src/analyses/flow-paths.ts); the table format here prints each path hop by hop, the
// untrusted hops marked with their vendor and evidence kind, then the clean alternative.
import type { FlowPathsAnalysis, FlowRoute, Hop } from '../../analyses/flow-paths.js';
import { isolateText } from '../../model/bidi.js';
import type { CliAdapter } from '../analysis-command.js';
import { printable } from '../output.js';

/** A device string made safe for a terminal and cut to `max` characters. */
function safe(s: string | null, max = 32): string {
  if (s === null) return '-';
  const p = printable(s);
  return isolateText(p.length > max ? `${p.slice(0, max - 1)}…` : p);
}

/** One hop per line, columns aligned within the route: number, `!` when untrusted, device, vendor, site. */
function hopLines(hops: readonly Hop[]): string[] {
  const cells = hops.map((h) => [safe(h.device, 28), safe(h.vendor ?? 'unknown', 16), [h.site, h.country].filter((x) => x !== null).map((x) => safe(x, 20)).join(', ')]);
  const width = [0, 1, 2].map((c) => Math.max(...cells.map((r) => r[c]!.length)));
  return hops.map((h, i) => {
    const [device, vendor, where] = cells[i]!;
    const why = h.untrusted ? `  untrusted: ${h.evidence.length ? [...new Set(h.evidence.map((e) => e.kind))].join(', ') : 'no evidence recorded'}` : '';
    return `  ${String(i + 1).padStart(3)} ${h.untrusted ? '!' : ' '} ${device!.padEnd(width[0]!)}  ${vendor!.padEnd(width[1]!)}  ${where!.padEnd(width[2]!)}${why}`.trimEnd();
  });
}

function routeLines(title: string, r: FlowRoute): string[] {
  const bad = r.hops.filter((h) => h.untrusted).length;
  return [`${title} (cost ${r.cost}, ${r.hops.length} hops, ${bad ? `${bad} untrusted` : 'clean'})`, ...hopLines(r.hops)];
}

function cleanLines(d: FlowPathsAnalysis): string[] {
  if (d.clean === null) return ['clean alternative: none (every path crosses an untrusted device, or an endpoint is one)'];
  const extra = d.clean.extra === null ? '' : d.clean.extra === 0 ? ', no extra cost' : `, +${d.clean.extra} over the shortest`;
  return routeLines(`clean alternative${extra}`, d.clean);
}

/** The paths hop by hop, the count beyond the limit, the clean alternative with its extra cost. */
export function flowPathsText(d: FlowPathsAnalysis): string {
  const f = d.flow;
  const head = [
    `flow ${safe(f.id)}: ${safe(f.src)} -> ${safe(f.dst)} (${f.class}, volume ${f.volume})`,
    d.cost === null
      ? 'exposure: unreachable (no path between its endpoints)'
      : `exposure: ${d.exposure}; ${d.total}${d.totalSaturated ? '+' : ''} equal-cost shortest path(s) of cost ${d.cost}`,
  ];
  const paths = d.paths.flatMap((p, i) => ['', ...routeLines(`path ${i + 1} of ${d.total}`, p)]);
  const more = d.total > d.paths.length ? ['', `${d.total - d.paths.length}${d.totalSaturated ? '+' : ''} more path(s) not listed (--limit ${d.limit})`] : [];
  return [...head, ...paths, ...more, '', ...cleanLines(d), ''].join('\n');
}

export const adapter: CliAdapter<FlowPathsAnalysis> = {
  format: 'table',
  text: (d) => flowPathsText(d),
};
