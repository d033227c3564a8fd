// Helpers for this folder's tests only.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { peer, type PeerOptions } from '../test-support/peer.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `<repo root>/../shared/data/<sub>`, and the options of a test that needs it (peer 'shared-data'). */
export function sharedData(sub: string): { dir: string; needs: PeerOptions } {
  const dir = resolve(repoRoot, '..', 'shared', 'data', sub);
  return { dir, needs: peer('shared-data', existsSync(dir) || `${dir} not found`) };
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
