// Prefix tables against a brute-force longest-prefix match, address parsing, and enrichment
// from the three kinds of offline data (iptoasn TSV, RIR delegations, a real .mmdb file).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from '../../src/model/seeded-random.js';
import { InputError } from '../../src/model/index.js';
import {
  canonicalIp,
  Enricher,
  formatIpv6,
  loadAsnTable,
  loadEnrichmentData,
  loadRirTable,
  parseIpv4,
  parseIpv6,
  PrefixTable4Builder,
  PrefixTable6Builder,
  specialKind4,
} from '../../src/paths/index.js';
import { wordsToBigInt } from '../../src/paths/prefix-table.js';
import { writeMmdb } from './mmdb-writer.js';

const FIX = join(import.meta.dirname, 'fixtures');

describe('addresses', () => {
  test('IPv4 and IPv6 parsing and canonical text', () => {
    assert.equal(parseIpv4('202.97.33.1'), 0xca612101);
    for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4 ', '', 'a.b.c.d', '1..2.3']) assert.equal(parseIpv4(bad), -1, bad);
    const cases: Array<[string, string]> = [
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['::', '::'],
      ['::1', '::1'],
      ['fe80::1%eth0', 'fe80::1'],
      ['2001:db8:0:1:0:0:0:0', '2001:db8:0:1::'],
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      ['2001:0:0:0:1:0:0:1', '2001::1:0:0:1'],
      ['::ffff:192.0.2.1', '::ffff:c000:201'],
      ['240e:0:1::1', '240e:0:1::1'],
    ];
    for (const [input, want] of cases) assert.equal(canonicalIp(input), want, input);
    for (const bad of [':::', '1:2:3:4:5:6:7:8:9', '2001:db8::1::2', 'g::1', '1:2:3:4:5:6:7:', '12345::1']) assert.equal(canonicalIp(bad), null, bad);
    const w = new Uint32Array(4);
    assert.ok(parseIpv6('2001:db8:1:2:3:4:5:6', w));
    assert.equal(formatIpv6(w), '2001:db8:1:2:3:4:5:6');
  });
});

describe('prefix tables', () => {
  test('IPv4: nested and overlapping prefixes, the most specific wins (random, against brute force)', () => {
    const r = mulberry32(42);
    const prefixes: Array<{ start: number; end: number; len: number; value: number }> = [];
    const b = new PrefixTable4Builder();
    for (let i = 0; i < 3000; i++) {
      const len = 8 + (r() % 25);
      const size = 2 ** (32 - len);
      // cluster in a few /8s so prefixes nest often
      const base = ((r() % 4) * 2 ** 24 + (r() % 2 ** 24)) >>> 0;
      const start = base - (base % size);
      prefixes.push({ start, end: start + size - 1, len, value: i });
      b.addPrefix(base, len, i);
    }
    const t = b.build();
    for (let k = 0; k < 20000; k++) {
      const a = k % 2 ? (r() % (4 * 2 ** 24)) >>> 0 : prefixes[r() % prefixes.length]!.start + (r() % 3) - 1;
      let best = -1, bestLen = -1;
      for (const p of prefixes) if (a >= p.start && a <= p.end && (p.len > bestLen || (p.len === bestLen && p.value > best))) {
        best = p.value;
        bestLen = p.len;
      }
      assert.equal(t.lookup(a >>> 0), best, `address ${a}`);
    }
  });

  test('IPv4: ranges that are no prefixes (RIR counts), edges of the address space', () => {
    const b = new PrefixTable4Builder();
    b.add(0, 0, 1);
    b.add(10, 1545, 2);
    b.add(0xffffff00, 0xffffffff, 3);
    const t = b.build();
    assert.deepEqual([0, 1, 9, 10, 1545, 1546, 0xfffffeff, 0xffffff00, 0xffffffff].map((a) => t.lookup(a)), [1, -1, -1, 2, 2, -1, -1, 3, 3]);
  });

  test('IPv6: nested prefixes', () => {
    const b = new PrefixTable6Builder();
    const w = new Uint32Array(4);
    const add = (cidr: string, v: number) => {
      const [n, l] = cidr.split('/') as [string, string];
      assert.ok(parseIpv6(n, w));
      b.addPrefix(wordsToBigInt(w), Number(l), v);
    };
    add('2001:db8::/32', 1);
    add('2001:db8:1::/48', 2);
    add('2001:db8:1:2::/64', 3);
    add('240e::/20', 4);
    const t = b.build();
    const look = (a: string) => {
      assert.ok(parseIpv6(a, w));
      return t.lookup(w);
    };
    assert.deepEqual(['2001:db8::1', '2001:db8:1::1', '2001:db8:1:2::9', '2001:db8:1:3::', '2001:db9::', '240e:fff:ffff::1', '240e:1000::', '::'].map(look), [1, 2, 3, 2, -1, 4, -1, -1]);
  });
});

