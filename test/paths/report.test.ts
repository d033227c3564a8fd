// The report's measured-paths section: present only when the store holds measurements, hops
// identified from the snapshot, hostile strings escaped, located paths drawn on the map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storeResults } from '../../src/probe/store.js';
import { openStore } from '../../src/store/index.js';
import { importPaths } from '../../src/paths/index.js';
import { buildReportModel } from '../../src/report/model.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { writeMmdb } from './mmdb-writer.js';

test('report: measured paths section with the ZTE hop, escaped, on the map; absent without measurements', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-report-'));
  const db = join(dir, 'r.db');
  const store = openStore(db);
  try {
    await storeResults(
      store,
      {
        devices: [
          { id: '80.81.192.10', raw: { engineId: '80000f3e03001e73445566' }, extra: { address: '80.81.192.10', engine_boots: '1', engine_time: '10', last_reboot: '2025-12-01T00:00:00.000Z' }, source: { probe: 'snmpv3-discovery', address: '80.81.192.10', time: '2025-12-01T00:00:10.000Z' } },
        ],
      },
      { label: 'probe', format: 'snmpv3-discovery', snapshot: 'hops' },
    );
  } finally {
    await store.close();
  }
  const plain = await buildReportModel({ db, asOf: '2026-01-01', untrusted: ['huawei', 'zte'], noPlan: true, generatedAt: '2026-01-01T00:00:00Z' });
  assert.equal(plain.paths, undefined);
  assert.ok(!renderHtml(plain).includes('id="paths"'));

  const city = join(dir, 'city.mmdb');
  writeFileSync(city, writeMmdb('GeoLite2-City', [
    ['198.51.100.0/24', { country: { iso_code: 'US' }, location: { latitude: { double: 49.44 }, longitude: { double: 7.6 } } }],
    ['80.81.192.0/22', { country: { iso_code: 'DE' }, location: { latitude: { double: 50.11 }, longitude: { double: 8.68 } } }],
    ['203.0.113.0/24', { country: { iso_code: 'IT' }, location: { latitude: { double: 46.03 }, longitude: { double: 12.6 } } }],
  ]));
  const atlas = join(dir, 'atlas.ndjson');
  const result = (t: number, hop2: string) =>
    JSON.stringify({ type: 'traceroute', af: 4, prb_id: 6001, msm_id: 5001, timestamp: t, dst_addr: '203.0.113.80', dst_name: '<img src=x onerror=alert(1)>', result: [
      { hop: 1, result: [{ from: '198.51.100.1', rtt: 1 }] },
      { hop: 2, result: [{ from: hop2, rtt: 9 }] },
      { hop: 3, result: [{ from: '203.0.113.80', rtt: 20 }] },
    ] });
  writeFileSync(atlas, [result(1764547200, '80.81.192.10'), result(1764633600, '80.81.192.10'), result(1764720000, '80.81.192.11')].join('\n') + '\n');
  const s = await importPaths([atlas], { db, mmdbFiles: [city], site: 'ramstein <b>' });
  assert.equal(s.measurements, 3);

  const m = await buildReportModel({ db, asOf: '2026-01-01', untrusted: ['huawei', 'zte'], noPlan: true, generatedAt: '2026-01-01T00:00:00Z' });
  const p = m.paths!;
  assert.deepEqual([p.measurements, p.exposed], [3, 2]);
  assert.deepEqual(p.routers.map((r) => [r.router, r.vendor, r.ttlMin]), [['80.81.192.10', 'zte', 2]]);
  assert.deepEqual(p.lines.map((l) => [l.exposed, l.count, l.points.length]).sort(), [[false, 1, 3], [true, 2, 3]]);
  const html = renderHtml(m);
  assert.ok(html.includes('id="paths"'));
  assert.ok(!html.includes('<img src=x'), 'destination name escaped');
  assert.ok(!html.includes('ramstein <b>'), 'site escaped');
  assert.match(html, /ramstein &lt;b&gt;/);
  assert.match(html, /<g class="measured-paths"[^>]*>\s*<path d="M[^"]+" stroke="#c62828"/);
  const md = renderMarkdown(m);
  assert.match(md, /## Measured paths/);
  assert.match(md, /#2 80\.81\.192\.10 vendor zte x2/);
});
