// Issue 15 points 1 and 2 in a real browser: the "What changed" view compares the exposure of
// two snapshots through the server's generic diff (four flows added, one flow's path changed by
// a new link) and heads its tables with the registry's column labels, as the flows table does;
// a run with nothing to analyse is said, never shown as a green "no changes".
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { AnalysisDiff } from '../../src/analyses/compare.js';
import { paramsOf } from '../../src/analyses/define.js';
import type { ExposureAnalysis } from '../../src/analyses/exposure.js';
import type { AnalysisManifest } from '../../src/analyses/manifest.js';
import { analysisById } from '../../src/analyses/registry.js';
import { writeDemoScenario } from '../../src/demo/index.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { copyDemoStore } from '../support/demo-store.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard, type PageTrouble, watch } from './browser.js';

const SCREENSHOT = '/tmp/changes-view.png';
/** The last one is hostile markup: it must arrive as text, in a cell. */
const NEW_FLOWS = ['new-1', 'new-2', 'new-3', '<img src=x onerror=alert(1)>'];
/** In the demo's catalog, on none of its devices: nothing untrusted to analyse. */
const ABSENT_VENDOR = 'dahua';

/**
 * The demo as "demo", then "demo-q4" over it: four more sensitive flows, and a direct link
 * between the endpoints of one exposed flow that has a clean path, so its path changes.
 */
async function twoSnapshots(dir: string): Promise<{ db: string; rerouted: string }> {
  const db = await copyDemoStore(dir);
  // the demo's files, for its flows' endpoints (the store was imported from the same files elsewhere)
  const { files } = writeDemoScenario(join(dir, 'demo'));
  const def = analysisById('exposure');
  const doc = (await def.run({ db, snapshot: 'demo' }, paramsOf(def), { strict: false })) as ExposureAnalysis;
  const flow = doc.flows.find((f) => f.exposure === 'all' && f.cleanCost !== null && f.cost !== null && f.cost > 1);
  assert.ok(flow, 'the demo has an exposed flow with a clean path');
  // the demo's flows CSV: id,src,dst,... (plain ids, no quoting)
  const ends = new Map(readFileSync(files.find((f) => f.endsWith('flows.csv'))!, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => { const [id, a, b] = l.split(','); return [id!, [a!, b!] as const]; }));
  const [src, dst] = ends.get(flow.id)!;
  // the new flows reverse existing ones: the same devices, new ids
  const reversed = doc.flows.filter((f) => f.id !== flow.id).slice(0, NEW_FLOWS.length).map((f) => ends.get(f.id)!);
  writeFileSync(join(dir, 'more-flows.csv'), 'id,src,dst,class\n' + NEW_FLOWS.map((id, i) => `${id},${reversed[i]![1]},${reversed[i]![0]},sensitive`).join('\n') + '\n');
  writeFileSync(join(dir, 'more-links.csv'), `a,b,metric\n${src},${dst},1\n`);
  const store = openStore(db);
  try {
    await importFiles(store, [join(dir, 'more-links.csv'), join(dir, 'more-flows.csv')], { snapshot: 'demo-q4', base: 'demo' });
  } finally {
    await store.close();
  }
  return { db, rerouted: flow.id };
}

async function texts(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).allTextContents()).map((t) => t.trim());
}

