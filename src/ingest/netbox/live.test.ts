import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InputError, isNothingToAnalyse } from '../../model/index.js';
import { countryOfSite, fromAddress, type NbRegion } from './country-of-site.js';
import { NetboxClient, retryWait } from './live-client.js';
import { layerAndNetwork, parseRoleMap } from './live-roles.js';
import { apiRoot, openNetboxLive } from './live.js';

const servers: Server[] = [];
after(() => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

/** A loopback HTTP server answering with `handler`; its base URL. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const s = createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const page = (results: unknown[], next: string | null = null) => ({ count: results.length, next, previous: null, results });

const regions = new Map<string, NbRegion>([
  ['1', { name: 'North America', slug: 'north-america' }],
  ['2', { name: 'United States', slug: 'us', parent: '1' }],
  ['3', { name: 'Georgia', slug: 'georgia', parent: '2' }],
  ['4', { name: 'CA', slug: 'ca', parent: '2' }],
  ['5', { name: 'Europe', slug: 'europe' }],
  ['6', { name: 'DE', slug: 'de' }],
  ['7', { name: 'Bavaria', slug: 'bavaria', parent: '6' }],
  ['8', { name: 'loop a', parent: '9' }],
  ['9', { name: 'loop b', parent: '8' }],
  ['10', { name: 'Site area', slug: 'south-africa', parent: '5' }],
]);

test('a site country comes from the topmost country-named region, then the address, then the coordinates', () => {
  assert.deepEqual(countryOfSite({ region: '3' }, regions), { code: 'US', from: 'region', evidence: 'United States' }, 'the state of Georgia is not GE');
  assert.equal(countryOfSite({ region: '4' }, regions)?.code, 'US', '"CA" under the US is California');
  assert.equal(countryOfSite({ region: '7' }, regions)?.code, 'DE', 'a code is a country at the root');
  assert.equal(countryOfSite({ region: '10' }, regions)?.code, 'ZA', 'slug read when the name says nothing');
  assert.equal(countryOfSite({ region: '8' }, regions), undefined, 'a region loop ends');
  assert.deepEqual(countryOfSite({ region: '8', physicalAddress: 'Unter den Linden 1\r\n10117 Berlin\r\nGermany' }, regions), {
    code: 'DE', from: 'address', evidence: 'Germany',
  });
  assert.equal(fromAddress('1 Rue de Rivoli, 75001 Paris, France')?.code, 'FR');
  assert.equal(fromAddress('3110 Faucette Dr., Raleigh, NC 27607'), undefined, 'a state abbreviation is no country');
  assert.equal(fromAddress('1 Main St\nLos Angeles, CA 90012'), undefined);
  assert.equal(fromAddress('Kungsgatan 1, 111 43 Stockholm, Sweden.')?.code, 'SE');
  assert.deepEqual(countryOfSite({ lat: 52.52, lon: 13.405 }, regions), { code: 'DE', from: 'coordinates', evidence: '52.52,13.405' });
  assert.equal(countryOfSite({ lat: -33.87, lon: 151.21 }, regions)?.code, 'AU');
  assert.equal(countryOfSite({ lat: 0, lon: -30 }, regions), undefined, 'mid-Atlantic');
});

test('layer and network from role, tags and custom fields; --role-map over the default table', () => {
  const none = parseRoleMap(undefined);
  assert.deepEqual(layerAndNetwork({ role: { slug: 'router', name: 'Router' }, tags: [], customFields: {} }, none), { layer: 'transport' });
  assert.deepEqual(layerAndNetwork({ role: { name: 'Core Switch' }, tags: [{ slug: 'military' }], customFields: {} }, none), { layer: 'core', network: 'military' });
  assert.deepEqual(layerAndNetwork({ role: { slug: 'patch-panel' }, tags: [], customFields: {} }, none), {}, 'unmapped: blank');
  const user = parseRoleMap('router=core+government, PDU=, Cell Site=ran');
  assert.deepEqual(layerAndNetwork({ role: { slug: 'router' }, tags: [], customFields: {} }, user), { layer: 'core', network: 'government' });
  assert.deepEqual(layerAndNetwork({ role: { slug: 'pdu' }, tags: [], customFields: {} }, user), {}, 'explicitly blank stops the default');
  assert.deepEqual(layerAndNetwork({ role: { slug: 'x' }, tags: [{ name: 'Cell site' }], customFields: {} }, user), { layer: 'ran' });
  assert.deepEqual(layerAndNetwork({ role: { slug: 'router' }, tags: [], customFields: { cleanpath_layer: 'RAN', owner: 'cell-site' } }, user), { layer: 'ran', network: 'government' });
  assert.throws(() => parseRoleMap('router=corr'), (e: unknown) => e instanceof InputError && /unknown layer or network 'corr'/.test(e.message));
  assert.throws(() => parseRoleMap('router'), (e: unknown) => e instanceof InputError && /ROLE=LAYER/.test(e.message));
});

test('API root from netbox+ URLs; credentials in the URL refused', () => {
  assert.equal(apiRoot('netbox+https://nb.example.net').href, 'https://nb.example.net/api/');
  assert.equal(apiRoot('netbox+https://nb.example.net/netbox/').href, 'https://nb.example.net/netbox/api/');
  assert.equal(apiRoot('netbox+http://127.0.0.1:8000/api').href, 'http://127.0.0.1:8000/api/');
  assert.throws(() => apiRoot('netbox+https://u:secret@nb.example.net/'), (e: unknown) => e instanceof InputError && !e.message.includes('secret'));
  assert.equal(retryWait('7', 0), 7000);
  assert.equal(retryWait(null, 2), 4000);
  assert.equal(retryWait(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), 0, Date.UTC(2026, 0, 1)), 30_000);
});

const client = (base: string, o: ConstructorParameters<typeof NetboxClient>[1] = {}) => new NetboxClient(apiRoot(`netbox+${base}`), o);
const rejectsWith = (p: Promise<unknown>, re: RegExp) => assert.rejects(p, (e: unknown) => e instanceof InputError && re.test(e.message));

test('hostile or broken servers: clear errors, bounded waits and sizes, no hang', async () => {
  const silent = await serve(() => {});
  const t0 = Date.now();
  await rejectsWith(client(silent, { timeoutMs: 300 }).list('dcim/devices/'), /did not answer within 0\.3 s/);
  assert.ok(Date.now() - t0 < 3000);

  const trickle = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"results": [');
  });
  await rejectsWith(client(trickle, { timeoutMs: 300 }).list('dcim/devices/'), /did not answer within/);

  const wrongShape = await serve((_req, res) => json(res, 200, { count: 1, next: null, results: 'nope' }));
  await rejectsWith(client(wrongShape).list('dcim/devices/'), /expected a NetBox API page/);
  const html = await serve((_req, res) => res.end('<html>login</html>'));
  await rejectsWith(client(html).list('dcim/devices/'), /not JSON.*is this the NetBox URL/);
  const huge = await serve((_req, res) => json(res, 200, page([{ name: 'x'.repeat(5000) }])));
  await rejectsWith(client(huge, { maxPageBytes: 1000 }).list('dcim/devices/'), /larger than 1,000 bytes/);
  const loop = await serve((req, res) => json(res, 200, page([{ id: 1 }], req.url ?? null)));
  await rejectsWith(client(loop).list('dcim/devices/'), /loops back/);

  let asked = 0;
  const slowDown = await serve((_req, res) => {
    asked++;
    json(res, 429, { detail: 'throttled' }, { 'retry-after': '3600' });
  });
  await rejectsWith(client(slowDown).list('dcim/devices/'), /asks to wait 3600 s/);
  assert.equal(asked, 1);
  asked = 0;
  const always429 = await serve((_req, res) => {
    asked++;
    json(res, 429, { detail: 'throttled' }, { 'retry-after': '0' });
  });
  await rejectsWith(client(always429, { maxRetries: 3 }).list('dcim/devices/'), /HTTP 429/);
  assert.equal(asked, 4, 'one try and three retries');

  let elsewhere = 0;
  const other = await serve((_req, res) => {
    elsewhere++;
    json(res, 200, page([]));
  });
  const redirect = await serve((_req, res) => {
    res.writeHead(302, { location: `${other}api/dcim/devices/` });
    res.end();
  });
  await rejectsWith(client(redirect, { token: 'tok' }).list('dcim/devices/'), /HTTP 302.*redirecting to http:\/\/127\.0\.0\.1/);
  assert.equal(elsewhere, 0, 'a redirect is not followed: the token stays home');

  const escape = await serve((_req, res) => json(res, 500, { detail: 'boom\u001b[31m red \u0007' }));
  await rejectsWith(client(escape).list('dcim/devices/'), /HTTP 500 Internal Server Error: boom \[31m red$/);
});

test('tokens: Token or Bearer header, never in messages; no devices is nothing to import', async () => {
  const seen: Array<string | undefined> = [];
  const empty = await serve((req, res) => {
    seen.push(req.headers.authorization);
    json(res, req.headers.authorization === 'Token s3cr3t' ? 200 : 403, req.headers.authorization === 'Token s3cr3t' ? page([]) : { detail: 'Invalid token' });
  });
  await assert.rejects(openNetboxLive(`netbox+${empty}`, { tokenEnv: 'NB', env: { NB: 's3cr3t' } }), (e: unknown) => isNothingToAnalyse(e) && /has no devices.*nothing to import/.test(e.message));
  assert.equal(seen.length, 7, 'one page of each of the seven endpoints');
  assert.ok(seen.every((a) => a === 'Token s3cr3t'));
  await assert.rejects(openNetboxLive(`netbox+${empty}`, { tokenEnv: 'NB', env: { NB: 'nbt_abc.def' } }), (e: unknown) => e instanceof InputError && /the token was refused/.test(e.message) && !e.message.includes('nbt_abc'));
  assert.equal(seen.at(-1), 'Bearer nbt_abc.def');
  await rejectsWith(openNetboxLive(`netbox+${empty}`, { tokenEnv: 'NB', env: {} }), /environment variable NB is not set/);
  await rejectsWith(openNetboxLive(`netbox+${empty}`, { env: {} }), /no token was sent/);
});

test('a live pull maps countries by address and coordinates, layers, tags and interface MACs', async () => {
  const data: Record<string, unknown[]> = {
    regions: [{ id: 1, name: 'Europe', slug: 'europe', parent: null }],
    sites: [
      { id: 1, name: 'Berlin DC', slug: 'ber', region: { id: 1 }, physical_address: 'Alexanderplatz 1\n10178 Berlin\nGermany', latitude: null, longitude: null },
      { id: 2, name: 'Oslo POP', slug: 'osl', region: null, physical_address: '', latitude: 59.91, longitude: 10.75 },
      { id: 3, name: 'Nowhere', slug: 'nowhere', region: { id: 1 }, physical_address: '', latitude: null, longitude: null },
    ],
    manufacturers: [{ id: 1, name: 'Huawei', slug: 'huawei' }],
    'device-types': [{ id: 1, model: 'NE40E', manufacturer: { id: 1, name: 'Huawei' } }],
    devices: [
      { id: 7, name: 'ber-pe1', url: 'http://x/api/dcim/devices/7/', device_type: { model: 'NE40E', manufacturer: { name: 'Huawei' } }, role: { name: 'PE Router', slug: 'pe-router' }, site: { id: 1, slug: 'ber' }, serial: 'S1', status: { value: 'active' }, tags: [{ name: 'Government', slug: 'government' }], custom_fields: { rack_note: null } },
      { id: 8, name: 'osl-x', device_type: { model: 'NE40E', manufacturer: { name: 'Huawei' } }, role: { name: 'Mystery', slug: 'mystery' }, site: { id: 2, slug: 'osl' }, tags: [], custom_fields: { cleanpath_layer: 'ran' } },
      { id: 9, name: 'nowhere-1', device_type: { model: 'NE40E', manufacturer: { name: 'Huawei' } }, role: { slug: 'mystery' }, site: { id: 3, slug: 'nowhere' } },
    ],
    interfaces: [
      { id: 1, device: { id: 7 }, name: 'mgmt', mac_address: '02:00:00:00:00:01' },
      { id: 2, device: { id: 7 }, name: 'ge0', mac_address: '00:E0:FC:12:34:56' },
      { id: 3, device: { id: 8 }, name: 'ge0', mac_address: null, primary_mac_address: { mac_address: '00:E0:FC:AA:BB:CC' } },
    ],
    cables: [],
  };
  const base = await serve((req, res) => {
    const ep = /\/api\/dcim\/([a-z-]+)\//.exec(req.url ?? '')?.[1] ?? '';
    json(res, 200, page(data[ep] ?? []));
  });
  let stats: unknown;
  const src = await openNetboxLive(`netbox+${base}`, { env: {}, onStats: (s) => (stats = s) });
  const batches = [];
  for await (const b of src.batches()) batches.push(b);
  const b = batches[0]!;
  assert.equal(src.format, 'netbox-live');
  assert.deepEqual(b.sites.map((s) => [s.id, s.country]), [['ber', 'DE'], ['osl', 'NO'], ['nowhere', undefined]]);
  assert.ok(b.warnings.some((w) => w.line === 3 && /site 'nowhere': no country/.test(w.message)));
  const pe = b.devices.find((d) => d.id === 'ber-pe1')!;
  assert.deepEqual([pe.country, pe.layer, pe.network, pe.raw.mac, pe.raw.declaredVendor, pe.raw.serial], ['DE', 'transport', 'government', '00:E0:FC:12:34:56', 'Huawei', 'S1']);
  assert.equal(pe.extra['interface_macs'], '02:00:00:00:00:01 00:E0:FC:12:34:56');
  assert.deepEqual(pe.source, { file: `${base}api/dcim/devices/`, line: 7 });
  const osl = b.devices.find((d) => d.id === 'osl-x')!;
  assert.deepEqual([osl.country, osl.layer, osl.raw.mac], ['NO', 'ran', '00:E0:FC:AA:BB:CC']);
  assert.deepEqual(stats, {
    sites: 3, sitesWithCountry: 2, countryFrom: { region: 0, address: 1, coordinates: 1 },
    devices: 3, devicesWithLayer: 2, devicesWithNetwork: 1, unmappedRoles: { mystery: 1 }, devicesWithMac: 2,
  });
});
