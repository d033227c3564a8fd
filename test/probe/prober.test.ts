import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createIdentifyContext } from '../../src/identify/index.js';
import { interpretOutcome, type ProbeResult } from '../../src/probe/interpret.js';
import { probeTargets, type ProbeOutcome } from '../../src/probe/prober.js';
import type { ProbeTarget } from '../../src/probe/targets.js';
import { TAG, encodeInteger, encodeOctets, encodeSequence, encodeTlv } from '../../src/probe/ber.js';
import { peerMissing } from '../support/peer.js';
import { DISGUISES, needsSnmpd, startAgent, type Agent } from './snmpd.js';
import { makeReport, startResponder } from './responder.js';

const ctx = createIdentifyContext();

async function all(it: AsyncIterable<ProbeOutcome>): Promise<ProbeOutcome[]> {
  const out: ProbeOutcome[] = [];
  for await (const o of it) out.push(o);
  return out;
}

function t(address: string, port: number): ProbeTarget {
  return { address, port, family: address.includes(':') ? 6 : 4, spec: address };
}

describe('probe snmp against real snmpd agents', needsSnmpd(), () => {
  const agents = new Map<string, Agent>();
  before(async () => {
    for (const [name, spec] of Object.entries(DISGUISES)) agents.set(name, await startAgent(spec));
  });
  after(async () => {
    for (const a of agents.values()) await a.stop();
  });

  const expected: Record<string, { vendor: string; enterprise: number; mac: string; macVendor: string | null }> = {
    huawei: { vendor: 'huawei', enterprise: 2011, mac: '00:25:9e:11:22:33', macVendor: 'huawei' },
    zte: { vendor: 'zte', enterprise: 3902, mac: '00:1e:73:44:55:66', macVendor: 'zte' },
    cisco: { vendor: 'cisco', enterprise: 9, mac: '00:00:0c:77:88:99', macVendor: 'cisco' },
  };

  for (const family of ['127.0.0.1', '::1']) {
    test(`identifies Huawei, ZTE and Cisco disguises over ${family.includes(':') ? 'IPv6' : 'IPv4'}`, async (tt) => {
      const first = agents.get('huawei')!;
      if (family === '::1' && peerMissing(tt, 'ipv6-loopback', first.v6 || 'snmpd could not listen on ::1')) return;
      const targets = ['huawei', 'zte', 'cisco'].map((n) => t(family, agents.get(n)!.port));
      const started = Date.now();
      const results = (await all(probeTargets(targets, { timeoutMs: 1500, retries: 1 }))).map((o) => interpretOutcome(o, ctx));
      const byPort = new Map<number, ProbeResult>(results.map((r) => [r.port, r]));
      for (const name of ['huawei', 'zte', 'cisco']) {
        const a = agents.get(name)!;
        const r = byPort.get(a.port)!;
        const e = expected[name]!;
        assert.equal(r.status, 'reply', `${name}: ${JSON.stringify(r)}`);
        assert.equal(r.engineId, a.spec.engineId);
        assert.equal(r.vendor, e.vendor, name);
        assert.equal(r.enterprise, e.enterprise);
        assert.equal(r.format, 'mac');
        assert.equal(r.mac, e.mac);
        assert.equal(r.macVendor, e.macVendor);
        assert.ok((r.engineBoots ?? 0) >= 1, 'boots');
        assert.ok((r.engineTime ?? -1) >= 0 && (r.engineTime ?? 1e9) < 600, `engineTime ${r.engineTime}`);
        const reboot = Date.parse(r.lastReboot!);
        assert.ok(Math.abs(reboot - (started - (r.engineTime ?? 0) * 1000)) < 5000, 'last reboot estimate');
        assert.deepEqual(r.conflicts, []);
      }
    });
  }

  test('a ZTE MAC inside a Huawei engine ID is shown as a conflict', async () => {
    const a = agents.get('conflict')!;
    const [o] = await all(probeTargets([t('127.0.0.1', a.port)], { timeoutMs: 1500 }));
    const r = interpretOutcome(o!, ctx);
    assert.equal(r.enterprise, 2011);
    assert.equal(r.macVendor, 'zte');
    assert.equal(r.vendor, 'zte', 'the MAC is preferred over the enterprise number');
    assert.equal(r.conflicts!.length, 1);
    assert.deepEqual([...r.conflicts![0]!.vendors].sort(), ['huawei', 'zte']);
  });
});

