// Child process of the exposure benchmark: loads DIR/{nodes,links,flows}.csv, runs the exposure
// analysis with N workers, writes the per-flow CSV to OUT and, on stderr, one JSON line with
// the peak resident memory of the whole process (all worker threads included).
// Usage: exposure-run.ts DIR VENDORS WORKERS OUT
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseExposure, buildGraph, buildUntrusted, exposureCsv } from '../src/graph/index.js';
import { readPlainNetwork } from '../src/ingest/plain/index.js';

const [dir, vendors, workers, out] = process.argv.slice(2);
if (!dir || !vendors || !workers || !out) {
  console.error('usage: exposure-run.ts DIR VENDORS WORKERS OUT');
  process.exit(2);
}
const t0 = performance.now();
const net = await readPlainNetwork({ nodes: join(dir, 'nodes.csv'), links: join(dir, 'links.csv'), flows: join(dir, 'flows.csv') });
const t1 = performance.now();
const g = buildGraph(net);
const untrusted = buildUntrusted(net.nodes, { vendors: vendors.split(',') });
const t2 = performance.now();
const r = await analyseExposure(g, untrusted, net.flows, { workers: Number(workers) });
const t3 = performance.now();
writeFileSync(out, exposureCsv(r));
const t4 = performance.now();
process.stderr.write(
  JSON.stringify({
    maxRssKb: process.resourceUsage().maxRSS,
    loadMs: Math.round(t1 - t0),
    buildMs: Math.round(t2 - t1),
    analyseMs: Math.round(t3 - t2),
    writeMs: Math.round(t4 - t3),
  }) + '\n',
);
