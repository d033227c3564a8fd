// `npm run bench -- views` (issue 18): the dashboard at 100k devices in Debian's chromium over
// the real server and an SQLite store holding the generated snapshot of test/web/views-network.ts
// (100,000 devices, sites of 10, rings and gateways, 8 countries, 5 operators, 200 flows).
//   - devices page: from a change of the URL to the table of that page rendered (API + render),
//     over pages across the list, sorted by several columns, filtered; and the API alone
//   - first view: page load with the token link to the overview drawn from the summary route
//     (counts, shares), then to its analysis cards filled (the overview route: the report's
//     numbers, not the report); once computed on the way, once cached (a second load); and the
//     bytes of the API's answers that load read
//   - a flow's paths: the slot below, filled by the flow-paths work
// Alone: `node --import tsx bench/views.ts`. BENCH_VIEWS_DEVICES=N for another size.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildDashboard, importInto, launchChromium, serve, type Served } from '../test/web/browser.js';
import type { PageGlobals } from '../test/web/page-globals.js';
import { writeViewsNetwork } from '../test/web/views-network.js';
import { measureFlowPaths } from './flow-paths.js';
import type { BenchResult } from './types.js';

const DEVICES = Number(process.env.BENCH_VIEWS_DEVICES ?? 100_000);
const SIZE = `${DEVICES.toLocaleString('en-US')} devices`;

/** Pages of the devices view, as the URL names them: across the list, sorted, filtered. */
const PAGES = [
  'offset=100', `offset=${Math.floor(DEVICES / 2)}`, `offset=${DEVICES - 100}`,
  'sort=name', `sort=name&order=desc&offset=${Math.floor(DEVICES / 3)}`, 'sort=vendor&order=desc', 'sort=operator&offset=2000', 'sort=confidence',
  'vendor=huawei', 'country=FR&sort=site', 'operator=Alpen%20Fiber&layer=core', 'vendor=huawei&sort=name&order=desc&offset=1000',
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Math.round(x);

const DRAWN = '[data-testid=overview], [data-testid=overview-computing], main.content > p.bad';

/**
 * Load to the overview drawn (the store's counts and shares, issue 18; the report's cards may
 * still say "computing…"), then on to its cards filled (`whole`), or to the dashboard's error in
 * its place (then `failed` says it).
 */
async function firstView(server: Served, page: Page): Promise<{ ms: number; whole: number; failed: string | null; bytes: number }> {
  const sizes: Array<Promise<number>> = [];
  page.on('requestfinished', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) sizes.push(r.sizes().then((z) => z.responseBodySize));
  });
  const t0 = performance.now();
  await page.goto(`${server.url}/#token=${server.token}`);
  await page.waitForSelector(DRAWN, { timeout: 900_000 });
  const drawn = performance.now() - t0;
  await page.waitForSelector('[data-testid=overview], main.content > p.bad, .overview p.bad', { timeout: 900_000 });
  const whole = performance.now() - t0;
  const failed = await page.locator('main.content > p.bad, .overview p.bad').first().textContent({ timeout: 1000 }).catch(() => null);
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  return { ms: drawn, whole, failed: (await page.locator('[data-testid=overview]').count()) ? null : failed, bytes };
}

function firstViewRow(name: string, v: { ms: number; failed: string | null }, note: string): BenchResult {
  const met = v.failed === null && v.ms < 2000;
  return { name, value: ms(v.ms), unit: 'ms', target: '< 2000', met, note: v.failed === null ? note : `${note}; NOT DRAWN, the dashboard said: ${v.failed}` };
}

