// Reads NetBox's REST API list endpoints page by page. Everything the server sends is untrusted:
// every request has a deadline, every page a size bound, every list a length bound, every wait
// a cap; `next` links never take the token to another host.
import { InputError } from '../../model/index.js';
import { isObject } from '../json/parse.js';
import type { JsonObject, JsonValue } from '../json/parse.js';

export interface PageProgress {
  endpoint: string;
  pages: number;
  /** Estimated from the first page's `count`; absent when the server does not say. */
  totalPages?: number;
  results: number;
}

export interface NetboxClientOptions {
  /** A NetBox API token; `nbt_` (v2) tokens go as Bearer, others as `Token`. */
  token?: string;
  /** Results asked per page (NetBox caps it at its MAX_PAGE_SIZE, 1000 by default). */
  pageSize?: number;
  /** Per request, body included. */
  timeoutMs?: number;
  /** Retries of one page answered 429 or 503. */
  maxRetries?: number;
  /** Longest single wait a Retry-After may ask for; longer is an error, not a hang. */
  maxRetryWaitMs?: number;
  maxPageBytes?: number;
  /** Results per endpoint. */
  maxResults?: number;
  onPage?: (p: PageProgress) => void;
}

const DEFAULTS = {
  pageSize: 1000,
  timeoutMs: 30_000,
  maxRetries: 5,
  maxRetryWaitMs: 60_000,
  maxPageBytes: 64 << 20,
  maxResults: 5_000_000,
};

export class NetboxClient {
  private readonly o: typeof DEFAULTS & NetboxClientOptions;

  /** `api` is the API root, e.g. https://netbox.example.net/api/ */
  constructor(
    readonly api: URL,
    opts: NetboxClientOptions = {},
  ) {
    this.o = { ...DEFAULTS, ...opts };
  }

  /** Every result of `GET <api><path>` (e.g. `dcim/devices/`), following `next` links. */
  async list(path: string): Promise<JsonObject[]> {
    const endpoint = path.replace(/\/$/, '');
    let url: URL | undefined = new URL(`${path}?limit=${this.o.pageSize}`, this.api);
    const seen = new Set<string>();
    const out: JsonObject[] = [];
    let totalPages: number | undefined;
    while (url) {
      if (seen.has(url.href)) throw new InputError(shown(url), undefined, 'NetBox pagination loops back to a page already read');
      seen.add(url.href);
      const page = pageOf(url, await this.getJson(url));
      for (const r of page.results) if (isObject(r)) out.push(r);
      if (out.length > this.o.maxResults) throw new InputError(shown(url), undefined, `more than ${this.o.maxResults.toLocaleString('en-US')} ${endpoint} results; refusing to read further`);
      if (totalPages === undefined && page.count !== undefined && page.results.length > 0) totalPages = Math.ceil(page.count / page.results.length);
      this.o.onPage?.({ endpoint, pages: seen.size, results: out.length, ...(totalPages !== undefined && { totalPages }) });
      url = page.next === undefined ? undefined : this.nextUrl(page.next, url);
    }
    return out;
  }

  /**
   * A reverse proxy in front of NetBox often makes it write `next` links with its own idea of
   * the origin (http behind TLS, an internal name): the path and query are kept, the host is
   * the one the user named, so the token goes nowhere else.
   */
  private nextUrl(next: string, current: URL): URL {
    let u: URL;
    try {
      u = new URL(next, current);
    } catch {
      throw new InputError(shown(current), undefined, `NetBox page has an invalid next link ${clean(next)}`);
    }
    const rebased = new URL(u.pathname + u.search, this.api.origin);
    if (!rebased.pathname.startsWith(this.api.pathname)) {
      throw new InputError(shown(current), undefined, `NetBox page's next link ${clean(next)} leaves the API at ${shown(this.api)}`);
    }
    return rebased;
  }

