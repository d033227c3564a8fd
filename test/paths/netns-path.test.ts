// The whole outside-in chain on a real multi-hop path: network namespaces src ─ r1 ─ r2 ─ r3 ─ dst
// with a real snmpd in each router (r2 dressed as ZTE, r1 and r3 as Cisco), real `traceroute -n`
// and `mtr --json` across it, every hop probed with cleanpath's SNMPv3 prober from the source
// namespace, and cleanpath must report the path as crossing ZTE equipment at hop 2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTraceFile, type Measurement, type PathExposureDocument } from '../../src/paths/index.js';
import { DISGUISES } from '../probe/snmpd.js';
import { createChain, destroyChain, inNs, needsNetns, startNsAgent, type Chain, type NsAgent } from './netns.js';

const REPO = join(import.meta.dirname, '..', '..');
const ENTRY = join(REPO, 'test', 'paths', 'cli-entry.ts');

function cleanpath(args: string[], ns?: string): { code: number; stdout: string; stderr: string } {
  const cmd = [process.execPath, '--import', 'tsx', ENTRY, ...args];
  const full = ns ? ['ip', 'netns', 'exec', ns, ...cmd] : cmd;
  const r = spawnSync(full[0]!, full.slice(1), { cwd: REPO, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function all(file: string, opts: { time?: number; site?: string } = {}): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for await (const m of readTraceFile(file, opts)) out.push(m);
  return out;
}

describe('a real path across network namespaces with vendor-dressed snmpd routers', needsNetns(), () => {
  let chain: Chain | undefined;
  const agents: NsAgent[] = [];
  let dir = '';
  const cleanup = () => {
    if (chain) destroyChain(chain);
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-ns-'));
    process.once('exit', cleanup); // namespaces go even if the run dies between hooks
    chain = createChain(`cp${process.pid % 100000}`);
    const specs = [
      { ...DISGUISES.cisco, sysName: 'edge-cisco' },
      { ...DISGUISES.zte, sysName: 'transit-zte' },
      { ...DISGUISES.cisco, engineId: '80000009030000000c7788aa', sysName: 'far-cisco' },
    ];
    for (let i = 0; i < 3; i++) agents.push(await startNsAgent(chain.routers[i]!, specs[i]!));
  });

  after(async () => {
    for (const a of agents) await a.stop();
    cleanup();
    process.off('exit', cleanup);
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (chain) {
      const left = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout;
      for (const ns of chain.all) assert.ok(!left.split('\n').some((l) => l.split(' ')[0] === ns), `namespace ${ns} left behind`);
    }
  });

  test('traceroute and mtr see the chain, discovery names the routers, exposure finds ZTE at hop 2', async () => {
    const c = chain!;
    const db = join(dir, 'paths.db');
    // real traceroute and mtr from the source namespace
    const trText = inNs(c.src, ['traceroute', '-n', '-q', '3', '-w', '2', '-m', '8', c.dstAddress]);
    const mtrJson = inNs(c.src, ['mtr', '--json', '-n', '-c', '3', '-i', '0.2', c.dstAddress]);
    const trFile = join(dir, 'traceroute.txt');
    const mtrFile = join(dir, 'mtr.json');
    writeFileSync(trFile, trText);
    writeFileSync(mtrFile, mtrJson);

    const t0 = Math.floor(Date.now() / 1000);
    const [tr] = await all(trFile, { time: t0, site: 'base-a' });
    assert.ok(tr, `traceroute output parsed:\n${trText}`);
    assert.equal(tr.format, 'traceroute');
    assert.equal(tr.dstAddress, c.dstAddress);
    assert.deepEqual(
      tr.hops.map((h) => h.replies.find((r) => r.address !== null)?.address ?? null),
      [...c.hopAddresses, c.dstAddress],
      trText,
    );
    assert.ok(tr.reached);
    assert.ok(tr.hops.every((h) => h.replies.filter((r) => r.rttMs !== undefined).length >= 1));
    const [mtr] = await all(mtrFile, { time: t0, site: 'base-a' });
    assert.equal(mtr!.format, 'mtr');
    assert.deepEqual(mtr!.hops.map((h) => h.replies[0]!.address), [...c.hopAddresses, c.dstAddress], mtrJson);

    // an AS table for the documentation space of the chain: r3's link in AS4134
    const asn = join(dir, 'ip2asn.tsv');
    writeFileSync(asn, ['198.51.100.0\t198.51.100.7\t64500\tDE\tEXAMPLE-TRANSIT', '198.51.100.8\t198.51.100.11\t4134\tCN\tCHINANET-BACKBONE', '203.0.113.0\t203.0.113.255\t64501\tUS\tEXAMPLE-DEST', ''].join('\n'));
    const imp = cleanpath(['paths', 'import', trFile, mtrFile, '--db', db, '--site', 'base-a', '--time', String(t0), '--asn-table', asn, '--json']);
    assert.equal(imp.code, 0, imp.stderr);
    assert.equal(JSON.parse(imp.stdout).measurements, 2);

    // cleanpath's own SNMPv3 prober, from the source namespace, on every hop and the far interfaces
    const targets = [...c.hopAddresses, ...c.farAddresses];
    const probe = cleanpath(['probe', 'snmp', ...targets, '--json', '--timeout', '1500', '--import', '--db', db, '--snapshot', 'hops'], c.src);
    assert.equal(probe.code, 0, probe.stderr);
    const results = JSON.parse(probe.stdout) as Array<{ address: string; status: string; vendor: string | null; engineId: string }>;
    assert.equal(results.filter((r) => r.status === 'reply').length, 6, probe.stdout);
    assert.equal(results.find((r) => r.address === '198.51.100.6')!.vendor, 'zte');

    const run = (extra: string[]): PathExposureDocument => {
      const r = cleanpath(['paths', 'exposure', '--db', db, '--json', ...extra]);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as PathExposureDocument;
    };
    const doc = run([]);
    assert.equal(doc.sources.snapshot, 'hops');
    assert.equal(doc.summary.measurements, 2);
    assert.equal(doc.summary.exposed, 2, JSON.stringify(doc.byDestination));
    const d = doc.byDestination.find((x) => x.site === 'base-a')!;
    assert.equal(d.destination, c.dstAddress);
    assert.deepEqual(d.hits.map((h) => [h.ttl, h.address, h.reasons, h.count]), [[2, '198.51.100.6', ['vendor zte'], 2]]);
    // the ZTE router: both of its interfaces, one router (engine ID, boots and engine time agree)
    const zte = doc.routerRows.find((r) => r.vendor === 'zte')!;
    assert.deepEqual(zte.addresses, ['198.51.100.6', '198.51.100.9']);
    assert.ok(zte.untrusted);
    assert.equal(zte.ttlMin, 2);
    assert.ok(zte.evidence.some((e) => e.kind === 'engineid' && e.vendor === 'zte'), JSON.stringify(zte.evidence));
    assert.equal(doc.routers.identified, 3, 'three routers, six addresses');
    const cisco = doc.byVendor.find((v) => v.key === 'cisco')!;
    assert.deepEqual([cisco.untrusted, cisco.ttlMin, cisco.ttlMax], [false, 1, 3]);
    // the example path, hop by hop
    const ex = doc.examples[0]!;
    assert.deepEqual(ex.hops.map((h) => h.addresses[0]?.vendor ?? null), ['cisco', 'zte', 'cisco', null]);
    assert.equal(ex.hops[2]!.addresses[0]!.asn, 4134);
    assert.equal(ex.hops[1]!.addresses[0]!.special, 'documentation');

    // the predicates decide: Huawei alone is not on this path; AS4134 is, at hop 3
    assert.equal(run(['--untrusted', 'huawei']).summary.exposed, 0);
    const byAs = run(['--untrusted', 'huawei', '--avoid-as', '4134']);
    assert.equal(byAs.summary.exposed, 2);
    assert.deepEqual(byAs.byDestination[0]!.hits.map((h) => [h.ttl, h.address, h.reasons]), [[3, '198.51.100.10', ['AS4134']]]);
    const byCountry = run(['--avoid-country', 'CN']);
    assert.deepEqual(byCountry.byDestination[0]!.hits.map((h) => [h.ttl, h.reasons]), [[3, ['country CN']]]);

    // the table output names the hop too
    const table = cleanpath(['paths', 'exposure', '--db', db]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /#2 198\.51\.100\.6 \(vendor zte\) ×2/);
  });
});
