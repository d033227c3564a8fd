// `serve --catalog FILE`: every API analysis applies the overlay, also in the analysis worker
// threads (they inherit the choice), and the findings name the overlaid catalog version.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { stringify } from 'yaml';
import { CATALOG_ENV } from '../../src/analyses/catalog-source.js';
import { shippedRuleCatalog } from '../../src/policy/index.js';
import { startServer } from '../../src/server/index.js';
import { importFiles, openStore, openTokenStore } from '../../src/store/index.js';

const INVENTORY = 'id,name,vendor,layer,technology,country,operator,network,installed\nhw,Munich core,Huawei,core,5g,DE,Op,commercial,2020-01-01\n';
const dir = mkdtempSync(join(tmpdir(), 'cleanpath-catalog-serve-'));
after(() => {
  delete process.env[CATALOG_ENV];
  rmSync(dir, { recursive: true, force: true });
});

test('serve --catalog: API findings in a worker thread apply the overlay and name it', async () => {
  const db = join(dir, 's.db');
  const inv = join(dir, 'inventory.csv');
  writeFileSync(inv, INVENTORY);
  const rule = shippedRuleCatalog().rules.find((r) => r.id === 'de-2024-5g-core')!;
  const overlay = join(dir, 'ours.yaml');
  writeFileSync(overlay, stringify({ version: 1, overlay: true, rules: [{ ...rule, removeBy: '2026-03-31' }] }));
  const ts = openTokenStore(db);
  const { token } = await ts.createToken({ organisation: 'default', role: 'analyst', label: 't' });
  await ts.close();
  const store = openStore(db);
  await importFiles(store, [inv], { snapshot: 's1', organisation: 'default' });
  await store.close();
  const { app, url } = await startServer({ db, host: '127.0.0.1', port: 0, webDir: false, analysisWorkers: 1, catalog: overlay });
  try {
    const r = await fetch(`${url}/api/snapshots/s1/findings?asOf=2026-06-01&policy=de-2024-5g-core`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 200, await r.clone().text());
    const doc = (await r.json()) as { catalogVersion: string; findings: { device: string; status: string; deadline: string }[] };
    assert.match(doc.catalogVersion, /\+overlay ours\.yaml [0-9a-f]{12}$/);
    assert.deepEqual(doc.findings.map((f) => [f.device, f.status, f.deadline]), [['hw', 'overdue', '2026-03-31']]);
  } finally {
    await app.close();
  }
});
