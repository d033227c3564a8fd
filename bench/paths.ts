// Path import and hop enrichment at scale (issue 8 benchmark): a generated 1,000,000-prefix
// iptoasn table loaded from TSV, then 10 million generated traceroute hops
//   (1) enriched through the typed-array path (address text → special range → AS → country),
//       target ≥ 1,000,000 hops/s;
//   (2) imported end to end: RIPE Atlas result lines parsed, every reply address canonicalised,
//       each hop enriched through the cached object path the import uses.
// Inputs are generated in chunks with a seeded PRNG before each timed chunk, so generation is
// not timed and memory stays bounded; peak RSS is sampled.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { mulberry32 } from '../src/model/seeded-random.js';
import { Enricher, factsFor, formatIpv4, loadEnrichmentData, measurementOf, parseIpv4, specialKind4 } from '../src/paths/index.js';
import type { BenchResult } from './types.js';

const PREFIXES = 1_000_000;
const HOPS = 10_000_000;
const CHUNK = 500_000;
const HOPS_PER_RESULT = 10;
const ROUTERS = 200_000;
const TARGET = 1_000_000;

/** 1M disjoint ranges in ascending order (sizes /22../24, random gaps) as iptoasn TSV. */
function tableTsv(): { text: string; starts: Uint32Array } {
  const r = mulberry32(8);
  const lines: string[] = [];
  const starts = new Uint32Array(PREFIXES);
  let at = 16 * 2 ** 24; // from 16.0.0.0
  for (let i = 0; i < PREFIXES; i++) {
    const size = 256 << (r() % 3);
    at += (r() % 4) * 256;
    if (at % size) at += size - (at % size); // aligned, after the previous range: disjoint
    starts[i] = at;
    const asn = 1 + (r() % 60000);
    lines.push(`${formatIpv4(at)}\t${formatIpv4(at + size - 1)}\t${asn}\t${String.fromCharCode(65 + (asn % 26), 65 + ((asn >> 5) % 26))}\tAS-${asn}`);
    at += size;
  }
  return { text: lines.join('\n') + '\n', starts };
}

