// Seeds of the importer fuzz benchmark: real files, cut down to a handful of records each so a
// million mutations of them parse in minutes (a mutation of a 3 MB file mostly re-reads the
// same 3 MB). Sources: Topology Zoo GraphML, SNDlib native and XML, the NetBox demo dumpdata
// (../shared/data), real snmpwalk, lldpcli and nmap captures (test/probe/fixtures), real
// traceroute, traceroute6, mtr and nmap runs against 127.0.0.1/::1 (bench/fuzz-seeds), the path
// fixtures (test/paths/fixtures) and the demo scenario's CSV files.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoScenario } from '../src/demo/index.js';
import { demoAsRest, DEMO_FILE } from '../test/ingest/netbox/demo-server.js';

const REPO = join(import.meta.dirname, '..');
const SHARED = join(REPO, '..', 'shared', 'data');
const read = (...p: string[]): string => readFileSync(join(...p), 'utf8');

/** The files of a folder whose names pass `keep`, smallest first, at most `n`. */
function smallest(dir: string, keep: (name: string) => boolean, n: number): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter(keep).map((f) => ({ f, size: readFileSync(join(dir, f)).length }));
  return files.sort((a, b) => a.size - b.size).slice(0, n).map(({ f }) => read(dir, f));
}

const ELEMENT = (name: string): RegExp => new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, 'g');
const idOf = (el: string): string | undefined => /\bid="([^"]*)"/.exec(el)?.[1];
const endsOf = (el: string): string[] => [...el.matchAll(/(?:source|target)(?:="([^"]*)"|>([^<]*)<)/g)].map((m) => m[1] ?? m[2] ?? '');

/** An XML network cut to its first `k` nodes and the edges among them (2k at most). */
export function reduceXml(xml: string, node: string, edges: readonly string[], k = 6): string {
  const kept = new Set<string>();
  let out = xml.replace(ELEMENT(node), (el) => {
    if (kept.size >= k) return '';
    kept.add(idOf(el) ?? '');
    return el;
  });
  for (const e of edges) {
    let n = 0;
    out = out.replace(ELEMENT(e), (el) => (n < 2 * k && endsOf(el).every((x) => kept.has(x)) && ++n > 0 ? el : ''));
  }
  return out.replace(/\n\s*\n(\s*\n)+/g, '\n');
}

/** SNDlib native cut the same way: its first `k` NODES, the LINKS and DEMANDS among them. */
export function reduceNative(text: string, k = 6): string {
  const kept = new Set<string>();
  let section = '';
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const head = /^([A-Z_]+)\s*\(/.exec(line);
    if (head) section = head[1]!;
    else if (/^\)/.test(line)) section = '';
    else if (section === 'NODES' && /\S/.test(line)) {
      if (kept.size >= k) continue;
      kept.add(line.trim().split(/\s+/)[0]!);
    } else if (section === 'LINKS' || section === 'DEMANDS') {
      const ends = /\(\s*(\S+)\s+(\S+)\s*\)/.exec(line);
      if (ends && !(kept.has(ends[1]!) && kept.has(ends[2]!))) continue;
    } else if (section === 'ADMISSIBLE_PATHS') continue;
    out.push(line);
  }
  return out.join('\n');
}

type Row = { model: string; pk?: number; fields: Record<string, unknown> };

/** A few cables of the NetBox demo with everything they reach (ends, devices, types, sites). */
export function reduceDumpdata(text: string, cables = 3): string {
  const rows = JSON.parse(text) as Row[];
  const want = new Map<string, Set<unknown>>();
  const add = (model: string, pk: unknown): void => void (want.get(model) ?? want.set(model, new Set()).get(model)!).add(pk);
  const of = (m: string) => rows.filter((r) => r.model === m);
  for (const c of of('dcim.cable').slice(0, cables)) add('dcim.cable', c.pk);
  const terms = of('dcim.cabletermination').filter((t) => want.get('dcim.cable')?.has(t.fields['cable']));
  for (const t of terms) add('dcim.interface', t.fields['termination_id']);
  for (const i of of('dcim.interface').filter((r) => want.get('dcim.interface')?.has(r.pk))) add('dcim.device', i.fields['device']);
  for (const d of of('dcim.device').filter((r) => want.get('dcim.device')?.has(r.pk))) {
    add('dcim.devicetype', d.fields['device_type']);
    add('dcim.site', d.fields['site']);
    add('dcim.devicerole', d.fields['device_role'] ?? d.fields['role']);
  }
  for (const t of of('dcim.devicetype').filter((r) => want.get('dcim.devicetype')?.has(r.pk))) add('dcim.manufacturer', t.fields['manufacturer']);
  for (const s of of('dcim.site').filter((r) => want.get('dcim.site')?.has(r.pk))) add('dcim.region', s.fields['region']);
  const keep = rows.filter((r) => (r.model === 'dcim.cabletermination' ? terms.includes(r) : want.get(r.model)?.has(r.pk)));
  return JSON.stringify([...of('contenttypes.contenttype').slice(0, 2), ...keep], null, 2);
}

