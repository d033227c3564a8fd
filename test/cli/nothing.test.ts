// Issue 14 point 7, "empty is never clean": a wrong-shaped file is exit 2 `file:line` with the
// store unchanged; a file with no records, an input without (sensitive) flows and a filter that
// matches no device are said plainly with exit 1 — never an empty, all-clear answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, dumpStore, SHARED_DATA, tempDir } from './helpers.js';
import { runInProcess as run } from './in-process.js'; // commands in-process; one stays a real spawn
import { peerMissing } from '../support/peer.js';

const NODES = 'id,vendor,site\na,huawei,s1\nb,cisco,s2\nc,cisco,s3\nd,nokia,s4\n';
const LINKS = 'a,b\na,b\nb,c\na,c\nc,d\n';

/** A store holding a snapshot `net` with devices and links and no flows. */
async function storeWithoutFlows(): Promise<{ dir: string; db: string }> {
  const dir = tempDir();
  const db = join(dir, 'store.db');
  writeFileSync(join(dir, 'nodes.csv'), NODES);
  writeFileSync(join(dir, 'links.csv'), LINKS);
  const r = await run(['import', join(dir, 'nodes.csv'), join(dir, 'links.csv'), '--db', db, '--snapshot', 'net']);
  assert.equal(r.code, 0, r.stderr);
  return { dir, db };
}

const WRONG_SHAPED: [string, string, RegExp][] = [
  ['results.json', '{\n  "count": 1,\n  "next": null,\n  "results": "nope"\n}\n', /results\.json:4: "results" must be a list/],
  ['results-only.json', '{"results": "nope"}\n', /results-only\.json:1: "results" must be a list/],
  ['fields.json', '[\n  {"model": "dcim.manufacturer", "pk": 1, "fields": {"name": "Huawei"}},\n  {"model": "dcim.device", "pk": 2,\n   "fields": null}\n]\n', /fields\.json:4: "fields" of this dcim\.device row must be an object/],
  ['sw1.lldp.json', '{"lldp": {\n  "chassis": {"sw1": {"descr": "Huawei"}}\n}}\n', /sw1\.lldp\.json:1: "lldp" has no "interface"/],
  ['sw2.lldp.json', '{"lldp": {"interface": {"eth0": {\n  "chassis": "core-1"\n}}}}\n', /sw2\.lldp\.json:2: "chassis" must be an object or a list/],
];

test('wrong-shaped NetBox and lldpcli files: exit 2 with file:line, the store unchanged', async () => {
  const { dir, db } = await storeWithoutFlows();
  const before = dumpStore(db);
  for (const [name, text, expected] of WRONG_SHAPED) {
    const file = join(dir, name);
    writeFileSync(file, text);
    // a good file first, so that a half-written import would show
    const r = await run(['import', join(dir, 'nodes.csv'), file, '--db', db, '--snapshot', 'bad']);
    assert.equal(r.code, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, expected);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(dumpStore(db), before, `${name} changed the store`);
  }
});

test('an lldpcli file with no neighbours is "no records": exit 1, nothing written', async () => {
  const { dir, db } = await storeWithoutFlows();
  const before = dumpStore(db);
  const file = join(dir, 'lonely.json');
  writeFileSync(file, '{\n  "lldp": {}\n}\n');
  const r = await run(['import', file, '--db', db, '--snapshot', 'lonely']);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, /lonely\.json: no records/);
  assert.equal(dumpStore(db), before);
});

test('a snapshot with devices and links but no flows: exposure and plan exit 1 and say how to add flows', async () => {
  const { db } = await storeWithoutFlows();
  const message = 'no flows in snapshot net: import a flows CSV id,src,dst (cleanpath import --base net flows.csv)';
  for (const args of [['exposure'], ['exposure', '--json'], ['plan']]) {
    const r = await run([...args, '--db', db]);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.ok(r.stderr.includes(message), r.stderr);
    assert.equal(r.stdout, '', `${args.join(' ')} printed a result`);
  }
  // the kill-switch still reports what it cuts off, but not "0 flows disrupted"
  const ks = await run(['killswitch', '--db', db, '--vendors', 'huawei']);
  assert.equal(ks.code, 0, ks.stderr);
  assert.match(ks.stdout, /devices removed: +1/);
  assert.match(ks.stdout, /flows disrupted: +not known: no flows in snapshot net/);
  assert.doesNotMatch(ks.stdout, /flows disrupted: +0/);
  const ksJson = await run(['killswitch', '--db', db, '--vendors', 'huawei', '--json']);
  assert.equal(ksJson.code, 0, ksJson.stderr);
  assert.match((JSON.parse(ksJson.stdout) as { nothingToAnalyse: string | null }).nothingToAnalyse ?? '', /^no flows in snapshot net/);
});

