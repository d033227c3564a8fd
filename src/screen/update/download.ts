// One bounded download to a file: Node's fetch, a time limit over the whole transfer (a server
// that trickles is refused like one that hangs), a size limit checked as bytes arrive (a
// Content-Length is not trusted), and the sha256 computed on the way.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const DEFAULT_LIMITS: DownloadLimits = { maxBytes: 512 * 1024 * 1024, timeoutMs: 10 * 60_000 };

/** Why a download failed, said to the user; the previous list stays installed. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
}

export type DownloadProgress = (received: number, total: number | undefined) => void;

function counter(limits: DownloadLimits, hash: ReturnType<typeof createHash>, total: number | undefined, progress?: DownloadProgress): Transform {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > limits.maxBytes) return done(new DownloadError(`larger than the limit of ${limits.maxBytes} bytes`));
      hash.update(chunk);
      progress?.(received, total);
      done(null, chunk);
    },
  });
}

function failure(e: unknown, limits: DownloadLimits): DownloadError {
  if (e instanceof DownloadError) return e;
  const name = e instanceof Error ? e.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return new DownloadError(`no complete answer within ${limits.timeoutMs / 1000} s`);
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return new DownloadError(`${e instanceof Error ? e.message : String(e)}${cause}`);
}

/** Downloads `url` into `dest`; throws DownloadError (HTTP status, size, time, network). */
export async function download(url: string, dest: string, limits: DownloadLimits, progress?: DownloadProgress): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: 'follow' });
    if (!res.ok || !res.body) throw new DownloadError(`HTTP ${res.status} ${res.statusText}`.trim());
    const length = Number(res.headers.get('content-length') ?? NaN);
    const total = Number.isFinite(length) ? length : undefined;
    if (total !== undefined && total > limits.maxBytes) throw new DownloadError(`${total} bytes announced; the limit is ${limits.maxBytes}`);
    const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    await pipeline(body, counter(limits, hash, total, progress), createWriteStream(dest));
  } catch (e) {
    throw failure(e, limits);
  }
  const sha256 = hash.digest('hex');
  return { bytes: (await stat(dest)).size, sha256 };
}
