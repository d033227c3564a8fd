// `npm run bench -- topology-view` (issue 18 point 4): the topology view at 100k devices in
// Debian's chromium over the real server (test/web/large-network.ts: sites of 10 devices, rings,
// gateways, 12% Huawei; no flows, so the view opens on the whole network). Measures, from the
// topology data in the page: the whole network drawn (sigma, WebGL in SwiftShader: no GPU here);
// frames while zooming with the wheel for 2.5 s; a drill-down (find a device → its 2-hop
// neighbourhood drawn); back to the whole network. Alone: `node --import tsx bench/topology-view.ts`.
// BENCH_TOPOLOGY_DEVICES=N for another size.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildDashboard, importInto, launchChromium, serve } from '../test/web/browser.js';
import { writeLargeNetwork } from '../test/web/large-network.js';
import { indexTopology, shortestPathNodes } from '../web/src/topology/subgraph.js';
import type { Topology } from '../web/src/types.js';
import type { BenchResult } from './types.js';

const DEVICES = Number(process.env.BENCH_TOPOLOGY_DEVICES ?? 100_000);
const SIZE = `${DEVICES.toLocaleString('en-US')} devices`;

/** Waits for the canvas to be drawn in `mode` and returns its data-render-ms and node count. */
async function drawnAfter(page: Page, mode: string): Promise<{ ms: number; nodes: number }> {
  await page.waitForSelector(`[data-testid=topology][data-mode="${mode}"][data-render-ms]`, { timeout: 300_000 });
  const el = page.locator('[data-testid=topology]');
  return { ms: Number(await el.getAttribute('data-render-ms')), nodes: Number(await el.getAttribute('data-nodes')) };
}

/** Frames drawn while the wheel zooms in and out for about 2.5 s, and the longest gap between two. */
async function zoomFrames(page: Page): Promise<{ frames: number; worst: number }> {
  const box = (await page.locator('[data-testid=topology]').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const frames = page.evaluate<{ frames: number; worst: number }>(`(async () => {
    const gaps = [];
    let last = performance.now(), run = true;
    const tick = (ts) => { gaps.push(ts - last); last = ts; if (run) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    await new Promise((r) => setTimeout(r, 2500));
    run = false;
    return { frames: gaps.length, worst: Math.round(Math.max(...gaps)) };
  })()`);
  for (let i = 0; i < 20; i++) {
    await page.mouse.wheel(0, i < 10 ? -240 : 240);
    await page.waitForTimeout(100);
  }
  return frames;
}

/** The view's default subgraph computed in Node over the generated network and 200 flows between seeded random devices. */
function pathDevices(files: string[]): BenchResult {
  const rows = (f: string) => readFileSync(f, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const t: Topology = {
    nodes: rows(files[0]!).map((r) => ({ id: r[0]!, name: null, vendor: r[2]!, site: r[4]!, country: r[5]!, layer: r[3]!, untrusted: false })),
    links: rows(files[1]!).map((r) => ({ a: r[0]!, b: r[1]!, metric: Number(r[2]) })),
  };
  let x = 12345;
  const rnd = () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
  const flows = Array.from({ length: 200 }, () => ({ src: `d${Math.floor(rnd() * DEVICES)}`, dst: `d${Math.floor(rnd() * DEVICES)}` }));
  const g = indexTopology(t);
  const started = performance.now();
  const r = shortestPathNodes(g, flows);
  const ms = Math.round(performance.now() - started);
  return { name: `topology view, sensitive flows' path devices, 200 flows, ${SIZE}`, value: ms, unit: 'ms', note: `web/src/topology/subgraph.ts in Node, flows between seeded random devices: ${r.nodes.size} devices on their shortest paths; the view runs it in 40 ms slices` };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-bench-topology-'));
  const browser = await launchChromium();
  let server: Awaited<ReturnType<typeof serve>> | null = null;
  try {
    const { files } = writeLargeNetwork(dir, DEVICES);
    const paths = pathDevices(files);
    await importInto(join(dir, 'large.db'), files, 'large');
    await buildDashboard(join(dir, 'web'));
    server = await serve(join(dir, 'large.db'), join(dir, 'web'));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 600_000 });
    await page.click('[data-view=topology]');
    const whole = await drawnAfter(page, 'groups');
    const zoom = await zoomFrames(page);
    await page.fill('input[aria-label="find device"]', `d${Math.floor(DEVICES / 2)}`);
    const clicked = Date.now();
    await page.click('button:text-is("Find")');
    const drill = await drawnAfter(page, 'drill');
    const drillWall = Date.now() - clicked;
    await page.selectOption('select[aria-label="show"]', 'all');
    const back = await drawnAfter(page, 'groups');
    const how = `bench/topology-view.ts, test/web/large-network.ts ${SIZE}, chromium --disable-gpu (WebGL in SwiftShader)`;
    return [
      paths,
      { name: `topology view, whole network drawn, ${SIZE}`, value: whole.ms, unit: 'ms', note: `${how}; one disc per site (${whole.nodes.toLocaleString('en-US')}), lines bundled between sites; from the topology data in the page (layout, graph, sigma) to the first frame on screen` },
      { name: `topology view, frames while zooming, ${SIZE}`, value: zoom.frames, unit: 'frames in 2.5 s', note: `${how}; wheel in and out every 100 ms; worst frame ${zoom.worst} ms` },
      { name: `topology view, drill-down to a 2-hop neighbourhood, ${SIZE}`, value: drill.ms, unit: 'ms', note: `${how}; find a device → its ${drill.nodes} device(s) drawn (${drillWall} ms from the click, with playwright's round trips)` },
      { name: `topology view, back to the whole network, ${SIZE}`, value: back.ms, unit: 'ms', note: how },
    ];
  } finally {
    await browser.close();
    await server?.app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) process.stdout.write(`${r.name}: ${r.value} ${r.unit} — ${r.note}\n`);
}
