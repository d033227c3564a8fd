import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/index.js';
import { DeviceRecord, Flow, Link } from '../../model/index.js';
import { openImport, readImport } from '../index.js';
import { tempDir } from '../test-support.js';
import { CsvTokenizer } from './tokenizer.js';

const tmp = tempDir();
after(() => tmp.cleanup());

function rejects(p: Promise<unknown>, line: number | undefined, pattern: RegExp) {
  return assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.equal(e.line, line);
    assert.match(e.message, pattern);
    return true;
  });
}

test('benchmark plain files read as inventory, links and flows', async () => {
  const nodes = tmp.write('nodes.csv', 'id,vendor\nn0,cisco\nn1,huawei\n');
  const links = tmp.write('links.csv', 'a,b,metric\nn0,n1,90\nn1,n0,\n');
  const flows = tmp.write('flows.csv', 'id,src,dst\nf0,n1,n0\n');
  const inv = await readImport(nodes);
  assert.equal(inv.format, 'inventory-csv');
  assert.deepEqual(inv.devices[1], { id: 'n1', raw: { declaredVendor: 'huawei' }, extra: {}, source: { file: nodes, line: 3 } });
  const l = await readImport(links);
  assert.equal(l.format, 'links-csv');
  assert.deepEqual(l.links.map((x) => [x.a, x.b, x.metric]), [['n0', 'n1', 90], ['n1', 'n0', 1]]);
  const f = await readImport(flows);
  assert.equal(f.format, 'flows-csv');
  assert.deepEqual(f.flows[0], { id: 'f0', src: 'n1', dst: 'n0', class: 'sensitive', volume: 1, extra: {}, source: { file: flows, line: 2 } });
  for (const d of inv.devices) DeviceRecord.parse(d);
  for (const x of l.links) Link.parse(x);
  for (const x of f.flows) Flow.parse(x);
});

test('inventory: every DESIGN column, case-insensitive header, BOM, raw identifiers verbatim, unknown columns in extra', async () => {
  const file = tmp.write(
    'inv.csv',
    '\uFEFFID,Name,Vendor,model,role,LAYER,technology,site,country,operator,network,installed,cost,lat,lon,mac,sys_object_id,sys_descr,engine_id,imei,serial,Rack\n' +
      'r1, Core 1 ,Huawei Technologies,NE40E,pe,Core,5G,FRA1,de,DTAG,Commercial,2019-03-01,125000,50.1,8.6, 00-E0-FC-12-34-56 ,1.3.6.1.4.1.2011.2.62,"Huawei VRP, Version 8",0x800007DB03001122334455,35290611,HWTC1234,R12\n',
  );
  const b = await readImport(file);
  assert.deepEqual(b.warnings, []);
  const d = b.devices[0];
  assert.deepEqual(d, {
    id: 'r1', name: 'Core 1', model: 'NE40E', role: 'pe', layer: 'core', technology: '5g', site: 'FRA1', country: 'DE',
    operator: 'DTAG', network: 'commercial', installed: '2019-03-01', cost: 125000, lat: 50.1, lon: 8.6,
    raw: {
      declaredVendor: 'Huawei Technologies', mac: ' 00-E0-FC-12-34-56 ', sysObjectId: '1.3.6.1.4.1.2011.2.62',
      sysDescr: 'Huawei VRP, Version 8', engineId: '0x800007DB03001122334455', imei: '35290611', serial: 'HWTC1234',
    },
    extra: { Rack: 'R12' },
    source: { file, line: 2 },
  });
  DeviceRecord.parse(d);
});

test('bad values in a good inventory are warnings naming file:line; the device is kept without them', async () => {
  const file = tmp.write(
    'warn.csv',
    'id,vendor,lat,lon,layer,technology,network,country,installed,cost\n' +
      'ok,zte,1,2,ran,4g,military,JP,2020-01-31,5\n' +
      'bad,zte,north,200,kitchen,6g,secret,Atlantis,2023-02-30,-3\n',
  );
  const b = await readImport(file);
  assert.equal(b.devices.length, 2);
  const bad = b.devices[1];
  // A country that is none stays in extra, to be fixed, rather than vanishing.
  assert.deepEqual(bad, { id: 'bad', raw: { declaredVendor: 'zte' }, extra: { country: 'Atlantis' }, source: { file, line: 3 } });
  DeviceRecord.parse(bad);
  assert.equal(b.warnings.length, 8);
  for (const w of b.warnings) assert.equal(w.file, file), assert.equal(w.line, 3);
  const text = b.warnings.map((w) => w.message).join('\n');
  for (const what of ["lat 'north'", "lon '200'", "layer 'kitchen'", "technology '6g'", "network 'secret'", "unknown country 'Atlantis'", "installed date '2023-02-30'", "cost '-3'"]) {
    assert.ok(text.includes(what), `warning about ${what}`);
  }
});

