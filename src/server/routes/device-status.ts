// The devices route's finding-status filter. A device's statuses are not columns of the store:
// they depend on the catalog and the as-of date, so they come from the findings analysis (the
// same run, cache key and organisation queue as GET /findings with that asOf) and reach SQL as a
// set of ids. Computing them per page would cost a findings run per request; the cached result
// is indexed once (device → statuses) and every later page is a set lookup plus one indexed query.
import type { Finding } from '../../policy/index.js';
import { todayUtc } from '../../policy/index.js';
import type { AnalysisResult } from '../analysis/runner.js';
import type { RouteInput } from '../route-spec.js';
import { analyse } from './analyses.js';

type Caller = Pick<RouteInput<unknown, unknown, unknown>, 'ctx' | 'auth' | 'reply'>;

const indexed = new WeakMap<AnalysisResult, Map<string, Set<string>>>();

/** Device id → the statuses of its findings (a group finding counts for each of its devices). */
function statusesByDevice(result: AnalysisResult): Map<string, Set<string>> {
  let map = indexed.get(result);
  if (map) return map;
  map = new Map();
  const add = (device: string, status: string) => {
    let s = map!.get(device);
    if (!s) map!.set(device, (s = new Set()));
    s.add(status);
  };
  for (const f of (result.parsed() as { findings: Finding[] }).findings) {
    if (f.device) add(f.device, f.status);
    for (const d of f.group?.devices ?? []) add(d, f.status);
  }
  indexed.set(result, map);
  return map;
}

/**
 * The id condition for `statuses`: the devices with a finding of one of them, or (with `none`)
 * also every device without findings, which is the complement of the devices with another status.
 */
export async function statusIds(caller: Caller, snapshot: string, statuses: readonly string[], asOf: string | undefined): Promise<{ in: boolean; ids: string[] }> {
  const result = await analyse(caller, snapshot, 'findings', { asOf: asOf ?? todayUtc() });
  const wanted = new Set(statuses);
  const byDevice = statusesByDevice(result);
  const has = (s: Set<string>) => [...s].some((x) => wanted.has(x));
  if (!wanted.has('none')) return { in: true, ids: [...byDevice].filter(([, s]) => has(s)).map(([d]) => d) };
  return { in: false, ids: [...byDevice].filter(([, s]) => !has(s)).map(([d]) => d) };
}
