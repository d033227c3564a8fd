// Attestations of the demo's flows: an exposed flow is never stated clean (every flow, several
// untrusted sets, against the exposure kernel's class and clean cost), the paths are the
// flow-paths analysis's, every envelope verifies, and --recheck catches a vendor changed between
// snapshots; and the commands end to end.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { flowPathsAnalysis } from '../../src/analyses/flow-paths.js';
import type { AvoidOptions } from '../../src/analyses/untrusted.js';
import { attestFlow, attestSensitive, canonicalJson, flowResult, prepareAttestRun, recheckFlow, verifyFlowEnvelope, type Verdict } from '../../src/attest/index.js';
import { analyseExposure, EXPOSURE_CLASSES } from '../../src/graph/index.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { runInProcess as cli } from '../cli/in-process.js';
import { importDemoStore } from '../support/demo-store.js';
import { KEY, PUBLIC_KEY } from './fixtures.js';

let dir: string, db: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cleanpath-attest-'));
  db = await importDemoStore(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** What the kernel's class and clean cost say the verdict must be (DESIGN section 4). */
function kernelVerdict(cls: string, clean: number): Verdict {
  if (cls === 'unreachable') return 'unreachable';
  if (cls === 'none') return 'clean';
  return Number.isFinite(clean) ? 'clean-path-exists' : 'exposed';
}

const SETS: AvoidOptions[] = [{}, { untrusted: ['huawei'] }, { untrusted: ['zte'] }, { untrusted: ['huawei', 'zte', 'nokia'] }, { avoidCountry: ['CN'], untrusted: ['none'] }, { untrusted: ['ericsson'] }];

describe('attestations of the demo', () => {
  it('never state an exposed flow clean: every flow, six untrusted sets, against the exposure kernel', async () => {
    const seen = new Map<Verdict, number>();
    for (const avoid of SETS) {
      const run = await prepareAttestRun({ db }, { avoid });
      const k = await analyseExposure(run.net.graph, run.net.untrusted, run.loaded.flows, { workers: 1 });
      run.loaded.flows.forEach((f, i) => {
        const a = attestFlow(run, f, KEY);
        const cls = EXPOSURE_CLASSES[k.exposure[i]!]!;
        const p = a.statement.predicate;
        if (cls === 'some' || cls === 'all') assert.notEqual(a.verdict, 'clean', `${f.id} is ${cls} under ${JSON.stringify(avoid)}`);
        assert.equal(a.verdict, kernelVerdict(cls, k.clean[i]!), `${f.id} under ${JSON.stringify(avoid)}`);
        assert.equal(p.exposure, cls);
        const untrusted = new Map(p.devices.map((d) => [d.id, d.untrusted]));
        if (a.verdict === 'clean') assert.ok(p.paths.items.every((path) => path.hops.every((id) => untrusted.get(id) === false)));
        if (a.verdict === 'exposed') assert.ok(p.paths.items.some((path) => path.hops.some((id) => untrusted.get(id) === true)));
        // the payload is the package's RFC 8785 form, though built from shared device texts
        assert.equal(Buffer.from(a.envelope.payload, 'base64').toString('utf8'), canonicalJson(a.statement));
        const v = verifyFlowEnvelope(a.envelope, PUBLIC_KEY, new Date());
        assert.ok(v.valid, v.problems.join('; '));
        seen.set(a.verdict, (seen.get(a.verdict) ?? 0) + 1);
      });
    }
    // the property is not vacuous: the demo has clean, clean-path-exists and exposed flows
    for (const v of ['clean', 'clean-path-exists', 'exposed'] as const) assert.ok((seen.get(v) ?? 0) > 0, `some flow is ${v}`);
  });

  it('attest the paths the flow-paths analysis lists; signing on the thread pool gives the same bytes in flow order', async () => {
    const run = await prepareAttestRun({ db }, { avoid: {} });
    const all = await attestSensitive(run, KEY);
    const sensitive = run.loaded.flows.filter((f) => f.class !== 'normal');
    assert.deepEqual(all.flows.map((a) => a.flow), sensitive.map((f) => f.id));
    for (const [i, f] of sensitive.entries()) assert.equal(canonicalJson(all.flows[i]!.envelope), canonicalJson(attestFlow(run, f, KEY).envelope), f.id);
    for (const f of run.loaded.flows.slice(0, 12)) {
      const mine = flowResult(run.net, f, 64);
      const doc = await flowPathsAnalysis.run({ db }, { flow: f.id, limit: 64 }, {});
      const route = (hops: readonly { device: string; vendor: string | null; untrusted: boolean }[]) => hops.map((h) => [h.device, h.vendor, h.untrusted]);
      assert.deepEqual(mine.paths.map((p) => route(p.hops)), doc.paths.map((p) => route(p.hops)), f.id);
      assert.deepEqual([mine.cost, mine.exposure, mine.total], [doc.cost, doc.exposure, doc.total], f.id);
      assert.deepEqual(mine.clean && [mine.clean.cost, route(mine.clean.hops)], doc.clean && [doc.clean.cost, route(doc.clean.hops)], f.id);
    }
  });

  it('--recheck reports a vendor changed between snapshots, and nothing when nothing changed', async () => {
    const run = await prepareAttestRun({ db }, { avoid: {} });
    const clean = run.loaded.flows.map((f) => attestFlow(run, f, KEY)).find((a) => a.verdict === 'clean')!;
    const p = clean.statement.predicate;
    const victim = p.devices.find((d) => d.id === p.paths.items[0]!.hops[1])!;
    assert.deepEqual((await recheckFlow(p, { db, snapshot: 'demo' })).differences, []);
    const change = join(dir, 'change.csv');
    // new identifiers replace the old of their kind: the device is now Huawei on every evidence
    writeFileSync(change, `id,vendor,mac,sys_descr\n${victim.id},Huawei,00:E0:FC:12:34:56,Huawei Versatile Routing Platform Software\n`);
    const store = openStore(db);
    try {
      await importFiles(store, [change], { snapshot: 'changed', base: 'demo', update: true });
    } finally {
      await store.close();
    }
    const r = await recheckFlow(p, { db });
    assert.equal(r.snapshot, 'changed');
    assert.ok(r.differences.includes(`device ${victim.id} vendor: attested ${JSON.stringify(victim.vendor)}, now "huawei"`), r.differences.join('\n'));
    assert.ok(r.differences.some((d) => d.startsWith('verdict: attested "clean"')), r.differences.join('\n'));
    assert.ok(r.differences.some((d) => d.startsWith('snapshot digest')));
  });
});

describe('cleanpath keys, attest and verify', () => {
  it('create a 0600 key never printed, sign, verify (0), refuse an unmet --require (1), unreadable input (2), and a changed network on --recheck (1)', async () => {
    const prefix = join(dir, 'carrier');
    const made = await cli(['keys', 'create', '--out', prefix]);
    assert.equal(made.code, 0, made.stderr);
    assert.equal(statSync(`${prefix}.key`).mode & 0o777, 0o600);
    const body = readFileSync(`${prefix}.key`, 'utf8').split('\n')[1]!;
    const out = join(dir, 'f.dsse.json');
    const signed = await cli(['attest', '--db', db, '--snapshot', 'demo', '--flow', 's-rms-avb', '--key', prefix, '-o', out]);
    assert.equal(signed.code, 0, signed.stderr);
    // the key may come from an environment variable instead
    const fromEnv = await cli(['attest', '--db', db, '--snapshot', 'demo', '--flow', 's-rms-avb', '--key', 'env:ATTEST_TEST_KEY'], { ATTEST_TEST_KEY: readFileSync(`${prefix}.key`, 'utf8') });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.equal(JSON.parse(fromEnv.stdout).signatures[0].keyid, JSON.parse(readFileSync(out, 'utf8')).signatures[0].keyid);
    const valid = await cli(['verify', out, '--pubkey', `${prefix}.pub`]);
    assert.equal(valid.code, 0, valid.stdout);
    assert.match(valid.stdout, /^valid: /);
    for (const r of [made, signed, fromEnv]) assert.ok(!(r.stdout + r.stderr).includes(body) && !(r.stdout + r.stderr).includes('PRIVATE KEY'), 'the private key is never printed');
    // s-rms-avb is exposed in the demo; the change made above lies elsewhere
    const required = await cli(['verify', out, '--pubkey', `${prefix}.pub`, '--require', 'clean']);
    assert.equal(required.code, 1, required.stderr);
    assert.match(required.stdout, /^REJECTED: .*\n {2}verdict exposed does not meet --require clean\nverdict: exposed/);
    const rechecked = await cli(['verify', out, '--pubkey', `${prefix}.pub`, '--db', db, '--recheck', '--json']);
    const report = JSON.parse(rechecked.stdout) as { valid: boolean; recheck: { snapshot: string; differences: string[] } };
    assert.equal(rechecked.code, report.recheck.differences.length ? 1 : 0);
    assert.equal(report.recheck.snapshot, 'changed');
    assert.ok(report.recheck.differences.some((d) => d.startsWith('snapshot digest')), 'a later snapshot is a difference');
    writeFileSync(join(dir, 'garbage.json'), '{"payload": 1}');
    const garbage = await cli(['verify', join(dir, 'garbage.json'), '--pubkey', `${prefix}.pub`]);
    assert.equal(garbage.code, 2);
    assert.match(garbage.stderr, /garbage\.json: not a DSSE envelope/);
    assert.equal((await cli(['verify', out, '--pubkey', join(dir, 'missing.pub')])).code, 2);
  });
});
