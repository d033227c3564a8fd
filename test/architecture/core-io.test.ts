// The analytic core (identify, graph, plan, policy) is pure functions over plain data
// (DESIGN section 2): files are read at the edges, by ingest readers, and handed in. This walks
// the core's sources and fails on any import of node's file system module, and on any value
// import of the plain-file readers (src/ingest/plain), which would read a file by proxy.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CORE = ['src/identify', 'src/graph', 'src/plan', 'src/policy'];

/**
 * The only exceptions, each with its reason. parallel.ts is worker-thread plumbing: it checks
 * whether the compiled worker (.js) exists beside it, else starts the TypeScript one through tsx;
 * it reads no input.
 */
const ALLOWED: ReadonlyMap<string, string> = new Map([['src/graph/parallel.ts', 'existsSync on its own worker script']]);

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) sources(rel, out);
    // Tests write their fixtures; they are not the core.
    else if (/\.(ts|mts|js|mjs)$/.test(name) && !/\.test\.[mc]?[tj]s$/.test(name)) out.push(rel);
  }
  return out;
}

/** Module specifiers a source loads at run time: static and dynamic imports, re-exports, require. Type-only imports are erased. */
function runtimeImports(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]!);
  return out;
}

const isFs = (spec: string): boolean => /^(node:)?fs(\/promises)?$/.test(spec);
const isPlainReader = (spec: string): boolean => /(^|\/)ingest\/plain(\/|$)/.test(spec);

test('identify, graph, plan and policy read no file: no fs import, no plain-file reader', () => {
  const files = CORE.flatMap((d) => sources(d));
  assert.ok(files.length > 40, `expected the core's sources, found ${files.length}`);
  const offences: string[] = [];
  for (const file of files) {
    const specs = runtimeImports(readFileSync(join(root, file), 'utf8'));
    for (const spec of specs) {
      if (isFs(spec) && !ALLOWED.has(file)) offences.push(`${file}: imports ${spec}`);
      if (isPlainReader(spec)) offences.push(`${file}: imports the file reader ${spec} (take its data as an argument)`);
    }
  }
  assert.deepEqual(offences, [], `the core must take data, not read files:\n${offences.join('\n')}`);
});

test('the plain-file readers import nothing to their right (data flows one way: ingest -> core)', () => {
  const offences: string[] = [];
  for (const file of sources('src/ingest/plain')) {
    for (const spec of runtimeImports(readFileSync(join(root, file), 'utf8'))) {
      if (/(^|\/)(identify|graph|plan|policy|analyses|store)(\/|$)/.test(spec)) offences.push(`${file}: imports ${spec}`);
    }
  }
  assert.deepEqual(offences, []);
});

test('the core check sees the imports it is meant to catch', () => {
  assert.deepEqual(runtimeImports("import { readFile } from 'node:fs/promises';"), ['node:fs/promises']);
  assert.deepEqual(runtimeImports("import * as fs from 'fs';\nconst x = await import('node:fs');"), ['fs', 'node:fs']);
  assert.deepEqual(runtimeImports("import {\n  readFileSync,\n} from 'node:fs';"), ['node:fs']);
  assert.deepEqual(runtimeImports("import type { TacRows } from '../ingest/plain/tac.js';"), []);
  assert.deepEqual(runtimeImports("export { x } from '../ingest/plain/index.js';"), ['../ingest/plain/index.js']);
  assert.ok(isFs('node:fs') && isFs('fs/promises') && !isFs('node:fsx'));
  // The allowed exception still names a file of the core (a rename must revisit it).
  for (const file of ALLOWED.keys()) assert.ok(statSync(join(root, file)).isFile(), `${file} no longer exists: drop its exception`);
});
