import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DeviceRecord } from '../model/index.js';
import { openStore } from '../store/index.js';
import { tempDir } from '../store/test-helpers.js';
import { storeResults } from './store.js';

const rec = (id: string): DeviceRecord => ({ id, raw: { sysDescr: 'Huawei Versatile Routing Platform' }, extra: {}, source: { probe: 'snmp-collect', address: '127.0.0.1' } });

test('collected links: to devices of the run or its base they are stored; to any other device nothing is', async (t) => {
  const store = openStore(join(tempDir(t), 'p.db'));
  try {
    await storeResults(store, { devices: [rec('a'), rec('b')], links: [{ a: 'a', b: 'b', metric: 1, extra: {}, source: { probe: 'lldp' } }] }, { label: 'collect 127.0.0.1', format: 'snmp-collect', snapshot: 's1' });
    // A later run that sees only c, with a link back to a from the base: fine.
    await storeResults(store, { devices: [rec('c')], links: [{ a: 'c', b: 'a', metric: 1, extra: {}, source: { probe: 'lldp' } }] }, { label: 'collect 127.0.0.2', format: 'snmp-collect', snapshot: 's2', base: 'latest' });
    assert.equal((await store.links((await store.resolveSnapshot('s2')).id)).length, 2);
    await assert.rejects(
      storeResults(store, { devices: [rec('d')], links: [{ a: 'd', b: 'ghost', metric: 1, extra: {}, source: { probe: 'lldp' } }] }, { label: 'collect 127.0.0.3', format: 'snmp-collect', snapshot: 's3', base: 's2' }),
      /collect 127\.0\.0\.3: link d – ghost names device ghost, which is neither collected nor in the base snapshot/,
    );
    assert.deepEqual((await store.listSnapshots()).map((s) => s.name).sort(), ['s1', 's2']);
  } finally {
    await store.close();
  }
});
