// The three discovery importers fed with fresh output of the real tools (snmpwalk against a
// real snmpd dressed as ZTE, nmap against a loopback service), plus mutation fuzzing of each.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attributeDevice, createIdentifyContext } from '../../src/identify/index.js';
import { readImport } from '../../src/ingest/index.js';
import { InputError } from '../../src/model/index.js';
import { peer, peers } from '../support/peer.js';
import { DISGUISES, needsSnmpd, startAgent } from './snmpd.js';

const tmp = mkdtempSync(join(tmpdir(), 'cleanpath-importers-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const ctx = createIdentifyContext();
const FIX = join(import.meta.dirname, 'fixtures');

const needsSnmpwalk = peers(needsSnmpd(), peer('snmpwalk', existsSync('/usr/bin/snmpwalk') || '/usr/bin/snmpwalk not found'));
test('fresh snmpwalk output of a real agent dressed as ZTE imports as a ZTE device', needsSnmpwalk, async () => {
  const agent = await startAgent(DISGUISES.zte);
  try {
    let out = '';
    for (const oid of ['1.3.6.1.2.1.1', '1.3.6.1.6.3.10.2.1', '1.3.6.1.2.1.2.2.1.6']) {
      out += execFileSync('snmpwalk', ['-v2c', '-c', 'public', '-On', `127.0.0.1:${agent.port}`, oid], { encoding: 'utf8', env: { ...process.env, MIBS: '' } });
    }
    const f = join(tmp, '127.0.0.1.walk');
    writeFileSync(f, out);
    const b = await readImport(f);
    assert.equal(b.format, 'snmpwalk');
    const d = attributeDevice(b.devices[0]!, ctx).device;
    assert.equal(d.id, '127.0.0.1');
    assert.equal(d.name, 'emu-zte');
    assert.equal(d.raw.engineId, DISGUISES.zte.engineId);
    assert.equal(d.vendor, 'zte');
  } finally {
    await agent.stop();
  }
});

// without nmap the captured fixture is still tested
const needsNmap = peer('nmap', existsSync('/usr/bin/nmap') || '/usr/bin/nmap not found');
test('fresh nmap -oX of a loopback SSH service with a ZTE banner imports as a ZTE device', needsNmap, async () => {
  const server = createServer((s) => {
    s.on('error', () => {});
    s.write('SSH-2.0-ZTE_SSH.2.0\r\n');
    setTimeout(() => s.destroy(), 2000);
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  const port = (server.address() as { port: number }).port;
  try {
    const f = join(tmp, 'scan.xml');
    // Asynchronously: the service answering nmap runs in this very process.
    await promisify(execFile)('nmap', ['-Pn', '-sT', '-p', String(port), '--script', 'banner', '-oX', f, '127.0.0.1'], { timeout: 60_000 });
    const b = await readImport(f);
    assert.equal(b.format, 'nmap-xml');
    const d = attributeDevice(b.devices[0]!, ctx).device;
    assert.equal(d.id, '127.0.0.1');
    assert.equal(d.raw.banner, 'SSH-2.0-ZTE_SSH.2.0');
    assert.equal(d.vendor, 'zte');
  } finally {
    server.close();
  }
});

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('mutated snmpwalk, lldpcli JSON and nmap XML either import or fail with an InputError', async () => {
  const rand = rng(7);
  const junk = ['"', '\n', '=', ' = ', 'STRING: "', 'Hex-STRING: ', '{', '}', '[', ']', '<', '>', '</host>', '::', '.1.3', '\u0000', '"lldp"', '9'.repeat(30)];
  let ok = 0;
  let refused = 0;
  for (const name of ['huawei-numeric.snmpwalk', 'edge-router-1.lldp.json', 'host-a.lldp.json0', 'loopback.nmap.xml']) {
    const sample = readFileSync(join(FIX, name), 'utf8');
    for (let k = 0; k < 80; k++) {
      let s = sample;
      for (let e = 1 + Math.floor(rand() * 3); e > 0; e--) {
        const at = Math.floor(rand() * (s.length + 1));
        const r = rand();
        if (r < 0.25) s = s.slice(0, at);
        else if (r < 0.55) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 8));
        else s = s.slice(0, at) + junk[Math.floor(rand() * junk.length)] + s.slice(at);
      }
      const f = join(tmp, `${k}-${name}`);
      writeFileSync(f, s);
      try {
        await readImport(f);
        ok++;
      } catch (err) {
        if (!(err instanceof InputError)) assert.fail(`${name} mutation ${k} threw ${String(err)} for:\n${JSON.stringify(s.slice(0, 300))}`);
        refused++;
      }
    }
  }
  console.log(`discovery importers: ${ok} mutated files imported, ${refused} refused with InputError`);
});
