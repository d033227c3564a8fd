// Issue 16 points 3, 4 and 8: bounded XML values, names and nesting in every XML importer (exit 2
// file:line from the CLI, 400 over the API, the store unchanged, no stack trace), and an engine ID
// that is not hex warned about at its line (an error under --strict).
import assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/model/index.js';
import { readImport } from '../../src/ingest/index.js';
import { MAX_FIELD_CHARS, MAX_XML_DEPTH, MAX_XML_NAME_CHARS } from '../../src/ingest/limits.js';
import { cli, dumpStore, tempDir } from '../cli/helpers.js';
import { buildFixture, json, removeFixture, serve, type Fixture, type Running } from '../server/helpers.js';

const dir = tempDir('cleanpath-limits-');
after(() => rmSync(dir, { recursive: true, force: true }));

const HUGE = 'x'.repeat(60 * 1024 * 1024); // the red team's 60 MiB node id

/** A GraphML whose node id (line 4) is 60 MiB. */
function hugeIdGraphml(): string {
  return `<?xml version="1.0"?>\n<graphml>\n<graph>\n<node id="${HUGE}"/>\n<node id="b"/>\n</graph>\n</graphml>\n`;
}

/** `depth` nested elements, each on its own line, inside a GraphML root (line 2). */
function deepGraphml(depth: number): string {
  return `<?xml version="1.0"?>\n<graphml>\n${'<a>\n'.repeat(depth)}${'</a>'.repeat(depth)}\n</graphml>\n`;
}

async function refusal(file: string): Promise<InputError> {
  try {
    await readImport(file);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e;
  }
  assert.fail(`${file} was imported`);
}

describe('XML values, names and nesting are bounded', () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['value.graphml', hugeIdGraphml(), 4, new RegExp(`attribute value longer than ${MAX_FIELD_CHARS} characters`)],
    ['text.xml', `<?xml version="1.0"?>\n<network xmlns="http://sndlib.zib.de/network"><networkStructure><nodes>\n<node id="a"><coordinates><x>${'1'.repeat(MAX_FIELD_CHARS + 1)}</x></coordinates></node></nodes></networkStructure></network>`, 3, /XML text longer than/],
    ['split-text.xml', `<?xml version="1.0"?>\n<nmaprun scanner="nmap">\n${`${'t'.repeat(MAX_FIELD_CHARS / 2)}<!-- -->\n`.repeat(3)}</nmaprun>\n`, 5, /XML text longer than/],
    ['cdata.graphml', `<?xml version="1.0"?>\n<graphml><graph><node id="a">\n<data key="d0"><![CDATA[${'c'.repeat(MAX_FIELD_CHARS + 1)}]]></data></node></graph></graphml>`, 3, /XML text longer than/],
    ['tag.graphml', `<?xml version="1.0"?>\n<graphml><graph>\n<${'n'.repeat(MAX_XML_NAME_CHARS + 1)}/></graph></graphml>`, 3, /XML tag name longer than 256/],
    ['attr.xml', `<?xml version="1.0"?>\n<nmaprun scanner="nmap"><host>\n<address ${'a'.repeat(MAX_XML_NAME_CHARS + 1)}="1"/></host></nmaprun>`, 3, /XML attribute name longer than 256/],
    ['deep.graphml', deepGraphml(10_000), 2 + MAX_XML_DEPTH, new RegExp(`XML nested deeper than ${MAX_XML_DEPTH} levels`)],
    // found by the importer fuzz benchmark: the validator passed it, the parser threw a bare Error
    ['pi.graphml', '<?xml version="1.0\u64c0 encoding="utf-8"?><graphml>\n<graph/></graphml>\n', 1, /processing instruction not closed/],
    ['pi-late.xml', '<?xml version="1.0"?>\n<!DOCTYPE nmaprun>\n<?xml-stylesheet href="x?>\n<nmaprun scanner="nmap"/>\n', 3, /processing instruction not closed/],
    ['doctypes.xml', '<?xml version="1.0"?>\n<!DOCTYPE nmaprun>\n<!DOCTYPE nmaprun>\n<nmaprun scanner="nmap"/>\n', 3, /more than one DOCTYPE declaration/],
    ['cdata-open.graphml', '<?xml version="1.0"?>\n<graphml><graph>\n<node id="a"><data key="d0"><![CDATA[x</data></node></graph></graphml>\n', 3, /CDATA section not closed/],
    ['cdata-broken.graphml', '<?xml version="1.0"?>\n<graphml><key id="d0"/><![CD\ud800ATA[\n<graph/></graphml>\n', 2, /does not start a CDATA section/],
    ['doctype-quote.xml', '<?xml version="1.0"?>\n<!DOCTYPE "nmaprun>\n<nmaprun scanner="nmap"/>\n', 2, /DOCTYPE declaration not supported/],
    ['doctype-attr.xml', '<?xml version="1.0"?>\n<!DOCTYPE nmapr="un>\n<nmaprun scanner="nmap"/>\n', 2, /DOCTYPE declaration not supported/],
    ['doctype-cdata.xml', '<?xml version="1.0"?>\n<!DOCTYPE n<![CDATA[x]]>\n<nmaprun scanner="nmap"/>\n', 2, /DOCTYPE declaration not supported/],
    ['markup.graphml', '<?xml version="1.0"?>\n<graphml>\n<!ELEMENT graph ANY>\n<graph/></graphml>\n', 3, /markup '<!' that is no comment/],
    ['deep-101.graphml', deepGraphml(101), 2 + MAX_XML_DEPTH, /XML nested deeper than/],
  ];
  for (const [name, text, line, re] of cases) {
    it(`${name}: InputError at line ${line}`, async () => {
      const file = join(dir, name);
      writeFileSync(file, text);
      const e = await refusal(file);
      assert.match(e.message, re);
      assert.ok(e.message.startsWith(`${file}:${line}: `), e.message);
    });
  }

  it('nesting at the limit and values of exactly 1 MiB still import', async () => {
    const atLimit = join(dir, 'at-limit.graphml');
    // graphml > graph > node > data > (MAX - 4 levels of <x>) = MAX levels
    const inner = MAX_XML_DEPTH - 4;
    writeFileSync(atLimit, `<graphml><graph><node id="${'i'.repeat(MAX_FIELD_CHARS)}"><data key="k">${'<x>'.repeat(inner)}${'</x>'.repeat(inner)}</data></node></graph></graphml>`);
    const b = await readImport(atLimit);
    assert.equal(b.devices[0]?.id.length, MAX_FIELD_CHARS);
  });
});

