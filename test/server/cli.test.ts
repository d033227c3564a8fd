// `cleanpath token` and `cleanpath serve` as a user runs them.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { cli, REPO, tempDir } from '../cli/helpers.js';

describe('cleanpath token and serve', () => {
  it('creates, lists and revokes tokens; serve answers with them and stops on SIGTERM', async (t) => {
    const dir = tempDir('cleanpath-serve-cli-');
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const db = join(dir, 'c.db');

    const created = cli(['token', 'create', '--db', db, '--org', 'acme', '--role', 'viewer', '--label', 'wall screen', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const tok = JSON.parse(created.stdout) as { id: number; organisation: string; role: string; token: string };
    assert.equal(tok.organisation, 'acme');
    assert.match(tok.token, /^cp_/);
    const plain = cli(['token', 'create', '--db', db, '--role', 'admin', '--label', 'me']);
    assert.equal(plain.code, 0);
    assert.match(plain.stdout, /^cp_[A-Za-z0-9_-]{43}\n$/, 'only the secret on stdout, for $(...)');
    assert.match(plain.stderr, /shown this once/);

    const listed = cli(['token', 'list', '--db', db, '--json']);
    assert.equal(listed.code, 0);
    assert.ok(!listed.stdout.includes(tok.token.slice(3)), 'list never shows a secret');
    assert.deepEqual((JSON.parse(listed.stdout) as Array<{ organisation: string; role: string }>).map((x) => [x.organisation, x.role]), [['acme', 'viewer'], ['default', 'admin']]);

    assert.equal(cli(['token', 'create', '--db', db, '--role', 'root', '--label', 'x']).code, 2);
    assert.equal(cli(['serve', '--db', db, '--body-limit', 'lots']).code, 2);
    assert.equal(cli(['serve', '--db', db, '--rate-limit', '5/fortnight']).code, 2);

    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src', 'cli', 'main.ts'), 'serve', '--db', db, '--port', '0', '--no-web'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => child.kill('SIGKILL'));
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000).unref();
    });
    assert.equal((await fetch(`${url}/api/snapshots`)).status, 401);
    const mine = await fetch(`${url}/api/whoami`, { headers: { authorization: `Bearer ${tok.token}` } });
    assert.equal(mine.status, 200);
    assert.equal(((await mine.json()) as { organisation: string }).organisation, 'acme');

    assert.equal(cli(['token', 'revoke', String(tok.id), '--db', db]).code, 0);
    assert.equal((await fetch(`${url}/api/whoami`, { headers: { authorization: `Bearer ${tok.token}` } })).status, 401, 'revoked from the CLI: refused by the running server at once');

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
