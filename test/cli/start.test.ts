// The README's demo command, run as a new user runs it: `npm start` builds the demo scenario, runs
// every analysis, writes the HTML report and serves the dashboard, printing where to look.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { REPO, tempDir } from './helpers.js';

const children: ChildProcess[] = [];
after(() => {
  for (const c of children) stopGroup(c);
});

/** npm runs the command in a shell of its own: signal the whole process group, not npm alone. */
function stopGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Resolves with everything printed once `pattern` appears in stdout; rejects if the process exits first. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`)), timeoutMs);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (pattern.test(out)) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before printing ${pattern}; stdout:\n${out}\nstderr:\n${err}`));
    });
  });
}

test('npm start: demo, report and dashboard on loopback, with the token in the printed link', { timeout: 240_000 }, async () => {
  const dir = tempDir('cleanpath-start-');
  const child = spawn('npm', ['start', '--', '--dir', dir, '--port', '0'], { cwd: REPO, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const out = await waitForOutput(child, /Press Ctrl-C to stop/, 200_000);

  assert.match(out, /cleanpath demo: 528 devices/);
  const reportPath = join(dir, 'report.html');
  assert.match(out, new RegExp(`Report: +file://${reportPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const link = /Dashboard: (http:\/\/127\.0\.0\.1:(\d+))\/#token=(cp_[A-Za-z0-9_-]+)/.exec(out);
  assert.ok(link, `no dashboard link in:\n${out}`);
  const [, base, , token] = link;

  const page = await fetch(`${base}/`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<div id="root">/);
  assert.ok(page.headers.get('content-security-policy'), 'the dashboard is served with a CSP');

  assert.equal((await fetch(`${base}/api/snapshots`)).status, 401, 'no token, no data');
  const snaps = (await (await fetch(`${base}/api/snapshots`, { headers: { authorization: `Bearer ${token}` } })).json()) as Array<{ name: string; devices: number }>;
  assert.deepEqual(snaps.map((s) => [s.name, s.devices]), [['demo', 528]]);

  const report = readFileSync(reportPath, 'utf8');
  assert.match(report, /^<!doctype html>/i);
  assert.match(report, /<svg[^>]*class="map"/);
  assert.doesNotMatch(report, /<(script|link|img)[^>]+(src|href)="https?:/i, 'the report loads nothing from the network');

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  stopGroup(child);
  await exited;
  await new Promise((r) => setTimeout(r, 500));
  assert.equal((await fetch(`${base}/`).catch(() => null)), null, 'the server stops on SIGTERM');
});
