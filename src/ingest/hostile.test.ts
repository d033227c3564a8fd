import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../model/index.js';
import { readImport } from './index.js';
import { FORMAT_IDS, type FormatId } from './types.js';
import { tempDir } from './test-support.js';

const tmp = tempDir();
after(() => tmp.cleanup());

// One small well-formed sample per format, keyed by format id: every importer is mutated, and a
// format added to FORMAT_IDS without a sample here fails the test named after it.
const SAMPLES: Partial<Record<FormatId, { name: string; text: string }>> = {
  'inventory-csv': { name: 'inv.csv', text: 'id,vendor,lat,lon,mac\nr1,"Huawei, Inc",1.5,2,00:e0:fc:00:00:01\nr2,ZTE,,,\n' },
  'links-csv': { name: 'links.csv', text: 'a,b,metric\nr1,r2,3\n' },
  'flows-csv': { name: 'flows.csv', text: 'id,src,dst,class\nf1,r1,r2,sensitive\nf2,"r2",r1,\n' },
  'inventory-json': { name: 'inv.json', text: '{"devices":[{"id":"r1","vendor":"zte","lat":1}],"links":[{"a":"r1","b":"r1"}]}' },
  graphml: { name: 'g.graphml', text: '<?xml version="1.0"?>\n<graphml><key id="d0" for="node" attr.name="label"/>\n<graph><node id="0"><data key="d0">A</data></node><node id="1"/>\n<edge source="0" target="1"/></graph></graphml>\n' },
  'sndlib-native': { name: 'n.txt', text: '?SNDlib native format\nNODES (\n A ( 1 2 )\n B ( 3 4 )\n)\nLINKS (\n L ( A B ) 0 0 0 0 ( 1 2 )\n)\nDEMANDS (\n D ( A B ) 1 2 UNLIMITED\n)\n' },
  'sndlib-xml': { name: 'n.xml', text: '<?xml version="1.0"?>\n<network xmlns="http://sndlib.zib.de/network"><networkStructure><nodes coordinatesType="geographical"><node id="A"><coordinates><x>1</x><y>2</y></coordinates></node></nodes><links/></networkStructure><demands/></network>' },
  'netbox-dumpdata': { name: 'dump.json', text: '[{"model":"dcim.manufacturer","pk":1,"fields":{"name":"Huawei"}},{"model":"dcim.devicetype","pk":2,"fields":{"model":"NE40","manufacturer":1}},\n{"model":"dcim.device","pk":3,"fields":{"name":"r1","device_type":2,"status":"active"}}]' },
  'netbox-api': { name: 'api.json', text: '{"count":1,"next":null,"previous":null,"results":[{"id":1,"url":"https://x/api/dcim/devices/1/","name":"r","device_type":{"model":"m","manufacturer":{"name":"Huawei"}}}]}' },
  snmpwalk: { name: 'r.walk', text: '.1.3.6.1.2.1.1.1.0 = STRING: "Huawei Versatile Routing Platform Software VRP (R) software"\n.1.3.6.1.2.1.1.2.0 = OID: .1.3.6.1.4.1.2011.2.23.306\n.1.3.6.1.2.1.1.5.0 = STRING: "emu-huawei"\n.1.3.6.1.6.3.10.2.1.1.0 = Hex-STRING: 80 00 07 DB 03 00 25 9E 11 22 33 \n.1.3.6.1.2.1.2.2.1.6.1 = Hex-STRING: 00 25 9E 11 22 33 \n' },
  'lldp-json': { name: 'lldp.json', text: '{"lldp": {"interface": {"eth0": {"chassis": {"sw1": {"id": {"type": "mac", "value": "00:e0:fc:00:00:01"}, "descr": "Huawei VRP"}},\n "port": {"id": {"type": "ifname", "value": "Gi0/1"}}}}}}' },
  'nmap-xml': { name: 'scan.xml', text: '<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap -sV 127.0.0.1"><host><status state="up"/>\n<address addr="127.0.0.1" addrtype="ipv4"/><hostnames><hostname name="r1" type="PTR"/></hostnames>\n<ports><port protocol="tcp" portid="22"><state state="open"/><service name="ssh" product="ZTE sshd"/><script id="banner" output="SSH-2.0-ZTE_SSH.2.0"/></port></ports></host>\n</nmaprun>\n' },
};

/** Deterministic PRNG so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/** A seed of its own per format, so adding a format does not change the others' mutations. */
const seedOf = (id: string): number => [...id].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261);

const JUNK = ['"', ',', '\n', '\r', '<', '>', '{', '}', '[', ']', '(', ')', '&', '\u0000', 'é', '-1e999', '""', '</graph>', '<!--'];

