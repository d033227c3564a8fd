import { csvReader } from './csv/reader.js';
import { graphmlReader } from './graphml/reader.js';
import { inventoryJsonReader } from './json/inventory.js';
import { lldpJsonReader } from './lldp/reader.js';
import { netboxApiReader } from './netbox/api.js';
import { netboxDumpdataReader } from './netbox/dumpdata.js';
import { nmapXmlReader } from './nmap/reader.js';
import { snmpwalkReader } from './snmpwalk/reader.js';
import { sndlibNativeReader } from './sndlib/native.js';
import { sndlibXmlReader } from './sndlib/xml.js';
import type { FormatId, FormatInfo, FormatModule } from './types.js';

// One entry per format; `Record<FormatId, ...>` makes a format without a reader a compile error.
const MODULES: Record<FormatId, FormatModule> = {
  'inventory-csv': {
    info: {
      id: 'inventory-csv',
      description: 'device inventory CSV: id plus any of name, vendor, model, role, layer, technology, site, country, operator, network, installed, cost, lat, lon, mac, sys_object_id, sys_descr, engine_id, imei, serial, supplier, reseller, maintainer; other columns kept',
      example: 'id,vendor,layer,country,mac\nr1,Huawei,core,DE,00:e0:fc:12:34:56',
    },
    open: (file, opts) => csvReader(file, 'inventory', opts),
  },
  'inventory-json': {
    info: {
      id: 'inventory-json',
      description: 'device inventory JSON: an array of devices, or {devices, links?, flows?} with the CSV column names as keys',
      example: '{"devices":[{"id":"r1","vendor":"ZTE","lat":52.5,"lon":13.4}],"links":[{"a":"r1","b":"r2"}]}',
    },
    open: (file, opts) => inventoryJsonReader(file, opts),
  },
  'links-csv': {
    info: {
      id: 'links-csv',
      description: 'links CSV: a,b plus optional metric (positive integer, default 1), latency, capacity, operator, id',
      example: 'a,b,metric\nr1,r2,10',
    },
    open: (file, opts) => csvReader(file, 'links', opts),
  },
  'flows-csv': {
    info: {
      id: 'flows-csv',
      description: 'flows CSV: id,src,dst plus optional class (sensitive|normal, default sensitive), volume (default 1), latency_bound',
      example: 'id,src,dst,class\nf1,base-ramstein,hq,sensitive',
    },
    open: (file, opts) => csvReader(file, 'flows', opts),
  },
  graphml: {
    info: {
      id: 'graphml',
      description: 'GraphML topology (Internet Topology Zoo): nodes become devices and sites, edges become links',
      example: 'cleanpath import Geant2012.graphml',
    },
    open: (file, opts) => graphmlReader(file, opts),
  },
  'sndlib-native': {
    info: {
      id: 'sndlib-native',
      description: 'SNDlib native network text: NODES, LINKS, DEMANDS (demands become flows)',
      example: 'cleanpath import nobel-germany.txt',
    },
    open: (file, opts) => sndlibNativeReader(file, opts),
  },
  'sndlib-xml': {
    info: {
      id: 'sndlib-xml',
      description: 'SNDlib XML network (http://sndlib.zib.de/network): nodes, links, demands',
      example: 'cleanpath import nobel-germany.xml',
    },
    open: (file, opts) => sndlibXmlReader(file, opts),
  },
  'netbox-dumpdata': {
    info: {
      id: 'netbox-dumpdata',
      description: 'NetBox Django dumpdata JSON: devices with manufacturer, type, role, site, serial; sites; interface-to-interface cables as links',
      example: 'cleanpath import netbox-demo-v3.6.json',
    },
    open: (file, opts) => netboxDumpdataReader(file, opts),
  },
  'netbox-api': {
    info: {
      id: 'netbox-api',
      description: 'NetBox REST API JSON: a page or array of pages of /api/dcim/{manufacturers,device-types,devices,sites,cables}/, or a bundle {"devices": pages, "cables": pages, ...}',
      example: 'curl -H "Authorization: Token $T" https://netbox/api/dcim/devices/?limit=1000 > devices.json',
    },
    open: (file, opts) => netboxApiReader(file, opts),
  },
  snmpwalk: {
    info: {
      id: 'snmpwalk',
      description: 'net-snmp snmpwalk text output of one agent (numeric, iso. or MIB-named OIDs): system group, engine ID, interface MACs, LLDP-MIB neighbours as devices and links',
      example: 'snmpwalk -v2c -c public -On 192.0.2.1 .1 > 192.0.2.1.walk',
    },
    open: (file, opts) => snmpwalkReader(file, opts),
  },
  'lldp-json': {
    info: {
      id: 'lldp-json',
      description: 'lldpd neighbours: `lldpcli -f json show neighbors` (or json0); neighbours become devices (LLDP description, chassis MAC) and links from the host named by the file',
      example: 'lldpcli -f json show neighbors > edge-router-1.json',
    },
    open: (file, opts) => lldpJsonReader(file, opts),
  },
  'nmap-xml': {
    info: {
      id: 'nmap-xml',
      description: 'nmap XML (-oX): hosts that are up become devices keyed by address, with MAC, SSH/telnet/HTTP banners and service products as evidence',
      example: 'nmap -sV --script banner,http-server-header -oX scan.xml 192.0.2.0/24',
    },
    open: (file, opts) => nmapXmlReader(file, opts),
  },
};

export const FORMATS: readonly FormatInfo[] = Object.values(MODULES).map((m) => m.info);

export function formatModule(id: FormatId): FormatModule {
  return MODULES[id];
}
