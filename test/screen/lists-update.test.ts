// `cleanpath lists update` against a local HTTP server on 127.0.0.1 serving fixtures (never the
// internet): a good download is checked, dated and installed with the previous copy kept; a
// truncated, empty, failing, slow or oversized one is refused and the installed lists stay.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { REPO, tempDir } from '../cli/helpers.js';
import { DEFAULT_SOURCES, installedLists, listSources, readSourcesFile, updateList, type ListSource, type UpdateOutcome } from '../../src/screen/index.js';

const SAMPLE = JSON.parse(readFileSync(join(REPO, 'src/screen/data/csl-huawei-entity-list-sample.json'), 'utf8')) as { results: Record<string, unknown>[] };
const NEW_PARTY = 'Zephyr Quantum Telecom Holdings Ltd.';
const cslWith = (extra: Record<string, unknown>[]) => JSON.stringify({ ...SAMPLE, results: [...SAMPLE.results, ...extra] }, null, 1);
const GOOD = cslWith([{ id: 'zq-1', type: 'Entity', name: NEW_PARTY, addresses: [{ country: 'CN' }], start_date: '2026-11-02', source: 'Entity List (EL) - Bureau of Industry and Security' }]);
const GOOD2 = cslWith([]);
const FTM = readFileSync(join(REPO, 'src/screen/data/opensanctions-telecom-sample.ftm.jsonl'), 'utf8');

const ROUTES: Record<string, (res: import('node:http').ServerResponse) => void> = {
  '/good.json': (res) => res.end(GOOD),
  '/good2.json': (res) => res.end(GOOD2),
  '/entities.ftm.json': (res) => res.end(FTM),
  '/truncated.json': (res) => res.end(GOOD.slice(0, Math.floor(GOOD.length / 2))),
  '/empty.json': (res) => res.end('{"results": []}'),
  '/blank.json': (res) => res.end(''),
  '/error.json': (res) => {
    res.statusCode = 500;
    res.end('internal error');
  },
  '/slow.json': (res) => {
    res.write(GOOD.slice(0, 100));
    setTimeout(() => res.end(GOOD.slice(100)), 3000).unref();
  },
};