function mutate(sample: string, rand: () => number): string {
  let s = sample;
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (s.length + 1));
    const r = rand();
    if (r < 0.3) s = s.slice(0, at);
    else if (r < 0.6) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 5));
    else s = s.slice(0, at) + JUNK[Math.floor(rand() * JUNK.length)] + s.slice(at);
  }
  return s;
}

/** Imports, or fails with an InputError naming the file; anything else fails the test. */
async function importsOrRefuses(file: string, what: string, text: string, format?: FormatId): Promise<'ok' | 'refused'> {
  try {
    await readImport(file, format === undefined ? {} : { format });
    return 'ok';
  } catch (err) {
    if (!(err instanceof InputError)) assert.fail(`${what} threw ${String(err)} for:\n${JSON.stringify(text)}`);
    assert.ok(err.message.startsWith(file), err.message);
    return 'refused';
  }
}

for (const id of FORMAT_IDS) {
  test(`mutated ${id} input either imports or fails with an InputError, never anything else`, async () => {
    const sample = SAMPLES[id];
    assert.ok(sample, `format ${id} has no hostile sample: add one to SAMPLES in src/ingest/hostile.test.ts`);
    const clean = tmp.write(`${id}-${sample.name}`, sample.text);
    assert.equal((await readImport(clean)).format, id, `the ${id} sample is detected as ${id}`);
    const rand = rng(seedOf(id));
    const counts = { ok: 0, refused: 0 };
    for (let k = 0; k < 60; k++) {
      const text = mutate(sample.text, rand);
      const file = tmp.write(`${id}-${k}-${sample.name}`, text);
      // read as the format it was (its importer, whatever detection now says) and as detected
      counts[await importsOrRefuses(file, `${id} mutation ${k} read as ${id}`, text, id)]++;
      counts[await importsOrRefuses(file, `${id} mutation ${k} detected`, text)]++;
    }
    console.log(`hostile ${id}: ${counts.ok} reads of mutated files imported, ${counts.refused} refused with InputError`);
  });
}

// Well-formed files of the wrong shape: each must be refused at the line of the offending value,
// never read as an empty (clean-looking) network. [file, text, line, message]
const WRONG_SHAPED: [string, string, number, RegExp][] = [
  ['inv-noid.csv', 'name,vendor\nx,huawei\n', 1, /missing required column 'id'/],
  ['links-noend.csv', 'a,b\nr1,r2\nr1,\n', 3, /link end b is empty/],
  ['flows-class.csv', 'id,src,dst,class\nf1,a,b,secret\n', 2, /class must be one of/],
  ['inv-devices.json', '{\n  "devices": "nope"\n}', 1, /"devices" must be an array/],
  ['inv-other.json', '{"routers": [{"id": "r1"}]}', 1, /an object with "devices", "links" or "flows" \(this one has routers\)/],
  ['edge.graphml', '<?xml version="1.0"?>\n<graphml><graph>\n<edge source="0" target="1"/></graph></graphml>', 3, /unknown node/],
  ['no-nodes.txt', '?SNDlib native format\nLINKS (\n)\n', 1, /no NODES section/],
  ['no-structure.xml', '<?xml version="1.0"?>\n<network xmlns="http://sndlib.zib.de/network"></network>', 1, /not an SNDlib network/],
  ['empty.walk', 'SNMPv2-MIB::sysDescr.0 = \n', 1, /no snmpwalk lines/],
  // NetBox API pages
  ['results-string.json', '{\n  "count": 1,\n  "next": null,\n  "results": "nope"\n}', 4, /"results" must be a list, got the string "nope"/],
  ['results-only.json', '{"results":\n "nope"}', 2, /"results" must be a list/],
  ['results-numbers.json', '{"count": 2, "next": null, "results": [\n  {"id": 1, "url": "https://nb/api/dcim/sites/1/", "name": "a"},\n  7\n]}', 3, /every element of "results" must be an object, got number 7/],
  ['device-type.json', '{"count": 1, "next": null, "results": [{\n  "id": 1, "url": "https://nb/api/dcim/devices/1/",\n  "device_type": "router"\n}]}', 3, /"device_type" must be an object/],
  ['maker-name.json', '{"count": 1, "next": null, "results": [{\n  "id": 1, "url": "https://nb/api/dcim/devices/1/",\n  "device_type": {"model": "m",\n    "manufacturer": {"name": ["Huawei"]}}\n}]}', 4, /"device_type.manufacturer.name" must be a string/],
  ['no-id.json', '{"count": 1, "next": null, "results": [\n  {"url": "https://nb/api/dcim/devices/1/", "name": "r"}\n]}', 2, /devices result without an "id"/],
  ['cable-ends.json', '{"count": 1, "next": null, "results": [{"id": 1, "url": "https://nb/api/dcim/cables/1/",\n  "a_terminations": {"object_id": 3},\n  "b_terminations": []}]}', 2, /"a_terminations" must be a list/],
  ['bundle-page.json', '{\n  "devices": {"count": 0, "next": null, "results": []},\n  "sites": 5\n}', 3, /"sites" must be a NetBox API page/],
  ['bundle-pages.json', '{"devices": [\n  {"count": 0, "next": null, "results": []},\n  "page 2"\n]}', 3, /every element of a list of NetBox API pages must be an object/],
  // NetBox dumpdata
  ['fields-null.json', '[\n  {"model": "dcim.site", "pk": 1, "fields": {"name": "a", "slug": "a"}},\n  {"model": "dcim.device", "pk": 2,\n   "fields": null}\n]', 4, /"fields" of this dcim.device row must be an object, got null/],
  ['fields-missing.json', '[\n  {"model": "dcim.device", "pk": 2, "fields": {"name": "r"}},\n  {"model": "dcim.device", "pk": 3}\n]', 3, /"fields" of this dcim.device row must be an object, got nothing/],
  ['row-number.json', '[\n  {"model": "dcim.device", "pk": 2, "fields": {"name": "r"}},\n  5\n]', 3, /every element of a dumpdata list must be an object, got number 5/],
  ['no-pk.json', '[\n  {"model": "dcim.manufacturer", "fields": {"name": "Huawei"}}\n]', 2, /dcim.manufacturer row without a "pk"/],
  ['device-name.json', '[{"model": "dcim.device", "pk": 2, "fields": {\n  "name": {"first": "r"}\n}}]', 2, /"name" must be a string or a number, got an object/],
  // lldpcli
  ['lldp-no-interface.json', '{"lldp": {\n  "chassis": {"sw": {}}\n}}', 1, /"lldp" has no "interface".*not the output of lldpcli/],
  ['lldp-interface-string.json', '{"lldp": {\n  "interface": "eth0"\n}}', 2, /"interface" must be an object or a list of objects, got the string "eth0"/],
  ['lldp-interface-entry.json', '{"lldp": {"interface": {\n  "eth0":\n    "up"\n}}}', 3, /interface "eth0" must be an object/],
  ['lldp-chassis-string.json', '{"lldp": {"interface": {"eth0": {\n  "chassis": "sw1"\n}}}}', 2, /"chassis" must be an object or a list of objects/],
  ['lldp-chassis-entry.json', '{"lldp": {"interface": {"eth0": {"chassis": {\n  "sw1": 42\n}}}}}', 2, /chassis "sw1" must be an object, got number 42/],
  ['lldp-list.json', '{"lldp": [\n  {"interface": []},\n  "x"\n]}', 3, /every element of "lldp" must be an object/],
];

