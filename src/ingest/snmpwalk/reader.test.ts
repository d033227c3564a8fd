import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { attributeDevice, createIdentifyContext } from '../../identify/index.js';
import { InputError } from '../../model/index.js';
import { readImport } from '../index.js';
import { tempDir } from '../test-support.js';

const FIX = join(import.meta.dirname, '..', '..', '..', 'test', 'probe', 'fixtures');
const tmp = tempDir();
after(() => tmp.cleanup());
const ctx = createIdentifyContext();

// Both fixtures were captured with snmpwalk 5.9.3 from snmpd dressed as a Huawei S6720 with
// LLDP-MIB rows (see test/probe/collect.test.ts): -On numeric OIDs, and MIBS= (iso.3.6...).
for (const name of ['huawei-numeric.snmpwalk', 'huawei-iso.snmpwalk']) {
  test(`real snmpwalk output (${name}): the walked device, its LLDP neighbours and links`, async () => {
    const b = await readImport(join(FIX, name));
    assert.equal(b.format, 'snmpwalk');
    assert.deepEqual(b.devices.map((d) => d.id), ['emu-huawei', '192.0.2.7', 'lldp:foc1234x0ab']);
    const [self, zte, cisco] = b.devices.map((d) => attributeDevice(d, ctx).device);
    assert.equal(self!.vendor, 'huawei');
    assert.equal(self!.raw.sysObjectId, '1.3.6.1.4.1.2011.2.23.306');
    assert.equal(self!.raw.mac, '00:25:9e:11:22:33');
    assert.equal(self!.source.line, 1);
    if (name.includes('numeric')) assert.equal(self!.raw.engineId, '800007db0300259e112233');
    assert.equal(zte!.vendor, 'zte');
    assert.equal(zte!.name, 'zte-core-1');
    assert.equal(cisco!.vendor, 'cisco');
    assert.deepEqual(b.links.map((l) => [l.a, l.b, l.extra['a_port'], l.extra['b_port']]), [
      ['emu-huawei', '192.0.2.7', 'GigabitEthernet0/0/5', 'gei-0/1/0/1'],
      ['emu-huawei', 'lldp:foc1234x0ab', 'GigabitEthernet0/0/6', 'Gi1/0/48'],
    ]);
    assert.ok(b.links.every((l) => (l.source.line ?? 0) > 1));
  });
}

test('MIB-named OIDs, multi-line STRINGs, wrapped Hex-STRINGs; a file named by address keys the device', async () => {
  const text = [
    'SNMPv2-MIB::sysDescr.0 = STRING: "ZXR10 ROS Version V4.8.11.01 ZXR10 T64G Software, Version 1',
    'Copyright (c) 2001-2009 by ZTE Corporation',
    'Compiled Jan 1 2009"',
    'SNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.3902.1015.320.1.2',
    'SNMPv2-MIB::sysName.0 = STRING: olt-7',
    'SNMP-FRAMEWORK-MIB::snmpEngineID.0 = Hex-STRING: 80 00 0F 3E 03 00 1E 73 ',
    '11 22 33 ',
    'IF-MIB::ifPhysAddress.1 = STRING: ',
    'IF-MIB::ifPhysAddress.2 = STRING: 0:1e:73:11:22:33',
    'IF-MIB::ifDescr.3 = No Such Instance currently exists at this OID',
    '',
  ].join('\n');
  const b = await readImport(tmp.write('198.51.100.7.walk', text));
  const d = attributeDevice(b.devices[0]!, ctx).device;
  assert.equal(d.id, '198.51.100.7');
  assert.equal(d.name, 'olt-7');
  assert.match(d.raw.sysDescr!, /\nCompiled Jan 1 2009$/);
  assert.equal(d.raw.sysObjectId, '1.3.6.1.4.1.3902.1015.320.1.2');
  assert.equal(d.raw.engineId, '80000f3e03001e73112233');
  assert.equal(d.raw.mac, '00:1e:73:11:22:33');
  assert.equal(d.vendor, 'zte');
  assert.deepEqual(new Set(d.attribution.evidence.map((e) => e.kind)), new Set(['sysobjectid', 'engineid', 'sysdescr', 'oui']));
  assert.equal(b.warnings.length, 1);
  assert.equal(b.warnings[0]!.line, 10);
});

test('broken or hostile snmpwalk text fails with file:line', async () => {
  const cases: [string, string, RegExp, number][] = [
    ['.1.3.6.1.2.1.1.1.0 = STRING: "unterminated\nmore\n', 'a.walk', /unterminated quoted STRING/, 1],
    ['.1.3.6.1.2.1.1.5.0 = STRING: x\n' + 'x'.repeat(70_000) + '\n', 'b.walk', /runs over more than/, 1],
    ['.1.3.6.1.2.1.1.5.0 = STRING: x\n' + 'y\n'.repeat(2500), 'c.walk', /runs over more than/, 1],
  ];
  for (const [text, name, re, line] of cases) {
    const f = tmp.write(name, text);
    await assert.rejects(readImport(f), (e: unknown) => e instanceof InputError && re.test(e.message) && e.line === line, name);
  }
  const f = tmp.write('d.walk', 'garbage first line\n.1.3.6.1.2.1.1.5.0 = STRING: x\n');
  await assert.rejects(readImport(f, { format: 'snmpwalk' }), (e: unknown) => e instanceof InputError && e.line === 1);
});
