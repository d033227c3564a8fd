// nmap XML (`nmap -oX`): each host that is up becomes a device keyed by its address (as probes
// key devices), with the MAC nmap saw (OUI evidence; nmap's own vendor guess is kept as a
// column) and its banners as evidence, one per line of the banner field: SSH banners first, then
// telnet banners, HTTP Server headers, or else the product names nmap's version detection gave.
// Every service is listed in the `nmap_services` column.
import { InputError, emptyBatch } from '../../model/index.js';
import type { DeviceRecord, ImportBatch } from '../../model/index.js';
import type { ImportReader, ReaderOptions } from '../types.js';
import { WarningSink } from '../util/warnings.js';
import { attr, children, child, parseXml, startTagLines, type XmlElement } from '../xml/parse.js';
import { readXmlFile } from '../xml/read.js';

export function nmapXmlReader(file: string, _opts: ReaderOptions): ImportReader {
  return {
    format: 'nmap-xml',
    file,
    async *batches() {
      yield readNmapXml(file, await readXmlFile(file));
    },
  };
}

const MAX_BANNER = 1024;
const MAX_SERVICES = 256;

function clean(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.replace(/\s+$/, '').replace(/^\s+/, '');
  return t === '' ? undefined : t.slice(0, MAX_BANNER);
}

interface Banner {
  rank: number;
  text: string;
}

export function readNmapXml(file: string, xml: string): ImportBatch {
  const doc = parseXml(xml, file, ['host', 'address', 'hostname', 'port', 'script', 'osmatch', 'osclass', 'hostnames', 'elem', 'table', 'cpe']);
  const root = doc['nmaprun'];
  if (root === undefined || Array.isArray(root) || typeof root === 'string') throw new InputError(file, 1, 'not nmap XML: no single <nmaprun> root element');
  const batch = emptyBatch('nmap-xml', file);
  const warnings = new WarningSink(file);
  const hostLines = startTagLines(xml, { host: 1 }).get('host') ?? [];
  const hosts = children(root, 'host');
  const seen = new Map<string, number>();
  let down = 0;
  hosts.forEach((h, i) => {
    const line = hostLines[i] ?? 1;
    const state = attr(child(h, 'status') ?? {}, 'state');
    if (state !== undefined && state !== 'up') {
      down++;
      return;
    }
    const { ip, mac, macVendor } = addressesOf(h);
    const id = ip ?? (mac ? `mac:${mac.toLowerCase()}` : undefined);
    if (id === undefined) {
      warnings.warn(line, '<host> without an address; skipped');
      return;
    }
    const prev = seen.get(id);
    if (prev !== undefined) {
      warnings.warn(line, `host ${id} already listed on line ${prev}; this one skipped`);
      return;
    }
    seen.set(id, line);
    const d: DeviceRecord = { id, raw: {}, extra: { address: ip ?? '' }, source: { file, line } };
    const names = children(h, 'hostnames').flatMap((hn) => children(hn, 'hostname')).map((n) => clean(attr(n, 'name'))).filter((n): n is string => n !== undefined);
    if (names[0] !== undefined) d.name = names[0];
    if (mac !== undefined) d.raw.mac = mac;
    if (macVendor !== undefined) d.extra['nmap_mac_vendor'] = macVendor;
    addServices(h, d);
    addOs(h, d);
    batch.devices.push(d);
  });
  batch.meta['hosts'] = hosts.length;
  batch.meta['hostsDown'] = down;
  const scanner = attr(root, 'scanner');
  if (scanner !== undefined) batch.meta['scanner'] = scanner;
  const version = attr(root, 'version');
  if (version !== undefined) batch.meta['nmapVersion'] = version;
  batch.warnings = warnings.take(true);
  return batch;
}

/** The host's first IP address, and its MAC with nmap's vendor guess. */
function addressesOf(h: XmlElement): { ip: string | undefined; mac: string | undefined; macVendor: string | undefined } {
  let ip: string | undefined;
  let mac: string | undefined;
  let macVendor: string | undefined;
  for (const a of children(h, 'address')) {
    const type = attr(a, 'addrtype');
    const addr = clean(attr(a, 'addr'));
    if (addr === undefined) continue;
    if ((type === 'ipv4' || type === 'ipv6') && ip === undefined) ip = addr;
    else if (type === 'mac') {
      mac = addr;
      macVendor = clean(attr(a, 'vendor'));
    }
  }
  return { ip, mac, macVendor };
}

/** Open ports: banners as evidence (else product names), every service in `nmap_services`. */
function addServices(h: XmlElement, d: DeviceRecord): void {
  const banners: Banner[] = [];
  const services: string[] = [];
  const products: string[] = [];
  const ports = child(h, 'ports');
  for (const p of ports ? children(ports, 'port') : []) {
    if (attr(child(p, 'state') ?? {}, 'state') !== 'open') continue;
    const portId = `${attr(p, 'portid') ?? '?'}/${attr(p, 'protocol') ?? '?'}`;
    const svc = child(p, 'service');
    const name = svc ? attr(svc, 'name') : undefined;
    const product = svc ? clean([attr(svc, 'product'), attr(svc, 'version'), attr(svc, 'extrainfo') ? `(${attr(svc, 'extrainfo')})` : undefined].filter(Boolean).join(' ')) : undefined;
    if (services.length < MAX_SERVICES) services.push(`${portId} ${name ?? 'unknown'}${product ? ` ${product}` : ''}`);
    if (svc && attr(svc, 'product') !== undefined && products.length < 16) products.push(clean(attr(svc, 'product'))!);
    for (const s of children(p, 'script')) {
      const sid = attr(s, 'id');
      const out = clean(attr(s, 'output'));
      if (out === undefined) continue;
      if (sid === 'banner') {
        const rank = /^SSH-/i.test(out) ? 0 : name === 'telnet' ? 1 : 3;
        banners.push({ rank, text: out });
      } else if (sid === 'http-server-header') {
        banners.push({ rank: 2, text: out.startsWith('Server:') ? out : `Server: ${out}` });
      } else if (sid === 'ssh2-enum-algos' || sid === 'ssh-hostkey') {
        // key material, not identity
      }
    }
  }
  banners.sort((a, b) => a.rank - b.rank);
  // every banner is evidence (one per line, best first), so disagreeing banners show as a conflict
  const texts = banners.slice(0, 16).map((b) => b.text.replace(/[\r\n]+/g, ' '));
  const primary = texts.length > 0 ? texts.join('\n') : products.length > 0 ? products.join('; ') : undefined;
  if (primary !== undefined) d.raw.banner = primary;
  if (services.length > 0) d.extra['nmap_services'] = services.join('; ');
}

/** nmap's best OS match and its vendor, as columns. */
function addOs(h: XmlElement, d: DeviceRecord): void {
  const os = child(h, 'os');
  const best = os ? children(os, 'osmatch')[0] : undefined;
  if (best) {
    d.extra['nmap_os'] = `${attr(best, 'name') ?? ''} (${attr(best, 'accuracy') ?? '?'}%)`;
    const cls = children(best, 'osclass')[0];
    const vendor = cls ? clean(attr(cls, 'vendor')) : undefined;
    if (vendor !== undefined) d.extra['nmap_os_vendor'] = vendor;
  }
}
