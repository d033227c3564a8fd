// issue 7 point 1: `cleanpath report` in every format, on the demo store and on a store whose
// device strings are hostile.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeDemoScenario } from '../../src/demo/index.js';
import { renderCsvReport, CSV_REPORT_COLUMNS } from '../../src/report/csv.js';
import { esc, jsonForScript } from '../../src/report/escape.js';
import { DATA_BLOCK_MAX } from '../../src/report/data-block.js';
import { groupFindings, ROWS_SHOWN } from '../../src/report/finding-groups.js';
import { inlineMap, MAP_INLINE_MAX, renderHtml } from '../../src/report/html.js';
import { renderJsonReport } from '../../src/report/json.js';
import { md, renderMarkdown } from '../../src/report/markdown.js';
import { buildReportModel, type ReportModel } from '../../src/report/model.js';
import { openStore, importFiles } from '../../src/store/index.js';
import { expectGolden } from '../support/golden.js';

const REPO = join(import.meta.dirname, '..', '..');
const ENTRY = join(REPO, 'test', 'report', 'cli-entry.ts');
const GENERATED_AT = '2026-12-31T00:00:00.000Z';
const EVIL_NAME = '<img src=x onerror=alert(1)>';
const EVIL_DESCR = '</script><script>alert(1)</script>';
const PIPE_NAME = 'core|`rm -rf`|\u2028x';

async function importInto(db: string, files: string[], snapshot: string): Promise<void> {
  const store = openStore(db);
  try {
    await importFiles(store, files, { snapshot });
  } finally {
    await store.close();
  }
}

