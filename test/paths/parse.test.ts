// The traceroute parsers on hand-written fixtures of each format (RIPE Atlas from its documented
// result format with its edge cases, sc_warts2json, mtr --json, traceroute text) and on broken input.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hopAddresses, readTraceFile, type Measurement } from '../../src/paths/index.js';
import { InputError } from '../../src/model/index.js';

const FIX = join(import.meta.dirname, 'fixtures');

async function read(file: string, opts: { time?: number; site?: string } = {}): Promise<{ ms: Measurement[]; warnings: string[] }> {
  const ms: Measurement[] = [];
  const warnings: string[] = [];
  for await (const m of readTraceFile(file, { ...opts, onWarning: (w) => warnings.push(`${w.line ?? ''}: ${w.message}`) })) ms.push(m);
  return { ms, warnings };
}

const firstAddr = (m: Measurement) => m.hops.map((h) => hopAddresses(h)[0] ?? null);

describe('RIPE Atlas results', () => {
  test('API array: *, multiple replies, ICMP extensions, late replies, IPv6, err, hop errors, other types', async () => {
    const { ms, warnings } = await read(join(FIX, 'atlas-api.json'));
    assert.equal(ms.length, 4, 'the ping result is skipped');
    assert.ok(warnings.some((w) => /not a traceroute result \(type "ping"\)/.test(w)), warnings.join('\n'));
    const [a, v6, broken, tcp] = ms as [Measurement, Measurement, Measurement, Measurement];
    assert.equal(a.site, 'atlas-probe-6001');
    assert.equal(a.time, 1764547200);
    assert.equal(a.msmId, 5001);
    assert.equal(a.dstName, 'portal.example');
    assert.equal(a.protocol, 'icmp');
    assert.equal(a.srcAddress, '192.168.1.10');
    assert.ok(a.reached);
    assert.deepEqual(firstAddr(a), ['192.168.1.1', null, '100.64.12.1', '202.97.33.1', '219.158.3.9', '203.0.113.80']);
    // all-* hop: three replies without an address
    assert.deepEqual(a.hops[1]!.replies, [{ address: null }, { address: null }, { address: null }]);
    // load balancing: two addresses at hop 4, the MPLS label stack kept, the duplicate marked
    assert.deepEqual(hopAddresses(a.hops[3]!), ['202.97.33.1', '202.97.33.5']);
    assert.deepEqual(a.hops[3]!.replies[0]!.mpls, [{ label: 24015, exp: 0, s: 1, ttl: 1 }]);
    assert.equal(a.hops[3]!.replies[2]!.dup, true);
    // the late reply (from hop 4's router) is kept but is not hop 5's address
    assert.equal(a.hops[4]!.replies[0]!.late, 1);
    assert.equal(a.hops[4]!.replies[0]!.rttMs, undefined);
    assert.deepEqual(hopAddresses(a.hops[4]!), ['219.158.3.9']);
    // IPv6: canonical text (the dst was upper case), link-local first hop, err "p" at the end
    assert.equal(v6.af, 6);
    assert.equal(v6.dstAddress, '2001:db8:80::1');
    assert.deepEqual(firstAddr(v6), ['fe80::1', '240e:0:1::1', '2001:db8:80::1']);
    assert.equal(v6.hops[2]!.replies[0]!.err, 'p');
    assert.ok(v6.reached);
    assert.equal(v6.protocol, 'udp');
    // hop-level error, all-* hops up to 255, not reached
    assert.equal(broken.site, 'atlas-probe-6002');
    assert.equal(broken.hops[0]!.error, 'sendto failed: Network is unreachable');
    assert.deepEqual(broken.hops.map((h) => h.ttl), [1, 2, 255]);
    assert.equal(broken.reached, false);
    // err "H" on the last hop, which is not the destination
    assert.equal(tcp.hops[2]!.replies[0]!.err, 'H');
    assert.equal(tcp.reached, false);
    assert.equal(tcp.time, 1764640000, 'timestamp, not endtime');
  });

  test('daily dump: one result per line, line numbers kept, blank lines ignored', async () => {
    const { ms, warnings } = await read(join(FIX, 'atlas-dump.ndjson'), { site: 'ramstein' });
    assert.deepEqual(warnings, []);
    assert.deepEqual(ms.map((m) => [m.line, m.site, m.time]), [[1, 'ramstein', 1764720000], [2, 'ramstein', 1764806400]]);
  });

  test('a broken line stops with file:line; a hostile value is bounded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-parse-'));
    const f = join(dir, 'bad.ndjson');
    const good = '{"type":"traceroute","af":4,"prb_id":1,"msm_id":2,"timestamp":1,"dst_addr":"203.0.113.1","result":[]}';
    writeFileSync(f, `${good}\n${good.slice(0, 40)}\n`);
    await assert.rejects(read(f), (e: unknown) => e instanceof InputError && e.line === 2 && /invalid JSON/.test(e.message));
    const g = join(dir, 'hostile.json');
    const hops = Array.from({ length: 600 }, (_, i) => ({ hop: (i % 255) + 1, result: Array.from({ length: 100 }, () => ({ from: '<script>', rtt: -5 })) }));
    writeFileSync(g, JSON.stringify([{ type: 'traceroute', prb_id: 1, msm_id: 2, timestamp: 1, dst_addr: 'x'.repeat(1e5), dst_name: 'y'.repeat(1e5), result: hops }]));
    const { ms } = await read(g);
    assert.equal(ms.length, 1);
    assert.ok(ms[0]!.hops.length <= 255);
    assert.ok(ms[0]!.hops.every((h) => h.replies.length <= 64 && h.replies.every((r) => r.address === null && r.rttMs === undefined)));
    assert.equal(ms[0]!.dstAddress, undefined);
    assert.ok(ms[0]!.dstName!.length <= 200);
  });
});

