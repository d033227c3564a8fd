// Uploads whose import never ended (the server killed mid-import) are removed at start-up (issue
// 16 point 9). An upload directory carries the PENDING marker from the moment it is made until
// its import commits; one still marked at start-up is kept only if a snapshot records its file
// (a kill between the commit and the marker's removal), otherwise it goes. Directories without
// the marker are committed evidence and never touched.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Store } from '../../store/index.js';

/** Marker file of an upload not yet committed; upload names never start with a dot (safeFileName). */
export const PENDING = '.pending';

/** Removes the uncommitted uploads under `root` (`root/ORGANISATION/UPLOAD/{file, PENDING}`); how many. */
export async function sweepUploads(root: string, store: Store): Promise<number> {
  let removed = 0;
  for (const org of await subdirectories(root)) {
    let recorded: Set<string> | undefined;
    for (const upload of await subdirectories(join(root, org))) {
      const dir = join(root, org, upload);
      const entries = await readdir(dir);
      if (!entries.includes(PENDING)) continue;
      recorded ??= await recordedFiles(store, org);
      const files = entries.filter((e) => e !== PENDING).map((e) => join(dir, e));
      if (files.length > 0 && files.every((f) => recorded!.has(f))) {
        await rm(join(dir, PENDING), { force: true });
        continue;
      }
      await rm(dir, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return [];
    throw e;
  }
}

/** Every file the organisation's snapshots were imported from (an unknown organisation has none). */
async function recordedFiles(store: Store, organisation: string): Promise<Set<string>> {
  const files = new Set<string>();
  for (const s of await store.listSnapshots(organisation)) {
    for (const rec of await store.imports(s.id)) files.add(rec.file);
  }
  return files;
}
