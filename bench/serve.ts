// HTTP API load test (issue 7): the server on 127.0.0.1 over the demo store, autocannon for 20 s
// on two representative authenticated GETs: a page of devices (a store query per request) and the
// cached report model (about half a megabyte of JSON per answer). Zero errors and zero non-2xx
// answers are required. autocannon runs in a worker thread, so the server keeps the main thread.
// Then fairness under load (serve-fairness.ts): a quiet organisation's p99 alone and while another
// organisation floods the server with uncached reports.
// Alone: `node --import tsx bench/serve.ts`. BENCH_QUICK=1 runs 5 s each.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoScenario } from '../src/demo/index.js';
import { startServer } from '../src/server/index.js';
import { importFiles, openStore, openTokenStore } from '../src/store/index.js';
import { fairness } from './serve-fairness.js';
import type { BenchResult } from './types.js';

interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  duration: number;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  workers?: number;
}) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const DURATION = process.env.BENCH_QUICK ? 5 : 20;
const CONNECTIONS = 10;
const REPORT = '/api/snapshots/demo/report?asOf=2026-12-31&budget=3000000/year&budgetStart=2027-01-01';
const DEVICES = '/api/snapshots/demo/devices?limit=100&offset=100';
const QUIET_INVENTORY = 'id,name,vendor,country,layer\nq-core-1,Quiet core,nokia,FI,core\nq-ran-1,Quiet RAN,huawei,FI,ran\nq-ran-2,Quiet RAN 2,ericsson,FI,ran\n';

/** The demo scenario in organisation "default", a 3-device inventory in "quiet"; a viewer token of each. */
async function buildStore(dir: string, db: string): Promise<{ token: string; quietToken: string }> {
  // Tokens first: creating a token creates its organisation, which an import needs.
  const tokens = openTokenStore(db);
  let token: string;
  let quietToken: string;
  try {
    token = (await tokens.createToken({ organisation: 'default', role: 'viewer', label: 'bench' })).token;
    quietToken = (await tokens.createToken({ organisation: 'quiet', role: 'viewer', label: 'bench quiet' })).token;
  } finally {
    await tokens.close();
  }
  const { files } = writeDemoScenario(join(dir, 'demo'));
  mkdirSync(join(dir, 'quiet'));
  const quiet = join(dir, 'quiet', 'inventory.csv');
  writeFileSync(quiet, QUIET_INVENTORY);
  const store = openStore(db);
  try {
    await importFiles(store, files, { snapshot: 'demo' });
    await importFiles(store, [quiet], { snapshot: 'quiet', organisation: 'quiet' });
  } finally {
    await store.close();
  }
  return { token, quietToken };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-bench-serve-'));
  const db = join(dir, 'demo.db');
  try {
    const { token, quietToken } = await buildStore(dir, db);
    // Rate limiting off: the point is the server's own throughput; the limiter is tested apart.
    const { app, url } = await startServer({ db, host: '127.0.0.1', port: 0, rateLimit: false, webDir: false });
    const headers = { authorization: `Bearer ${token}` };
    try {
      const warm = await fetch(url + REPORT, { headers });
      if (warm.status !== 200) throw new Error(`report warm-up answered ${warm.status}`);
      const reportBytes = (await warm.arrayBuffer()).byteLength;
      const results: BenchResult[] = [];
      for (const [label, path] of [
        ['devices page (100 devices with evidence)', DEVICES],
        [`cached report model (${Math.round(reportBytes / 1024)} KiB JSON)`, REPORT],
      ] as const) {
        const r = await autocannon({ url: url + path, connections: CONNECTIONS, duration: DURATION, headers, workers: 1 });
        const failures = r.errors + r.timeouts + r.non2xx;
        if (failures !== 0) throw new Error(`${label}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx answers`);
        const how = `autocannon ${DURATION} s, ${CONNECTIONS} connections, 127.0.0.1, authenticated GET ${path.split('?')[0]}; ${r.requests.total} requests, 0 errors, 0 non-2xx; latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms`;
        results.push({ name: `API ${label}: throughput`, value: Math.round(r.requests.average), unit: 'requests/s', note: how });
        results.push({ name: `API ${label}: latency p99`, value: r.latency.p99, unit: 'ms', note: `p50 ${r.latency.p50} ms` });
        results.push({ name: `API ${label}: errors and non-2xx`, value: failures, unit: 'answers', target: '= 0', met: failures === 0 });
      }
      const workers = app.cleanpath.opts.analysisWorkers;
      results.push(...(await fairness({ url, quietToken, floodToken: token, quietSnapshot: 'quiet', floodSnapshot: 'demo' }, workers)));
      return results;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const r of await run()) console.log(`${r.name}: ${r.value} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
