// Typed calls to the cleanpath HTTP API (tmp/api-contract.md). The token goes in the
// Authorization header only; parameters are encoded with URLSearchParams, path parts with
// encodeURIComponent, so no device id can change the route.
import type { Device, ReportModel, ReportParams, SnapshotInfo, Topology, WhoAmI } from './types.js';

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

  whoami(): Promise<WhoAmI> {
    return this.get('whoami');
  }

  snapshots(): Promise<SnapshotInfo[]> {
    return this.get('snapshots');
  }

  report(snapshot: string, p: ReportParams, signal?: AbortSignal): Promise<ReportModel> {
    return this.get(`snapshots/${seg(snapshot)}/report${query({ asOf: p.asOf, untrusted: p.untrusted })}`, signal);
  }

  device(snapshot: string, id: string, signal?: AbortSignal): Promise<Device> {
    return this.get(`snapshots/${seg(snapshot)}/devices/${seg(id)}`, signal);
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

  topology(snapshot: string, untrusted: string, signal?: AbortSignal): Promise<Topology> {
    return this.get(`snapshots/${seg(snapshot)}/topology${query({ untrusted })}`, signal);
  }
}
