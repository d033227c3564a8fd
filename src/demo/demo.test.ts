import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LAYERS, NETWORK_KINDS, TECHNOLOGIES } from '../model/index.js';
import { isValidImei, luhnCheckDigit } from './evidence.js';
import {
  buildDemoScenario, FLOW_COLUMNS, INVENTORY_COLUMNS, LINK_COLUMNS, renderDemoFiles, summarise, TRAPS, writeDemoScenario,
} from './index.js';
import { BASE_FEEDS, gatewayId } from './military.js';
import { BASES, CITIES, TRANSIT_POINTS } from './places.js';
import { HUAWEI_DEVICE_OUI, OUI_BLOCKS, PEN } from './vendors.js';

/** A small RFC 4180 reader, independent of the project's importer on purpose. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function table(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  assert.ok(header);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'cleanpath-demo-'));
  dirs.push(d);
  return d;
}
after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const out = writeDemoScenario(tmp());
const read = (name: string): string => {
  const f = out.files.find((p) => p.endsWith(name));
  assert.ok(f, `${name} written`);
  return readFileSync(f, 'utf8');
};
const inventory = table(read('inventory.csv'));
const links = table(read('links.csv'));
const flows = table(read('flows.csv'));
const scenario = buildDemoScenario();
const ids = new Set(inventory.map((d) => d.id));

describe('demo scenario files', () => {
  it('are byte-identical on every run', () => {
    const again = writeDemoScenario(tmp());
    assert.equal(again.files.length, 3);
    out.files.forEach((f, i) => assert.deepEqual(readFileSync(again.files[i] as string), readFileSync(f)));
    assert.deepEqual(renderDemoFiles(buildDemoScenario()), renderDemoFiles(buildDemoScenario()));
  });

  it('hold the scenario as it is: the one CSV writer had nothing to defuse (our importer would keep the quote)', () => {
    for (const seed of [undefined, 7, 11]) {
      for (const [name, text] of Object.entries(renderDemoFiles(buildDemoScenario(seed)))) {
        for (const row of parseCsv(text)) for (const cell of row) assert.ok(!cell.startsWith("'"), `seed ${seed ?? 'default'} ${name}: defused cell ${cell}`);
      }
    }
    assert.deepEqual(inventory.map((d) => d.name), scenario.devices.map((d) => d.name));
    assert.deepEqual(links.map((l) => l.operator), scenario.links.map((l) => l.operator));
  });

  it('change with the seed', () => {
    assert.notEqual(renderDemoFiles(buildDemoScenario(7))['inventory.csv'], read('inventory.csv'));
  });

  it('carry exactly the DESIGN section 3 headers', () => {
    assert.equal(read('inventory.csv').split('\n')[0], INVENTORY_COLUMNS.join(','));
    assert.equal(INVENTORY_COLUMNS.join(','), 'id,name,vendor,model,role,layer,technology,site,country,operator,network,installed,cost,lat,lon,mac,sys_object_id,sys_descr,engine_id,imei,serial,supplier,reseller,maintainer');
    assert.equal(read('links.csv').split('\n')[0], LINK_COLUMNS.join(','));
    assert.equal(LINK_COLUMNS.join(','), 'a,b,metric,latency,capacity,operator');
    assert.equal(read('flows.csv').split('\n')[0], FLOW_COLUMNS.join(','));
    assert.equal(FLOW_COLUMNS.join(','), 'id,src,dst,class,volume,latency_bound');
  });

  it('has a few hundred to a thousand devices with unique ids', () => {
    assert.ok(inventory.length >= 300 && inventory.length <= 1000, `${inventory.length} devices`);
    assert.equal(ids.size, inventory.length);
  });

  it('uses only the model vocabularies and valid values', () => {
    for (const d of inventory) {
      assert.ok((LAYERS as readonly string[]).includes(d.layer as string), `${d.id} layer ${d.layer}`);
      assert.ok((NETWORK_KINDS as readonly string[]).includes(d.network as string), `${d.id} network`);
      if (d.technology) assert.ok((TECHNOLOGIES as readonly string[]).includes(d.technology), `${d.id} technology`);
      assert.match(d.country as string, /^[A-Z]{2}$/);
      assert.match(d.installed as string, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(Math.abs(Number(d.lat)) <= 90 && Math.abs(Number(d.lon)) <= 180, `${d.id} coordinates`);
      if (d.cost) assert.ok(Number(d.cost) > 0);
    }
    assert.ok(inventory.some((d) => d.cost === ''), 'some rows leave cost to the cost table');
  });

  it('links and flows name existing devices; metrics are positive integers', () => {
    for (const l of links) {
      assert.ok(ids.has(l.a as string) && ids.has(l.b as string), `link ${l.a}-${l.b}`);
      assert.ok(Number.isInteger(Number(l.metric)) && Number(l.metric) > 0, `metric ${l.metric}`);
    }
    for (const f of flows) {
      assert.ok(ids.has(f.src as string) && ids.has(f.dst as string), `flow ${f.id}`);
      assert.ok(f.class === 'sensitive' || f.class === 'normal');
    }
    assert.ok(flows.filter((f) => f.class === 'sensitive').length >= 15);
    assert.ok(flows.some((f) => f.class === 'normal'));
  });
});

describe('demo bases', () => {
  it('every base has a military gateway at its tabled coordinates', () => {
    assert.equal(BASE_FEEDS.length, BASES.length);
    for (const b of BASES) {
      const gw = inventory.find((d) => d.id === gatewayId(b));
      assert.ok(gw, `${b.name} has a gateway`);
      assert.equal(gw.network, 'military');
      assert.equal(gw.layer, 'enterprise');
      assert.equal(Number(gw.lat), b.lat);
      assert.equal(Number(gw.lon), b.lon);
      assert.ok(b.source.length > 10, `${b.name} has a source`);
    }
    for (const p of [...CITIES, ...TRANSIT_POINTS]) assert.ok(p.source.startsWith('https://'), `${p.name} has a source`);
  });

  it('every base flow is connected (BFS over links.csv)', () => {
    const adj = new Map<string, string[]>();
    for (const l of links) {
      adj.set(l.a as string, [...(adj.get(l.a as string) ?? []), l.b as string]);
      adj.set(l.b as string, [...(adj.get(l.b as string) ?? []), l.a as string]);
    }
    for (const f of flows.filter((x) => x.class === 'sensitive')) {
      const seen = new Set([f.src as string]);
      const queue = [f.src as string];
      while (queue.length) for (const n of adj.get(queue.shift() as string) ?? []) if (!seen.has(n)) { seen.add(n); queue.push(n); }
      assert.ok(seen.has(f.dst as string), `flow ${f.id} connected`);
    }
  });

  it('tells the story: some bases can leave the host networks cleanly, some cannot', () => {
    const s = out.summary;
    const without = s.bases.filter((b) => !b.cleanEgress).map((b) => b.id).sort();
    assert.deepEqual(without, ['aviano', 'landstuhl', 'mildenhall', 'misawa', 'sigonella']);
    const flow = (id: string) => s.sensitiveFlows.find((f) => f.id === id);
    const yokotaRamstein = flow('s-oko-rms');
    assert.ok(yokotaRamstein);
    assert.equal(yokotaRamstein.exposure, 'all', 'the shortest Europe-Japan path crosses Huawei transit');
    assert.ok(yokotaRamstein.cleanCost > yokotaRamstein.cost && yokotaRamstein.cleanCost < Infinity, 'but a longer clean path exists');
    assert.ok(s.sensitiveFlows.some((f) => f.exposure === 'some'), 'ECMP makes some flows partly exposed');
    assert.ok(s.sensitiveFlows.some((f) => f.exposure === 'none'));
    assert.ok(s.sensitiveFlows.some((f) => f.cleanCost === Infinity), 'some flows have no clean path at all');
    assert.equal(flow('s-rms-avb')?.cleanCost, Infinity, 'Aviano has only a Huawei radio feed');
    assert.ok(s.huaweiKillSwitch.includes('s-rms-avb'), 'a Huawei kill-switch cuts Aviano off');
    assert.ok(!s.huaweiKillSwitch.includes('s-sig-nsan'), 'Sigonella keeps its ZTE feed when only Huawei fails');
  });
});

describe('demo evidence', () => {
  const oui = JSON.parse(readFileSync(new URL('../../node_modules/oui-data/index.json', import.meta.url), 'utf8')) as Record<string, string>;
  const orgOf = (prefix: string): string | undefined => oui[prefix]?.split('\n')[0];

  it('MAC prefixes are registered to the stated organisation in oui-data', () => {
    for (const [vendor, block] of Object.entries(OUI_BLOCKS)) {
      for (const p of block.prefixes) assert.equal(orgOf(p), block.org, `${vendor} ${p}`);
    }
    for (const p of HUAWEI_DEVICE_OUI.prefixes) assert.equal(orgOf(p), HUAWEI_DEVICE_OUI.org);
  });

  it("every readable, globally administered MAC belongs to the device's true maker", () => {
    const trapMacs = new Set(['dec-MUC-ran01', 'jpb-TYO-ran-la']);
    for (const d of scenario.devices) {
      if (!d.mac || trapMacs.has(d.id)) continue;
      const hex = d.mac.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
      assert.equal(hex.length, 12, `${d.id} ${d.mac}`);
      const expected = d.layer === 'handset' && d.trueVendor === 'huawei' ? HUAWEI_DEVICE_OUI.org : OUI_BLOCKS[d.trueVendor].org;
      assert.equal(orgOf(hex.slice(0, 6)), expected, `${d.id} ${d.mac}`);
    }
  });

  it('sysObjectIDs sit under the true maker\'s enterprise number, except the traps', () => {
    const trapIds = new Set(TRAPS.map((t) => t.device));
    for (const d of scenario.devices) {
      if (!d.sysObjectId || trapIds.has(d.id)) continue;
      const pen = Number(d.sysObjectId.split('.')[6]);
      const allowed = d.trueVendor === 'nokia' ? [PEN.nokia, 94] : [PEN[d.trueVendor]];
      assert.ok(allowed.includes(pen), `${d.id} ${d.sysObjectId}`);
    }
  });

  it('engine IDs are well-formed hex; Huawei RFC 3411 MAC form is 800007DB03 + MAC', () => {
    for (const d of scenario.devices) {
      if (!d.engineId) continue;
      assert.match(d.engineId, /^([0-9A-F]{2}){5,32}$/, d.id);
      if (d.engineId.startsWith('800007DB03')) assert.equal(d.engineId.length, 22, d.id);
    }
    assert.ok(scenario.devices.some((d) => d.trueVendor === 'huawei' && d.engineId?.startsWith('800007DB03')));
    assert.ok(scenario.devices.some((d) => d.engineId?.startsWith('80001F8880')), 'one net-snmp engine ID');
  });

  it('IMEIs pass the Luhn check except the documented trap', () => {
    assert.equal(luhnCheckDigit('26053179311383'), 7, '3GPP TS 23.003 example');
    const imeis = inventory.filter((d) => d.imei);
    assert.ok(imeis.length >= 5);
    const bad = imeis.filter((d) => !isValidImei(d.imei as string)).map((d) => d.id);
    assert.deepEqual(bad, TRAPS.filter((t) => t.kind === 'bad-imei-check-digit').map((t) => t.device));
  });

  it('raw evidence is more common than a declared vendor', () => {
    const declared = inventory.filter((d) => d.vendor).length;
    const raw = inventory.filter((d) => d.mac || d.sys_object_id || d.sys_descr || d.engine_id || d.imei || d.serial).length;
    assert.ok(raw > 2 * declared, `raw ${raw} vs declared ${declared}`);
    assert.ok(inventory.some((d) => /^(HWTC|ZTEG)[0-9A-F]{8}$/.test(d.serial as string)), 'GPON serials');
  });

  it('every trap names a device, and the two that must warn are really malformed', () => {
    for (const t of TRAPS) assert.ok(ids.has(t.device), t.device);
    const mac = inventory.find((d) => d.id === 'dec-MUC-ran01')?.mac as string;
    assert.ok(!/^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$/.test(mac));
    assert.deepEqual(TRAPS.filter((t) => t.warns).map((t) => t.kind).sort(), ['bad-imei-check-digit', 'unparseable-mac']);
  });

  it('has installations after the 2020 rules took effect, for the policy checks to find', () => {
    const late = scenario.devices.filter((d) => d.trueVendor === 'huawei' && d.country === 'GB' && d.technology === '5g' && d.installed > '2020-12-31');
    assert.ok(late.length > 0);
  });

  it('summary counts add up', () => {
    const s = summarise(scenario);
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    assert.equal(total(s.byCountry), s.devices);
    assert.equal(total(s.byLayer), s.devices);
    assert.equal(total(s.byVendor), s.devices);
    assert.equal(s.links, links.length);
  });
});