/** Time from a click on a link to `#/devices?query` to that page's rows drawn. */
async function devicesPage(page: Page, query: string): Promise<number> {
  const t0 = performance.now();
  const hash = `#/devices?${query}`;
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}`);
  // a function, not a string: the dashboard's CSP forbids evaluating strings in the page
  const drawn = (want: string) => {
    const g = globalThis as unknown as PageGlobals;
    return g.location.hash === want && !g.document.querySelector('[data-testid=devices] [aria-busy]') && !!g.document.querySelector('[data-testid=devices-range]');
  };
  await page.waitForFunction(drawn, hash, { polling: 'raf', timeout: 60_000 });
  return performance.now() - t0;
}

async function apiPage(server: Served, query: string): Promise<number> {
  const t0 = performance.now();
  await server.api(`/api/snapshots/large/devices?limit=100&${query}`);
  return performance.now() - t0;
}

// ---- "a flow's paths" (target < 1 s): from opening #/flows/ID to its paths drawn (bench/flow-paths.ts).
async function flowPaths(server: Served, page: Page): Promise<BenchResult[]> {
  return measureFlowPaths(server, page, 'large', DEVICES);
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-bench-views-'));
  const browser = await launchChromium();
  let server: Served | undefined;
  try {
    const db = join(dir, 'views.db');
    mkdirSync(join(dir, 'net'));
    await importInto(db, writeViewsNetwork(join(dir, 'net'), DEVICES).files, 'large');
    await buildDashboard(join(dir, 'web'));
    server = await serve(db, join(dir, 'web'));
    // The devices pages first, signed in straight onto the devices view: no report is computed
    // meanwhile (at 100k it takes minutes of CPU), so they are measured alone.
    const devicesTab = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await devicesTab.addInitScript(`sessionStorage.setItem('cleanpath.token', ${JSON.stringify(server.token)})`);
    await devicesTab.goto(`${server.url}/#/devices`);
    await devicesTab.waitForSelector('[data-testid=devices-table]', { timeout: 120_000 });
    const browserMs: number[] = [];
    const apiMs: number[] = [];
    for (const q of PAGES) browserMs.push(await devicesPage(devicesTab, q));
    for (const q of PAGES) apiMs.push(await apiPage(server, q));
    const slowest = PAGES[browserMs.indexOf(Math.max(...browserMs))];
    process.stderr.write(`  devices pages (ms): ${PAGES.map((q, i) => `${q} ${ms(browserMs[i]!)}/${ms(apiMs[i]!)}`).join('; ')}\n`);
    const text = await apiPage(server, 'q=dev%204242');
    // closed: a tab in the background gets no animation frames, which the timings wait for
    await devicesTab.close();
    const first = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cold = await firstView(server, first);
    await first.close();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const warm = await firstView(server, page);
    process.stderr.write(`  first view: ${ms(cold.ms)} ms (whole ${ms(cold.whole)}) computed${cold.failed ? ` (${cold.failed})` : ''}, ${ms(warm.ms)} ms (whole ${ms(warm.whole)}) cached${warm.failed ? ` (${warm.failed})` : ''}\n`);
    const how = `${SIZE} (test/web/views-network.ts), SQLite, chromium ${browser.version()}, 1440×900, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
    const pages = `${PAGES.length} pages: across the list, sorted by name, vendor, operator, confidence (both ways), filtered by vendor, country, operator+layer`;
    return [
      firstViewRow('first view (overview), report computed on the way', cold, `${how}; load with the token link to the overview drawn, the report (policy, exposure, kill-switch, plan) computed by the server meanwhile`),
      firstViewRow('first view (overview), report cached', warm, 'a second tab: the same, the report from the server cache'),
      { name: "overview whole (report's cards in), report computed on the way", value: ms(cold.whole), unit: 'ms', note: 'the first tab: from the load to the analysis cards filled (they say "computing…" until then)' },
      { name: "overview whole (report's cards in), report cached", value: ms(warm.whole), unit: 'ms', note: 'the second tab: the report from the server cache' },
      { name: 'overview first view, bytes of API answers', value: cold.bytes, unit: 'B', note: 'the first tab, to the analysis cards filled: bodies of every /api/ answer (analyses registry, whoami, snapshots, summary, overview)' },
      { name: 'devices page (API + render), median', value: ms(median(browserMs)), unit: 'ms', target: '< 300', met: median(browserMs) < 300, note: `${pages}; from the URL change to the rows drawn; max ${ms(Math.max(...browserMs))} ms` },
      { name: 'devices page (API + render), max', value: ms(Math.max(...browserMs)), unit: 'ms', target: '< 300', met: Math.max(...browserMs) < 300, note: `the slowest: ${slowest}` },
      { name: 'devices page, API alone, median', value: ms(median(apiMs)), unit: 'ms', note: `the same pages, 100 devices with evidence each; max ${ms(Math.max(...apiMs))} ms` },
      { name: 'devices page, free-text filter, API alone', value: ms(text), unit: 'ms', note: 'q=dev 4242: a LIKE over 6 columns of every device (no index serves a substring)' },
      ...(await flowPaths(server, page)),
    ];
  } finally {
    await browser.close();
    await server?.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) process.stdout.write(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.met ? 'met' : 'MISSED'})` : ''}\n`);
}
