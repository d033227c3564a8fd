// SNMPv3 discovery prober on loopback (issue 6 benchmark): sustained throughput against a local
// responder with a memory profile, the ceiling with the rate limit out of the way, and timeout
// accuracy against silent ports. The responder runs in a child process (its own event loop and
// heap) and listens on many ports of 127.0.0.1, so each probe is a distinct target (the prober
// keys targets by address and port); all traffic stays on 127.0.0.1.
// Run alone: node --import tsx bench/probe-throughput.ts
import { fork, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { probeTargets, type ProbeOptions, type ProbeStatus } from '../src/probe/prober.js';
import type { ProbeTarget } from '../src/probe/targets.js';
import type { BenchResult } from './types.js';

const HOST = '127.0.0.1';
/** Responder ports: probes cycle over them, so a port is probed again only after 1,023 others. */
const PORTS = 1024;
const SILENT_PORTS = 8;
const SUSTAINED = { probes: 150_000, rate: 7_000 };
const CEILING = { probes: 60_000, rate: 1_000_000 };
const TARGET_RATE = 5_000;
const TIMEOUTS = [100, 200, 500];
const TIMEOUT_RUNS = 8;

// ---------------------------------------------------------------------------------------------
// Responder (child process): answers each discovery request with a Report echoing its msgID
// and request-id, built by patching a template (no per-packet encoding), so it stays cheap.

/** A Report with placeholder msgID/request-id of `idLen` content octets; returns the offsets. */
function reportTemplate(idLen: number): { bytes: Buffer; at: [number, number] } {
  const eid = Buffer.from('800007db0300259e000001', 'hex');
  const tlv = (tag: number, ...parts: Buffer[]) => {
    const body = Buffer.concat(parts);
    if (body.length > 0x7f) throw new Error('template too long');
    return Buffer.concat([Buffer.of(tag, body.length), body]);
  };
  const id = tlv(0x02, Buffer.alloc(idLen, 0x11));
  const usm = tlv(0x30, tlv(0x04, eid), tlv(0x02, Buffer.of(1)), tlv(0x02, Buffer.of(0x0e)), tlv(0x04), tlv(0x04), tlv(0x04));
  const vb = tlv(0x30, tlv(0x30, tlv(0x06, Buffer.from('2b060106030f01010400', 'hex')), tlv(0x41, Buffer.of(1))));
  const header = tlv(0x30, id, tlv(0x02, Buffer.from('00ffe3', 'hex')), tlv(0x04, Buffer.of(0)), tlv(0x02, Buffer.of(3)));
  const pdu = tlv(0xa8, id, tlv(0x02, Buffer.of(0)), tlv(0x02, Buffer.of(0)), vb);
  const msg = tlv(0x30, tlv(0x02, Buffer.of(3)), header, tlv(0x04, usm), tlv(0x30, tlv(0x04, eid), tlv(0x04), pdu));
  // msgID: after 30 L | 02 01 03 | 30 L; request-id: the first TLV inside the a8 PDU.
  const first = 7;
  const second = msg.indexOf(Buffer.of(0xa8, pdu.length - 2)) + 2;
  return { bytes: msg, at: [first, second] };
}

async function responderMain(): Promise<void> {
  const templates = [1, 2, 3, 4, 5].map(reportTemplate);
  let received = 0;
  let answered = 0;
  const sockets: Socket[] = [];
  const bind = (s: Socket) => new Promise<number>((res) => s.bind(0, HOST, () => res(s.address().port)));
  const ports: number[] = [];
  for (let i = 0; i < PORTS; i++) {
    const s = createSocket('udp4');
    s.on('message', (msg, rinfo) => {
      received++;
      // The prober's request: 30 L 02 01 03 30 L 02 idLen id...; anything else is ignored.
      if (msg.length < 12 || msg[0] !== 0x30 || msg[5] !== 0x30 || msg[7] !== 0x02) return;
      const idLen = msg[8]!;
      const t = templates[idLen - 1];
      if (t === undefined) return;
      const out = Buffer.from(t.bytes);
      msg.copy(out, t.at[0], 7, 9 + idLen);
      msg.copy(out, t.at[1], 7, 9 + idLen);
      s.send(out, rinfo.port, rinfo.address);
      answered++;
    });
    ports.push(await bind(s));
    sockets.push(s);
  }
  const silent: number[] = [];
  for (let i = 0; i < SILENT_PORTS; i++) {
    const s = createSocket('udp4');
    s.on('message', () => received++);
    silent.push(await bind(s));
    sockets.push(s);
  }
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'stats') process.send!({ received, answered, cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
    if (m.cmd === 'stop') {
      for (const s of sockets) s.close();
      process.disconnect();
    }
  });
  process.send!({ ports, silent });
}