describe('the CLI refuses them with exit 2, file:line and no stack trace, the store unchanged', () => {
  const db = join(dir, 'store.db');
  before(() => {
    writeFileSync(join(dir, 'ok.csv'), 'id,vendor\nr1,cisco\n');
    const r = cli(['import', join(dir, 'ok.csv'), '--db', db, '--snapshot', 'first']);
    assert.equal(r.code, 0, r.stderr);
  });
  for (const [name, text, line, re] of [
    ['cli-value.graphml', hugeIdGraphml(), 4, /attribute value longer than/],
    ['cli-deep.graphml', deepGraphml(10_000), 2 + MAX_XML_DEPTH, /XML nested deeper than 64 levels/],
  ] as const) {
    it(name, () => {
      const file = join(dir, name);
      writeFileSync(file, text);
      const before = dumpStore(db);
      const r = cli(['import', file, '--db', db, '--snapshot', name]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`${file.replace(/[.]/g, '\\.')}:${line}: `));
      assert.match(r.stderr, re);
      assert.doesNotMatch(r.stderr, /\n\s+at |internal error/);
      assert.ok(r.stderr.length < 2000, 'the message does not echo the value');
      assert.equal(dumpStore(db), before);
    });
  }
});

describe('the API answers 400 with file:line', () => {
  let f: Fixture;
  let s: Running;
  before(async () => {
    f = await buildFixture('cleanpath-limits-server-');
    s = await serve(f, { rateLimit: { max: 100_000, timeWindow: 60_000 } });
  });
  after(async () => {
    await s?.close();
    if (f) removeFixture(f);
  });
  for (const [name, text, line, re] of [
    ['api-value.graphml', hugeIdGraphml(), 4, /attribute value longer than/],
    ['api-deep.graphml', deepGraphml(10_000), 2 + MAX_XML_DEPTH, /XML nested deeper than 64 levels/],
  ] as const) {
    it(name, async () => {
      const r = await s.get(`/api/imports?snapshot=${name.replace('.', '-')}&filename=${name}`, f.tokens.alphaAnalyst, { method: 'POST', body: text });
      assert.equal(r.status, 400);
      const { error } = await json<{ error: string }>(r);
      assert.ok(error.startsWith(`${name}:${line}: `), error);
      assert.match(error, re);
      assert.equal((await s.get(`/api/snapshots/${name.replace('.', '-')}`, f.tokens.alphaViewer)).status, 404);
      assert.ok(existsSync(f.db));
    });
  }
});