test('the report of a snapshot without flows says "no flows" and shows devices and findings, never "0 exposed"', async () => {
  const { dir, db } = await storeWithoutFlows();
  const out = join(dir, 'report.html');
  const r = await run(['report', '--db', db, '--as-of', '2026-12-31', '-o', out]);
  assert.equal(r.code, 0, r.stderr);
  const html = readFileSync(out, 'utf8');
  assert.ok(html.includes('no flows in snapshot net: import a flows CSV id,src,dst'), 'no "no flows" sentence');
  assert.doesNotMatch(html, /0 exposed|data-card="exposed|>exposed on every path</);
  assert.match(html, /<b class="">4<\/b>devices/);
  assert.match(html, /id="findings"/);
  const md = await run(['report', '--db', db, '--as-of', '2026-12-31', '--format', 'md']);
  assert.equal(md.code, 0, md.stderr);
  assert.match(md.stdout, /no flows in snapshot net/);
  assert.doesNotMatch(md.stdout, /exposed on every shortest path/);
});

test('flows all of class normal: exposure lists them but says none is sensitive (exit 1); plan has nothing to do', async () => {
  const { dir, db } = await storeWithoutFlows();
  writeFileSync(join(dir, 'flows.csv'), 'id,src,dst,class\nf1,b,d,normal\nf2,a,d,normal\n');
  assert.equal((await run(['import', join(dir, 'flows.csv'), '--base', 'net', '--db', db, '--snapshot', 'normal'])).code, 0);
  const exp = await run(['exposure', '--db', db]);
  assert.equal(exp.code, 1, exp.stderr);
  assert.match(exp.stdout, /^id,cost,exposure,clean_cost\nf1,/);
  assert.match(exp.stderr, /no sensitive flows in snapshot normal: its 2 flow\(s\) are all of class normal/);
  const expJson = await run(['exposure', '--db', db, '--json']);
  assert.equal(expJson.code, 1, expJson.stderr);
  const doc = JSON.parse(expJson.stdout) as { flows: unknown[]; nothingToAnalyse: string | null };
  assert.equal(doc.flows.length, 2);
  assert.match(doc.nothingToAnalyse ?? '', /^no sensitive flows in snapshot normal/);
  const plan = await run(['plan', '--db', db]);
  assert.equal(plan.code, 1, plan.stderr);
  assert.match(plan.stderr, /no sensitive flows in snapshot normal/);
  const html = await run(['report', '--db', db, '--as-of', '2026-12-31']);
  assert.equal(html.code, 0, html.stderr);
  assert.match(html.stdout, /no sensitive flows in snapshot normal/);
});

test('filters that match no device: exit 1 naming the filter', async () => {
  const { dir, db } = await storeWithoutFlows();
  writeFileSync(join(dir, 'flows.csv'), 'id,src,dst\nf1,b,d\n');
  assert.equal((await run(['import', join(dir, 'flows.csv'), '--base', 'net', '--db', db, '--snapshot', 'flows'])).code, 0);
  const ks = cli(['killswitch', '--db', db, '--vendors', 'zte']);
  assert.equal(ks.code, 1, ks.stderr);
  assert.match(ks.stderr, /no device in snapshot flows matches --vendors zte: nothing would be switched off/);
  const dev = await run(['devices', '--db', db, '--vendor', 'zte']);
  assert.equal(dev.code, 1, dev.stderr);
  assert.match(dev.stderr, /no device in snapshot flows matches --vendor zte/);
  assert.equal(dev.stdout, '');
  const exp = await run(['exposure', '--db', db, '--untrusted', 'zte']);
  assert.equal(exp.code, 1, exp.stderr);
  assert.match(exp.stderr, /no device in snapshot flows matches --untrusted zte: nothing is untrusted/);
  const plan = await run(['plan', '--db', db, '--untrusted', 'zte']);
  assert.equal(plan.code, 1, plan.stderr);
  assert.match(plan.stderr, /no device in snapshot flows matches --untrusted zte/);
  // the report analyses the flows but says that nothing it distrusts is there (no plan, no all-clear)
  const rep = await run(['report', '--db', db, '--as-of', '2026-12-31', '--untrusted', 'zte', '--format', 'json']);
  assert.equal(rep.code, 0, rep.stderr);
  const m = JSON.parse(rep.stdout) as { nothingToAnalyse: string | null; plan: unknown; exposure: { flows: unknown[] } };
  assert.match(m.nothingToAnalyse ?? '', /no device in snapshot flows matches untrusted zte/);
  assert.equal(m.plan, null);
  assert.equal(m.exposure.flows.length, 1);
    // and with a match, the same commands work
  assert.equal((await run(['exposure', '--db', db, '--untrusted', 'huawei'])).code, 0);
});

test('a Topology Zoo file imported alone (no flows): exposure exit 1 with the message, report says "no flows"', async (t) => {
  const file = join(SHARED_DATA, 'topologyzoo', 'Geant2010.graphml');
  if (peerMissing(t, 'shared-data', existsSync(file) || `${file} not found`)) return;
  const dir = tempDir();
  const db = join(dir, 'store.db');
  assert.equal((await run(['import', file, '--db', db, '--snapshot', 'geant'])).code, 0);
  const exp = await run(['exposure', '--db', db]);
  assert.equal(exp.code, 1, exp.stderr);
  assert.match(exp.stderr, /no flows in snapshot geant: import a flows CSV id,src,dst \(cleanpath import --base geant flows\.csv\)/);
  const rep = await run(['report', '--db', db, '--as-of', '2026-12-31', '--format', 'json']);
  assert.equal(rep.code, 0, rep.stderr);
  const m = JSON.parse(rep.stdout) as { nothingToAnalyse: string | null; summary: { devices: number; flows: number } };
  assert.equal(m.summary.flows, 0);
  assert.equal(m.summary.devices, 37);
  assert.match(m.nothingToAnalyse ?? '', /^no flows in snapshot geant/);
});