describe('scamper, mtr and traceroute text', () => {
  test('sc_warts2json: replies grouped by probe TTL, silent TTLs become *, MPLS, cycle records skipped', async () => {
    const { ms } = await read(join(FIX, 'scamper.ndjson'));
    assert.equal(ms.length, 1);
    const m = ms[0]!;
    assert.equal(m.format, 'scamper');
    assert.equal(m.site, '192.0.2.10');
    assert.equal(m.time, 1764900001);
    assert.equal(m.line, 2);
    assert.deepEqual(firstAddr(m), ['192.0.2.1', null, '219.158.3.9', '203.0.113.80']);
    assert.deepEqual(hopAddresses(m.hops[2]!), ['219.158.3.9', '219.158.3.13']);
    assert.deepEqual(m.hops[2]!.replies[0]!.mpls, [{ label: 16004, exp: 0, s: 1, ttl: 1 }]);
    assert.ok(m.reached);
  });

  test('mtr --json: hops with loss as * replies, ??? hops, the time given', async () => {
    const { ms, warnings } = await read(join(FIX, 'mtr.json'), { time: 1764990000 });
    assert.deepEqual(warnings, []);
    const m = ms[0]!;
    assert.equal(m.site, 'base-c-probe');
    assert.equal(m.time, 1764990000);
    assert.deepEqual(firstAddr(m), ['192.0.2.1', null, '202.97.33.5', '203.0.113.80']);
    assert.equal(m.hops[2]!.replies.filter((r) => r.address === null).length, 2, '20% of 10 lost');
    assert.equal(m.hops[2]!.replies[0]!.rttMs, 30.95);
    assert.ok(m.reached);
  });

  test('traceroute text: two runs (IPv4 and IPv6), *, several addresses per hop, names, !H, MPLS', async () => {
    const { ms, warnings } = await read(join(FIX, 'traceroute.txt'), { time: 1765000000, site: 'aviano' });
    assert.deepEqual(warnings, []);
    assert.equal(ms.length, 2);
    const [v4, v6] = ms as [Measurement, Measurement];
    assert.equal(v4.dstAddress, '203.0.113.80');
    assert.equal(v4.dstName, 'portal.example');
    assert.deepEqual(firstAddr(v4), ['192.0.2.1', null, '202.97.33.1', '219.158.3.9', '203.0.113.80']);
    assert.deepEqual(v4.hops[2]!.replies.map((r) => [r.address, r.rttMs ?? null]), [['202.97.33.1', 31.2], ['202.97.33.5', 30.9], [null, null]]);
    assert.deepEqual(v4.hops[3]!.replies[0]!.mpls, [{ label: 16004, exp: 0, s: 1, ttl: 1 }]);
    assert.deepEqual(v4.hops[4]!.replies.map((r) => r.err), ['H', 'H', 'H']);
    assert.ok(v4.reached);
    assert.equal(v6.af, 6);
    assert.deepEqual(firstAddr(v6), ['2001:db8:77::1', '240e:0:1::1', '2001:db8:80::1']);
    assert.equal(v6.line, 7);
  });

  test('anything else is refused with file:line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-parse-'));
    const f = join(dir, 'x.csv');
    writeFileSync(f, 'id,vendor\nr1,huawei\n');
    await assert.rejects(read(f), (e: unknown) => e instanceof InputError && /not a traceroute file/.test(e.message));
  });
});
