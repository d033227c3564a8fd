// A NetBox REST API on 127.0.0.1 for tests: the demo instance's dumpdata
// (../shared/data/netbox/netbox-demo-v3.6.json) rebuilt as NetBox 3.6 answers it, with nested
// objects, `count/next/previous/results` pagination, token checks and a scripted 429.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { peer, type PeerOptions } from '../../support/peer.js';

export const DEMO_FILE = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'netbox', 'netbox-demo-v3.6.json');

/** Options of a test that needs the NetBox demo data (peer 'shared-data'). */
export function needsDemo(): PeerOptions {
  return peer('shared-data', existsSync(DEMO_FILE) || `NetBox demo data not found at ${DEMO_FILE}`);
}

type Row = { model: string; pk: number; fields: Record<string, unknown> };
type Obj = Record<string, unknown>;
export type Endpoint = 'regions' | 'sites' | 'manufacturers' | 'device-types' | 'devices' | 'interfaces' | 'cables';

/** Every list endpoint's results, in primary-key order as NetBox lists them. */
export function demoAsRest(file = DEMO_FILE, origin = 'http://netbox.test'): Record<Endpoint, Obj[]> {
  const rows = (JSON.parse(readFileSync(file, 'utf8')) as Row[]).filter((r) => r.pk !== undefined);
  const of = (m: string) => rows.filter((r) => r.model === m).sort((a, b) => a.pk - b.pk);
  const byPk = (m: string) => new Map(of(m).map((r) => [r.pk, r]));
  const url = (ep: string, id: number) => `${origin}/api/dcim/${ep}/${id}/`;
  const f = (r: Row, k: string) => r.fields[k];
  const mfr = byPk('dcim.manufacturer');
  const types = byPk('dcim.devicetype');
  const roles = byPk('dcim.devicerole');
  const regions = byPk('dcim.region');
  const sites = byPk('dcim.site');
  const devices = byPk('dcim.device');
  const interfaces = byPk('dcim.interface');
  const tags = byPk('extras.tag');
  const tagsOf = (app: string, model: string, id: number) =>
    of('extras.taggeditem')
      .filter((t) => (f(t, 'content_type') as string[]).join('.') === `${app}.${model}` && f(t, 'object_id') === id)
      .map((t) => tags.get(f(t, 'tag') as number))
      .filter((t): t is Row => t !== undefined)
      .map((t) => ({ id: t.pk, name: f(t, 'name'), slug: f(t, 'slug'), color: f(t, 'color') }));
  const nested = (m: Map<number, Row>, ep: string) => (pk: unknown) => {
    const r = m.get(pk as number);
    return r ? { id: r.pk, url: url(ep, r.pk), display: f(r, 'name'), name: f(r, 'name'), slug: f(r, 'slug') } : null;
  };
  const nestedMfr = nested(mfr, 'manufacturers');
  const nestedRegion = (pk: unknown) => {
    const r = regions.get(pk as number);
    return r ? { ...nested(regions, 'regions')(pk), _depth: f(r, 'level') } : null;
  };
  const nestedType = (pk: unknown) => {
    const t = types.get(pk as number);
    return t && { id: t.pk, url: url('device-types', t.pk), display: f(t, 'model'), manufacturer: nestedMfr(f(t, 'manufacturer')), model: f(t, 'model'), slug: f(t, 'slug') };
  };
  const choice = (v: unknown) => (v ? { value: v, label: String(v).replace(/^\w/, (c) => c.toUpperCase()) } : null);
  const term = (t: Row) => {
    const type = (f(t, 'termination_type') as string[]).join('.');
    const itf = type === 'dcim.interface' ? interfaces.get(f(t, 'termination_id') as number) : undefined;
    const dev = itf && devices.get(f(itf, 'device') as number);
    return {
      object_type: type,
      object_id: f(t, 'termination_id'),
      object: itf && dev
        ? { id: itf.pk, url: url('interfaces', itf.pk), display: f(itf, 'name'), device: { id: dev.pk, url: url('devices', dev.pk), display: f(dev, 'name'), name: f(dev, 'name') }, name: f(itf, 'name'), cable: f(itf, 'cable'), _occupied: true }
        : { id: f(t, 'termination_id') },
    };
  };
  const terms = of('dcim.cabletermination');
  return {
    regions: of('dcim.region').map((r) => ({ id: r.pk, url: url('regions', r.pk), display: f(r, 'name'), name: f(r, 'name'), slug: f(r, 'slug'), parent: nestedRegion(f(r, 'parent')), description: f(r, 'description'), tags: [], custom_fields: {}, _depth: f(r, 'level') })),
    sites: of('dcim.site').map((s) => ({
      id: s.pk, url: url('sites', s.pk), display: f(s, 'name'), name: f(s, 'name'), slug: f(s, 'slug'), status: choice(f(s, 'status')),
      region: nestedRegion(f(s, 'region')), facility: f(s, 'facility'), time_zone: f(s, 'time_zone'), description: f(s, 'description'),
      physical_address: f(s, 'physical_address'), shipping_address: f(s, 'shipping_address'), latitude: f(s, 'latitude'), longitude: f(s, 'longitude'),
      tags: tagsOf('dcim', 'site', s.pk), custom_fields: f(s, 'custom_field_data') ?? {},
    })),
    manufacturers: of('dcim.manufacturer').map((m) => ({ id: m.pk, url: url('manufacturers', m.pk), display: f(m, 'name'), name: f(m, 'name'), slug: f(m, 'slug'), tags: [], custom_fields: {} })),
    'device-types': of('dcim.devicetype').map((t) => ({ ...nestedType(t.pk), part_number: f(t, 'part_number'), u_height: f(t, 'u_height'), tags: [], custom_fields: {} })),
    devices: of('dcim.device').map((d) => ({
      id: d.pk, url: url('devices', d.pk), display: f(d, 'name') ?? `device ${d.pk}`, name: f(d, 'name'), device_type: nestedType(f(d, 'device_type')),
      role: nested(roles, 'device-roles')(f(d, 'role')), site: nested(sites, 'sites')(f(d, 'site')),
      serial: f(d, 'serial'), asset_tag: f(d, 'asset_tag'), status: choice(f(d, 'status')),
      tags: tagsOf('dcim', 'device', d.pk), custom_fields: f(d, 'custom_field_data') ?? {},
    })),
    interfaces: of('dcim.interface').map((i) => {
      const dev = devices.get(f(i, 'device') as number);
      return {
        id: i.pk, url: url('interfaces', i.pk), display: f(i, 'name'), name: f(i, 'name'), type: choice(f(i, 'type')),
        device: dev ? { id: dev.pk, url: url('devices', dev.pk), display: f(dev, 'name'), name: f(dev, 'name') } : null,
        mac_address: f(i, 'mac_address'), enabled: f(i, 'enabled'), mgmt_only: f(i, 'mgmt_only'), tags: [], custom_fields: {},
      };
    }),
    cables: of('dcim.cable').map((c) => ({
      id: c.pk, url: url('cables', c.pk), display: `#${c.pk}`, type: f(c, 'type'), status: choice(f(c, 'status')), label: f(c, 'label'),
      a_terminations: terms.filter((t) => f(t, 'cable') === c.pk && f(t, 'cable_end') === 'A').map(term),
      b_terminations: terms.filter((t) => f(t, 'cable') === c.pk && f(t, 'cable_end') === 'B').map(term),
      tags: [], custom_fields: {},
    })),
  };
}