test('missing required column, duplicate id, bad metric, wrong width: InputError with file:line', async () => {
  await rejects(readImport(tmp.write('nocol.csv', 'name,vendor\nx,huawei\n')), 1, /nocol\.csv:1: missing required column 'id'/);
  await rejects(readImport(tmp.write('nolink.csv', 'a,metric\nx,1\n')), 1, /missing required column 'b'/);
  await rejects(
    readImport(tmp.write('dup.csv', 'id,vendor\nx,a\ny,b\n"multi\nline",c\nx,d\n')),
    6,
    /dup\.csv:6: duplicate device id 'x' \(first on line 2\)/,
  );
  await rejects(readImport(tmp.write('metric.csv', 'a,b,metric\nx,y,2\nx,z,1.5\n')), 3, /metric\.csv:3: link metric must be a positive integer, got '1\.5'/);
  await rejects(readImport(tmp.write('zero.csv', 'a,b,metric\nx,y,0\n')), 2, /positive integer, got '0'/);
  await rejects(readImport(tmp.write('wide.csv', 'id,vendor\nx,a,extra\n')), 2, /row has 3 fields but the header has 2/);
  await rejects(readImport(tmp.write('class.csv', 'id,src,dst,class\nf,a,b,secret\n')), 2, /flow class must be one of sensitive, normal/);
  await rejects(readImport(tmp.write('flowdup.csv', 'id,src,dst\nf,a,b\nf,b,a\n')), 3, /duplicate flow id 'f' \(first on line 2\)/);
  await rejects(readImport(tmp.write('quote.csv', 'id,vendor\nx,"huawei\ny,zte\n')), 2, /quote\.csv:2: unterminated quoted field/);
  await rejects(readImport(tmp.write('empty.csv', '')), undefined, /unknown format/);
  await rejects(readImport(tmp.write('blank.csv', '\n\n'), { format: 'inventory-csv' }), 1, /empty file/);
});

test('flows: class, volume and latency bound; links: latency, capacity, operator', async () => {
  const f = await readImport(tmp.write('fl.csv', 'id,src,dst,class,volume,latency_bound,tag\nf1,a,b,Normal,2.5,30,x\n'));
  assert.deepEqual({ ...f.flows[0], source: undefined }, { id: 'f1', src: 'a', dst: 'b', class: 'normal', volume: 2.5, latencyBound: 30, extra: { tag: 'x' }, source: undefined });
  const l = await readImport(tmp.write('ln.csv', 'a,b,metric,latency,capacity,operator\nx,y,3,1.5,10000000000,TIM\n'));
  assert.deepEqual({ ...l.links[0], source: undefined }, { a: 'x', b: 'y', metric: 3, latency: 1.5, capacity: 1e10, operator: 'TIM', extra: {}, source: undefined });
});

test('a large inventory streams in batches with correct line numbers', async () => {
  const rows = 250_000;
  const parts = ['id,vendor,layer,lat,lon,mac\n'];
  for (let i = 0; i < rows; i++) parts.push(`n${i},${i % 10 === 0 ? 'huawei' : 'cisco'},core,${(i % 180) - 89.5},${(i % 360) - 179.5},00:e0:fc:00:${(i >> 8) & 255}:${i & 255}\n`);
  const text = parts.join('');
  const file = tmp.write('large.csv', text);
  const reader = await openImport(file, { batchSize: 10_000 });
  assert.equal(reader.format, 'inventory-csv');
  let total = 0;
  let batches = 0;
  let maxBatch = 0;
  const started = process.hrtime.bigint();
  for await (const b of reader.batches()) {
    batches++;
    maxBatch = Math.max(maxBatch, b.devices.length);
    for (const d of b.devices) {
      if (d.source.line !== total + 2) assert.fail(`device ${d.id} on line ${d.source.line}, expected ${total + 2}`);
      total++;
    }
    assert.deepEqual(b.warnings, []);
  }
  const importSec = Number(process.hrtime.bigint() - started) / 1e9;
  assert.equal(total, rows);
  assert.equal(batches, 25);
  assert.equal(maxBatch, 10_000);

  // Tokenizer alone, on the same text in 256 KiB chunks as the file reader feeds it.
  let n = 0;
  const t0 = process.hrtime.bigint();
  const tok = new CsvTokenizer('mem.csv', () => n++);
  for (let i = 0; i < text.length; i += 262_144) tok.push(text.slice(i, i + 262_144));
  tok.end();
  const parseSec = Number(process.hrtime.bigint() - t0) / 1e9;
  assert.equal(n, rows + 1);
  console.log(
    `csv speed: tokenizer ${Math.round(rows / parseSec).toLocaleString('en')} rows/s ` +
      `(${(text.length / 1e6 / parseSec).toFixed(0)} MB/s); full import to DeviceRecord batches ` +
      `${Math.round(rows / importSec).toLocaleString('en')} rows/s, ${rows} rows`,
  );
});