  private async getJson(url: URL): Promise<JsonValue> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.request(url);
      if ((res.status === 429 || res.status === 503) && attempt < this.o.maxRetries) {
        const wait = retryWait(res.headers.get('retry-after'), attempt);
        await res.body?.cancel();
        if (wait > this.o.maxRetryWaitMs) {
          throw new InputError(shown(url), undefined, `NetBox asks to wait ${Math.ceil(wait / 1000)} s (HTTP ${res.status}); more than the ${this.o.maxRetryWaitMs / 1000} s allowed, try later`);
        }
        await sleep(wait);
        continue;
      }
      const text = await this.body(res, url);
      if (res.status !== 200) throw new InputError(shown(url), undefined, httpErrorMessage(res, text, this.o.token !== undefined));
      try {
        return JSON.parse(text) as JsonValue;
      } catch {
        throw new InputError(shown(url), undefined, `NetBox answered HTTP 200 with something that is not JSON (${res.headers.get('content-type') ?? 'no content type'}); is this the NetBox URL?`);
      }
    }
  }

  private async request(url: URL): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.o.token !== undefined) headers['Authorization'] = this.o.token.startsWith('nbt_') ? `Bearer ${this.o.token}` : `Token ${this.o.token}`;
    try {
      // Redirects are not followed: one to another host would carry the token there.
      return await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(this.o.timeoutMs) });
    } catch (e) {
      throw new InputError(shown(url), undefined, networkErrorMessage(e, this.o.timeoutMs));
    }
  }

  /** The response body as text, at most maxPageBytes, within the request's deadline. */
  private async body(res: Response, url: URL): Promise<string> {
    const max = this.o.maxPageBytes;
    const tooBig = () => new InputError(shown(url), undefined, `NetBox page larger than ${max.toLocaleString('en-US')} bytes; refusing to read it`);
    if (Number(res.headers.get('content-length') ?? 0) > max) {
      await res.body?.cancel();
      throw tooBig();
    }
    if (!res.body) return '';
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > max) {
          await reader.cancel();
          throw tooBig();
        }
        chunks.push(value);
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(shown(url), undefined, networkErrorMessage(e, this.o.timeoutMs));
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

interface Page {
  results: JsonValue[];
  next?: string;
  count?: number;
}

function pageOf(url: URL, v: JsonValue): Page {
  if (!isObject(v) || !Array.isArray(v['results'])) {
    throw new InputError(shown(url), undefined, 'expected a NetBox API page {count, next, previous, results: [...]}; is this a NetBox API URL?');
  }
  const page: Page = { results: v['results'] };
  const next = v['next'];
  if (typeof next === 'string' && next !== '') page.next = next;
  else if (next !== null && next !== undefined) throw new InputError(shown(url), undefined, 'NetBox page has a next link that is not a string');
  const count = v['count'];
  if (typeof count === 'number' && Number.isFinite(count) && count >= 0) page.count = count;
  return page;
}

/** Retry-After in seconds or as an HTTP date; without one, 1, 2, 4... s. */
export function retryWait(header: string | null, attempt: number, now = Date.now()): number {
  const h = header?.trim() ?? '';
  if (/^\d+$/.test(h)) return Number(h) * 1000;
  const date = h ? Date.parse(h) : NaN;
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return 1000 * 2 ** attempt;
}

function httpErrorMessage(res: Response, text: string, tokenSent: boolean): string {
  let detail = '';
  try {
    const j = JSON.parse(text) as JsonValue;
    if (isObject(j) && typeof j['detail'] === 'string') detail = `: ${clean(j['detail'])}`;
  } catch {
    // Not JSON (an HTML error page): the status says enough.
  }
  const base = `NetBox answered HTTP ${res.status}${res.statusText ? ' ' + clean(res.statusText) : ''}${detail}`;
  if (res.status === 401 || res.status === 403) {
    return `${base} (${tokenSent ? 'the token was refused: check it and its permissions' : 'no token was sent: pass --token-env VAR naming a variable that holds one'})`;
  }
  if (res.status >= 300 && res.status < 400) return `${base} redirecting to ${clean(res.headers.get('location') ?? '?')}: import from that URL instead`;
  return base;
}

function networkErrorMessage(e: unknown, timeoutMs: number): string {
  const err = e instanceof Error ? e : new Error(String(e));
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `NetBox did not answer within ${timeoutMs / 1000} s`;
  const cause = (err as Error & { cause?: unknown }).cause;
  const why = isErrnoLike(cause) ? cause.message || cause.code || err.message : err.message;
  return `cannot reach NetBox (${clean(why)})`;
}

function isErrnoLike(v: unknown): v is { code?: string; message: string } {
  return v instanceof Error;
}

/** The URL as shown in messages: without any user:password in it. */
export function shown(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const u = new URL(url.href);
  u.username = '';
  u.password = '';
  return u.href;
}

/** A server's text made safe for a terminal line: no control characters, bounded length. */
export function clean(s: string): string {
  const t = s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  return t.length > 200 ? `${t.slice(0, 200)}…` : t;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
