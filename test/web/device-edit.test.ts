// Issue 14.3 from the dashboard: a device's panel edits the device into a NEW snapshot through
// `POST /api/imports?update=true` (one quoted CSV row with only the changed fields), switches to
// that snapshot and reopens the device with its new values; the base snapshot stays as it was.
// A viewer is told it may not edit, and when the dashboard cannot know the role the server's 403
// is shown inline. Real chromium against the real server over the demo store.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Device } from '../../src/model/index.js';
import type { Finding } from '../../src/policy/index.js';
import { DEFAULT_ORGANISATION, openTokenStore, type SnapshotInfo } from '../../src/store/index.js';
import type { Role } from '../../web/src/types.js';
import { blankEdit, changedFields, csvCell, defaultSnapshotName, editCsv, invalidReason } from '../../web/src/device-edit.js';
import { copyDemoStore } from '../support/demo-store.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard, type PageTrouble, REPO, watch } from './browser.js';

const SCREENSHOT = join(REPO, 'test-output', 'device-edit.png');
const SAVED_SCREENSHOT = join(REPO, 'test-output', 'device-edit-saved.png');

describe('device edit: the CSV the form sends', () => {
  it('quotes every cell, so commas, quotes and formula-looking values reach the importer verbatim', () => {
    assert.equal(csvCell('Acme, "Inc"'), '"Acme, ""Inc"""');
    assert.equal(csvCell('=1+2'), '"=1+2"');
    assert.equal(editCsv('r-1', { layer: 'core', vendor: 'Huawei' }), '"id","vendor","layer"\r\n"r-1","Huawei","core"\r\n');
  });

  it('names the new snapshot after the edited one, counting on from an edit of an edit', () => {
    assert.equal(defaultSnapshotName('demo', ['demo']), 'demo-edit-1');
    assert.equal(defaultSnapshotName('demo-edit-1', ['demo', 'demo-edit-1']), 'demo-edit-2');
  });

  it('sends only filled-in fields that differ from the device', () => {
    const d = { id: 'x', layer: 'ran', country: 'DE', cost: 5, raw: { declaredVendor: 'Nokia' } } as unknown as Device;
    const v = { ...blankEdit(), layer: 'ran', country: 'de', cost: '5', vendor: ' Huawei ', site: '  ' };
    assert.deepEqual(changedFields(d, v), { vendor: 'Huawei' });
  });

  it('refuses, before sending, a date or cost the importer would drop', () => {
    assert.match(invalidReason({ installed: '30.01.2023' }) ?? '', /^installed: expected a date as YYYY-MM-DD/);
    assert.match(invalidReason({ cost: '-1' }) ?? '', /^cost: expected a non-negative number/);
    assert.match(invalidReason({ cost: 'abc' }) ?? '', /^cost/);
    assert.equal(invalidReason({ installed: '2024-02-29', cost: '1200.5' }), null);
  });
});