export async function run(): Promise<BenchResult[]> {
  let peak = process.memoryUsage().rss;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 50);
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-bench-paths-'));
  try {
    const { text, starts } = tableTsv();
    const file = join(dir, 'ip2asn.tsv');
    writeFileSync(file, text);
    const tsvMb = Buffer.byteLength(text) / 1e6;
    const rss0 = process.memoryUsage().rss;
    const t0 = performance.now();
    const data = loadEnrichmentData({ asnTables: [file] });
    const loadS = (performance.now() - t0) / 1000;
    sample();
    const tableMb = (process.memoryUsage().rss - rss0) / 2 ** 20;
    const enricher = new Enricher(data);
    const segs = data.asn!.v4.size;

    // (1) typed-array enrichment of 10M hop addresses (3/4 inside the table, 1/4 anywhere)
    const r = mulberry32(99);
    const addrs: string[] = new Array(CHUNK);
    const asOut = new Int32Array(CHUNK);
    let timed = 0, found = 0, special = 0, cpuTyped = 0;
    for (let done = 0; done < HOPS; done += CHUNK) {
      for (let i = 0; i < CHUNK; i++) {
        const x = r();
        addrs[i] = formatIpv4((x & 3) === 0 ? r() >>> 0 : (starts[x % PREFIXES]! + (r() % 256)) >>> 0);
      }
      sample();
      const c0 = process.cpuUsage();
      const t = performance.now();
      for (let i = 0; i < CHUNK; i++) {
        const a = parseIpv4(addrs[i]!);
        if (specialKind4(a) !== null) {
          special++;
          asOut[i] = -1;
          continue;
        }
        const v = enricher.asIndex4(a);
        asOut[i] = v;
        if (v >= 0) found++;
      }
      timed += performance.now() - t;
      const c = process.cpuUsage(c0);
      cpuTyped += (c.user + c.system) / 1e6;
    }
    const typedRate = Math.round(HOPS / (timed / 1000));

    // (2) import path: Atlas result lines → measurements → facts per hop (cached object path)
    const pool = new Uint32Array(ROUTERS);
    for (let i = 0; i < ROUTERS; i++) pool[i] = (starts[r() % PREFIXES]! + (r() % 256)) >>> 0;
    const results = HOPS / HOPS_PER_RESULT;
    const perChunk = CHUNK / HOPS_PER_RESULT;
    let importMs = 0, hops = 0, withAs = 0, bytes = 0, cpuImport = 0;
    const ctxWarn = () => {};
    for (let done = 0; done < results; done += perChunk) {
      const lines: string[] = [];
      for (let k = 0; k < perChunk; k++) {
        const hopsJson: string[] = [];
        for (let h = 1; h <= HOPS_PER_RESULT; h++) {
          const from = formatIpv4(pool[r() % ROUTERS]!);
          hopsJson.push(`{"hop":${h},"result":[{"from":"${from}","rtt":${(r() % 100000) / 1000},"size":76,"ttl":${255 - h}}]}`);
        }
        lines.push(`{"af":4,"dst_addr":"203.0.113.80","msm_id":5001,"prb_id":${6000 + (k % 500)},"proto":"ICMP","timestamp":${1764547200 + done + k},"type":"traceroute","result":[${hopsJson.join(',')}]}`);
      }
      sample();
      const c0 = process.cpuUsage();
      const t = performance.now();
      for (let k = 0; k < lines.length; k++) {
        const line = lines[k]!;
        bytes += line.length;
        const m = measurementOf(JSON.parse(line), { file: 'bench', line: k + 1, warn: ctxWarn });
        if (!m) continue;
        const f = factsFor(m, (a) => enricher.facts(a));
        hops += m.hops.length;
        for (const a in f) if (f[a]!.asn !== undefined) withAs++;
      }
      importMs += performance.now() - t;
      const c = process.cpuUsage(c0);
      cpuImport += (c.user + c.system) / 1e6;
    }
    sample();
    const importRate = Math.round(hops / (importMs / 1000));
    const peakMb = Math.round(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 2 ** 20);
    return [
      {
        name: 'hop enrichment, 1M-prefix table (typed arrays)',
        value: typedRate,
        unit: 'hops/s',
        target: `>= ${TARGET}`,
        met: typedRate >= TARGET,
        note: `${HOPS} hop address strings (3/4 inside the table, 1/4 random), parse + special-range check + longest-prefix AS look-up, one thread, ${(timed / 1000).toFixed(2)} s; ${found} with an AS, ${special} special; table: ${PREFIXES} iptoasn rows (${tsvMb.toFixed(0)} MB TSV) → ${segs} segments, loaded in ${loadS.toFixed(2)} s, +${tableMb.toFixed(0)} MB RSS`,
      },
      {
        name: 'traceroute import + enrichment (RIPE Atlas JSON lines)',
        value: importRate,
        unit: 'hops/s',
        note: `${results} results × ${HOPS_PER_RESULT} hops (${(bytes / 1e9).toFixed(2)} GB of JSON lines, generated in chunks, not timed): JSON.parse + Atlas parser + canonical addresses + cached per-address facts (${ROUTERS} distinct router addresses) in ${(importMs / 1000).toFixed(1)} s; ${withAs} hop facts with an AS; no store writes`,
      },
      { name: 'hop enrichment per CPU-second (typed arrays)', value: Math.round(HOPS / cpuTyped), unit: 'hops/CPU-s', note: `the same 10M hops over the CPU time of the timed loops (${cpuTyped.toFixed(2)} CPU-s): independent of other work on the machine` },
      { name: 'traceroute import + enrichment per CPU-second', value: Math.round(hops / cpuImport), unit: 'hops/CPU-s', note: `${cpuImport.toFixed(1)} CPU-s (the process's CPU time, GC included) for ${hops} hops` },
      { name: 'path benchmark peak memory', value: peakMb, unit: 'MiB', note: `max RSS of the process over table load, enrichment and import (sampled every 50 ms and getrusage); load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' ')} on the machine's cores shared with other work` },
    ];
  } finally {
    clearInterval(timer);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await run()) process.stdout.write(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.met ? 'met' : 'MISSED'})` : ''}\n  ${r.note ?? ''}\n`);
}
