import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceRecord, InputError } from '../../model/index.js';
import { readImport } from '../index.js';
import { tempDir } from '../test-support.js';

const tmp = tempDir();
after(() => tmp.cleanup());

test('an array of devices, with line numbers, numbers as numbers, unknown keys in extra', async () => {
  const file = tmp.write('inv.json', '[\n  {"id": "r1", "vendor": "Huawei", "lat": 52.5, "lon": 13.4, "MAC": "00e0.fc12.3456", "rack": {"row": 3}},\n  {\n    "id": "r2", "layer": "tower", "country": "it"\n  }\n]\n');
  const b = await readImport(file);
  assert.equal(b.format, 'inventory-json');
  assert.deepEqual(b.devices[0], {
    id: 'r1', lat: 52.5, lon: 13.4, raw: { declaredVendor: 'Huawei', mac: '00e0.fc12.3456' }, extra: { rack: '{"row":3}' },
    source: { file, line: 2 },
  });
  assert.deepEqual(b.devices[1], { id: 'r2', country: 'IT', raw: {}, extra: {}, source: { file, line: 3 } });
  assert.deepEqual(b.warnings.map((w) => [w.line, w.message.slice(0, 21)]), [[3, "unknown layer 'tower'"]]);
  for (const d of b.devices) DeviceRecord.parse(d);
});

test('{devices, links, flows}', async () => {
  const file = tmp.write('net.json', JSON.stringify({ devices: [{ id: 'a' }, { id: 'b' }], links: [{ a: 'a', b: 'b', metric: 5 }], flows: [{ id: 'f', src: 'a', dst: 'b', volume: 3 }] }, null, 2));
  const b = await readImport(file);
  assert.equal(b.devices.length, 2);
  assert.equal(b.links[0]?.metric, 5);
  assert.equal(b.flows[0]?.volume, 3);
  assert.equal(b.flows[0]?.class, 'sensitive');
});

test('bad input: duplicate id, missing id, bad metric, truncated JSON, all with file:line', async () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['dup.json', '[\n{"id":"x"},\n{"id":"y"},\n{"id":"x"}\n]', 4, /duplicate device id 'x' \(first on line 2\)/],
    ['noid.json', '[\n{"name":"x"}\n]', 2, /device id is missing or empty/],
    ['metric.json', '{"devices":[],\n"links":[\n{"a":"x","b":"y","metric":1.5}]}', 3, /link metric must be a positive integer, got '1\.5'/],
    ['trunc.json', '[\n{"id":"x"},\n{"id":', 3, /invalid JSON: unexpected end of file/],
  ];
  for (const [name, text, line, re] of cases) {
    const file = tmp.write(name, text);
    await assert.rejects(readImport(file), (e: unknown) => e instanceof InputError && e.line === line && re.test(e.message) && e.message.startsWith(`${file}:${line}: `));
  }
});