describe('prober timing, bounds and hostile agents (local responder)', () => {
  test('a silent target times out after every retry, on time', async () => {
    const silent = await startResponder(() => null);
    try {
      const started = Date.now();
      const [o] = await all(probeTargets([t('127.0.0.1', silent.port)], { timeoutMs: 200, retries: 2, rate: 1000 }));
      const took = Date.now() - started;
      assert.equal(o!.status, 'timeout');
      assert.equal(o!.attempts, 3);
      assert.equal(silent.received, 3);
      assert.ok(took >= 590 && took < 1200, `took ${took} ms for 3 × 200 ms`);
    } finally {
      await silent.close();
    }
  });

  test('the rate limit holds: 60 probes at 200/s take about 0.3 s', async () => {
    const rs = await Promise.all(Array.from({ length: 60 }, () => startResponder((id) => [makeReport(id, '800007db0300259e000001')])));
    try {
      const started = Date.now();
      const res = await all(probeTargets(rs.map((r) => t('127.0.0.1', r.port)), { rate: 200, timeoutMs: 1000 }));
      const took = Date.now() - started;
      assert.equal(res.length, 60);
      assert.ok(res.every((o) => o.status === 'reply'), JSON.stringify(res.filter((o) => o.status !== 'reply').slice(0, 2)));
      assert.ok(took >= 270, `60 probes at 200/s took only ${took} ms`);
      assert.ok(took < 1500, `took ${took} ms`);
    } finally {
      await Promise.all(rs.map((r) => r.close()));
    }
  });

  test('concurrency bounds the probes in flight', async () => {
    const rs = await Promise.all(Array.from({ length: 20 }, () => startResponder(() => null)));
    const received = () => rs.reduce((n, r) => n + r.received, 0);
    try {
      let maxSeen = 0;
      let done = 0;
      const sampler = setInterval(() => (maxSeen = Math.max(maxSeen, received() - done)), 5);
      for await (const o of probeTargets(rs.map((r) => t('127.0.0.1', r.port)), { rate: 10_000, timeoutMs: 100, retries: 0, concurrency: 5 })) {
        assert.equal(o.status, 'timeout');
        done++;
      }
      clearInterval(sampler);
      assert.equal(done, 20);
      assert.equal(received(), 20);
      assert.ok(maxSeen <= 5, `up to ${maxSeen} probes in flight with concurrency 5`);
    } finally {
      await Promise.all(rs.map((r) => r.close()));
    }
  });

  test('replies with the wrong msgID or from another port are ignored', async () => {
    const r = await startResponder((id) => [makeReport(id + 1, '800007db0300259e000001')]);
    try {
      const [o] = await all(probeTargets([t('127.0.0.1', r.port)], { timeoutMs: 150, retries: 0 }));
      assert.equal(o!.status, 'timeout');
    } finally {
      await r.close();
    }
  });

  test('a hostile agent (truncated, oversized, wrong-length, deeply nested, indefinite-length BER) cannot crash or hang the prober', async () => {
    const good = (id: number) => makeReport(id, '800007db0300259e000001');
    let nest = encodeTlv(TAG.SEQUENCE, new Uint8Array(0));
    for (let i = 0; i < 5000; i++) nest = encodeTlv(TAG.SEQUENCE, nest);
    const attacks: ((id: number) => Uint8Array)[] = [
      (id) => good(id).subarray(0, 40), // truncated
      (id) => {
        const p = Uint8Array.from(good(id));
        p[1] = 0x7f; // outer length larger than the datagram
        return p;
      },
      () => Uint8Array.of(0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x02, 0x01, 0x03), // 4 GiB length
      () => Uint8Array.of(0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9), // 9 length octets
      () => Uint8Array.of(0x30, 0x80, 0x02, 0x01, 0x03, 0x00, 0x00), // indefinite length
      () => nest, // 5000 levels deep
      () => new Uint8Array(60000).fill(0x30), // big and all tags
      (id) => {
        // engine ID of 40 octets (too long for RFC 3411) and a negative engine time
        const usm = encodeSequence([encodeOctets(new Uint8Array(40).fill(0x81)), encodeInteger(-5), encodeInteger(-1), encodeOctets(''), encodeOctets(''), encodeOctets('')]);
        const header = encodeSequence([encodeInteger(id), encodeInteger(65507), encodeOctets(Uint8Array.of(0)), encodeInteger(3)]);
        return encodeSequence([encodeInteger(3), header, encodeOctets(usm), encodeOctets('encrypted')]);
      },
    ];
    const responders = await Promise.all(attacks.map((f) => startResponder((id) => [f(id)])));
    try {
      const started = Date.now();
      const res = await all(probeTargets(responders.map((r) => t('127.0.0.1', r.port)), { timeoutMs: 300, retries: 1, rate: 1000 }));
      assert.ok(Date.now() - started < 3000, 'bounded time');
      assert.equal(res.length, attacks.length);
      const byPort = new Map(res.map((o) => [o.target.port, o]));
      for (let i = 0; i < attacks.length - 1; i++) {
        const o = byPort.get(responders[i]!.port)!;
        assert.equal(o.status, 'invalid', `attack ${i}: ${o.status}`);
        assert.match(o.error!, /BER decode error/);
        assert.ok(o.rawHex!.length <= 1024);
      }
      // The last one decodes; interpretation flags the bad engine ID instead of trusting it.
      const last = interpretOutcome(byPort.get(responders[attacks.length - 1]!.port)!, ctx);
      assert.equal(last.status, 'reply');
      assert.equal(last.engineIdValid, false);
      assert.match(last.engineIdProblem!, /too long/);
      assert.equal(last.lastReboot, undefined);
      assert.equal(last.vendor ?? null, null);
    } finally {
      await Promise.all(responders.map((r) => r.close()));
    }
  });

  test('IPv6 targets go out on an IPv6 socket', async (tt) => {
    let r;
    try {
      r = await startResponder((id) => [makeReport(id, '80000f3e03001e73000001')], 'udp6');
    } catch (e) {
      if (peerMissing(tt, 'ipv6-loopback', `no udp6 socket on ::1: ${e instanceof Error ? e.message : String(e)}`)) return;
      throw e;
    }
    try {
      const [o] = await all(probeTargets([t('::1', r.port)], { timeoutMs: 500 }));
      const res = interpretOutcome(o!, ctx);
      assert.equal(res.status, 'reply');
      assert.equal(res.vendor, 'zte');
      assert.equal(res.engineBoots, 7);
      assert.equal(res.engineTime, 3600);
    } finally {
      await r.close();
    }
  });
});
