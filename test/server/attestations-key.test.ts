// Where the server's attestation key comes from, one definition for serve and attest:
// --attest-key, else CLEANPATH_ATTEST_KEY_FILE, else CLEANPATH_ATTEST_KEY; none is 503, and a
// wrong --attest-key stops `serve` at start (exit 2) rather than every request later.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateSigningKey } from '../../src/attest/index.js';
import { signingKeySpec, SIGNING_KEY_ENV, SIGNING_KEY_FILE_ENV } from '../../src/attest/key-file.js';
import { runInProcess as cli } from '../cli/in-process.js';
import { buildFixture, json, removeFixture, serve, type Fixture } from './helpers.js';

const [optionKey, fileKey, pemKey] = [generateSigningKey(), generateSigningKey(), generateSigningKey()];
let f: Fixture, optionFile: string, envFile: string;

before(async () => {
  f = await buildFixture('cleanpath-server-attest-key-');
  optionFile = join(f.dir, 'option.key');
  envFile = join(f.dir, 'env.key');
  writeFileSync(optionFile, optionKey.privatePem, { mode: 0o600 });
  writeFileSync(envFile, fileKey.privatePem, { mode: 0o600 });
});
after(() => {
  delete process.env[SIGNING_KEY_ENV];
  delete process.env[SIGNING_KEY_FILE_ENV];
  if (f) removeFixture(f);
});

function setEnv(file: string | undefined, pem: string | undefined): void {
  for (const [name, v] of [[SIGNING_KEY_FILE_ENV, file], [SIGNING_KEY_ENV, pem]] as const) {
    if (v === undefined) delete process.env[name];
    else process.env[name] = v;
  }
}

/** The key id the server's key route answers with, or its status when it has none. */
async function served(attestKey?: string): Promise<string | number> {
  const s = await serve(f, { rateLimit: false, analysisWorkers: 0, ...(attestKey && { attestKey }) });
  try {
    const r = await s.get('/api/attestations/key', f.tokens.alphaViewer);
    return r.status === 200 ? (await json<{ keyid: string }>(r)).keyid : r.status;
  } finally {
    await s.close();
  }
}

describe('the attestation key: option, then file variable, then PEM variable', () => {
  it('is resolved in that order by the one definition', () => {
    const env = { [SIGNING_KEY_FILE_ENV]: 'f.key', [SIGNING_KEY_ENV]: 'PEM' };
    assert.equal(signingKeySpec('o.key', env), 'o.key');
    assert.equal(signingKeySpec(undefined, env), 'f.key');
    assert.equal(signingKeySpec(undefined, { [SIGNING_KEY_ENV]: 'PEM' }), `env:${SIGNING_KEY_ENV}`);
    assert.equal(signingKeySpec(undefined, {}), undefined);
  });

  it('serves the key the server was started with', async () => {
    setEnv(envFile, pemKey.privatePem);
    assert.equal(await served(optionFile), optionKey.keyid, '--attest-key wins over both variables');
    assert.equal(await served(), fileKey.keyid, 'the file variable wins over the PEM');
    setEnv(undefined, pemKey.privatePem);
    assert.equal(await served(), pemKey.keyid);
    setEnv(undefined, undefined);
    assert.equal(await served(), 503);
    assert.equal(await served(optionFile), optionKey.keyid, 'the option alone');
  });

  it('signs the flow attestations with the option\'s key', async () => {
    setEnv(undefined, pemKey.privatePem);
    const s = await serve(f, { rateLimit: false, analysisWorkers: 0, attestKey: optionFile });
    try {
      const env = await json<{ signatures: { keyid: string }[] }>(await s.get('/api/snapshots/demo/attestations/s-rms-avb', f.tokens.alphaViewer));
      assert.equal(env.signatures[0]!.keyid, optionKey.keyid);
    } finally {
      await s.close();
      setEnv(undefined, undefined);
    }
  });

  it('serve --attest-key: documented with an example; a missing file stops the start with exit 2', async () => {
    const help = await cli(['serve', '--help']);
    assert.match(help.stdout, /--attest-key <file\|env:NAME>/);
    assert.match(help.stdout, /cleanpath serve --db cleanpath\.db --attest-key \S+\.key/);
    const r = await cli(['serve', '--db', f.db, '--port', '0', '--attest-key', join(f.dir, 'missing.key')], { [SIGNING_KEY_ENV]: undefined, [SIGNING_KEY_FILE_ENV]: undefined });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.key: cannot read the signing key: ENOENT/);
  });
});