interface ResponderHandle {
  ports: number[];
  silent: number[];
  stats(): Promise<{ received: number; answered: number; cpu: NodeJS.CpuUsage; rss: number }>;
  stop(): Promise<void>;
}

async function startResponderProcess(): Promise<ResponderHandle> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--responder'], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const first = await new Promise<{ ports: number[]; silent: number[] }>((res, rej) => {
    child.once('message', (m) => res(m as { ports: number[]; silent: number[] }));
    child.once('exit', (code) => rej(new Error(`responder exited with ${code}`)));
  });
  return {
    ...first,
    stats: () =>
      new Promise((res) => {
        child.once('message', (m) => res(m as { received: number; answered: number; cpu: NodeJS.CpuUsage; rss: number }));
        child.send({ cmd: 'stats' });
      }),
    stop: () =>
      new Promise((res) => {
        child.once('exit', () => res());
        child.send({ cmd: 'stop' });
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Prober side

function* cycleTargets(ports: readonly number[], n: number): Generator<ProbeTarget> {
  for (let i = 0; i < n; i++) yield { address: HOST, port: ports[i % ports.length]!, family: 4, spec: HOST };
}

interface Sample {
  t: number;
  rss: number;
  heap: number;
  done: number;
  /** Heap used right after a forced full GC (every 5 s): what the run really retains. */
  live?: number;
}

/** A full GC on demand without --expose-gc on the command line. */
function gcFunction(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

interface RunStats {
  seconds: number;
  perSec: number;
  status: Record<ProbeStatus, number>;
  samples: Sample[];
  /** Completions in each whole second of the run. */
  windows: number[];
  cpuMs: number;
}

async function runProbes(ports: readonly number[], n: number, opts: ProbeOptions): Promise<RunStats> {
  const status: Record<ProbeStatus, number> = { reply: 0, timeout: 0, invalid: 0, error: 0 };
  const samples: Sample[] = [];
  let done = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const gc = gcFunction();
  let tick = 0;
  const sample = (force = false) => {
    const m = process.memoryUsage();
    const s: Sample = { t: (performance.now() - t0) / 1000, rss: m.rss, heap: m.heapUsed, done };
    if (force || tick++ % 20 === 0) {
      gc();
      s.live = process.memoryUsage().heapUsed;
    }
    samples.push(s);
  };
  sample();
  const timer = setInterval(sample, 250);
  const secondMarks: number[] = [];
  let nextMark = 1000;
  for await (const o of probeTargets(cycleTargets(ports, n), opts)) {
    status[o.status]++;
    done++;
    const now = performance.now() - t0;
    while (now >= nextMark) {
      secondMarks.push(done);
      nextMark += 1000;
    }
  }
  clearInterval(timer);
  sample(true);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const windows = secondMarks.map((d, i) => d - (i === 0 ? 0 : secondMarks[i - 1]!));
  return { seconds, perSec: n / seconds, status, samples, windows, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const mb = (b: number) => Math.round(b / 1048576);

function memoryProfile(samples: Sample[]): { start: Sample; end: Sample; peakRss: number; peakHeap: number; growthRss: number; growthHeap: number; live: number[] } {
  const start = samples[0]!;
  const end = samples[samples.length - 1]!;
  const peakRss = Math.max(...samples.map((s) => s.rss));
  const peakHeap = Math.max(...samples.map((s) => s.heap));
  // Flatness: the peak over the last third against the peak over the first third (after warm-up).
  const third = Math.max(1, Math.floor(samples.length / 3));
  const firstThird = samples.slice(1, third + 1);
  const lastThird = samples.slice(samples.length - third);
  const growthRss = Math.max(...lastThird.map((s) => s.rss)) - Math.max(...firstThird.map((s) => s.rss));
  const growthHeap = Math.max(...lastThird.map((s) => s.heap)) - Math.max(...firstThird.map((s) => s.heap));
  const live = samples.filter((s) => s.live !== undefined).map((s) => s.live!);
  return { start, end, peakRss, peakHeap, growthRss, growthHeap, live };
}

async function timeoutAccuracy(silent: readonly number[]): Promise<{ timeout: number; mean: number; max: number; min: number }[]> {
  const out: { timeout: number; mean: number; max: number; min: number }[] = [];
  for (const timeoutMs of TIMEOUTS) {
    const errors: number[] = [];
    for (let i = 0; i < TIMEOUT_RUNS; i++) {
      const port = silent[i % silent.length]!;
      const t0 = performance.now();
      let status: ProbeStatus | undefined;
      for await (const o of probeTargets([{ address: HOST, port, family: 4, spec: HOST }], { timeoutMs, retries: 0, rate: 1000 })) status = o.status;
      const took = performance.now() - t0;
      if (status !== 'timeout') throw new Error(`silent port answered: ${status}`);
      errors.push(took - timeoutMs);
    }
    out.push({ timeout: timeoutMs, mean: errors.reduce((a, b) => a + b, 0) / errors.length, max: Math.max(...errors), min: Math.min(...errors) });
  }
  return out;
}

export async function run(): Promise<BenchResult[]> {
  const resp = await startResponderProcess();
  try {
    // Warm-up (JIT, socket buffers): 5,000 probes, not counted.
    await runProbes(resp.ports, 5_000, { rate: 20_000, timeoutMs: 1000, retries: 1 });

    const before = await resp.stats();
    const sus = await runProbes(resp.ports, SUSTAINED.probes, { rate: SUSTAINED.rate, timeoutMs: 1000, retries: 1 });
    const after = await resp.stats();
    const respCpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
    const mem = memoryProfile(sus.samples);
    const inner = sus.windows.slice(1); // the first second includes the start
    const minWindow = inner.length ? Math.min(...inner) : 0;

    const ceil = await runProbes(resp.ports, CEILING.probes, { rate: CEILING.rate, timeoutMs: 1000, retries: 1 });
    const ceilMem = memoryProfile(ceil.samples);

    const acc = await timeoutAccuracy(resp.silent);
    const meanErr = acc.reduce((a, r) => a + r.mean, 0) / acc.length;
    const maxErr = Math.max(...acc.map((r) => r.max));

    // Flat: live heap (after forced GCs every 5 s) within 8 MB of its start, RSS not growing.
    const liveGrowth = Math.max(...mem.live) - mem.live[0]!;
    const flat = mem.growthRss < 20 * 1048576 && liveGrowth < 8 * 1048576;
    const liveList = mem.live.map((b) => (b / 1048576).toFixed(1)).join(' ');
    const stat = (s: RunStats) => `${s.status.reply} replies, ${s.status.timeout} timeouts, ${s.status.invalid} invalid, ${s.status.error} errors`;
    const summary =
      `  sustained: ${SUSTAINED.probes} probes at --rate ${SUSTAINED.rate} in ${sus.seconds.toFixed(1)} s = ${Math.round(sus.perSec)}/s (${stat(sus)}); per-second ${sus.windows.join(' ')}; ` +
      `prober CPU ${(sus.cpuMs / 1000).toFixed(1)} s, responder CPU ${(respCpuMs / 1000).toFixed(1)} s\n` +
      `  memory: RSS start ${mb(mem.start.rss)} / peak ${mb(mem.peakRss)} / end ${mb(mem.end.rss)} MB, heap start ${mb(mem.start.heap)} / peak ${mb(mem.peakHeap)} / end ${mb(mem.end.heap)} MB, ` +
      `last-third vs first-third peaks: RSS ${(mem.growthRss / 1048576).toFixed(1)} MB, heap ${(mem.growthHeap / 1048576).toFixed(1)} MB; live heap after GC every 5 s: ${liveList} MB\n` +
      `  ceiling: ${CEILING.probes} probes at --rate ${CEILING.rate} in ${ceil.seconds.toFixed(1)} s = ${Math.round(ceil.perSec)}/s (${stat(ceil)}); RSS peak ${mb(ceilMem.peakRss)} MB\n` +
      `  timeouts: ${acc.map((r) => `${r.timeout} ms: +${r.mean.toFixed(1)} mean, +${r.max.toFixed(1)} max, +${r.min.toFixed(1)} min`).join('; ')}\n`;
    process.stderr.write(summary);
    return [
      {
        name: 'probes/s sustained (loopback, separate responder process)',
        value: Math.round(sus.perSec),
        unit: 'probes/s',
        target: `>= ${TARGET_RATE} over >= 20 s`,
        met: sus.perSec >= TARGET_RATE && sus.seconds >= 20 && sus.status.reply === SUSTAINED.probes,
        note:
          `${SUSTAINED.probes.toLocaleString('en-US')} probes to ${PORTS} responder ports on 127.0.0.1, --rate ${SUSTAINED.rate}, timeout 1000 ms, 1 retry, concurrency 256, in ${sus.seconds.toFixed(1)} s; ` +
          `${stat(sus)}; slowest whole second ${minWindow} probes; prober CPU ${(sus.cpuMs / 1000).toFixed(1)} s, responder CPU ${(respCpuMs / 1000).toFixed(1)} s`,
      },
      {
        name: 'prober memory over the sustained run (RSS start/peak/end)',
        value: mb(mem.peakRss),
        unit: 'MB peak RSS',
        target: 'flat',
        met: flat,
        note:
          `RSS ${mb(mem.start.rss)}/${mb(mem.peakRss)}/${mb(mem.end.rss)} MB, heap ${mb(mem.start.heap)}/${mb(mem.peakHeap)}/${mb(mem.end.heap)} MB (start/peak/end, ${sus.samples.length} samples every 250 ms); ` +
          `peak of the last third minus peak of the first third: RSS ${(mem.growthRss / 1048576).toFixed(1)} MB, heap ${(mem.growthHeap / 1048576).toFixed(1)} MB; live heap after a forced GC every 5 s: ${liveList} MB (flat: RSS growth < 20 MB and live heap within 8 MB of its start)`,
      },
      {
        name: 'probes/s ceiling (rate limit out of the way)',
        value: Math.round(ceil.perSec),
        unit: 'probes/s',
        note: `${CEILING.probes.toLocaleString('en-US')} probes, --rate ${CEILING.rate}, in ${ceil.seconds.toFixed(1)} s; ${stat(ceil)}; RSS peak ${mb(ceilMem.peakRss)} MB`,
      },
      {
        name: 'timeout accuracy: give-up time minus configured, mean',
        value: Math.round(meanErr * 10) / 10,
        unit: 'ms',
        note: `${TIMEOUT_RUNS} single probes to a silent 127.0.0.1 port per timeout, retries 0, from the call to the outcome: ${acc.map((r) => `${r.timeout} ms → +${r.mean.toFixed(1)} mean / +${r.max.toFixed(1)} max`).join(', ')}`,
      },
      {
        name: 'timeout accuracy: give-up time minus configured, max',
        value: Math.round(maxErr * 10) / 10,
        unit: 'ms',
        note: `over all ${TIMEOUTS.length * TIMEOUT_RUNS} probes (timeouts ${TIMEOUTS.join('/')} ms)`,
      },
    ];
  } finally {
    await resp.stop();
  }
}

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain && process.argv[2] === '--responder') {
  await responderMain();
} else if (isMain) {
  for (const r of await run()) console.log(JSON.stringify(r, null, 2));
}
