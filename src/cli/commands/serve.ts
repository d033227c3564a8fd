// `cleanpath serve`: the HTTP API and the dashboard over one store (docs/api.md).
import { isIP } from 'node:net';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_ANALYSIS_MEMORY_MB, DEFAULT_ANALYSIS_TIME_LIMIT, DEFAULT_ANALYSIS_WORKERS, DEFAULT_BODY_LIMIT, DEFAULT_QUEUE_PER_ORGANISATION, DEFAULT_RATE_LIMIT, type RateLimitOptions } from '../../server/options.js';
import { openTokenStore } from '../../store/index.js';
import { KEY_SOURCES, readSigningKey, signingKeySpec } from '../../attest/key-file.js';
import { DEFAULT_DB } from '../options.js';
import { waitOption } from '../wait-option.js';

interface ServeOptions {
  db: string;
  host: string;
  port: number;
  bodyLimit: number;
  rateLimit: RateLimitOptions | false;
  webDir?: string;
  web: boolean;
  log?: boolean;
  analysisWorkers: number;
  analysisQueue: number;
  analysisTimeLimit: number;
  analysisMemory: number;
  wait: number;
  attestKey?: string;
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** `67108864`, `64M`, `64MiB`, `512k` → bytes. */
export function parseByteSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*$/i.exec(value);
  const n = m ? Math.floor(Number(m[1]) * UNITS[m[2]!.toLowerCase()]!) : NaN;
  if (!Number.isFinite(n) || n < 1) throw new InvalidArgumentError('expected a size such as 64M, 512k or a number of bytes');
  return n;
}

const WINDOWS: Record<string, number> = { s: 1000, second: 1000, m: 60_000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000 };

/** `600` (a minute), `600/minute`, `20/s`, `off` → requests per window. */
export function parseRateLimit(value: string): RateLimitOptions | false {
  if (/^\s*(off|0)\s*$/i.test(value)) return false;
  const m = /^\s*(\d+)\s*(?:\/\s*([a-z]+))?\s*$/i.exec(value);
  const window = m ? WINDOWS[(m[2] ?? 'minute').toLowerCase()] : undefined;
  const max = m ? Number(m[1]) : NaN;
  if (!window || !Number.isInteger(max) || max < 1) throw new InvalidArgumentError('expected requests per window, e.g. 600/minute, 20/s, or off');
  return { max, timeWindow: window };
}

/** A whole number >= min, for the analysis queue's options. */
function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number >= ${min}`);
    return n;
  };
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds > 0');
  return n;
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number 0-65535 (0: any free port)');
  return n;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/**
 * What the start-up lines say of attestations. The key is read now, so a wrong --attest-key (or
 * variable) fails the start with exit 2 instead of every attestation request with 503.
 */
function attestKeyLine(option: string | undefined): string {
  if (signingKeySpec(option) === undefined) return '  attestations: no signing key (--attest-key FILE), the routes answer 503\n';
  const key = readSigningKey(option, (m) => process.stderr.write(`cleanpath: warning: ${m}\n`), '--attest-key');
  return `  attestations: signed with key ${key.keyid}\n`;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('Serve the HTTP API (OpenAPI at /api/openapi.json) and the dashboard over a store; every /api/ call needs a token (cleanpath token create)')
    .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('--host <address>', 'address to listen on; anything but loopback exposes the API to the network', '127.0.0.1')
    .option('--port <n>', 'TCP port (0: any free port)', parsePort, 8080)
    .addOption(new Option('--body-limit <size>', 'largest import upload, e.g. 256M').argParser(parseByteSize).default(DEFAULT_BODY_LIMIT, '64M'))
    .addOption(
      new Option('--rate-limit <n/window>', 'requests per token (or per address without one), e.g. 120/minute; off to disable')
        .argParser(parseRateLimit)
        .default(DEFAULT_RATE_LIMIT, `${DEFAULT_RATE_LIMIT.max}/minute`),
    )
    .option('--web-dir <dir>', 'dashboard files to serve at / (default: the built dist/web)')
    .option('--no-web', 'serve the API only')
    .option('--log', 'log every request (JSON lines on stdout)')
    .option('--analysis-workers <n>', 'analysis worker threads (0: on the request thread, no queue or budgets)', wholeNumber(0), DEFAULT_ANALYSIS_WORKERS)
    .option('--analysis-queue <n>', 'analyses an organisation may have queued or running; beyond, HTTP 429', wholeNumber(1), DEFAULT_QUEUE_PER_ORGANISATION)
    .option('--analysis-time-limit <seconds>', 'time budget of one analysis; beyond, it is stopped (HTTP 503)', seconds, DEFAULT_ANALYSIS_TIME_LIMIT)
    .option('--analysis-memory <MB>', 'heap budget of each analysis worker; beyond, the analysis is stopped (HTTP 503)', wholeNumber(16), DEFAULT_ANALYSIS_MEMORY_MB)
    .addOption(waitOption())
    .option('--attest-key <file|env:NAME>', `key the attestation routes sign with (PKCS#8 PEM, from cleanpath keys create); where it comes from: ${KEY_SOURCES}; without one they answer 503`)
    .addHelpText(
      'after',
      `
The server listens on 127.0.0.1 unless --host names another address; it speaks plain
HTTP, so put a TLS proxy in front of it before exposing it to a network.

Examples:
  cleanpath token create --org default --role admin --label me     # prints the token once
  cleanpath serve --db cleanpath.db
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/snapshots
  cleanpath serve --db cleanpath.db --port 9000 --body-limit 256M --rate-limit 120/minute
  cleanpath serve --db cleanpath.db --catalog our-overlay.yaml   # every analysis applies this catalog
  cleanpath serve --db cleanpath.db --attest-key carrier-2026.key # signs /api/.../attestations (docs/attestations.md)`,
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      const attestKey = attestKeyLine(opts.attestKey);
      // The web server's modules (fastify and the routes) load when a server starts, not with every command.
      const { startServer } = await import('../../server/index.js');
      const { app, url } = await startServer({
        catalog: cmd.optsWithGlobals<{ catalog?: string }>().catalog,
        db: opts.db,
        host: opts.host,
        port: opts.port,
        bodyLimit: opts.bodyLimit,
        rateLimit: opts.rateLimit,
        webDir: opts.web ? opts.webDir : false,
        logger: opts.log ?? false,
        analysisWorkers: opts.analysisWorkers,
        queuePerOrganisation: opts.analysisQueue,
        analysisTimeLimit: opts.analysisTimeLimit,
        analysisMemoryMb: opts.analysisMemory,
        writeWait: opts.wait,
        ...(opts.attestKey && { attestKey: opts.attestKey }),
      });
      const out = process.stdout;
      out.write(`cleanpath serve: listening on ${url}\n`);
      out.write(`  API:        ${url}/api/  (OpenAPI document: ${url}/api/openapi.json)\n`);
      out.write(app.cleanpath.opts.webDir ? `  dashboard:  ${url}/#token=<token>\n` : '  dashboard:  not built (npm run build), API only\n');
      out.write(attestKey);
      if (!isLoopback(opts.host)) out.write('  warning: reachable from the network over plain HTTP; tokens travel in clear unless a TLS proxy is in front\n');
      const tokens = openTokenStore(opts.db);
      try {
        if (!await (await tokens.listTokens()).some((t) => !t.revokedAt)) {
          out.write(`  no live token yet: cleanpath token create --db ${opts.db} --org default --role admin --label me\n`);
        }
      } finally {
        await tokens.close();
      }
      const stop = (): void => {
        out.write('cleanpath serve: closing\n');
        void app.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
