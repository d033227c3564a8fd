// The flow view's "Download attestation" in a real browser: the file Chromium saves is a DSSE
// envelope that `cleanpath verify` accepts with the server's public key (exit 0), for the flow on
// screen, with the verdict the flow's paths imply; and a signature it did not make is refused.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { generateSigningKey } from '../../src/attest/index.js';
import { SIGNING_KEY_ENV, SIGNING_KEY_FILE_ENV } from '../../src/attest/key-file.js';
import type { ExposureAnalysis } from '../../src/analyses/exposure.js';
import { runInProcess as cli } from '../cli/in-process.js';
import { copyDemoStore } from '../support/demo-store.js';
import { type Dashboard, NEEDS_CHROMIUM, openDashboard, type PageTrouble, watch } from './browser.js';

const pem = generateSigningKey();

describe('the flow view downloads an attestation cleanpath verify accepts, in chromium', NEEDS_CHROMIUM, () => {
  let server: Dashboard;
  let page: Page;
  let trouble: PageTrouble;
  let saved: Record<string, string | undefined>;

  before(async () => {
    // the shared fixture starts the server without options: the key comes from the environment
    saved = { [SIGNING_KEY_ENV]: process.env[SIGNING_KEY_ENV], [SIGNING_KEY_FILE_ENV]: process.env[SIGNING_KEY_FILE_ENV] };
    process.env[SIGNING_KEY_ENV] = pem.privatePem;
    delete process.env[SIGNING_KEY_FILE_ENV];
    server = await openDashboard('cleanpath-web-attest-download-', copyDemoStore);
    page = await server.browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    trouble = watch(page);
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved ?? {})) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await server?.close();
  });

  it('saves the flow on screen as a file that verifies with the server key, and a foreign key is refused', async () => {
    const flows = (await server.api<ExposureAnalysis>('/api/snapshots/demo/exposure')).flows;
    const exposed = flows.find((f) => f.exposure === 'some' || f.exposure === 'all')!;
    await page.goto(`${server.url}/#token=${server.token}`);
    await page.locator('[data-view=flows]').waitFor({ timeout: 120_000 });
    await page.evaluate(`window.location.hash = ${JSON.stringify(`#/flows/${encodeURIComponent(exposed.id)}`)}`);
    await page.locator(`[data-testid=flow-view][data-flow="${exposed.id}"]`).waitFor({ timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid=download-attestation]')]);
    const file = join(server.dir, download.suggestedFilename());
    assert.match(download.suggestedFilename(), /\.dsse\.json$/);
    await download.saveAs(file);
    const pub = join(server.dir, 'carrier.pub');
    writeFileSync(pub, pem.publicPem);
    const v = await cli(['verify', file, '--pubkey', pub, '--json']);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const report = JSON.parse(v.stdout) as { valid: boolean; statement?: { subject: { name: string }[] } };
    assert.equal(report.valid, true);
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { payload: string; signatures: { keyid: string }[] };
    assert.equal(envelope.signatures[0]!.keyid, pem.keyid);
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { subject: { name: string }[]; predicate: { verdict: string } };
    assert.equal(statement.subject[0]!.name, `flow:${exposed.id}`, 'the file attests the flow on screen');
    assert.notEqual(statement.predicate.verdict, 'clean', `${exposed.id} is ${exposed.exposure}: never attested clean`);
    // another key's public half: the same file is refused (exit 1)
    const other = join(server.dir, 'other.pub');
    writeFileSync(other, generateSigningKey().publicPem);
    assert.equal((await cli(['verify', file, '--pubkey', other])).code, 1);
    assert.deepEqual(trouble.errors, []);
  });
});