export interface FakeNetboxOptions {
  token?: string;
  /** The server's MAX_PAGE_SIZE: small, so that pagination is exercised. */
  maxPageSize?: number;
  /** `endpoint?offset=N` answered 429 (with this Retry-After) the first time it is asked. */
  throttle?: { endpoint: Endpoint; offset: number; retryAfter: string };
  /** The origin written into `next` links (a proxy's view); default the server's own. */
  nextOrigin?: string;
}

export interface FakeNetbox {
  url: string;
  port: number;
  /** Every request: method, path with query, Authorization header, status answered. */
  log: Array<{ path: string; auth: string | undefined; status: number }>;
  close(): Promise<void>;
}

export async function startFakeNetbox(data: Record<Endpoint, Obj[]>, opts: FakeNetboxOptions = {}): Promise<FakeNetbox> {
  const log: FakeNetbox['log'] = [];
  let throttled = false;
  let origin = '';
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', origin);
    const auth = req.headers.authorization;
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      log.push({ path: u.pathname + u.search, auth, status });
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (opts.token !== undefined) {
      if (auth === undefined) return send(403, { detail: 'Authentication credentials were not provided.' });
      if (auth !== `Token ${opts.token}`) return send(403, { detail: 'Invalid token' });
    }
    const m = /^\/api\/dcim\/([a-z-]+)\/$/.exec(u.pathname);
    const ep = m?.[1] as Endpoint | undefined;
    const all = ep ? data[ep] : undefined;
    if (!all) return send(404, { detail: 'Not found.' });
    const limit = Math.min(Number(u.searchParams.get('limit') ?? 50) || 50, opts.maxPageSize ?? 1000);
    const offset = Number(u.searchParams.get('offset') ?? 0) || 0;
    if (opts.throttle && !throttled && opts.throttle.endpoint === ep && opts.throttle.offset === offset) {
      throttled = true;
      return send(429, { detail: 'Request was throttled.' }, { 'retry-after': opts.throttle.retryAfter });
    }
    const page = (o: number) => `${opts.nextOrigin ?? origin}/api/dcim/${ep}/?limit=${limit}&offset=${o}`;
    send(200, {
      count: all.length,
      next: offset + limit < all.length ? page(offset + limit) : null,
      previous: offset > 0 ? page(Math.max(0, offset - limit)) : null,
      results: all.slice(offset, offset + limit),
    });
  };
  const server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    port,
    log,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
