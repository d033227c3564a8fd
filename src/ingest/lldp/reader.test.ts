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

test('lldpcli -f json: neighbours become attributed devices and links from the host named by the file', async () => {
  const b = await readImport(join(FIX, 'edge-router-1.lldp.json'));
  assert.equal(b.format, 'lldp-json');
  assert.deepEqual(b.devices.map((d) => d.id), ['192.0.2.1', '192.0.2.2']);
  const [hw, zte] = b.devices.map((d) => attributeDevice(d, ctx).device);
  assert.equal(hw!.name, 'core-sw-1');
  assert.equal(hw!.vendor, 'huawei');
  assert.ok(hw!.attribution.evidence.some((e) => e.kind === 'lldp' && e.vendor === 'huawei'));
  assert.ok(hw!.attribution.evidence.some((e) => e.kind === 'oui' && e.vendor === 'huawei'));
  assert.equal(hw!.extra['capabilities'], 'Bridge Router');
  assert.equal(zte!.vendor, 'zte');
  assert.equal(zte!.extra['management_addresses'], '192.0.2.2 2001:db8::2');
  assert.equal(hw!.source.line, 10);
  assert.deepEqual(b.links.map((l) => [l.a, l.b, l.extra['a_port'], l.extra['b_port']]), [
    ['edge-router-1', '192.0.2.1', 'eth0', 'GigabitEthernet0/0/1'],
    ['edge-router-1', '192.0.2.2', 'eth1', 'gei-0/1/0/3'],
  ]);
});

test('lldpcli -f json0 (every value a list) reads the same way', async () => {
  const b = await readImport(join(FIX, 'host-a.lldp.json0'));
  assert.equal(b.format, 'lldp-json');
  assert.equal(b.devices.length, 1);
  const d = attributeDevice(b.devices[0]!, ctx).device;
  assert.equal(d.id, 'lldp:00:00:0c:cc:00:03');
  assert.equal(d.name, 'access-sw-3');
  assert.equal(d.vendor, 'cisco');
  assert.deepEqual([b.links[0]!.a, b.links[0]!.b, b.links[0]!.extra['b_port']], ['host-a', 'lldp:00:00:0c:cc:00:03', 'Gi1/0/12']);
});

test('broken or hostile lldpcli JSON fails with file:line', async () => {
  const cases: [string, RegExp][] = [
    ['{"lldp": {"interface": {"eth0": {"chassis": {"x": {"id": {"type":"mac","value":"00:11:22:33:44:55"}}}}}', /invalid JSON/],
    ['{"lldp": 5}', /"lldp" must be an object/],
    [`{"lldp": ${'['.repeat(400)}${']'.repeat(400)}}`, /too deep|nest/i],
  ];
  for (const [i, [text, re]] of cases.entries()) {
    const f = tmp.write(`bad${i}.json`, text);
    await assert.rejects(readImport(f), (e: unknown) => e instanceof InputError && re.test(e.message) && e.message.startsWith(`${f}:`), text.slice(0, 40));
  }
  const empty = await readImport(tmp.write('empty.json', '{"lldp": {}}'));
  assert.equal(empty.devices.length, 0);
  const anon = await readImport(tmp.write('anon.json', '{"lldp": {"interface": {"eth9": {"chassis": {}, "port": {}}}}}'));
  assert.equal(anon.devices.length, 0);
  assert.equal(anon.warnings.length, 1);
  assert.match(anon.warnings[0]!.message, /no neighbour chassis/);
});
