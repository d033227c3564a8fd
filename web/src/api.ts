// Typed calls to the cleanpath HTTP API (tmp/api-contract.md). The token goes in the
// Authorization header only; parameters are encoded with URLSearchParams, path parts with
// encodeURIComponent, so no device id can change the route.
import type { AnalysisDiff, AnalysisManifest, AnalysisTables, Device, DeviceLinks, DevicePage, FlowPathsAnalysis, PlanDocument, ReportModel, ReportOverview, ReportParams, SnapshotInfo, SnapshotSummary, Topology, WhatIfAnalysis, WhoAmI } from './types.js';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

const seg = (s: string): string => encodeURIComponent(s);

/** Throws ApiError with the server's `{error}` sentence for a non-2xx answer. */
async function parse<T>(res: Response): Promise<T> {
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

let registry: { base: string; answer: Promise<AnalysisManifest[]> } | null = null;
let registryValue: AnalysisManifest[] | null = null;

/**
 * GET /api/analyses (public, the same for every token): fetched once per page and shared by
 * every view; a failed fetch is forgotten so that the next caller tries again.
 */
export function analysesRegistry(base = '/api'): Promise<AnalysisManifest[]> {
  if (registry?.base !== base) {
    const answer = fetch(`${base}/analyses`, { headers: { Accept: 'application/json' }, credentials: 'omit' }).then((res) => parse<AnalysisManifest[]>(res));
    registry = { base, answer };
    answer.then(
      (v) => {
        if (registry?.answer === answer) registryValue = v;
      },
      () => {
        if (registry?.answer === answer) registry = null;
      },
    );
  }
  return registry.answer;
}

/** The registry if it has arrived already (so a view draws its headings at once). */
export function registryIfLoaded(): AnalysisManifest[] | null {
  return registryValue;
}

/** What the diff route takes besides the two snapshots. */
export interface DiffRequest {
  analysis: string;
  table: string;
  /** The analysis's own parameters (its query parameters), empty ones left out. */
  params: Record<string, string | undefined>;
}

export class Api {
  constructor(private readonly token: string, private readonly base = '/api') {}

  private async get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>(path, { headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json' } }, signal);
  }

  /** Any request; a non-2xx answer throws ApiError with the server's `{error}` sentence. */
  private async request<T>(path: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
    const res = await fetch(`${this.base}/${path}`, {
      ...init,
      cache: 'no-store',
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    });
    return parse<T>(res);
  }

  /** The registry of analyses, cached for the page (see analysesRegistry). */
  analyses(): Promise<AnalysisManifest[]> {
    return analysesRegistry(this.base);
  }

  /** One analysis's table compared by key between `base` (earlier) and `snapshot`. */
  diff(snapshot: string, base: string, r: DiffRequest, signal?: AbortSignal): Promise<AnalysisDiff> {
    return this.get(`snapshots/${seg(snapshot)}/diff/${seg(base)}${query({ ...r.params, analysis: r.analysis, table: r.table })}`, signal);
  }

  /** What if: the snapshot under the baseline and a scenario, the analysis's own query parameters. */
  whatif(snapshot: string, params: Record<string, string | undefined>, signal?: AbortSignal): Promise<WhatIfAnalysis> {
    return this.get(`snapshots/${seg(snapshot)}/whatif${query(params)}`, signal);
  }

  /** The replacement plan, its own query parameters (a budget phases it: the Plan view asks for one). */
  plan(snapshot: string, params: Record<string, string | undefined>, signal?: AbortSignal): Promise<PlanDocument> {
    return this.get(`snapshots/${seg(snapshot)}/plan${query(params)}`, signal);
  }

  whoami(): Promise<WhoAmI> {
    return this.get('whoami');
  }

  snapshots(): Promise<SnapshotInfo[]> {
    return this.get('snapshots');
  }

  /** Counts and vendor shares from the store alone: what the overview draws before the report arrives. */
  summary(snapshot: string, signal?: AbortSignal): Promise<SnapshotSummary> {
    return this.get(`snapshots/${seg(snapshot)}/summary`, signal);
  }

  /** The report's numbers for the overview's cards (a few KB; the report itself is 164 MB at 100k devices). */
  overview(snapshot: string, p: ReportParams, signal?: AbortSignal): Promise<ReportOverview> {
    return this.get(`snapshots/${seg(snapshot)}/overview${query({ asOf: p.asOf, untrusted: p.untrusted })}`, signal);
  }

  report(snapshot: string, p: ReportParams, signal?: AbortSignal): Promise<ReportModel> {
    return this.get(`snapshots/${seg(snapshot)}/report${query({ asOf: p.asOf, untrusted: p.untrusted })}`, signal);
  }

  device(snapshot: string, id: string, signal?: AbortSignal): Promise<Device> {
    return this.get(`snapshots/${seg(snapshot)}/devices/${seg(id)}`, signal);
  }

  /** One page of devices: the devices route's own query parameters (filters, sort, order, offset, limit). */
  devicePage(snapshot: string, params: Record<string, string | undefined>, signal?: AbortSignal): Promise<DevicePage> {
    return this.get(`snapshots/${seg(snapshot)}/devices${query(params)}`, signal);
  }

  /** A device's links, each with its neighbour. */
  deviceLinks(snapshot: string, id: string, signal?: AbortSignal): Promise<DeviceLinks> {
    return this.get(`snapshots/${seg(snapshot)}/devices/${seg(id)}/links`, signal);
  }

  /** An analysis of the registry as the rows of its tables, with its own query parameters. */
  tables(snapshot: string, analysis: string, params: Record<string, string | undefined>, signal?: AbortSignal): Promise<AnalysisTables> {
    return this.get(`snapshots/${seg(snapshot)}/tables/${seg(analysis)}${query(params)}`, signal);
  }

  /**
   * Uploads `csv` as update rows over `base` into the new snapshot `snapshot` (analyst role):
   * the server's `import --update`, so the base stays as it was.
   */
  importUpdate(base: string, snapshot: string, filename: string, csv: string): Promise<SnapshotInfo> {
    return this.request(`imports${query({ base, update: 'true', snapshot, filename })}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json', 'Content-Type': 'text/csv' },
      body: csv,
    });
  }

  /** One flow's equal-cost shortest paths hop by hop and its clean alternative (GET …/flows/{id}/paths). */
  flowPaths(snapshot: string, id: string, params: { untrusted?: string; limit?: number }, signal?: AbortSignal): Promise<FlowPathsAnalysis> {
    return this.get(`snapshots/${seg(snapshot)}/flows/${seg(id)}/paths${query({ untrusted: params.untrusted, limit: params.limit?.toString() })}`, signal);
  }

  /** A flow's signed attestation: a DSSE envelope, saved as is for `cleanpath verify`. */
  attestation(snapshot: string, id: string, params: { untrusted?: string }, signal?: AbortSignal): Promise<unknown> {
    return this.get(`snapshots/${seg(snapshot)}/attestations/${seg(id)}${query({ untrusted: params.untrusted })}`, signal);
  }

  topology(snapshot: string, untrusted: string, signal?: AbortSignal): Promise<Topology> {
    return this.get(`snapshots/${seg(snapshot)}/topology${query({ untrusted })}`, signal);
  }
}
