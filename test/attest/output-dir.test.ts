// `attest --all-sensitive -o DIR` owns its folder: a second run over a snapshot where a flow is no
// longer sensitive leaves no file of it behind (the folder is what the new root signs), a run
// never deletes what it did not write (a folder holding other files is refused, exit 2, untouched),
// and a failed run leaves the earlier one in place.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync } from 'node:fs';
import { writeDemoScenario } from '../../src/demo/index.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { runInProcess as cli } from '../cli/in-process.js';
import { KEY_PEM } from './fixtures.js';

let dir: string, db: string;
const env = { CLEANPATH_ATTEST_KEY: KEY_PEM.privatePem, CLEANPATH_ATTEST_KEY_FILE: undefined };

/** The demo as snapshot `demo`, and as `later` where s-rms-avb is no longer sensitive. */
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cleanpath-attest-dir-'));
  db = join(dir, 'demo.db');
  const { files } = writeDemoScenario(join(dir, 'demo'));
  const flows = files.find((f) => f.endsWith('flows.csv'))!;
  const later = join(dir, 'later');
  mkdirSync(later);
  const text = readFileSync(flows, 'utf8');
  assert.match(text, /\ns-rms-avb,[^,]+,[^,]+,sensitive,/);
  writeFileSync(join(later, 'flows.csv'), text.replace(/\n(s-rms-avb,[^,]+,[^,]+),sensitive,/, '\n$1,normal,'));
  const store = openStore(db);
  try {
    await importFiles(store, files, { snapshot: 'demo' });
    await importFiles(store, [...files.filter((f) => f !== flows), join(later, 'flows.csv')], { snapshot: 'later' });
  } finally {
    await store.close();
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

const attest = (snapshot: string, out: string) => cli(['attest', '--db', db, '--snapshot', snapshot, '--all-sensitive', '-o', out, '--json'], env);

interface Manifest {
  flows: { flow: string; attestation: string; proof: string }[];
  root: { treeSize: number };
}

/** Files under `d` relative to it, sorted. */
function files(d: string): string[] {
  return readdirSync(d, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(d.length + 1))
    .sort();
}

/** What the manifest names, sorted: the folder must hold exactly these. */
function named(d: string): string[] {
  const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as Manifest;
  return ['manifest.json', 'snapshot.dsse.json', ...m.flows.flatMap((f) => [f.attestation, f.proof])].sort();
}

describe('attest --all-sensitive -o DIR', () => {
  it('replaces an earlier run whole: a flow no longer sensitive leaves no file behind', async () => {
    const out = join(dir, 'runs', 'out');
    const first = await attest('demo', out);
    assert.equal(first.code, 0, first.stderr);
    const before = files(out);
    assert.ok(before.some((f) => f.startsWith('flows/s-rms-avb-')), 'the first run attests s-rms-avb');
    assert.deepEqual(before, named(out));
    const second = await attest('later', out);
    assert.equal(second.code, 0, second.stderr);
    const now = files(out);
    assert.ok(!now.some((f) => f.includes('s-rms-avb')), `no file of s-rms-avb is left: ${now.filter((f) => f.includes('s-rms-avb')).join(', ')}`);
    assert.deepEqual(now, named(out), 'the folder holds exactly what the manifest and the new root name');
    assert.equal((JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest).root.treeSize, (before.length - 2) / 2 - 1);
    // nothing of the swap is left beside the folder
    assert.deepEqual(readdirSync(join(dir, 'runs')), ['out']);
  });

  it('refuses a folder holding files it did not write (exit 2), and leaves them and the earlier run untouched', async () => {
    const out = join(dir, 'mixed');
    assert.equal((await attest('demo', out)).code, 0);
    const mine = join(out, 'flows', 'notes.txt');
    writeFileSync(mine, 'a customer note\n');
    const was = files(out);
    const r = await attest('later', out);
    assert.equal(r.code, 2, r.stdout);
    // the CLI prints `DIR: what is wrong` and exits 2
    assert.match(r.stderr, /mixed: holds files cleanpath attest did not write \(flows\/notes\.txt\)/);
    assert.deepEqual(files(out), was);
    assert.equal(readFileSync(mine, 'utf8'), 'a customer note\n');
    // a folder of someone else's files, without a manifest, likewise
    const theirs = join(dir, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'report.pdf'), 'x');
    const t = await attest('demo', theirs);
    assert.equal(t.code, 2);
    assert.deepEqual(readdirSync(theirs), ['report.pdf']);
  });

  it('writes into an empty folder, and refuses a file given as the folder', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    assert.equal((await attest('demo', empty)).code, 0);
    assert.deepEqual(files(empty), named(empty));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const r = await attest('demo', file);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a-file: is not a folder/);
    assert.ok(existsSync(file));
  });
});