describe('an snmpwalk engine ID that is not hex is a warning at its line, an error under --strict', () => {
  const walk = (engine: string) =>
    '.1.3.6.1.2.1.1.1.0 = STRING: "Huawei Versatile Routing Platform Software"\n' +
    '.1.3.6.1.2.1.1.5.0 = STRING: "r1"\n' +
    `.1.3.6.1.6.3.10.2.1.1.0 = ${engine}\n` +
    '.1.3.6.1.2.1.2.2.1.6.1 = Hex-STRING: 00 25 9E 11 22 33 \n';

  for (const [name, engine, re] of [
    ['zz.walk', 'Hex-STRING: ZZ ZZ 80 00 ', /snmpEngineID Hex-STRING 'ZZ ZZ 80 00' is not hexadecimal octets; engine ID dropped/],
    ['string.walk', 'STRING: "engine"', /snmpEngineID STRING '"engine"' is not a Hex-STRING/],
  ] as const) {
    it(`${name}: readImport warns at line 3`, async () => {
      const file = join(dir, name);
      writeFileSync(file, walk(engine));
      const b = await readImport(file);
      assert.equal(b.devices[0]?.raw.engineId, undefined);
      assert.equal(b.warnings.length, 1, JSON.stringify(b.warnings));
      assert.equal(b.warnings[0]!.file, file);
      assert.equal(b.warnings[0]!.line, 3);
      assert.match(b.warnings[0]!.message, re);
    });
  }

  it('a hex engine ID is kept, with no warning', async () => {
    const file = join(dir, 'ok.walk');
    writeFileSync(file, walk('Hex-STRING: 80 00 07 DB 03 00 25 9E 11 22 33 '));
    const b = await readImport(file);
    assert.equal(b.devices[0]?.raw.engineId, '800007db0300259e112233');
    assert.deepEqual(b.warnings, []);
  });

  it('the CLI prints the warning and imports; --strict exits 2 at file:line with the store unchanged', () => {
    const file = join(dir, 'cli-zz.walk');
    writeFileSync(file, walk('Hex-STRING: ZZ ZZ 80 00 '));
    const db = join(dir, 'walk.db');
    const strict = cli(['import', file, '--db', db, '--snapshot', 's1', '--strict']);
    assert.equal(strict.code, 2, strict.stderr);
    assert.match(strict.stderr, new RegExp(`${file.replace(/[.]/g, '\\.')}:3: snmpEngineID .*not hexadecimal.*strict`));
    assert.doesNotMatch(strict.stderr, /\n\s+at /);
    // the strict run wrote nothing: the name s1 is still free
    const lax = cli(['import', file, '--db', db, '--snapshot', 's1']);
    assert.equal(lax.code, 0, lax.stderr);
    assert.match(lax.stderr + lax.stdout, new RegExp(`${file.replace(/[.]/g, '\\.')}:3: snmpEngineID`));
  });
});

describe('a long run of digits in a number field is refused as a value, not backtracked over', () => {
  // Found by the importer fuzz benchmark: the decimal pattern backtracked over every split of a
  // digit run, so a 64 KiB lon took 30 s to refuse and a 1 MiB one would have taken days.
  it('lon of a million digits and a dash: a warning at its line, the device kept', async () => {
    const file = join(dir, 'digits.csv');
    writeFileSync(file, `id,vendor,lat,lon\nr1,zte,51.5,${'9'.repeat(MAX_FIELD_CHARS - 10)}-0.1276\n`);
    const b = await readImport(file);
    assert.equal(b.devices.length, 1);
    assert.equal(b.devices[0]!.lon, undefined);
    assert.equal(b.warnings[0]?.line, 2);
    assert.match(b.warnings[0]?.message ?? '', /^lon '9{60}\.\.\.' is not a longitude/);
  });

  it('numbers still read as before', async () => {
    const { parseDecimal } = await import('../../src/ingest/util/values.js');
    assert.deepEqual(['1', '-1.5', '+.5', '2.', '1e3', '1.5E-2', ' 7 '].map(parseDecimal), [1, -1.5, 0.5, 2, 1000, 0.015, 7]);
    assert.deepEqual(['.', '1..2', '1e', 'e3', '--1', '1-', '0x10'].map(parseDecimal), [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('snmpwalk INTEGER values are read in one pass', () => {
  it('an LLDP chassis subtype of a million digits and a letter is no number; "macAddress(4)" and " 4" are 4', async () => {
    const row = (subtype: string) =>
      '.1.3.6.1.2.1.1.5.0 = STRING: "r1"\n' +
      `.1.0.8802.1.1.2.1.4.1.1.4.0.3.1 = INTEGER: ${subtype}\n` +
      '.1.0.8802.1.1.2.1.4.1.1.5.0.3.1 = Hex-STRING: 00 E0 FC 11 22 33 \n';
    // subtype 4 (a MAC): the chassis ID is the neighbour's MAC; no subtype: only an LLDP chassis ID
    for (const [name, subtype, isMac] of [
      ['int-long.walk', `${'9'.repeat(MAX_FIELD_CHARS - 100)}x`, false],
      ['int-named.walk', 'macAddress(4)', true],
      ['int-plain.walk', ' 4', true],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, row(subtype));
      const b = await readImport(file);
      const n = b.devices.find((d) => d.id !== 'r1');
      assert.ok(n, name);
      assert.equal(n.raw.mac === '00:e0:fc:11:22:33', isMac, `${name}: ${JSON.stringify(n)}`);
    }
  });
});