/** NetBox REST pages of the demo (first results of each list endpoint), single and as a bundle. */
function netboxApiSeeds(): string[] {
  if (!existsSync(DEMO_FILE)) return [];
  const rest = demoAsRest(DEMO_FILE, 'https://demo.netbox.dev');
  const page = (results: unknown[]) => ({ count: results.length, next: null, previous: null, results });
  const eps = ['manufacturers', 'device-types', 'devices', 'sites', 'cables'] as const;
  const singles = eps.map((ep) => JSON.stringify(page(rest[ep].slice(0, 3)), null, 2));
  const bundle = Object.fromEntries(eps.map((ep) => [ep, [page(rest[ep].slice(0, 2))]]));
  return [...singles, JSON.stringify(bundle, null, 1)];
}

/** The demo scenario's inventory, links and flows, cut to their first rows. */
function demoCsv(): Record<'inventory' | 'links' | 'flows', string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cleanpath-fuzz-seeds-'));
  try {
    const { files } = writeDemoScenario(dir);
    const out: Record<'inventory' | 'links' | 'flows', string[]> = { inventory: [], links: [], flows: [] };
    for (const f of files) {
      const lines = readFileSync(f, 'utf8').split('\n');
      const kind = /^a,b\b/.test(lines[0] ?? '') ? 'links' : /^id,src,dst\b/.test(lines[0] ?? '') ? 'flows' : 'inventory';
      out[kind].push(lines.slice(0, 12).join('\n') + '\n', lines.slice(0, 1).concat(lines.slice(-6)).join('\n'));
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const PROBE = join(REPO, 'test', 'probe', 'fixtures');
const PATHS = join(REPO, 'test', 'paths', 'fixtures');
const OWN = join(REPO, 'bench', 'fuzz-seeds');
const ZOO = join(SHARED, 'topologyzoo');
const SND = join(SHARED, 'sndlib');

/** Real seeds per fuzzed format, each list non-empty when ../shared/data is present. */
export function loadSeeds(): Record<string, string[]> {
  const csv = demoCsv();
  const zoo = smallest(ZOO, (f) => f.endsWith('.graphml'), 12).map((x) => reduceXml(x, 'node', ['edge']));
  const sndXml = smallest(join(SND, 'xml'), (f) => f.endsWith('.xml'), 6).map((x) => reduceXml(x, 'node', ['link', 'demand']));
  const sndNative = smallest(join(SND, 'native'), (f) => f.endsWith('.txt'), 6).map((x) => reduceNative(x));
  const dump = existsSync(DEMO_FILE) ? [reduceDumpdata(read(DEMO_FILE), 3), reduceDumpdata(read(DEMO_FILE), 1)] : [];
  const atlasApi = read(PATHS, 'atlas-api.json');
  return {
    'inventory-csv': csv.inventory,
    'inventory-json': csv.inventory.map(csvToJson),
    'links-csv': csv.links,
    'flows-csv': csv.flows,
    graphml: zoo,
    'sndlib-native': sndNative,
    'sndlib-xml': sndXml,
    'netbox-dumpdata': dump,
    'netbox-api': netboxApiSeeds(),
    'nmap-xml': [read(PROBE, 'loopback.nmap.xml'), read(OWN, 'nmap-127.0.0.1.xml'), read(OWN, 'nmap-1.xml')],
    'lldp-json': [read(PROBE, 'edge-router-1.lldp.json'), read(PROBE, 'host-a.lldp.json0')],
    snmpwalk: [read(PROBE, 'huawei-numeric.snmpwalk'), read(PROBE, 'huawei-iso.snmpwalk')],
    'atlas-json': [atlasApi, read(PATHS, 'atlas-dump.ndjson')],
    mtr: [read(PATHS, 'mtr.json'), read(OWN, 'mtr-127.0.0.1.json'), read(OWN, 'mtr-1.json')],
    scamper: [read(PATHS, 'scamper.ndjson')],
    'traceroute-text': [read(PATHS, 'traceroute.txt'), ...['traceroute-n-127.0.0.1.txt', 'traceroute-127.0.0.1.txt', 'traceroute6-n-1.txt'].map((f) => read(OWN, f))],
  };
}

/** An inventory CSV (no quoted commas in the demo's) as inventory JSON, one device per line. */
function csvToJson(csv: string): string {
  const [head, ...rows] = csv.trim().split('\n');
  const keys = (head ?? '').split(',');
  const devices = rows.map((r) => JSON.stringify(Object.fromEntries(r.split(',').map((v, i) => [keys[i] ?? `c${i}`, v]).filter(([, v]) => v !== ''))));
  return `{"devices": [\n${devices.join(',\n')}\n]}\n`;
}
