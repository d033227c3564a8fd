import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { attributeDevice, createIdentifyContext } from '../../identify/index.js';
import { InputError } from '../../model/index.js';
import { readImport } from '../index.js';
import { tempDir } from '../test-support.js';

const FIX = join(import.meta.dirname, '..', '..', '..', 'test', 'probe', 'fixtures');
const tmp = tempDir();
after(() => tmp.cleanup());
const ctx = createIdentifyContext();

test('real nmap -oX output of a loopback scan: host keyed by address, every SSH banner as evidence', async () => {
  // Captured from nmap 7.93 -sV --script banner,http-server-header against local services
  // that answer with a Huawei and a ZTE SSH banner.
  const b = await readImport(join(FIX, 'loopback.nmap.xml'));
  assert.equal(b.format, 'nmap-xml');
  assert.equal(b.devices.length, 1);
  const d = attributeDevice(b.devices[0]!, ctx).device;
  assert.equal(d.id, '127.0.0.1');
  assert.equal(d.name, 'localhost');
  assert.equal(d.source.line, 9);
  assert.equal(d.raw.banner, 'SSH-2.0-HUAWEI-1.5\nSSH-2.0-ZTE_SSH.2.0');
  // two services on one address answering as different makers: both kept, the disagreement shown
  assert.deepEqual(d.attribution.evidence.map((e) => [e.kind, e.vendor]), [['banner', 'huawei'], ['banner', 'zte']]);
  assert.equal(d.attribution.conflicts.length, 1);
  assert.deepEqual([...d.attribution.conflicts[0]!.vendors].sort(), ['huawei', 'zte']);
  assert.match(d.extra['nmap_services']!, /22222\/tcp ssh Huawei WAP sshd 1\.5/);
  assert.equal(b.meta['nmapVersion'], '7.93');
});

test('MAC addresses, HTTP Server headers, hosts that are down', async () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nmaprun>
<nmaprun scanner="nmap" version="7.93">
<host><status state="up"/>
<address addr="192.0.2.9" addrtype="ipv4"/>
<address addr="00:1E:73:12:34:56" addrtype="mac" vendor="zte"/>
<ports><port protocol="tcp" portid="80"><state state="open"/><service name="http"/><script id="http-server-header" output="Mini web server 1.0 ZTE corp 2005."/></port></ports>
<os><osmatch name="ZTE F660 router" accuracy="93"><osclass vendor="ZTE" osfamily="embedded" type="router"/></osmatch></os>
</host>
<host><status state="down"/><address addr="192.0.2.10" addrtype="ipv4"/></host>
<host><status state="up"/><address addr="2001:db8::1" addrtype="ipv6"/></host>
</nmaprun>`;
  const b = await readImport(tmp.write('scan.xml', xml));
  assert.deepEqual(b.devices.map((d) => d.id), ['192.0.2.9', '2001:db8::1']);
  const d = attributeDevice(b.devices[0]!, ctx).device;
  assert.equal(d.raw.mac, '00:1E:73:12:34:56');
  assert.equal(d.raw.banner, 'Server: Mini web server 1.0 ZTE corp 2005.');
  assert.equal(d.vendor, 'zte');
  assert.equal(d.extra['nmap_os_vendor'], 'ZTE');
  assert.equal(b.devices[0]!.source.line, 4);
  assert.equal(b.meta['hostsDown'], 1);
});

test('broken or hostile nmap XML fails with file:line', async () => {
  const cases: [string, RegExp][] = [
    ['<?xml version="1.0"?>\n<nmaprun>\n<host><address addr="1.2.3.4" addrtype="ipv4"/>\n', /truncated|invalid XML/],
    ['<?xml version="1.0"?>\n<!DOCTYPE nmaprun [<!ENTITY a "aaaa">]>\n<nmaprun></nmaprun>', /entity/i],
  ];
  for (const [i, [text, re]] of cases.entries()) {
    const f = tmp.write(`bad${i}.xml`, text);
    await assert.rejects(readImport(f), (e: unknown) => e instanceof InputError && re.test(e.message) && /:\d+:/.test(e.message), text);
  }
});
