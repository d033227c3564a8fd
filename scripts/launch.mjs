// Runs the compiled CLI, first compiling it when any source file is newer than the last build,
// so `./bin/cleanpath` works straight from a checkout after `npm install`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.build-stamp');
const entry = join(root, 'dist', 'cli', 'main.js');

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(p) : s.mtimeMs);
  }
  return newest;
}

function isStale() {
  if (!existsSync(join(root, 'src'))) return false; // installed package: dist is all there is
  if (!existsSync(stamp) || !existsSync(entry)) return true;
  const built = statSync(stamp).mtimeMs;
  if (newestMtime(join(root, 'src')) > built || statSync(join(root, 'tsconfig.json')).mtimeMs > built) return true;
  // the dashboard's sources: rebuilt into dist/web when any of them is newer, or dist/web is missing
  const web = join(root, 'web');
  if (!existsSync(web)) return false;
  return !existsSync(join(root, 'dist', 'web', 'index.html')) || newestMtime(web) > built;
}

if (isStale()) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
await import(pathToFileURL(entry).href);