test('wrong-shaped files of every format fail with an InputError at the line of the offending value', async () => {
  for (const [name, text, line, re] of WRONG_SHAPED) {
    const file = tmp.write(`shape-${name}`, text);
    await assert.rejects(readImport(file), (e: unknown) => {
      assert.ok(e instanceof InputError, `${name}: ${String(e)}`);
      assert.match(e.message, re, name);
      assert.equal(e.message.slice(0, e.message.indexOf(': ')), `${file}:${line}`, `${name}: ${e.message}`);
      return true;
    });
  }
});

// Well-formed files that hold nothing: read as empty batches (the import then says "no records"
// and writes nothing), never refused as malformed.
const NO_RECORDS: [string, string, string][] = [
  ['inventory-csv', 'header.csv', 'id,vendor\n'],
  ['graphml', 'empty.graphml', '<?xml version="1.0"?>\n<graphml><graph></graph></graphml>'],
  ['sndlib-xml', 'empty.xml', '<?xml version="1.0"?>\n<network xmlns="http://sndlib.zib.de/network"><networkStructure><nodes/><links/></networkStructure></network>'],
  ['netbox-api', 'page.json', '{"count": 0, "next": null, "previous": null, "results": []}'],
  ['netbox-dumpdata', 'users.json', '[{"model": "auth.user", "fields": {"username": "admin"}}]'],
  ['nmap-xml', 'nobody-up.xml', '<?xml version="1.0"?>\n<nmaprun scanner="nmap" args="nmap -sn 192.0.2.0/28"><verbose level="0"/>\n<runstats><finished time="1700000003" exit="success"/><hosts up="0" down="16" total="16"/></runstats>\n</nmaprun>\n'],
  ['lldp-json', 'lonely.json', '{\n  "lldp": {}\n}'],
  ['lldp-json', 'lonely0.json', '{"lldp": [{}]}'],
  ['lldp-json', 'lonely-list.json', '{"lldp": [{"interface": []}]}'],
];

test('well-formed files with no records read as empty, not as errors', async () => {
  for (const [format, name, text] of NO_RECORDS) {
    const b = await readImport(tmp.write(`empty-${name}`, text));
    assert.equal(b.format, format, name);
    assert.equal(b.devices.length + b.sites.length + b.links.length + b.flows.length, 0, name);
  }
});
