// issue 16 point 6: a snapshot name with an unterminated U+202E reversed the HTML report's whole
// header line (the as-of date read 13-21-6202, the untrusted vendors backwards), and a 5,000-
// character sysDescr made the devices table 41,911 px wide. In real Chromium: every untrusted
// string is isolated, so the date and the vendors after the name are drawn in their own order;
// the long value is folded and nothing widens the page. The plain-text outputs (Markdown, the
// CLI table, CSV) are laid out by the same browser's bidi algorithm in a <pre>.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { renderTable } from '../../src/cli/output.js';
import { csvRow } from '../../src/model/csv-write.js';
import { esc } from '../../src/report/escape.js';
import { renderHtml } from '../../src/report/html.js';
import { md, renderMarkdown } from '../../src/report/markdown.js';
import { buildReportModel, type ReportModel } from '../../src/report/model.js';
import { importInto, launchChromium, NEEDS_CHROMIUM, watch } from '../web/browser.js';
import { assertNoWiderThanViewport, assertReadsLeftToRight, charLefts, DEVICE_NAME, LONG_DESCR, SNAPSHOT, unisolated, writeBidiFiles } from '../web/bidi-fixture.js';

const AS_OF = '2026-12-31';
const VIEWPORT = { width: 1280, height: 900 };
/** Screenshots to look at, kept when CLEANPATH_SHOTS names a folder. */
const SHOTS = process.env.CLEANPATH_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, name), fullPage: false });
}

/** One line of plain text in a monospace <pre>, laid out by Chromium. */
async function showText(page: Page, lines: string): Promise<void> {
  await page.setContent(`<!doctype html><meta charset="utf-8"><pre id="t" style="font:14px monospace">${esc(lines)}</pre>`);
}

describe('bidi controls and long values in the HTML report and the text outputs, in chromium', NEEDS_CHROMIUM, () => {
  let dir: string;
  let model: ReportModel;
  let browser: Browser;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-report-bidi-'));
    const db = join(dir, 'bidi.db');
    await importInto(db, writeBidiFiles(dir), SNAPSHOT);
    model = await buildReportModel({ db, asOf: AS_OF, untrusted: ['huawei', 'zte'], planTimeLimit: 10 });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the import kept the hostile strings as they were typed', () => {
    assert.equal(model.source.snapshot, SNAPSHOT);
    const d = model.devices.find((x) => x.id === 'evil-1');
    assert.equal(d?.name, DEVICE_NAME);
    assert.ok(d?.sysDescr === LONG_DESCR, 'the sysDescr is whole');
  });

  it('the header reads in its own order after the snapshot name, and the page is no wider than the viewport', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, renderHtml(model));
    const page = await browser.newPage({ viewport: VIEWPORT });
    const trouble = watch(page);
    await page.goto(pathToFileURL(file).href);
    const header = page.locator('header p');
    assert.match((await header.textContent()) ?? '', new RegExp(`snapshot ${SNAPSHOT}`));
    await assertReadsLeftToRight(header, AS_OF, 'the as-of date in the header');
    await assertReadsLeftToRight(header.locator('.untrusted'), 'huawei', 'the first untrusted vendor in the header');
    await assertReadsLeftToRight(header, 'rules as of', 'the header words after the name');
    await assertReadsLeftToRight(page.locator('#findings h2'), AS_OF, 'the findings heading');
    // not only the header: no hostile control anywhere in the report is shown outside an isolate
    assert.deepEqual(await unisolated(page), []);
    await shot(page, 'report-header.png');

    // the 5,000-character sysDescr: folded in its cell, and neither folded nor open does it widen the page
    // the device list is collapsed under its heading: opened first, as a reader would
    await page.locator('#devices details.devices > summary').click();
    const long = page.locator('#devices details.long');
    assert.equal(await long.count(), 1, 'the sysDescr is folded');
    assert.match((await long.locator('summary').textContent()) ?? '', /… \(5,000 characters\)$/);
    await assertNoWiderThanViewport(page, 'report, sysDescr folded');
    await page.locator('#devices').scrollIntoViewIfNeeded();
    await shot(page, 'report-devices-folded.png');
    await long.locator('summary').click();
    assert.ok((await long.locator(':scope > bdi').textContent()) === LONG_DESCR, 'open, it shows the whole value');
    await assertNoWiderThanViewport(page, 'report, sysDescr open');
    await page.locator('#devices').scrollIntoViewIfNeeded();
    await shot(page, 'report-devices.png');
    assert.deepEqual(trouble, { errors: [], dialogs: [] });
    await page.close();
  });

  it('without isolation the same header is reversed: the measurement tells the two apart', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.setContent(`<!doctype html><meta charset="utf-8"><p id="t">snapshot ${esc(SNAPSHOT)} · rules as of ${AS_OF} · untrusted: huawei</p>`);
    const lefts = await charLefts(page.locator('#t'), AS_OF);
    assert.ok(lefts.every((x, i) => i === 0 || x < lefts[i - 1]!), `unisolated, the date is drawn right to left: ${lefts.join(', ')}`);
    assert.equal((await unisolated(page)).length, 1, 'and the check for unisolated controls finds it');
    await page.close();
  });

  it('Markdown, the CLI table and CSV: the values after a hostile one read in their own order', async () => {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const markdown = renderMarkdown(model).split('\n').find((l) => l.startsWith('Snapshot '))!;
    assert.ok(markdown.includes(md(SNAPSHOT)));
    await showText(page, markdown);
    await assertReadsLeftToRight(page.locator('#t'), AS_OF, 'the Markdown report\'s first line');
    await assertReadsLeftToRight(page.locator('#t'), 'huawei', 'the Markdown report\'s untrusted vendors');

    // the control: the same cells side by side, not isolated, and the date is drawn reversed
    await showText(page, [SNAPSHOT, DEVICE_NAME, AS_OF, 'huawei'].join('  '));
    const lefts = await charLefts(page.locator('#t'), AS_OF);
    assert.ok(lefts.every((x, i) => i === 0 || x < lefts[i - 1]!), `unisolated text, the date is drawn right to left: ${lefts.join(', ')}`);

    const rows = [{ snapshot: SNAPSHOT, device: DEVICE_NAME, as_of: AS_OF, vendor: 'huawei' }];
    await showText(page, renderTable(rows, ['snapshot', 'device', 'as_of', 'vendor']));
    await assertReadsLeftToRight(page.locator('#t'), AS_OF, 'the CLI table row');
    await assertReadsLeftToRight(page.locator('#t'), 'huawei', 'the CLI table row\'s last cell');

    // CSV is data: the values are closed, not wrapped, so that they read back as typed but for the closer
    await showText(page, csvRow([SNAPSHOT, DEVICE_NAME, AS_OF, 'huawei']));
    await assertReadsLeftToRight(page.locator('#t'), AS_OF, 'a CSV row');
    await assertReadsLeftToRight(page.locator('#t'), 'huawei', 'a CSV row\'s last cell');
    await page.close();
  });
});
