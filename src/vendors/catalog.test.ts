import { test } from 'node:test';
import assert from 'node:assert/strict';
import raw from './data/vendors.json' with { type: 'json' };
import { buildNameIndex, catalogIndex, getOuiIndex, loadCatalog, parseCatalog } from './index.js';

const REQUIRED = ['huawei', 'honor', 'zte', 'hytera', 'hikvision', 'dahua', 'h3c', 'fiberhome', 'cisco', 'juniper', 'nokia', 'ericsson', 'samsung', 'ciena', 'arista'];

// A source is a URL, a reference-file section, or a named registry/repository file.
const SOURCE = /^(https?:\/\/|reference\/|IEEE registry via npm oui-data|rapid7\/recog|wireshark\/wireshark|DESIGN\.md|common practice)/;

test('catalog validates and has every vendor the issue requires', () => {
  const c = loadCatalog();
  const slugs = new Set(c.vendors.map((v) => v.slug));
  for (const s of REQUIRED) assert.ok(slugs.has(s), `missing vendor ${s}`);
});

test('every catalog identifier carries a source', () => {
  const c = loadCatalog();
  const missing: string[] = [];
  const check = (where: string, src: string | undefined) => {
    if (!src || !SOURCE.test(src)) missing.push(`${where}: ${JSON.stringify(src)}`);
  };
  for (const v of c.vendors) {
    for (const p of v.pens) check(`${v.slug} PEN ${p.number}`, p.source);
    for (const o of v.ouiOrgs) check(`${v.slug} OUI org ${o.name}`, o.source);
    for (const p of [...v.sysDescr, ...v.ssh, ...v.http]) check(`${v.slug} pattern ${p.pattern}`, p.source);
    for (const g of v.gpon) check(`${v.slug} GPON ${g.prefix}`, g.source);
    for (const a of v.affiliates) check(`${v.slug} affiliate ${a.name}`, a.source);
  }
  for (const r of c.oidRules) check(`oidRule ${r.prefix}`, r.source);
  for (const p of c.nonVendorPens) check(`non-vendor PEN ${p.number}`, p.source);
  assert.deepEqual(missing, []);
});

test('Nokia carries all its enterprise numbers, Ericsson both of its', () => {
  const pens = catalogIndex().pens;
  const vendorOf = (n: number) => {
    const m = pens.get(n);
    return m?.kind === 'vendor' ? m.vendor : null;
  };
  for (const n of [94, 637, 3729, 7483, 6527, 28458]) assert.equal(vendorOf(n), 'nokia', `PEN ${n}`);
  for (const n of [193, 2352]) assert.equal(vendorOf(n), 'ericsson', `PEN ${n}`);
  assert.equal(vendorOf(2011), 'huawei');
  assert.equal(vendorOf(3902), 'zte');
  assert.equal(vendorOf(25506), 'h3c');
  assert.equal(vendorOf(1004849), 'dahua');
});

test('net-snmp / UCD PENs mean software, 50001 is Scildon not Hikvision', () => {
  const pens = catalogIndex().pens;
  for (const n of [8072, 2021]) {
    const m = pens.get(n);
    assert.equal(m?.kind, 'non-vendor');
    if (m?.kind === 'non-vendor') assert.equal(m.entry.meaning, 'software');
  }
  const s = pens.get(50001);
  assert.equal(s?.kind, 'non-vendor');
});

test('every catalog OUI organisation name exists verbatim in the IEEE registry', () => {
  assert.deepEqual(getOuiIndex().missingCatalogOrgs, []);
});

test('Honor is its own vendor, with the November 2020 sale noted', () => {
  const c = loadCatalog();
  const honor = c.vendors.find((v) => v.slug === 'honor')!;
  assert.match(honor.notes ?? '', /Nov(ember)? 2020/);
  const huawei = c.vendors.find((v) => v.slug === 'huawei')!;
  const h = huawei.affiliates.find((a) => a.name.startsWith('Honor'))!;
  assert.equal(h.relation, 'former-subsidiary');
  assert.equal(h.until, '2020-11-17');
  // A former subsidiary's name must not attribute to the former parent.
  assert.equal(buildNameIndex().get('honor device')?.vendor, 'honor');
});

test('parseCatalog rejects a missing source', () => {
  const bad = structuredClone(raw) as { vendors: { ouiOrgs: { source?: string }[] }[] };
  delete bad.vendors[0]!.ouiOrgs[0]!.source;
  assert.throws(() => parseCatalog(bad), /ouiOrgs\.0\.source/);
});

test('parseCatalog rejects a PEN claimed twice and a pattern that does not compile', () => {
  const bad = structuredClone(raw) as { vendors: { pens: object[]; sysDescr: { pattern: string }[] }[] };
  bad.vendors[1]!.pens.push({ number: 2011, registrant: 'x', source: 'reference/x', verified: true });
  bad.vendors[0]!.sysDescr[0]!.pattern = '(unclosed';
  assert.throws(() => parseCatalog(bad), (e: Error) => /PEN 2011 claimed/.test(e.message) && /bad pattern/.test(e.message));
});

test('name index has no name claimed by two vendors', () => {
  assert.doesNotThrow(() => buildNameIndex());
});
