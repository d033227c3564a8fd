// "A flow's paths" at 100k devices (issue 18, target < 1 s): the time from opening #/flows/ID in
// Debian's chromium to that flow's paths drawn by the flow view, over the real server. The first
// flow asked about reads the snapshot's network in the analysis worker (seconds at 100k devices);
// the worker keeps it (src/server/analysis/network-cache.ts), so the flows after it cost the paths
// alone. Both are reported, and the API alone. Run inside `npm run bench -- views` (bench/views.ts
// calls measureFlowPaths), or alone: `node --import tsx bench/flow-paths.ts` (BENCH_VIEWS_DEVICES=N).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildDashboard, importInto, launchChromium, serve, type Served } from '../test/web/browser.js';
import { writeViewsNetwork } from '../test/web/views-network.js';
import type { BenchResult } from './types.js';

/** Flows opened one after the other once the first has been read. */
const WARM_FLOWS = 20;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Math.round(x);

/** From the URL change to the flow's paths drawn (the flow view's hops in the page). */
async function openFlow(page: Page, id: string): Promise<number> {
  const t0 = performance.now();
  await page.evaluate(`window.location.hash = ${JSON.stringify(`#/flows/${encodeURIComponent(id)}`)}`);
  await page.waitForFunction(
    (fid) => !!document.querySelector(`[data-testid=flow-view][data-flow="${CSS.escape(fid)}"] [data-testid=hop]`),
    id,
    { polling: 'raf', timeout: 600_000 },
  );
  return performance.now() - t0;
}

async function apiPaths(server: Served, snapshot: string, id: string): Promise<number> {
  const t0 = performance.now();
  await server.api(`/api/snapshots/${snapshot}/flows/${encodeURIComponent(id)}/paths?limit=64`);
  return performance.now() - t0;
}

/** The rows of "a flow's paths": `page` is signed in to the dashboard of `server`. */
export async function measureFlowPaths(server: Served, page: Page, snapshot = 'large', devices = 100_000): Promise<BenchResult[]> {
  const flows = (await server.api<{ flows: Array<{ id: string; cost: number | null }> }>(`/api/snapshots/${snapshot}/exposure`)).flows.filter((f) => f.cost !== null);
  if (flows.length < WARM_FLOWS * 2 + 1) throw new Error(`only ${flows.length} reachable flows in ${snapshot}`);
  const cold = await openFlow(page, flows[0]!.id);
  const warm: number[] = [];
  for (const f of flows.slice(1, 1 + WARM_FLOWS)) warm.push(await openFlow(page, f.id));
  const api: number[] = [];
  for (const f of flows.slice(1 + WARM_FLOWS, 1 + 2 * WARM_FLOWS)) api.push(await apiPaths(server, snapshot, f.id));
  const size = `${devices.toLocaleString('en-US')} devices`;
  const note = `${size}, from the URL change to the hops drawn (limit 64 paths)`;
  return [
    { name: "a flow's paths, first flow (network read)", value: ms(cold), unit: 'ms', note: `${note}; the analysis worker reads the snapshot's network for the first flow asked about` },
    { name: "a flow's paths (API + render), median", value: ms(median(warm)), unit: 'ms', target: '< 1000', met: median(warm) < 1000, note: `${note}; ${WARM_FLOWS} other flows after the first, each computed (not cached); max ${ms(Math.max(...warm))} ms` },
    { name: "a flow's paths (API + render), max", value: ms(Math.max(...warm)), unit: 'ms', target: '< 1000', met: Math.max(...warm) < 1000, note: `the same ${WARM_FLOWS} flows` },
    { name: "a flow's paths, API alone, median", value: ms(median(api)), unit: 'ms', note: `${WARM_FLOWS} further flows, GET /api/snapshots/{s}/flows/{id}/paths; max ${ms(Math.max(...api))} ms` },
  ];
}

/** Alone: the generated snapshot of the views benchmark, the dashboard, one page. */
export async function run(): Promise<BenchResult[]> {
  const devices = Number(process.env.BENCH_VIEWS_DEVICES ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-bench-flow-paths-'));
  const browser = await launchChromium();
  let server: Served | undefined;
  try {
    mkdirSync(join(dir, 'net'));
    await importInto(join(dir, 'views.db'), writeViewsNetwork(join(dir, 'net'), devices).files, 'large');
    await buildDashboard(join(dir, 'web'));
    server = await serve(join(dir, 'views.db'), join(dir, 'web'));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 600_000 });
    return await measureFlowPaths(server, page, 'large', devices);
  } finally {
    await browser.close();
    await server?.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) process.stdout.write(`${r.name}: ${r.value} ${r.unit}${r.target ? ` (target ${r.target}: ${r.met ? 'met' : 'MISSED'})` : ''}\n`);
}
