// Compiles src/ to dist/ with tsc, bundles the dashboard (web/) into dist/web/ with Vite, and
// records when, for the staleness check in launch.mjs. Both go into dist.next/, swapped in only
// when both succeed, so a failed build leaves the last good dist/ in place.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
const web = join(root, 'web');
if (existsSync(join(web, 'vite.config.ts'))) {
  try {
    const { build } = await import('vite');
    await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(next, 'web'), emptyOutDir: true } });
  } catch (e) {
    rmSync(next, { recursive: true, force: true });
    console.error(`cleanpath: dashboard build failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
writeFileSync(join(next, '.build-stamp'), new Date(started).toISOString() + '\n');
rmSync(dist, { recursive: true, force: true });
renameSync(next, dist);
