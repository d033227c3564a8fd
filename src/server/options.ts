import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WAIT_SECONDS, isPostgresUrl } from '../store/index.js';

export interface RateLimitOptions {
  /** Requests per window, per token (or per client address for requests without a valid token). */
  max: number;
  /** Window length in milliseconds. */
  timeWindow: number;
}

export interface ServerOptions {
  /** The SQLite store (created and migrated when needed). */
  db: string;
  /** Largest import upload in bytes (default 64 MiB). */
  bodyLimit?: number;
  /** Largest JSON request body in bytes (default 64 KiB). */
  jsonBodyLimit?: number;
  /** false turns rate limiting off (benchmarks); default 600 requests a minute. */
  rateLimit?: RateLimitOptions | false;
  /** The dashboard's built files (default: dist/web of this package when built); false: none. */
  webDir?: string | false;
  /** Where uploaded files are kept, as the evidence of what they imported (default: `<db>.uploads`, `./cleanpath-uploads` for PostgreSQL). */
  uploadDir?: string;
  /**
   * Analysis worker threads (default: one per core but one, the request thread's, and at least two,
   * so that one organisation's long analysis never holds the only worker); 0 runs analyses on the
   * request thread, without queue or budgets.
   */
  analysisWorkers?: number;
  /** Analyses an organisation may have queued or running at once (default 16); beyond, HTTP 429. */
  queuePerOrganisation?: number;
  /** Seconds an analysis may run (default 120) before it is stopped with HTTP 503. */
  analysisTimeLimit?: number;
  /** Heap of each analysis worker, MB (default 2048); an analysis needing more is stopped with HTTP 503. */
  analysisMemoryMb?: number;
  /** Analysis results kept (default 64) and their total JSON size (default 256 MiB). */
  cacheEntries?: number;
  cacheBytes?: number;
  /** Planner time limit, seconds (default 60). */
  planTimeLimit?: number;
  /** Log every request (pino, JSON lines on stdout); default off. */
  logger?: boolean;
  /** Seconds an upload waits for another process's import writing to an SQLite store (default 300), then HTTP 503. */
  writeWait?: number;
  /** The rule catalog file (a whole catalog or an overlay) every analysis applies; default the shipped one. */
  catalog?: string;
  /** The attestation signing key: a file or env:NAME; default $CLEANPATH_ATTEST_KEY_FILE, else $CLEANPATH_ATTEST_KEY (src/attest/key-file.ts). */
  attestKey?: string;
}

export type ResolvedOptions = Required<Omit<ServerOptions, 'webDir'>> & { webDir: string | undefined };

export const DEFAULT_BODY_LIMIT = 64 * 1024 * 1024;
export const DEFAULT_JSON_BODY_LIMIT = 64 * 1024;
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 600, timeWindow: 60_000 };
export const DEFAULT_ANALYSIS_WORKERS = Math.max(2, availableParallelism() - 1);
export const DEFAULT_QUEUE_PER_ORGANISATION = 16;
export const DEFAULT_ANALYSIS_TIME_LIMIT = 120;
export const DEFAULT_ANALYSIS_MEMORY_MB = 2048;

/** dist/web next to the compiled server, or of the checkout when running from source. */
export function defaultWebDir(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'web'), join(here, '..', '..', 'dist', 'web')];
  return candidates.find((d) => existsSync(join(d, 'index.html')));
}

export function resolveOptions(o: ServerOptions): ResolvedOptions {
  const positive = (name: string, v: number | undefined, dflt: number, min = 1): number => {
    const x = v ?? dflt;
    if (!Number.isFinite(x) || x < min) throw new RangeError(`${name} must be a number >= ${min}, got ${x}`);
    return x;
  };
  const rateLimit = o.rateLimit === undefined ? DEFAULT_RATE_LIMIT : o.rateLimit;
  if (rateLimit) {
    positive('rateLimit.max', rateLimit.max, 1);
    positive('rateLimit.timeWindow', rateLimit.timeWindow, 1);
  }
  return {
    db: o.db,
    bodyLimit: positive('bodyLimit', o.bodyLimit, DEFAULT_BODY_LIMIT),
    jsonBodyLimit: positive('jsonBodyLimit', o.jsonBodyLimit, DEFAULT_JSON_BODY_LIMIT),
    rateLimit,
    webDir: o.webDir === false ? undefined : (o.webDir ?? defaultWebDir()),
    // Next to an SQLite file; for a PostgreSQL URL (no file to sit beside), in the working directory.
    uploadDir: o.uploadDir ?? (isPostgresUrl(o.db) ? 'cleanpath-uploads' : `${o.db}.uploads`),
    analysisWorkers: Math.floor(positive('analysisWorkers', o.analysisWorkers, DEFAULT_ANALYSIS_WORKERS, 0)),
    queuePerOrganisation: positive('queuePerOrganisation', o.queuePerOrganisation, DEFAULT_QUEUE_PER_ORGANISATION),
    analysisTimeLimit: positive('analysisTimeLimit', o.analysisTimeLimit, DEFAULT_ANALYSIS_TIME_LIMIT, 0.001),
    // Below a few MB a worker cannot even load the analyses' code.
    analysisMemoryMb: positive('analysisMemoryMb', o.analysisMemoryMb, DEFAULT_ANALYSIS_MEMORY_MB, 2),
    cacheEntries: positive('cacheEntries', o.cacheEntries, 64),
    cacheBytes: positive('cacheBytes', o.cacheBytes, 256 * 1024 * 1024),
    planTimeLimit: positive('planTimeLimit', o.planTimeLimit, 60),
    logger: o.logger ?? false,
    writeWait: positive('writeWait', o.writeWait, DEFAULT_WAIT_SECONDS, 0),
    catalog: o.catalog ?? '', // '': the shipped catalog
    attestKey: o.attestKey ?? '', // '': the environment's, if any
  };
}
