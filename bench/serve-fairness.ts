// Fairness under load (issue 16 point 5), part of `npm run bench -- serve`: two organisations on one
// real server on 127.0.0.1. The quiet one asks for small uncached reports (3 devices) one after
// another; its p99 latency is measured alone, then while the other organisation floods the server
// with many concurrent uncached reports of the demo snapshot (528 devices, planner on). Phases
// alternate (alone, flood, alone, flood, ...) so that a change in the machine's load from other
// work falls on both. Uncached means a distinct asOf date per request: the cache hides nothing.
// The flooding client runs in its own process and honours Retry-After, as a client should; the
// quiet one runs on the main thread, one request at a time.
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import type { BenchResult } from './types.js';

export interface FairnessSetup {
  url: string;
  quietToken: string;
  floodToken: string;
  /** Snapshot names of each organisation. */
  quietSnapshot: string;
  floodSnapshot: string;
}

interface FloodStats {
  ok: number;
  limited: number;
  other: number;
}

const ROUNDS = process.env.BENCH_QUICK ? 2 : 4;
const SAMPLES_PER_ROUND = process.env.BENCH_QUICK ? 25 : 50;
const FLOOD_CONNECTIONS = 32;
/** Time the flood gets to fill its queue before the quiet organisation is measured against it. */
const FLOOD_RAMP_MS = 1500;

// Plain JavaScript for `node -e`: a process of its own, as a flooding client on another machine
// would be, so that its own CPU and garbage collection are not charged to the server's process.
// Told to stop on stdin's end; prints its counts as JSON.
const FLOOD_CLIENT = `
const { url, token, snapshot, connections, firstDay } = JSON.parse(process.env.FLOOD);
const headers = { authorization: 'Bearer ' + token };
const stats = { ok: 0, limited: 0, other: 0 };
let stop = false;
let day = firstDay;
process.stdin.on('data', () => {}).on('end', () => { stop = true; });
const date = (d) => new Date(Date.UTC(2030, 0, 1) + d * 86400000).toISOString().slice(0, 10);
async function pause(ms) { for (const end = Date.now() + ms; !stop && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50)); }
async function loop() {
  while (!stop) {
    const r = await fetch(url + '/api/snapshots/' + snapshot + '/report?asOf=' + date(day++), { headers });
    await r.arrayBuffer();
    if (r.status === 200) stats.ok++;
    else if (r.status === 429) { stats.limited++; await pause(Number(r.headers.get('retry-after')) * 1000); }
    else stats.other++;
  }
}
Promise.all(Array.from({ length: connections }, loop)).then(() => process.stdout.write(JSON.stringify(stats)));
`;

/** Starts the flood; the returned function stops it and resolves with its counts. */
function startFlood(s: FairnessSetup, firstDay: number): () => Promise<FloodStats> {
  const env = { ...process.env, FLOOD: JSON.stringify({ url: s.url, token: s.floodToken, snapshot: s.floodSnapshot, connections: FLOOD_CONNECTIONS, firstDay }) };
  const child = spawn(process.execPath, ['-e', FLOOD_CLIENT], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const done = new Promise<FloodStats>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as FloodStats) : reject(new Error(`the flooding client exited with ${code}`))));
  });
  return () => {
    child.stdin.end();
    return done;
  };
}

let quietDay = 0;

/** `n` uncached reports of the quiet organisation, one after another: their latencies, ms. */
async function quietSamples(s: FairnessSetup, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const asOf = new Date(Date.UTC(2026, 0, 1) + quietDay++ * 86_400_000).toISOString().slice(0, 10);
    const t0 = performance.now();
    const r = await fetch(`${s.url}/api/snapshots/${s.quietSnapshot}/report?asOf=${asOf}`, { headers: { authorization: `Bearer ${s.quietToken}` } });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`the quiet organisation's report answered ${r.status}`);
    out.push(performance.now() - t0);
  }
  return out;
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** Alternating phases, alone then flooded; what each phase measured, pooled. */
async function measure(s: FairnessSetup): Promise<{ alone: number[]; flooded: number[]; flood: FloodStats }> {
  const alone: number[] = [];
  const flooded: number[] = [];
  const flood: FloodStats = { ok: 0, limited: 0, other: 0 };
  await quietSamples(s, 5); // warm-up: the quiet organisation's worker loads its code
  for (let round = 0; round < ROUNDS; round++) {
    alone.push(...(await quietSamples(s, SAMPLES_PER_ROUND)));
    const stop = startFlood(s, round * 100_000);
    await new Promise((r) => setTimeout(r, FLOOD_RAMP_MS));
    flooded.push(...(await quietSamples(s, SAMPLES_PER_ROUND)));
    const st = await stop();
    flood.ok += st.ok;
    flood.limited += st.limited;
    flood.other += st.other;
  }
  return { alone, flooded, flood };
}

export async function fairness(s: FairnessSetup, workers: number): Promise<BenchResult[]> {
  const { alone, flooded, flood } = await measure(s);
  // Other work on the machine weighs on both phases, but not equally: say how busy it was.
  const load = `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores at the end`;
  if (flood.other !== 0) throw new Error(`the flood got ${flood.other} answers other than 200 and 429`);
  const p99Alone = percentile(alone, 99);
  const p99Flooded = percentile(flooded, 99);
  const ratio = p99Flooded / p99Alone;
  const how = `${ROUNDS} rounds of ${SAMPLES_PER_ROUND} sequential uncached 3-device reports (distinct asOf), alone then while another organisation floods (${FLOOD_CONNECTIONS} connections of uncached 528-device reports, Retry-After honoured: ${flood.ok} answered, ${flood.limited} × 429); ${workers} analysis workers, 127.0.0.1; ${load}`;
  return [
    { name: 'API fairness: quiet organisation, report latency p99 alone', value: round1(p99Alone), unit: 'ms', note: `p50 ${round1(percentile(alone, 50))} ms; ${how}` },
    { name: 'API fairness: quiet organisation, report latency p99 while another floods', value: round1(p99Flooded), unit: 'ms', note: `p50 ${round1(percentile(flooded, 50))} ms` },
    { name: 'API fairness: quiet p99 flooded / alone', value: Math.round(ratio * 100) / 100, unit: '×', target: '< 2', met: ratio < 2 },
  ];
}