describe('device edit in the dashboard, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let browser: Browser;
  let tokens: Record<Role, string>;
  let target: Device;
  const pages: Page[] = [];
  const trouble: PageTrouble[] = [];

  async function token(db: string, role: Role): Promise<string> {
    const store = openTokenStore(db);
    try {
      return (await store.createToken({ organisation: DEFAULT_ORGANISATION, role, label: `edit test ${role}` })).token;
    } finally {
      await store.close();
    }
  }

  async function snapshotNames(): Promise<string[]> {
    return (await server.api<SnapshotInfo[]>('/api/snapshots')).map((s) => s.name);
  }

  /** A page signed in with `tok`, showing `target`'s panel in the findings view. */
  async function openPanel(tok: string, setup?: (p: Page) => Promise<unknown>): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    pages.push(page);
    trouble.push(watch(page));
    if (setup) await setup(page);
    await page.goto(`${server.url}/#token=${tok}`);
    await page.waitForSelector('[data-testid=overview]', { timeout: 120_000 });
    await page.click('[data-view=findings]');
    await page.fill('input[name=text]', target.id);
    await page.click(`[data-testid=finding-row][data-device="${target.id}"] >> nth=0`);
    await page.locator(`[data-testid=evidence-panel] [data-device="${target.id}"]`).waitFor();
    return page;
  }

  before(async () => {
    server = await openDashboard('cleanpath-web-edit-', copyDemoStore);
    browser = server.browser;
    const db = server.db;
    tokens = { admin: server.token, analyst: await token(db, 'analyst'), viewer: await token(db, 'viewer') };
    // a device with a finding (so a row opens it), not core, and with no evidence of a maker: a
    // declaration is then the only evidence (on a device whose MAC names another maker, the
    // declared vendor is one more piece of evidence, kept as a conflict, and need not win)
    const { findings } = await server.api<{ findings: Finding[] }>('/api/snapshots/demo/findings');
    for (const id of new Set(findings.map((f) => f.device).filter((x): x is string => x !== null))) {
      const d = await server.api<Device>(`/api/snapshots/demo/devices/${encodeURIComponent(id)}`);
      if (d.layer !== 'core' && d.vendor === null && d.raw.declaredVendor === undefined) {
        target = d;
        break;
      }
    }
    assert.ok(target, 'the demo has a device to edit');
  });
  after(() => server?.close());

  it('an analyst sets layer=core and vendor=Huawei into a new snapshot; the dashboard switches to it', async () => {
    const page = await openPanel(tokens.analyst);
    const panel = page.locator('[data-testid=evidence-panel]');
    const uploads: { url: string; body: string | null }[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') uploads.push({ url: r.url(), body: r.postData() });
    });

    await panel.locator('button.edit-open').click();
    const form = panel.locator('[data-testid=device-edit]');
    await form.waitFor();
    assert.equal(await form.locator('input[name=snapshot]').inputValue(), 'demo-edit-1');
    await form.locator('select[name=layer]').selectOption('core');
    await form.locator('input[name=vendor]').fill('Huawei');

    // a taken name: the server's sentence, inline, and nothing stored
    const before = await snapshotNames();
    await form.locator('input[name=snapshot]').fill('demo');
    await form.locator('button[type=submit]').click();
    const error = form.locator('[data-testid=edit-error]');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /snapshot named "demo" already exists.*immutable.*HTTP 400/);
    assert.deepEqual(await snapshotNames(), before);

    await form.locator('input[name=snapshot]').fill('demo-edit-1');
    assert.equal(await error.count(), 0, 'a changed form drops the old error');
    mkdirSync(join(REPO, 'test-output'), { recursive: true });
    await panel.screenshot({ path: SCREENSHOT });
    await form.locator('button[type=submit]').click();

    const saved = panel.locator('[data-testid=edit-saved]');
    await saved.waitFor({ timeout: 60_000 });
    assert.match((await saved.textContent()) ?? '', /Saved as snapshot demo-edit-1 \(from demo\): vendor, layer of /);
    assert.equal(await page.locator('select[aria-label=snapshot]').inputValue(), 'demo-edit-1');
    await panel.locator(`[data-device="${target.id}"]`).waitFor();
    const text = (await panel.locator(`[data-device="${target.id}"]`).textContent()) ?? '';
    assert.match(text, /vendorhuawei/);
    assert.match(text, /· core/);
    assert.match(text, /device-edit\.csv:2/, 'the declared evidence names the upload and line');
    // the report of the new snapshot loads behind the panel
    await page.waitForSelector('[data-testid=findings-table]', { timeout: 120_000 });
    await panel.screenshot({ path: SAVED_SCREENSHOT });

    // exactly one upload: only the changed fields, every cell quoted, onto the shown snapshot
    assert.equal(uploads.length, 2, 'the refused one and the saved one');
    const sent = new URL(uploads[1]!.url);
    assert.deepEqual(Object.fromEntries(sent.searchParams), { base: 'demo', update: 'true', snapshot: 'demo-edit-1', filename: 'device-edit.csv' });
    assert.equal(uploads[1]!.body, `"id","vendor","layer"\r\n${csvCell(target.id)},"Huawei","core"\r\n`);
  });

  it('the API shows the new snapshot with those values, and the old one unchanged', async () => {
    const info = await server.api<SnapshotInfo>('/api/snapshots/demo-edit-1');
    assert.equal(info.base, 'demo');
    const d = await server.api<Device>(`/api/snapshots/demo-edit-1/devices/${encodeURIComponent(target.id)}`);
    assert.deepEqual([d.vendor, d.layer, d.raw.declaredVendor], ['huawei', 'core', 'Huawei']);
    const declared = d.attribution.evidence.filter((e) => e.kind === 'declared');
    assert.deepEqual(declared.map((e) => [e.vendor, e.source.line]), [['huawei', 2]]);
    assert.match(declared[0]!.source.file ?? '', /device-edit\.csv$/);
    assert.deepEqual([d.site, d.country, d.operator, d.network, d.technology, d.installed, d.cost], [target.site, target.country, target.operator, target.network, target.technology, target.installed, target.cost]);
    const old = await server.api<Device>(`/api/snapshots/demo/devices/${encodeURIComponent(target.id)}`);
    assert.deepEqual(old, target);
  });

  it('an edit of the edit: hostile text is stored verbatim and shown as text; an unknown country is said, not claimed', async () => {
    const page = pages[0]!;
    const panel = page.locator('[data-testid=evidence-panel]');
    await panel.locator('button.edit-open').click();
    const form = panel.locator('[data-testid=device-edit]');
    assert.equal(await form.locator('input[name=snapshot]').inputValue(), 'demo-edit-2');
    const operator = '=HYPERLINK("http://x"), <b>bold</b>';
    await form.locator('input[name=operator]').fill(operator);
    await form.locator('input[name=country]').fill('Germny');
    await form.locator('button[type=submit]').click();
    const notTaken = panel.locator('[data-testid=edit-not-taken]');
    await notTaken.waitFor({ timeout: 60_000 });
    assert.match((await notTaken.textContent()) ?? '', /country 'Germny'/);
    assert.doesNotMatch((await notTaken.textContent()) ?? '', /operator/);
    const d = await server.api<Device>(`/api/snapshots/demo-edit-2/devices/${encodeURIComponent(target.id)}`);
    assert.deepEqual([d.operator, d.country, d.vendor, d.layer], [operator, target.country, 'huawei', 'core']);
    assert.ok(((await panel.textContent()) ?? '').includes(operator), 'shown as typed');
    assert.equal(await panel.locator('b:text-is("bold")').count(), 0, 'never markup');
  });

  it('a viewer is told editing needs an analyst; without a known role the form shows the server\'s 403', async () => {
    const before = await snapshotNames();
    const viewer = await openPanel(tokens.viewer);
    const panel = viewer.locator('[data-testid=evidence-panel]');
    await panel.locator('[data-testid=edit-denied]').waitFor();
    assert.equal(await panel.locator('button.edit-open').count(), 0);

    // whoami failing: the dashboard cannot know the role, so it offers the form and the server decides
    const blind = await openPanel(tokens.viewer, (p) => p.route('**/api/whoami', (r) => r.fulfill({ status: 503, contentType: 'application/json', body: '{"error":"down"}' })));
    const bpanel = blind.locator('[data-testid=evidence-panel]');
    await bpanel.locator('button.edit-open').click();
    await bpanel.locator('input[name=vendor]').fill('ZTE');
    await bpanel.locator('button[type=submit]').click();
    const error = bpanel.locator('[data-testid=edit-error]');
    await error.waitFor();
    assert.equal(await error.textContent(), 'Not saved: this needs the analyst role; the token has viewer (HTTP 403)');
    assert.deepEqual(await snapshotNames(), before);
  });

  it('nothing went wrong in the pages', () => {
    // the 503 of the blocked whoami is the test's own doing; anything else is a failure
    const errors = trouble.flatMap((t) => [...t.errors, ...t.dialogs]).filter((e) => !/503|status of 403|status of 400/.test(e));
    assert.deepEqual(errors, []);
  });
});