/** The CLI, asynchronously (the server answers from this process); never the user's own lists dir. */
function run(args: string[], listsDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'main.ts'), ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', CLEANPATH_LISTS_DIR: listsDir } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('lists update against a local server', () => {
  let server: Server;
  let base = '';
  const csl = DEFAULT_SOURCES.find((s) => s.id === 'csl')!;
  const at = (path: string): ListSource => ({ ...csl, url: `${base}${path}` });
  const limits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 5000 };
  const dir = tempDir('cleanpath-lists-');
  const refused = (o: UpdateOutcome, re: RegExp) => {
    assert.equal(o.status, 'refused');
    assert.match(o.status === 'refused' ? o.reason : '', re);
  };

  before(async () => {
    server = createServer((req, res) => (ROUTES[req.url ?? ''] ?? ((r) => ((r.statusCode = 404), r.end())))(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('installs a good list with its sidecar, then keeps it as previous on the next update', async () => {
    const first = await updateList(at('/good.json'), dir, limits);
    assert.equal(first.status, 'updated');
    const meta = first.status === 'updated' ? first.meta : undefined;
    assert.equal(meta?.records, SAMPLE.results.length + 1);
    assert.equal(meta?.url, `${base}/good.json`);
    assert.match(meta?.sha256 ?? '', /^[0-9a-f]{64}$/);
    const second = await updateList(at('/good2.json'), dir, limits);
    assert.equal(second.status, 'updated');
    const installed = installedLists(dir).find((l) => l.source.id === 'csl')!;
    assert.equal(installed.current?.url, `${base}/good2.json`);
    assert.equal(installed.previous?.sha256, meta?.sha256);
    assert.equal((await updateList(at('/good2.json'), dir, limits)).status, 'unchanged');
  });

  it('refuses truncated, empty, failing, slow and oversized downloads and keeps what was installed', async () => {
    const before = installedLists(dir).find((l) => l.source.id === 'csl')!;
    refused(await updateList(at('/truncated.json'), dir, limits), /does not parse/);
    refused(await updateList(at('/empty.json'), dir, limits), /no records/);
    refused(await updateList(at('/blank.json'), dir, limits), /does not parse/);
    refused(await updateList(at('/error.json'), dir, limits), /HTTP 500/);
    refused(await updateList(at('/slow.json'), dir, { ...limits, timeoutMs: 500 }), /no complete answer within 0\.5 s/);
    refused(await updateList(at('/good.json'), dir, { ...limits, maxBytes: 1000 }), /limit/);
    assert.deepEqual(installedLists(dir).find((l) => l.source.id === 'csl'), before);
    assert.ok(!existsSync(join(dir, 'csl', `download-${process.pid}.tmp`)));
  });

  it('URLs: defaults, a sources file, flags over it; an unknown list or a bad URL is bad input', () => {
    assert.match(listSources({})[0]!.url, /^https:\/\/data\.trade\.gov\//);
    const f = join(dir, 'sources-test.json');
    writeFileSync(f, JSON.stringify({ opensanctions: `${base}/entities.ftm.json` }));
    assert.deepEqual(listSources({ ...readSourcesFile(f), csl: `${base}/good.json` }).map((s) => s.url), [`${base}/good.json`, `${base}/entities.ftm.json`]);
    assert.deepEqual(listSources({}, ['csl']).map((s) => s.id), ['csl']);
    assert.throws(() => listSources({}, ['ofac']), /unknown list ofac/);
    writeFileSync(f, JSON.stringify({ csl: 'ftp://x' }));
    assert.throws(() => readSourcesFile(f), /csl: expected an http\(s\) URL/);
  });

  it('CLI: lists update installs both lists, lists shows them, screen finds a name only the download has', async () => {
    const d = tempDir('cleanpath-lists-cli-');
    const up = await run(['lists', 'update', '--lists-dir', d, '--csl-url', `${base}/good.json`, '--opensanctions-url', `${base}/entities.ftm.json`, '--json'], d);
    assert.equal(up.code, 0, up.stderr);
    const doc = JSON.parse(up.stdout) as { outcomes: UpdateOutcome[] };
    assert.deepEqual(doc.outcomes.map((o) => [o.id, o.status]), [['csl', 'updated'], ['opensanctions', 'updated']]);
    const shown = await run(['lists', '--lists-dir', d, '--json'], d);
    assert.equal(shown.code, 0, shown.stderr);
    assert.deepEqual((JSON.parse(shown.stdout) as { lists: { current?: { url: string } }[] }).lists.map((l) => l.current?.url), [`${base}/good.json`, `${base}/entities.ftm.json`]);
    const s = await run(['screen', NEW_PARTY, '--lists-dir', d, '--json'], d);
    assert.equal(s.code, 0, s.stderr);
    const res = JSON.parse(s.stdout) as { lists: { list: string; title: string }[]; results: { hits: { verdict: string; list: { id: string } }[] }[] };
    assert.deepEqual(res.lists.map((l) => l.list), ['csl', 'opensanctions', 'fcc-covered']);
    assert.match(res.lists[0]!.title, /downloaded \d{4}-\d\d-\d\dT.* from http:\/\/127\.0\.0\.1/);
    assert.equal(res.results[0]?.hits[0]?.verdict, 'match');
    assert.equal(res.results[0]?.hits[0]?.list.id, 'csl');
    // --wide: the heading on one line (prose wraps at 100 columns by default off a terminal)
    const table = await run(['screen', NEW_PARTY, '--lists-dir', d, '--wide'], d);
    assert.match(table.stdout, /against csl@2020-08-17 \(downloaded \d{4}-\d\d-\d\dT[^)]*\), opensanctions@\S+ \(downloaded /);
    const bad = await run(['lists', 'update', '--lists-dir', d, '--only', 'csl', '--csl-url', `${base}/error.json`, '--wide'], d);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /csl\s+refused\s+HTTP 500.*kept the copy downloaded/);
  });
});