describe('enrichment data', () => {
  test('iptoasn TSV (plain and gzip): AS, name, not-routed rows, IPv6 rows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-enrich-'));
    const gz = join(dir, 'ip2asn.tsv.gz');
    writeFileSync(gz, gzipSync(Buffer.from('1.0.0.0\t1.0.0.255\t13335\tUS\tCLOUDFLARENET\n')));
    const t = loadAsnTable([join(FIX, 'ip2asn.tsv'), gz]);
    assert.equal(t.rows, 7);
    const as = (a: string) => t.ases[t.v4.lookup(parseIpv4(a))];
    assert.equal(as('202.97.33.1')?.asn, 4134);
    assert.equal(as('219.158.3.9')?.name, 'CHINA169-BACKBONE CHINA UNICOM China169 Backbone');
    assert.equal(as('1.0.0.9')?.asn, 13335);
    assert.equal(as('0.1.2.3'), undefined, 'AS 0 is not routed');
    const w = new Uint32Array(4);
    parseIpv6('240e:0:1::1', w);
    assert.equal(t.ases[t.v6.lookup(w)]?.asn, 4134);
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'not,a,tsv\n');
    assert.throws(() => loadAsnTable([bad]), (e: unknown) => e instanceof InputError && /no IP-to-ASN row/.test(e.message));
  });

  test('RIR delegated-extended: counts that are no power of two, available blocks, asn rows, IPv6', () => {
    const t = loadRirTable([join(FIX, 'delegated-test-extended.txt')]);
    const cc = (a: string) => t.countries[t.v4.lookup(parseIpv4(a))] ?? null;
    assert.equal(cc('202.97.33.1'), 'CN');
    assert.equal(cc('202.97.133.255'), 'JP', '1536 addresses from 202.97.128.0');
    assert.equal(cc('202.97.134.0'), null, 'available: no country');
    assert.equal(cc('80.81.192.10'), 'DE');
    assert.equal(t.asCountry.get(4134), 'CN');
    const w = new Uint32Array(4);
    parseIpv6('240e:0:1::1', w);
    assert.equal(t.countries[t.v6.lookup(w)], 'CN');
  });

  test('enricher: special ranges, AS, country by source precedence, a real .mmdb file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cleanpath-paths-mmdb-'));
    const city = join(dir, 'city.mmdb');
    writeFileSync(
      city,
      writeMmdb('GeoLite2-City', [
        ['80.81.192.0/22', { country: { iso_code: 'DE', names: { en: 'Germany' } }, location: { latitude: { double: 50.1109 }, longitude: { double: 8.6821 }, accuracy_radius: 20 } }],
        ['202.97.32.0/20', { country: { iso_code: 'HK', names: { en: 'Hong Kong' } } }],
      ]),
    );
    const asnDb = join(dir, 'asn.mmdb');
    writeFileSync(asnDb, writeMmdb('GeoLite2-ASN', [['198.18.0.0/15', { autonomous_system_number: 64512, autonomous_system_organization: 'BENCH-NET' }]]));
    const e = new Enricher(loadEnrichmentData({ asnTables: [join(FIX, 'ip2asn.tsv')], rirFiles: [join(FIX, 'delegated-test-extended.txt')], mmdbFiles: [city, asnDb] }));
    assert.deepEqual(e.facts('80.81.192.10'), { asn: 6695, asName: 'DECIX-AS', country: 'DE', countrySource: 'mmdb', lat: 50.1109, lon: 8.6821 });
    assert.deepEqual(e.facts('202.97.33.1'), { asn: 4134, asName: 'CHINANET-BACKBONE No.31,Jin-rong Street', country: 'HK', countrySource: 'mmdb' }, 'geolocation wins over registration');
    assert.deepEqual(e.facts('219.158.3.9'), { asn: 4837, asName: 'CHINA169-BACKBONE CHINA UNICOM China169 Backbone', country: 'CN', countrySource: 'rir' });
    assert.deepEqual(e.facts('192.168.1.1'), { special: 'private' });
    assert.deepEqual(e.facts('100.64.12.1'), { special: 'shared' });
    assert.deepEqual(e.facts('fe80::1'), { special: 'link-local' });
    assert.deepEqual(e.facts('198.18.0.1'), { special: 'benchmarking', asn: 64512, asName: 'BENCH-NET' }, 'a table of ones own may name special space');
    assert.deepEqual(e.facts('203.0.113.80'), { special: 'documentation', asn: 64501, asName: 'EXAMPLE-DEST', country: 'US', countrySource: 'asn-table' });
    assert.deepEqual(e.facts('240e:0:1::1'), { asn: 4134, asName: 'CHINANET-BACKBONE No.31,Jin-rong Street', country: 'CN', countrySource: 'rir' });
    assert.deepEqual(e.facts('8.8.8.8'), {});
    assert.equal(specialKind4(parseIpv4('8.8.8.8')), null);
    const notMmdb = join(dir, 'x.mmdb');
    writeFileSync(notMmdb, 'hello');
    assert.throws(() => loadEnrichmentData({ mmdbFiles: [notMmdb] }), (x: unknown) => x instanceof InputError && /not a MaxMind DB/.test(x.message));
  });
});
