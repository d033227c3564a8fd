// A store holding the demo scenario as snapshot `demo`: what many tests run their analyses on.
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoScenario } from '../../src/demo/index.js';
import { importFiles, openStore } from '../../src/store/index.js';
import { contentDigest } from './content-digest.js';

const REPO = join(import.meta.dirname, '..', '..');

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

/**
 * `dir`/demo.db, a copy of importDemoStore's store for a test that needs the store, not the demo's
 * files (its evidence names the files of the import that made it). The import is made once per
 * content of src/ and the lockfile, in the temporary directory; a file copy is milliseconds.
 */
export async function copyDemoStore(dir: string): Promise<string> {
  const cached = join(tmpdir(), `cleanpath-demo-store-${contentDigest([join(REPO, 'src'), join(REPO, 'package-lock.json')])}`);
  if (!existsSync(join(cached, 'demo.db'))) {
    const staging = mkdtempSync(join(tmpdir(), 'cleanpath-demo-store-build-'));
    await importDemoStore(staging);
    try {
      renameSync(staging, cached);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another test file made the same meanwhile
    }
  }
  const db = join(dir, 'demo.db');
  cpSync(join(cached, 'demo.db'), db);
  return db;
}
