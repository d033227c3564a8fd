// A digest of what a cached test fixture is made from: a cache keyed by it is rebuilt as soon as
// any of those files changes, and never serves a fixture made from other sources.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** sha256 (16 hex digits) over the names and bytes of `paths`, directories walked in name order. */
export function contentDigest(paths: string[]): string {
  const hash = createHash('sha256');
  const add = (path: string): void => {
    if (!statSync(path).isDirectory()) {
      hash.update(`${path}\0`).update(readFileSync(path));
      return;
    }
    for (const name of readdirSync(path).sort()) add(join(path, name));
  };
  for (const p of paths) add(p);
  return hash.digest('hex').slice(0, 16);
}
