// Compiles src/ to dist/ with tsc and records when, for the staleness check in launch.mjs.
// It compiles into dist.next/ and swaps it in only on success, so a failed build leaves the
// last good dist/ in place.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
} catch {
  console.error('cleanpath: TypeScript is not installed; run `npm install` in the checkout first');
  process.exit(1);
}
const started = Date.now();
const next = join(root, 'dist.next');
const dist = join(root, 'dist');
rmSync(next, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json'), '--outDir', next], { stdio: 'inherit', cwd: root });
if (r.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  console.error('cleanpath: build failed');
  process.exit(r.status ?? 1);
}
writeFileSync(join(next, '.build-stamp'), new Date(started).toISOString() + '\n');
rmSync(dist, { recursive: true, force: true });
renameSync(next, dist);
