// A store holding the demo scenario as snapshot `demo`: what many tests run their analyses on.
import { join } from 'node:path';
import { writeDemoScenario } from '../../src/demo/index.js';
import { importFiles, openStore } from '../../src/store/index.js';

/** Writes the demo's files under `dir`, imports them into `dir`/demo.db and returns its path. */
export async function importDemoStore(dir: string): Promise<string> {
  const db = join(dir, 'demo.db');
  const { files } = writeDemoScenario(join(dir, 'demo'));
  const store = openStore(db);
  try {
    await importFiles(store, files, { snapshot: 'demo' });
  } finally {
    await store.close();
  }
  return db;
}
