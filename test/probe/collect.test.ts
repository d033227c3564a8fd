import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributeDevice, createIdentifyContext } from '../../src/identify/index.js';
import { collectSnmp, collectedToTopology, type Collected } from '../../src/probe/index.js';
import { openStore } from '../../src/store/index.js';
import { peerMissing } from '../support/peer.js';
import { DISGUISES, V3_USER, needsSnmpd, startAgent, type Agent } from './snmpd.js';

const REPO = join(import.meta.dirname, '..', '..');
const ENTRY = join(REPO, 'test', 'probe', 'cli-entry.ts');

/** LLDP-MIB rows the Huawei agent serves through snmpd's `override`. */
export const LLDP_ROWS = [
  'override 1.0.8802.1.1.2.1.3.1.0 integer 4',
  'override 1.0.8802.1.1.2.1.3.2.0 octet_str 0x00259e112233',
  'override 1.0.8802.1.1.2.1.3.3.0 octet_str "emu-huawei"',
  'override 1.0.8802.1.1.2.1.3.7.1.3.5 octet_str "GigabitEthernet0/0/5"',
  'override 1.0.8802.1.1.2.1.3.7.1.3.6 octet_str "GigabitEthernet0/0/6"',
  // neighbour 1 on local port 5: a ZTE router with a management address
  'override 1.0.8802.1.1.2.1.4.1.1.4.0.5.1 integer 4',
  'override 1.0.8802.1.1.2.1.4.1.1.5.0.5.1 octet_str 0x001e73aabbcc',
  'override 1.0.8802.1.1.2.1.4.1.1.6.0.5.1 integer 5',
  'override 1.0.8802.1.1.2.1.4.1.1.7.0.5.1 octet_str "gei-0/1/0/1"',
  'override 1.0.8802.1.1.2.1.4.1.1.9.0.5.1 octet_str "zte-core-1"',
  'override 1.0.8802.1.1.2.1.4.1.1.10.0.5.1 octet_str "ZXR10 M6000-08, ZTE ZXR10 Software Version: M6000v1.00.30(1.0.76)"',
  'override 1.0.8802.1.1.2.1.4.2.1.3.0.5.1.1.4.192.0.2.7 integer 2',
  // neighbour 2 on local port 6: a Cisco switch known only by a locally assigned chassis ID
  'override 1.0.8802.1.1.2.1.4.1.1.4.0.6.2 integer 7',
  'override 1.0.8802.1.1.2.1.4.1.1.5.0.6.2 octet_str "FOC1234X0AB"',
  'override 1.0.8802.1.1.2.1.4.1.1.7.0.6.2 octet_str "Gi1/0/48"',
  'override 1.0.8802.1.1.2.1.4.1.1.9.0.6.2 octet_str "access-sw-3"',
  'override 1.0.8802.1.1.2.1.4.1.1.10.0.6.2 octet_str "Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version 15.2(2)E7, RELEASE SOFTWARE (fc3)"',
];

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('SNMP collection and the probe/collect commands against real snmpd agents', needsSnmpd(), () => {
  let huawei: Agent;
  let zte: Agent;
  const tmp = mkdtempSync(join(tmpdir(), 'cleanpath-collect-'));
  before(async () => {
    huawei = await startAgent({ ...DISGUISES.huawei, extra: LLDP_ROWS });
    zte = await startAgent(DISGUISES.zte);
  });
  after(async () => {
    await huawei?.stop();
    await zte?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  function checkHuawei(c: Collected): void {
    assert.equal(c.ok, true, c.errors.join('; '));
    assert.equal(c.sysName, 'emu-huawei');
    assert.equal(c.sysObjectId, '1.3.6.1.4.1.2011.2.23.306');
    assert.match(c.sysDescr!, /Huawei Versatile Routing Platform/);
    assert.equal(c.engineId, DISGUISES.huawei.engineId);
    assert.equal(c.lldpLocalChassisId, '00:25:9e:11:22:33');
    assert.equal(c.neighbors.length, 2);
    const n1 = c.neighbors.find((n) => n.localPort === 5)!;
    assert.equal(n1.chassisId, '00:1e:73:aa:bb:cc');
    assert.equal(n1.localPortId, 'GigabitEthernet0/0/5');
    assert.equal(n1.portId, 'gei-0/1/0/1');
    assert.deepEqual(n1.managementAddresses, ['192.0.2.7']);
    assert.match(n1.sysDesc!, /ZXR10/);
  }

  test('v2c over IPv4: system group, engine ID, LLDP neighbours → devices and links', async () => {
    const c = await collectSnmp({ address: '127.0.0.1', port: huawei.port, family: 4, spec: '127.0.0.1' }, { version: '2c', community: 'public' }, { timeoutMs: 2000 });
    checkHuawei(c);
    const ctx = createIdentifyContext();
    const topo = collectedToTopology([c]);
    const ids = topo.devices.map((d) => d.id);
    assert.deepEqual(ids, [`127.0.0.1:${huawei.port}`, '192.0.2.7', 'lldp:foc1234x0ab']);
    const [self, zteN, ciscoN] = topo.devices.map((d) => attributeDevice(d, ctx).device);
    assert.equal(self!.vendor, 'huawei');
    assert.deepEqual(new Set(self!.attribution.evidence.map((e) => e.kind)), new Set(['sysobjectid', 'engineid', 'sysdescr', 'oui']));
    assert.equal(self!.source.probe, 'snmp-collect v2c');
    assert.equal(zteN!.vendor, 'zte');
    assert.equal(zteN!.name, 'zte-core-1');
    assert.ok(zteN!.attribution.evidence.some((e) => e.kind === 'lldp' && e.vendor === 'zte'));
    assert.equal(ciscoN!.vendor, 'cisco');
    assert.equal(topo.links.length, 2);
    assert.deepEqual(topo.links.map((l) => [l.a, l.b, l.extra['a_port'], l.extra['b_port']]), [
      [`127.0.0.1:${huawei.port}`, '192.0.2.7', 'GigabitEthernet0/0/5', 'gei-0/1/0/1'],
      [`127.0.0.1:${huawei.port}`, 'lldp:foc1234x0ab', 'GigabitEthernet0/0/6', 'Gi1/0/48'],
    ]);
  });

  test('v3 authPriv over IPv6', async (tt) => {
    if (peerMissing(tt, 'ipv6-loopback', huawei.v6 || 'snmpd could not listen on ::1')) return;
    const c = await collectSnmp(
      { address: '::1', port: huawei.port, family: 6, spec: '::1' },
      { version: '3', user: V3_USER.name, level: 'authPriv', authProtocol: 'sha', authKey: V3_USER.auth, privProtocol: 'aes', privKey: V3_USER.priv },
      { timeoutMs: 2000 },
    );
    checkHuawei(c);
    assert.equal(c.version, '3');
  });

  test('wrong v3 credentials and a silent agent are reported, not thrown', async () => {
    const bad = await collectSnmp({ address: '127.0.0.1', port: zte.port, family: 4, spec: 'x' }, { version: '3', user: 'nobody', level: 'authPriv', authKey: 'wrongwrong1', privKey: 'wrongwrong2' }, { timeoutMs: 500, retries: 0 });
    assert.equal(bad.ok, false);
    assert.ok(bad.errors.length > 0);
    const silent = await collectSnmp({ address: '127.0.0.1', port: 9, family: 4, spec: 'x' }, { version: '2c', community: 'public' }, { timeoutMs: 300, retries: 0 });
    assert.equal(silent.ok, false);
  });

  test('cleanpath probe snmp --json and --import', async () => {
    const db = join(tmp, 'probe.db');
    const r = cli(['probe', 'snmp', `127.0.0.1:${huawei.port}`, `[::1]:${zte.port}`, `127.0.0.1:9`, '--timeout', '500', '--retries', '0', '--json', '--import', '--db', db, '--snapshot', 'disc-1']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { address: string; status: string; engineId?: string; vendor?: string; enterprise?: number; macVendor?: string; lastReboot?: string }[];
    const hw = out.find((o) => o.address === '127.0.0.1' && o.status === 'reply')!;
    assert.equal(hw.engineId, DISGUISES.huawei.engineId);
    assert.equal(hw.vendor, 'huawei');
    assert.equal(hw.enterprise, 2011);
    assert.ok(hw.lastReboot);
    if (zte.v6) assert.equal(out.find((o) => o.address === '::1')!.vendor, 'zte');
    assert.equal(out.find((o) => o.address === '127.0.0.1' && o.status !== 'reply')!.status, 'timeout');
    assert.match(r.stderr, /snapshot disc-1: \d devices/);
    const store = openStore(db, { readonly: true });
    try {
      const snap = await store.resolveSnapshot('disc-1');
      const devices = await store.devices(snap.id);
      const d = devices.find((x) => x.id === `127.0.0.1:${huawei.port}`)!;
      assert.equal(d.vendor, 'huawei');
      assert.equal(d.raw.engineId, DISGUISES.huawei.engineId);
      assert.equal(d.source.probe, 'snmpv3-discovery');
      assert.equal(d.source.address, `127.0.0.1:${huawei.port}`);
      assert.ok(d.source.time);
      assert.ok(d.attribution.evidence.every((e) => e.kind === 'engineid' && e.source.probe === 'snmpv3-discovery'));
      assert.equal(devices.length, zte.v6 ? 2 : 1);
    } finally {
      await store.close();
    }
  });

  test('cleanpath probe snmp refuses bad targets and never probes a default range', () => {
    const none = cli(['probe', 'snmp']);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no targets given/);
    const bad = cli(['probe', 'snmp', '10.0.0.0/33']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /prefix length 33/);
    const big = cli(['probe', 'snmp', '10.0.0.0/8']);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /more than --max-targets/);
  });

  test('cleanpath collect snmp (v2c and v3) --import writes devices and LLDP links', async () => {
    const db = join(tmp, 'collect.db');
    const r = cli(['collect', 'snmp', `127.0.0.1:${huawei.port}`, `127.0.0.1:${zte.port}`, '-c', 'public', '--import', '--db', db, '--snapshot', 'lldp-1']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2 of 2 targets answered; 4 devices, 2 links/);
    const r3 = cli(['collect', 'snmp', '-v', '3', '-u', V3_USER.name, '-A', V3_USER.auth, '-X', V3_USER.priv, `127.0.0.1:${zte.port}`, '--json']);
    assert.equal(r3.code, 0, r3.stderr);
    const j = JSON.parse(r3.stdout) as { devices: { id: string; vendor: string }[] };
    assert.equal(j.devices[0]!.vendor, 'zte');
    const store = openStore(db, { readonly: true });
    try {
      const snap = await store.resolveSnapshot('lldp-1');
      const byId = new Map((await store.devices(snap.id)).map((d) => [d.id, d]));
      assert.equal(byId.get(`127.0.0.1:${huawei.port}`)!.vendor, 'huawei');
      assert.equal(byId.get(`127.0.0.1:${zte.port}`)!.vendor, 'zte');
      assert.equal(byId.get('192.0.2.7')!.vendor, 'zte');
      assert.equal((await store.links(snap.id)).length, 2);
    } finally {
      await store.close();
    }
  });
});