/** Splits one CSV document into rows of fields (quotes, doubled quotes, newlines in quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function jsonBlock(html: string): unknown {
  const m = /<script type="application\/json" id="cleanpath-report-data">([\s\S]*?)<\/script>/.exec(html);
  assert.ok(m, 'the report data block is present');
  return JSON.parse(m[1]!);
}

/** No tag loads anything: every tag that names an http(s) URL is a plain <a href> link (a rule's source). */
function assertNoExternalResources(html: string): void {
  const withoutData = html.replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
  for (const tag of withoutData.match(/<[^>]*>/g) ?? []) {
    if (/https?:|\/\/[a-z]/i.test(tag)) assert.match(tag, /^<a href="https?:\/\/[^"]*" rel="noopener noreferrer">$/, `only <a href> may name a URL: ${tag}`);
    assert.ok(!/^<(link|iframe|object|embed|img|image|use|base|frame|video|audio|source)\b/i.test(tag) && !/\s(src|xlink:href|srcset|background|poster)\s*=/i.test(tag) && !/url\(/i.test(tag), `no resource reference: ${tag}`);
  }
  for (const css of withoutData.match(/<style>[\s\S]*?<\/style>/g) ?? []) assert.ok(!/url\(|@import/i.test(css), 'no url() or @import in the CSS');
  assert.ok(html.includes('Content-Security-Policy" content="default-src &#39;none&#39;;'), 'a CSP that forbids every fetch');
}

describe('report on the demo store', () => {
  let dir: string;
  let model: ReportModel;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-report-'));
    const { files } = writeDemoScenario(join(dir, 'demo'));
    await importInto(join(dir, 'demo.db'), files, 'demo');
    model = await buildReportModel({ db: join(dir, 'demo.db'), asOf: '2026-12-31', untrusted: ['huawei', 'zte'], budget: '3000000/year', budgetStart: '2027-01-01', generatedAt: GENERATED_AT });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  /** What differs from run to run masked, for the golden files. */
  const stable = (text: string): string => text.replaceAll(dir, '<tmp>').replaceAll(model.source.snapshotCreatedAt, '<imported at>');

  it('gathers every section from the store and the analyses', () => {
    const s = model.summary;
    assert.ok(s.devices > 100 && s.untrustedDevices > 0 && s.sensitiveFlows > 0);
    assert.ok(s.sensitiveExposedAll > 0, 'the demo has exposed sensitive flows');
    assert.ok(model.findings.length > 0 && model.findings.every((f) => f.ruleRef.source && f.rule));
    assert.ok(model.findings.some((f) => f.evidence.length > 0));
    assert.ok(model.sites.filter((x) => x.lat !== null).length > 10);
    assert.ok(model.links.length > 0);
    assert.ok(model.shares.byCountry.some((g) => g.key === 'DE') && model.shares.byLayer.some((g) => g.key === 'core'));
    assert.deepEqual(model.killSwitches.map((k) => k.vendors.join('+')), ['huawei', 'zte', 'huawei+zte']);
    assert.ok(model.plan && model.plan.devices.length > 0 && model.plan.phasing);
    assert.ok(model.deadlines.length > 0 && model.deadlines.every((d) => d.daysLeft >= 0));
    // plain data: a JSON round trip changes nothing
    assert.deepEqual(JSON.parse(JSON.stringify(model)), model);
  });

  it('HTML: one self-contained file with every section, the map and the data block', () => {
    const html = renderHtml(model);
    assert.ok(html.startsWith('<!doctype html>'));
    for (const id of ['summary', 'map', 'shares', 'findings', 'devices', 'exposure', 'killswitch', 'plan', 'deadlines']) assert.ok(html.includes(`<section id="${id}">`), id);
    assert.ok(html.includes('<svg class="map"'));
    assert.ok((html.match(/data-site="/g) ?? []).length === model.sites.filter((x) => x.lat !== null).length, 'one circle per located site');
    assert.ok((html.match(/<g class="countries"[\s\S]*?<\/g>/)?.[0].match(/<path /g) ?? []).length > 50, 'country outlines from world-atlas');
    assert.ok(html.includes('<svg class="timeline"'));
    assert.deepEqual(jsonBlock(html), JSON.parse(JSON.stringify(model)));
    assertNoExternalResources(html);
    assert.ok(html.includes('<a href="https://'), 'rule sources are links');
    assert.equal((html.match(/<script/g) ?? []).length, 2);
  });

  it('HTML: past 8 MB the model is not embedded; the page says so and names the JSON report', () => {
    const huge = { ...model, notes: [...model.notes, 'x'.repeat(DATA_BLOCK_MAX)] };
    const html = renderHtml(huge);
    const data = jsonBlock(html) as { omitted: string; summary: unknown; findings?: unknown };
    assert.match(data.omitted, /^the report model \(\d+ MB as JSON\) is not embedded in this page; the JSON report holds all of it: cleanpath report --format json$/);
    assert.deepEqual(data.summary, model.summary);
    assert.equal(data.findings, undefined, 'no partial list that could pass for the whole');
    assert.ok(html.includes(esc(data.omitted)), 'the page says it too');
  });

  it('HTML: rows past a group\'s cap are counted, not written, and the exports are named', () => {
    const f = model.findings[0]!;
    const many = { ...model, findings: Array.from({ length: ROWS_SHOWN + 7 }, (_, i) => ({ ...f, device: `d${i}` })) };
    const html = renderHtml(many);
    assert.equal((html.match(/<tr class="finding">/g) ?? []).length, ROWS_SHOWN);
    assert.ok(html.includes(`… and 7 more finding(s) of ${f.rule} (${f.status}) not shown here: the CSV and JSON reports list every one`));
  });

  it('Markdown: rows past a group\'s cap are counted, not written, and the exports are named', () => {
    const f = model.findings[0]!;
    const many = { ...model, findings: Array.from({ length: ROWS_SHOWN + 7 }, (_, i) => ({ ...f, device: `d${i}` })) };
    const text = renderMarkdown(many);
    assert.equal(text.split('\n').filter((l) => /^\| d\d+ \|/.test(l)).length, ROWS_SHOWN);
    assert.ok(text.includes(`… and 7 more finding(s) of ${md(f.rule)} (${md(f.status)}) not shown here: the CSV and JSON reports list every one`));
  });

  it('HTML: a map drawing past its limit (2 MB) is left out, and the page says why and where to look', () => {
    const drawn = inlineMap(model);
    assert.ok(drawn.svg && drawn.svg.length < MAP_INLINE_MAX, 'the demo map is drawn');
    const left = inlineMap(model, drawn.svg.length - 1);
    assert.equal(left.svg, null);
    assert.match(left.note ?? '', new RegExp(`^map not drawn in this page: ${model.sites.length} sites and ${model.links.length} site links make a \\d+\\.\\d MB drawing that would take seconds to open; the dashboard's map \\(cleanpath serve\\) zooms into them$`));
  });

  it('Markdown: headings, well-formed tables', () => {
    const text = renderMarkdown(model);
    for (const h of ['# cleanpath report: demo', '## Summary', '## Vendor shares', '## Findings as of 2026-12-31', '## Equipment of untrusted vendors', '## Flow exposure', '## Kill-switch impact', '## Replacement plan', '## Deadline timeline']) {
      assert.ok(text.includes(`\n${h}`) || text.startsWith(h), h);
    }
    // every table row has as many unescaped pipes as its header
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('| ') || lines[i - 1]?.startsWith('|')) continue;
      const pipes = (l: string) => (l.match(/(?<!\\)\|/g) ?? []).length;
      const n = pipes(lines[i]!);
      for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++) assert.equal(pipes(lines[j]!), n, `line ${j + 1}: ${lines[j]}`);
    }
    // grouped as the HTML groups them: a heading per rule and status whose counts add up to the summary's
    const overdue = lines.flatMap((l) => /^### overdue · .+ · (\d+) finding\(s\)/.exec(l)?.[1] ?? []).map(Number);
    assert.ok(overdue.length > 0);
    assert.equal(overdue.reduce((a, b) => a + b, 0), model.summary.findingsByStatus.overdue);
    assert.equal(lines.filter((l) => /^### .+ · \d+ finding\(s\)/.test(l)).length, groupFindings(model.findings).length);
    // the whole document, byte for byte (the temporary directory and the import time masked)
    expectGolden('report/demo.md', stable(text));
  });

  it('CSV: one long table, fixed columns, every section', () => {
    const rows = parseCsv(renderCsvReport(model));
    assert.deepEqual(rows[0], [...CSV_REPORT_COLUMNS]);
    for (const r of rows) assert.equal(r.length, CSV_REPORT_COLUMNS.length, r.join(','));
    const sections = new Set(rows.slice(1).map((r) => r[0]));
    for (const s of ['summary', 'share', 'finding', 'device', 'flow', 'killswitch', 'plan', 'phase', 'deadline']) assert.ok(sections.has(s), s);
    assert.equal(rows.filter((r) => r[0] === 'finding').length, model.findings.length);
    assert.equal(rows.filter((r) => r[0] === 'flow').length, model.exposure.flows.length);
    expectGolden('report/demo.csv', stable(renderCsvReport(model)));
  });

  it('JSON: the model itself', () => {
    const doc = JSON.parse(renderJsonReport(model));
    assert.deepEqual(doc, JSON.parse(JSON.stringify(model)));
    assert.deepEqual(Object.keys(doc), ['report', 'source', 'asOf', 'untrusted', 'assumeInScope', 'includeUnverified', 'summary', 'sites', 'links', 'shares', 'devices', 'findings', 'catalogVersion', 'deadlines', 'exposure', 'killSwitches', 'plan', 'nothingToAnalyse', 'notes', 'sections']);
  });

  it('the command writes every format to a file; bad input exits 2', () => {
    for (const format of ['html', 'md', 'csv', 'json']) {
      const out = join(dir, `r.${format}`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, 'report', '--db', join(dir, 'demo.db'), '--as-of', '2026-12-31', '--format', format, '--no-plan', '-o', out], { cwd: REPO, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.ok(existsSync(out) && readFileSync(out, 'utf8').length > 1000, format);
    }
    const bad = spawnSync(process.execPath, ['--import', 'tsx', ENTRY, 'report', '--db', join(dir, 'demo.db'), '--as-of', '2026-13-45'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--as-of/);
  });
});

describe('report with hostile device strings', () => {
  let dir: string;
  let model: ReportModel;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cleanpath-report-evil-'));
    const inv = join(dir, 'inventory.csv');
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    writeFileSync(
      inv,
      [
        'id,name,vendor,model,role,layer,technology,site,country,operator,network,installed,cost,lat,lon,mac,sys_descr',
        `evil1,${q(EVIL_NAME)},Huawei,NE40E,core router,core,5g,${q('site<b>1</b>')},DE,${q('Op "A" & <co>')},commercial,2020-01-01,100000,50.1,8.6,00:e0:fc:12:34:56,${q(EVIL_DESCR)}`,
        `pipe1,${q(PIPE_NAME)},Huawei,NE40E,core router,core,5g,s2,DE,OpA,commercial,2020-01-01,100000,52.5,13.4,00:e0:fc:12:34:57,${q('=HYPERLINK("http://x")')}`,
        'a1,edge A,Cisco,ASR,edge,core,5g,s3,DE,OpA,commercial,2020-01-01,1000,48.1,11.5,,',
        'b1,edge B,Cisco,ASR,edge,core,5g,s4,DE,OpA,commercial,2020-01-01,1000,53.5,10.0,,',
      ].join('\n') + '\n',
    );
    const links = join(dir, 'links.csv');
    writeFileSync(links, 'a,b,metric\na1,evil1,1\nevil1,b1,1\na1,pipe1,2\npipe1,b1,2\n');
    const flows = join(dir, 'flows.csv');
    writeFileSync(flows, `id,src,dst,class,volume\n${q('f</script>1')},a1,b1,sensitive,10\n`);
    await importInto(join(dir, 't.db'), [inv, links, flows], 'evil');
    model = await buildReportModel({ db: join(dir, 't.db'), asOf: '2026-12-31', untrusted: ['huawei'], generatedAt: GENERATED_AT, planTimeLimit: 10 });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the hostile strings reach the model unchanged', () => {
    const evil = model.devices.find((d) => d.id === 'evil1');
    assert.equal(evil?.name, EVIL_NAME);
    assert.equal(evil?.sysDescr, EVIL_DESCR);
    assert.equal(model.exposure.flows[0]?.id, 'f</script>1');
  });

  it('HTML shows them only escaped, and the data block parses back to the same strings', () => {
    const html = renderHtml(model);
    assert.ok(!/<img/i.test(html), 'no raw <img');
    assert.equal((html.match(/<script/gi) ?? []).length, 2, 'no <script opened by data');
    assert.equal((html.match(/<\/script/gi) ?? []).length, 2, 'no </script> from data');
    assert.ok(!html.includes('<b>1</b>'));
    assert.ok(html.includes(esc(EVIL_NAME)) && html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes(esc(EVIL_DESCR)));
    assert.ok(html.includes('site&lt;b&gt;1&lt;/b&gt;'));
    const data = jsonBlock(html) as ReportModel;
    assert.deepEqual(data, JSON.parse(JSON.stringify(model)));
    const evil = data.devices.find((d) => d.id === 'evil1')!;
    assert.equal(evil.name, EVIL_NAME);
    assert.equal(evil.sysDescr, EVIL_DESCR);
    assert.ok(data.devices.some((d) => d.name === PIPE_NAME));
    assertNoExternalResources(html);
  });

  it('jsonForScript escapes <, >, &, U+2028 and U+2029', () => {
    const s = jsonForScript({ a: '</script><!-- & \u2028\u2029' });
    assert.doesNotMatch(s, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(s), { a: '</script><!-- & \u2028\u2029' });
  });

  it('Markdown escapes pipes, backticks and HTML', () => {
    const text = renderMarkdown(model);
    assert.doesNotMatch(text, /<img|<\/script|<script/i);
    assert.ok(text.includes(md(PIPE_NAME)));
    assert.ok(md(PIPE_NAME).includes('core\\|\\`rm -rf\\`\\|'));
    assert.doesNotMatch(md(PIPE_NAME), /(?<!\\)[|`]/);
  });

  it('CSV quotes hostile cells and defuses formulas; JSON stays inert', () => {
    const csv = renderCsvReport(model);
    const rows = parseCsv(csv);
    for (const r of rows) assert.equal(r.length, CSV_REPORT_COLUMNS.length);
    assert.ok(rows.some((r) => r[1] === 'evil1' && r[2] === EVIL_NAME));
    assert.ok(rows.every((r) => r.every((c) => !/^[=+@]/.test(c))), 'no cell starts a formula');
    const json = renderJsonReport(model);
    assert.doesNotMatch(json, /[<>]/);
    assert.equal((JSON.parse(json) as ReportModel).devices.find((d) => d.id === 'evil1')?.sysDescr, EVIL_DESCR);
  });
});
