// Helpers for this folder's tests only.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `<repo root>/../shared/data/<sub>`, or a skip message when it is absent. */
export function sharedData(sub: string): { dir: string; skip: false } | { dir: undefined; skip: string } {
  const dir = resolve(repoRoot, '..', 'shared', 'data', sub);
  return existsSync(dir) ? { dir, skip: false } : { dir: undefined, skip: `shared data not found at ${dir}; skipped` };
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { dir: string; write(name: string, content: string | Buffer): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-ingest-'));
  return {
    dir,
    write(name, content) {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
