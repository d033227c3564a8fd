// Report benchmark (issue 18 point 5): how the HTML report reads and opens in Debian's Chromium.
//   the demo report's height at 1,400 px wide (target <= 15,000 px) and its PDF's pages;
//   a 37-node GÉANT import from Topology Zoo (../shared/data/topologyzoo/Geant.graphml): height;
//   a generated 100k-device snapshot (test/web/large-network.ts): the page's size, and the time
//   from navigation to the load event in Chromium (target < 5 s, median of 3 fresh pages).
// Alone: `node --import tsx bench/report-open.ts`; BENCH_REPORT_DEVICES=20000 for a quick try.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { writeDemoScenario } from '../src/demo/index.js';
import { renderHtml } from '../src/report/html.js';
import { buildReportModel } from '../src/report/model.js';
import { renderPdf } from '../src/report/pdf.js';
import { importFiles, openStore } from '../src/store/index.js';
import { writeLargeNetwork } from '../test/web/large-network.js';
import type { BenchResult } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));
const GEANT = join(here, '..', '..', 'shared', 'data', 'topologyzoo', 'Geant.graphml');
const DEVICES = Number(process.env.BENCH_REPORT_DEVICES ?? 100_000);
const AS_OF = '2026-12-31';
const MAX_HEIGHT = 15_000;
const MAX_OPEN_S = 5;

async function storeOf(db: string, files: string[], snapshot: string): Promise<void> {
  const store = openStore(db);
  try {
    await importFiles(store, files, { snapshot });
  } finally {
    await store.close();
  }
}

/** Writes the report of the store's latest snapshot; returns the file, its model and how long it took. */
async function writeReport(dir: string, db: string, name: string) {
  const t = performance.now();
  const model = await buildReportModel({ db, asOf: AS_OF, untrusted: ['huawei', 'zte'], planTimeLimit: 30 });
  const html = renderHtml(model);
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  return { file, model, bytes: Buffer.byteLength(html), seconds: (performance.now() - t) / 1000 };
}

/** Height at 1,400 px, and the milliseconds from navigation to the load event. */
async function open(browser: Browser, file: string): Promise<{ height: number; ms: number }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    const t = performance.now();
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 120_000 });
    const ms = performance.now() - t;
    return { height: (await page.evaluate('document.documentElement.scrollHeight')) as number, ms };
  } finally {
    await page.close();
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function demoRows(dir: string, browser: Browser): Promise<BenchResult[]> {
  const db = join(dir, 'demo.db');
  await storeOf(db, writeDemoScenario(join(dir, 'demo')).files, 'demo');
  const r = await writeReport(dir, db, 'demo');
  const { height } = await open(browser, r.file);
  const pdf = await renderPdf(r.model);
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return [
    { name: 'demo HTML report height at 1,400 px', value: height, unit: 'px', target: `<= ${MAX_HEIGHT}`, met: height <= MAX_HEIGHT, note: `document.documentElement.scrollHeight in Chromium; ${r.model.summary.devices} devices, ${r.model.findings.length} findings, as of ${AS_OF}; was 46,733 px when issue 18 was filed, 79,349 px just before this change (as of 2026-12-03, catalog 2026-12-03.2)` },
    { name: 'demo PDF report pages (A4)', value: pages, unit: 'pages', note: `report --format pdf, every finding group printed open; ${(pdf.length / 1024).toFixed(0)} KiB` },
  ];
}

async function geantRows(dir: string, browser: Browser): Promise<BenchResult[]> {
  if (!existsSync(GEANT)) return [];
  const db = join(dir, 'geant.db');
  await storeOf(db, [GEANT], 'geant');
  const r = await writeReport(dir, db, 'geant');
  const { height } = await open(browser, r.file);
  return [{ name: 'GÉANT (Topology Zoo, 37 nodes) HTML report height at 1,400 px', value: height, unit: 'px', note: `${r.model.findings.length} findings (needs-data: the import has no country, layer or technology); was 72,199 px when issue 18 was filed, 570,829 px just before this change` }];
}

async function largeRows(dir: string, browser: Browser): Promise<BenchResult[]> {
  const db = join(dir, 'large.db');
  await storeOf(db, writeLargeNetwork(dir, DEVICES).files, 'large');
  const r = await writeReport(dir, db, 'large');
  const runs: number[] = [];
  let height = 0;
  for (let i = 0; i < 3; i++) {
    const o = await open(browser, r.file);
    runs.push(o.ms / 1000);
    height = o.height;
  }
  const s = median(runs);
  const size = `${DEVICES.toLocaleString('en-US')} devices, ${r.model.findings.length.toLocaleString('en-US')} findings`;
  return [
    { name: `${DEVICES.toLocaleString('en-US')}-device HTML report: open in Chromium (navigation to load event)`, value: Math.round(s * 1000) / 1000, unit: 's', target: `< ${MAX_OPEN_S}`, met: s < MAX_OPEN_S, note: `median of 3 fresh pages (${runs.map((x) => x.toFixed(2)).join(', ')} s) at 1,400 px; ${size}; page ${(r.bytes / 2 ** 20).toFixed(1)} MB, ${height.toLocaleString('en-US')} px tall; before this change 190 MB and 7.2 s, then 8.3 MB and 3.9 s with the model left out past 8 MB and the map's 7 MB SVG still inline` },
    { name: `${DEVICES.toLocaleString('en-US')}-device HTML report: build and render`, value: Math.round(r.seconds * 10) / 10, unit: 's', note: `buildReportModel + renderHtml in one process (the analyses included), TypeScript under tsx; ${size}` },
  ];
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-bench-report-'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    return [...(await demoRows(dir, browser)), ...(await geantRows(dir, browser)), ...(await largeRows(dir, browser))];
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) console.log(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.met ? 'met' : 'MISSED'})` : ''} — ${r.note ?? ''}`);
}