describe('the "What changed" view, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let page: Page;
  let trouble: PageTrouble;
  let rerouted = '';
  let registry: AnalysisManifest[];

  before(async () => {
    server = await openDashboard('cleanpath-web-changes-', async (dir) => {
      const made = await twoSnapshots(dir);
      rerouted = made.rerouted;
      return made.db;
    });
    registry = await server.api<AnalysisManifest[]>('/api/analyses');
    browser = server.browser;
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    trouble = watch(page);
  });
  after(() => server?.close());

  const flowColumns = () => registry.find((a) => a.id === 'exposure')!.tables.find((t) => t.id === 'flows')!.columns;

  it('compares the current snapshot with the one before: counts, added flow ids, the changed flow', async () => {
    const expected = await server.api<AnalysisDiff>('/api/snapshots/demo-q4/diff/demo?analysis=exposure&table=flows');
    assert.deepEqual(expected.added.map((r) => r.id), NEW_FLOWS);
    assert.ok(expected.changed.some((c) => c.key.id === rerouted), 'the rerouted flow changed');

    await page.goto(`${server.url}/#token=${server.token}`);
    await page.click('[data-view=changes]');
    await page.locator('[data-testid=diff-result]').waitFor({ timeout: 120_000 });
    assert.equal(await page.locator('select[aria-label="base snapshot"]').inputValue(), 'demo', 'the default base is the snapshot before');
    assert.equal(await page.locator('select[aria-label="analysis"]').inputValue(), 'exposure');
    assert.equal(await page.locator('select[aria-label="table"]').inputValue(), 'flows');
    assert.match((await page.locator('.changes h2').textContent()) ?? '', /What changed in demo-q4 since demo/);

    const count = async (kind: string) => (await page.locator(`[data-testid=count-${kind}] b`).textContent())?.trim();
    assert.equal(await count('added'), String(expected.added.length));
    assert.equal(await count('removed'), String(expected.removed.length));
    assert.equal(await count('changed'), String(expected.changed.length));
    assert.deepEqual(await texts(page, '[data-testid=added-row] td[data-column=id]'), NEW_FLOWS);
    assert.equal(await page.locator('.changes img').count(), 0, 'markup in a flow id stays text');
    assert.equal(await page.locator('[data-testid=no-changes]').count(), 0);
    assert.equal(await page.locator('[data-testid=diff-nothing-to-analyse]').count(), 0);

    // the tables are headed by the registry's labels, with its descriptions as tooltips
    const cols = flowColumns();
    assert.deepEqual(await texts(page, '[data-testid=added-rows] th'), cols.map((c) => c.label));
    assert.deepEqual(await page.locator('[data-testid=added-rows] th').evaluateAll((ths) => ths.map((t) => t.getAttribute('title'))), cols.map((c) => c.description));

    // a changed flow: its key, then each differing column as "before → after"
    const change = expected.changed.find((c) => c.key.id === rerouted)!;
    const row = page.locator('[data-testid=changed-row]', { has: page.locator(`td[data-column=id] bdi:text-is("${rerouted}")`) });
    assert.equal(await row.count(), 1);
    for (const id of Object.keys(change.after)) {
      const cell = ((await row.locator(`td[data-column=${id}]`).textContent()) ?? '').trim();
      assert.match(cell, /^.+ → .+$/, `${id}: ${cell}`);
    }
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
  });

  it('any analysis and table of the registry: the findings did not change, and it says so', async () => {
    await page.selectOption('select[aria-label="analysis"]', 'findings');
    assert.equal(await page.locator('select[aria-label="table"]').inputValue(), 'findings');
    await page.locator('[data-testid=no-changes]').waitFor({ timeout: 120_000 });
    for (const kind of ['added', 'removed', 'changed']) assert.equal((await page.locator(`[data-testid=count-${kind}] b`).textContent())?.trim(), '0', kind);
    assert.match((await page.locator('[data-testid=diff-params]').textContent()) ?? '', /asOf = \d{4}-\d{2}-\d{2}/, 'the dashboard\'s as-of date is sent');
    await page.selectOption('select[aria-label="analysis"]', 'exposure');
    await page.locator('[data-testid=added-row]').first().waitFor({ timeout: 120_000 });
  });

  it('says so prominently when there was nothing to analyse (no green "no changes")', async () => {
    const expected = await server.api<AnalysisDiff>(`/api/snapshots/demo-q4/diff/demo?analysis=exposure&table=flows&untrusted=${ABSENT_VENDOR}`);
    assert.ok(expected.nothingToAnalyse.before && expected.nothingToAnalyse.after, 'both runs have nothing untrusted');
    await page.fill('input[aria-label="untrusted vendors"]', ABSENT_VENDOR);
    await page.click('form.params button[type=submit]');
    const nothing = page.locator('[data-testid=diff-nothing-to-analyse]');
    await nothing.waitFor({ timeout: 120_000 });
    assert.match((await nothing.textContent()) ?? '', new RegExp(`Nothing to analyse in snapshot demo: .*${expected.nothingToAnalyse.before!.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    assert.equal(await page.locator('[data-testid=no-changes]').count(), 0);
    assert.match((await page.locator('[data-testid=diff-params]').textContent()) ?? '', new RegExp(`untrusted = ${ABSENT_VENDOR}`));
    await page.screenshot({ path: '/tmp/changes-view-nothing.png', fullPage: false });
    await page.fill('input[aria-label="untrusted vendors"]', '');
    await page.click('form.params button[type=submit]');
  });

  it('the flows table heads its analysis columns with the registry labels and descriptions', async () => {
    await page.click('[data-view=flows]');
    await page.locator('[data-testid=flow-row]').first().waitFor({ timeout: 120_000 });
    for (const c of flowColumns()) {
      const th = page.locator(`.flows table th[data-column=${c.id}]`).first();
      assert.equal((await th.textContent())?.trim(), c.label, c.id);
      assert.equal(await th.getAttribute('title'), c.description, c.id);
    }
    assert.deepEqual(trouble.errors, []);
  });
});
