// The self-contained HTML report: inline CSS, one small inline script (allowed by its hash in the
// page's Content-Security-Policy, which also forbids every network fetch), inline SVG for the map
// and the deadline timeline, and the report model as JSON in a <script type="application/json">
// (up to 8 MB: data-block.ts). It reads in minutes: summary first, findings grouped by rule and
// status (findings-html.ts), long lists collapsed and capped with a count of the rest and a
// pointer to the CSV and JSON reports, so a 100k-device snapshot's page still opens in seconds.
// Every string from the model goes through text()/cellText() (isolated in <bdi>), attrText() in
// attributes and SVG, or jsonForScript(); esc() alone is for our own words and numbers.
import { createHash } from 'node:crypto';
import { isCatalogVendor } from '../vendors/index.js';
import { attrText, esc, text } from './escape.js';
import { dataBlock } from './data-block.js';
import { findingsSection } from './findings-html.js';
import { card, list, moreRows, num, table, td, tdn } from './html-parts.js';
import { renderMapSvg } from './map.js';
import { timelineEntries } from './timeline.js';
import { timelineSvg } from './timeline-svg.js';
import { changeView, FLOW_HEADINGS } from './columns.js';
import type { ReportModel, VendorShare } from './model.js';
import { whatIfView } from './whatif-section.js';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#212121;background:#fff}
header{background:#263238;color:#fff;padding:16px 24px;overflow-wrap:anywhere}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;color:#cfd8dc}
main{padding:8px 24px 40px;max-width:1300px}section{margin-top:28px}h2{border-bottom:2px solid #eceff1;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #e0e0e0;padding:3px 7px;text-align:left;vertical-align:top;max-width:36em}.wrap,details.long{overflow-wrap:anywhere}.scroll{overflow-x:auto;max-width:100%}
th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
.cards{display:flex;flex-wrap:wrap;gap:10px}.card{border:1px solid #e0e0e0;border-radius:6px;padding:8px 14px;min-width:140px}
.card b{display:block;font-size:22px}.nothing{border:2px solid #ef6c00;border-radius:6px;padding:8px 14px;background:#fff3e0;font-weight:bold}.bad{color:#c62828}.warn{color:#ef6c00}.ok{color:#2e7d32}
.bar{display:flex;height:14px;width:320px;border:1px solid #bdbdbd}.bar span{display:block;height:100%}
.status-overdue,.status-banned-new-install,.exp-all,.change-removed{background:#ffebee}.change-added{background:#e8f5e9}.change-changed{background:#fff3e0}.status-due,.status-vendor-unknown,.exp-some{background:#fff3e0}.status-needs-data{background:#ede7f6}
.map{width:100%;max-width:960px;height:auto;border:1px solid #cfd8dc}code{background:#f5f5f5;padding:0 3px;word-break:break-all}
details summary{cursor:pointer;color:#37474f}details.long summary{color:inherit}details.long[open] summary bdi{display:none}
h1,h2,h3,p,li,summary{overflow-wrap:anywhere}.muted{color:#757575}.filters{margin:8px 0}.filters input,.filters select{margin-right:8px}
.fgroup{border:1px solid #e0e0e0;border-radius:6px;margin:6px 0;padding:4px 10px}.fgroup>summary{padding:2px 0}.fgroup[open]>summary{border-bottom:1px solid #e0e0e0;margin-bottom:4px}
.badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:12px;font-weight:bold;background:#eceff1;color:#37474f}.fgroup.status-overdue .badge,.fgroup.status-banned-new-install .badge{background:#c62828;color:#fff}
.contents{margin:4px 0 10px}.rule-text p{margin:4px 0}.rule-text ul{margin:2px 0}details.devices>summary{margin:6px 0}
@media print{.filters,.contents{display:none}table{font-size:10px}th,td{padding:2px 4px;max-width:none}td.n,.fgroup td:first-child bdi:not(.wrap){white-space:nowrap}header{background:none;color:#000;padding:0 0 8px}header p{color:#424242}main{padding:0;max-width:none}tr,.card,svg{break-inside:avoid}h2,h3,summary{break-after:avoid}.scroll{overflow:visible}section{margin-top:16px}}
`;

// The findings filter: a group is shown when its status matches and its rule or one of its rows
// matches the text; typing opens the groups that match.
const SCRIPT = `(function(){var q=document.getElementById('f-text'),s=document.getElementById('f-status'),box=document.getElementById('finding-groups');
if(!q||!s||!box)return;function show(e,v){var d=v?'':'none';if(e.style.display!==d)e.style.display=d;}
function run(){var x=q.value.toLowerCase(),st=s.value,gs=box.querySelectorAll('details.fgroup'),n=0;
for(var i=0;i<gs.length;i++){var g=gs[i],ok=!st||g.getAttribute('data-status')===st,all=!x||(g.querySelector('summary').textContent+' '+g.querySelector('.rule-text').textContent).toLowerCase().indexOf(x)>=0,rows=g.querySelectorAll('tr.finding'),k=0;
for(var j=0;j<rows.length;j++){var m=ok&&(all||rows[j].textContent.toLowerCase().indexOf(x)>=0);show(rows[j],m);if(m)k++;}
show(g,k>0);if(x&&k)g.open=true;n+=k;}document.getElementById('f-count').textContent=n+' shown';}
q.addEventListener('input',run);s.addEventListener('change',run);run();})();`;

const VENDOR_PALETTE = ['#1565c0', '#00838f', '#558b2f', '#f9a825', '#6d4c41', '#5e35b1', '#00695c', '#9e9d24', '#3949ab', '#8e24aa'];

function vendorColour(vendor: string, untrusted: ReadonlySet<string>): string {
  if (untrusted.has(vendor)) return vendor.length % 2 ? '#c62828' : '#e53935';
  if (vendor === 'unknown') return '#bdbdbd';
  let h = 0;
  for (const c of vendor) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return VENDOR_PALETTE[h % VENDOR_PALETTE.length]!;
}

/** A maker outside the risk catalog is a known maker, marked so nobody reads it as a catalog vendor. */
function vendorShown(vendor: string): string {
  return vendor === 'unknown' || isCatalogVendor(vendor) ? vendor : `${vendor} (not in catalog)`;
}

function sharesTable(title: string, shares: VendorShare[], untrusted: ReadonlySet<string>): string {
  const rows = shares.map((s) => {
    const bar = s.vendors
      .map((v) => `<span style="width:${v.percent.toFixed(2)}%;background:${vendorColour(v.vendor, untrusted)}" title="${attrText(v.vendor)}${esc(`: ${v.devices} (${v.percent}%)`)}"></span>`)
      .join('');
    const names = s.vendors.map((v) => `${untrusted.has(v.vendor) ? '<b class="bad">' : ''}${text(vendorShown(v.vendor))} ${esc(v.devices)} (${esc(v.percent)}%)${untrusted.has(v.vendor) ? '</b>' : ''}`).join(', ');
    return [td(s.key), tdn(s.total), `<td><div class="bar">${bar}</div></td>`, `<td>${names}</td>`];
  });
  return `<h3>${esc(title)}</h3>` + table(['', 'devices', 'share', 'vendors'], rows);
}

/** Devices past this many are counted, not written (the CSV and JSON reports list every one). */
const DEVICES_SHOWN = 500;
const FLOWS_SHOWN = 200;
const SITES_SHOWN = 200;

function deviceRow(d: ReportModel['devices'][number]): string[] {
  return [
    td(d.id),
    td(d.name ?? ''),
    td(d.vendor ?? ''),
    tdn(d.confidence, 2),
    td(d.model ?? ''),
    td(d.layer ?? ''),
    td(d.site ?? ''),
    td(d.country ?? ''),
    td(d.sysDescr ?? ''),
    `<td><details><summary>${esc(d.evidence.length)} piece(s)${d.conflicts.length ? ', <b class="bad">conflicts</b>' : ''}</summary><ul>${d.evidence
      .map((e) => `<li>${esc(e.kind)}: <code>${text(e.raw)}</code> → ${text(e.vendor ?? 'no vendor')}${e.valid ? '' : ' (invalid)'} <span class="muted">${text(e.source)}</span></li>`)
      .join('')}${d.conflicts.map((c) => `<li class="bad">${text(c)}</li>`).join('')}</ul></details></td>`,
  ];
}

/** Collapsed: the findings already name these devices; the full list with evidence is one click away. */
function devicesSection(m: ReportModel): string {
  const shown = m.devices.slice(0, DEVICES_SHOWN);
  const conflicts = m.devices.filter((d) => d.conflicts.length).length;
  const body = table(['id', 'name', 'vendor', 'confidence', 'model', 'layer', 'site', 'country', 'sysDescr', 'evidence'], shown.map(deviceRow));
  return `<section id="devices"><h2>Equipment of untrusted vendors (${esc(num(m.devices.length))})</h2>
<details class="devices"><summary>${esc(num(m.devices.length))} device(s), each with the evidence behind its vendor${conflicts ? `; <b class="bad">${esc(num(conflicts))} with conflicting evidence</b>` : ''}</summary>${body}${moreRows(m.devices.length, shown.length, 'device(s)')}</details></section>`;
}

/** The plain sentence that replaces counts when there is nothing to analyse. */
function nothingBox(m: ReportModel): string {
  return m.nothingToAnalyse ? `<p class="nothing" role="status">${text(m.nothingToAnalyse)}</p>` : '';
}

const FLOW_TABLE_HEADINGS = [FLOW_HEADINGS.id, 'From', 'To', FLOW_HEADINGS.exposure, FLOW_HEADINGS.cost, FLOW_HEADINGS.cleanCost, 'Stretch', 'Volume', 'Cut by kill-switch of'];

/** What changed since the earlier snapshot, one block per analysis (the generic diff). */
function changesSection(m: ReportModel): string {
  if (!m.changes) return '';
  const blocks = m.changes.diffs.map((d) => {
    const v = changeView(d);
    const why = Object.entries(d.nothingToAnalyse).filter(([, w]) => w).map(([side, w]) => `<p class="nothing" role="status">${text(side === 'before' ? d.before : d.after)}: ${text(w)}</p>`).join('');
    const rows = v.rows.map((r) => [`<td class="change-${esc(r.change)}">${esc(r.change)}</td>`, td(r.key), td(r.detail)]);
    return `<h3>${esc(v.title)}</h3>${why}${rows.length ? table(['change', 'row', 'what'], rows) : '<p class="muted">no row added, removed or changed</p>'}${v.more ? `<p class="muted">… and ${esc(v.more)} more (the JSON report lists all)</p>` : ''}`;
  });
  return `<section id="changes"><h2>What changed since ${text(m.changes.since)}</h2>${blocks.join('\n')}</section>`;
}

function exposureSection(m: ReportModel): string {
  const s = m.exposure.summary;
  if (m.nothingToAnalyse && s.flows === 0) return `<section id="exposure"><h2>Flow exposure to ${list(m.untrusted)}</h2>${nothingBox(m)}</section>`;
  // Without sensitive flows the normal ones are still shown (analysed, but none needs protecting).
  const all = m.nothingToAnalyse ? m.exposure.flows : m.exposure.flows.filter((f) => f.class === 'sensitive');
  const listed = all.slice(0, FLOWS_SHOWN);
  const more = moreRows(all.length, listed.length, 'flow(s)');
  const rows = listed.map((f) => [
    td(f.id),
    td(f.srcName),
    td(f.dstName),
    `<td class="exp-${esc(f.exposure)}">${esc(f.exposure)}</td>`,
    tdn(f.cost),
    `<td>${f.exposure === 'none' ? 'not needed' : f.cleanCost === null ? '<b class="bad">none</b>' : esc(num(f.cleanCost))}</td>`,
    tdn(f.stretch, 2),
    tdn(f.volume),
    `<td>${list(f.cutBy)}</td>`,
  ]);
  const chokes = m.exposure.chokepoints.map((c) => [td(c.id), tdn(c.flows), tdn(c.flowsAll), tdn(c.volume)]);
  if (m.nothingToAnalyse) {
    return `<section id="exposure"><h2>Flow exposure to ${list(m.untrusted)}</h2>${nothingBox(m)}
${table(FLOW_TABLE_HEADINGS, rows)}${more}</section>`;
  }
  return `<section id="exposure"><h2>Flow exposure to ${list(m.untrusted)}</h2>
<p>Over all equal-cost shortest paths: of ${esc(s.sensitiveFlows)} sensitive flows, <b class="bad">${esc(s.sensitiveByClass.all)}</b> cross untrusted equipment on every shortest path, <b class="warn">${esc(s.sensitiveByClass.some)}</b> on some, ${esc(s.sensitiveByClass.none)} on none, ${esc(s.sensitiveByClass.unreachable)} unreachable. ${esc(s.exposedWithCleanPath)} exposed flow(s) have a clean path, <b class="bad">${esc(s.exposedWithoutCleanPath)}</b> have none. ${esc(s.flows - s.sensitiveFlows)} non-sensitive flow(s) not listed.</p>
${table(FLOW_TABLE_HEADINGS, rows)}${more}
${chokes.length ? `<h3 id="chokepoints">Chokepoints</h3>${table(['device', 'sensitive flows through it', 'on every path', 'volume'], chokes)}` : ''}</section>`;
}

function killSwitchSection(m: ReportModel): string {
  const parts = m.killSwitches.map((k) => {
    const restore = k.restore.map((r) => [td(r.id), tdn(r.sensitiveFlows), tdn(r.flows), tdn(r.volume)]);
    const sites = k.sitesCutOff.slice(0, SITES_SHOWN).map((s) => [td(s.site), tdn(s.devices), tdn(s.removed), td(s.reason)]);
    if (k.removedDevices === 0) return `<h3>${list(k.vendors, ' + ')} switched off</h3>\n<p class="muted">no device of ${list(k.vendors, ' or ')} in this snapshot: nothing to switch off.</p>`;
    const cut = m.summary.flows === 0
      ? `<p>${esc(k.removedDevices)} device(s) off at once; the main network shrinks from ${esc(k.mainNetworkBefore)} to ${esc(k.mainNetworkAfter)} devices. Flows cut: not known — ${text(m.nothingToAnalyse ?? 'no flows')}.</p>`
      : undefined;
    return `<h3>${list(k.vendors, ' + ')} switched off</h3>
${cut ?? `<p>${esc(k.removedDevices)} device(s) off at once: <b class="bad">${esc(k.disrupted.sensitiveFlows)}</b> sensitive flow(s) cut (${esc(k.disrupted.flows)} flows in all, volume ${esc(num(k.disrupted.volume))}); ${esc(k.endpointRemoved)} flow(s) lose an endpoint; the main network shrinks from ${esc(k.mainNetworkBefore)} to ${esc(k.mainNetworkAfter)} devices.</p>`}
${sites.length ? `<details><summary>${esc(num(k.sitesCutOff.length))} site(s) cut off</summary>${table(['site', 'devices', 'removed', 'why'], sites)}${moreRows(k.sitesCutOff.length, sites.length, 'site(s)')}</details>` : ''}
${restore.length ? `<p>Replacing one device would restore the most:</p>${table(['device', 'sensitive flows restored', 'flows', 'volume'], restore)}` : ''}`;
  });
  return `<section id="killswitch"><h2>Kill-switch impact</h2>${parts.join('\n') || '<p class="muted">no untrusted vendor named</p>'}</section>`;
}

function planSection(m: ReportModel): string {
  const p = m.plan;
  if (!p && m.nothingToAnalyse) return `<section id="plan"><h2>Replacement plan</h2><p class="muted">not computed: nothing to protect.</p>${nothingBox(m)}</section>`;
  if (!p) return `<section id="plan"><h2>Replacement plan</h2><p class="muted">not computed${m.notes.find((n) => n.startsWith('replacement plan')) ? `: ${text(m.notes.find((n) => n.startsWith('replacement plan')))}` : ''}</p></section>`;
  const phaseOf = new Map<string, number>();
  for (const ph of p.phasing?.phases ?? []) for (const d of ph.devices) phaseOf.set(d, ph.index + 1);
  const rows = p.devices.map((d) => [td(d.id), tdn(d.cost), td(d.reasons.join(', ')), td(d.deadline ?? ''), td(d.forcedBy ?? ''), tdn(d.flows), ...(p.phasing ? [tdn(phaseOf.get(d.id) ?? null)] : [])]);
  let out = `<section id="plan"><h2>Replacement plan</h2>
<p>${esc(p.method)} (${esc(p.status)}): ${esc(p.devices.length)} device(s) for <b>${esc(num(p.totalCost))}</b>; lower bound ${esc(num(p.lowerBound))}, gap ${esc((p.gap * 100).toFixed(2))}%.</p>
${p.notes.length ? `<ul class="muted">${p.notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>` : ''}
${table(['device', 'cost', 'why', 'deadline', 'forced by', 'sensitive flows', ...(p.phasing ? ['phase'] : [])], rows)}`;
  if (p.phasing) {
    const b = p.phasing.budget;
    out += `<h3>Budget ${esc(num(b.amount))} per ${text(b.period)} from ${text(b.start)}</h3>`;
    out += table(
      ['phase', 'from', 'to', 'available', 'spent', 'devices', 'flows cleaned', 'still exposed'],
      p.phasing.phases.map((ph) => [tdn(ph.index + 1), td(ph.start), td(ph.end), tdn(ph.available), tdn(ph.spent), tdn(ph.devices.length), tdn(ph.flowsCleaned.length), tdn(ph.flowsExposed)]),
    );
    for (const md of p.phasing.missedDeadlines) out += `<p class="bad">deadline missed: ${text(md.id)} due ${text(md.deadline)}${md.reason ? ` (${text(md.reason)})` : ''}</p>`;
  }
  return out + '</section>';
}

function deadlinesSection(m: ReportModel): string {
  const entries = timelineEntries(m.findings, m.deadlines);
  const rows = entries.map((d) => [td(d.date), d.overdue ? `<td class="n bad">${esc(num(d.daysLeft))}</td>` : tdn(d.daysLeft), td(d.rule), d.overdue ? `<td><b class="bad">overdue</b>: ${text(d.what)}</td>` : td(d.what), tdn(d.findings)]);
  const attrs = entries.map((d) => (d.overdue ? ' class="status-overdue"' : ''));
  return `<section id="deadlines"><h2>Deadline timeline</h2>${timelineSvg(m)}${table(['date', 'days left', 'rule', 'what', 'findings'], rows, '', attrs)}</section>`;
}

/** Measured paths (traceroutes, src/paths): only when the store holds measurements. */
function pathsSection(m: ReportModel): string {
  const p = m.paths;
  if (!p) return '';
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  const hops = (h: { ttl: number; address: string; reasons: string[]; count: number }[]) =>
    h.slice(0, 4).map((x) => `#${esc(x.ttl)} <code>${text(x.address)}</code> ${list(x.reasons)} ×${esc(x.count)}`).join('<br>');
  const dest = p.byDestination.map((d) => [td(d.site), td(d.destination), tdn(d.measurements), tdn(d.exposed), `<td class="n${d.exposed ? ' bad' : ''}">${esc(pct(d.share))}</td>`, `<td>${hops(d.hits)}</td>`]);
  const routers = p.routers.map((r) => [
    td(r.router),
    td(r.vendor ?? 'unknown', 'bad'),
    tdn(r.confidence, 2),
    td(r.addresses.join(' ')),
    tdn(r.measurements),
    td(r.ttlMin === r.ttlMax ? r.ttlMin : `${r.ttlMin}–${r.ttlMax}`),
    `<td><details><summary>${esc(r.evidence.length)} piece(s)</summary><ul>${r.evidence.map((e) => `<li>${esc(e.kind)}: <code>${text(e.raw)}</code> → ${text(e.vendor ?? 'no vendor')} <span class="muted">${text(e.source)}</span></li>`).join('')}</ul></details>${r.conflicts.map((c) => `<div class="warn">${text(c)}</div>`).join('')}</td>`,
  ]);
  const cross = (rows: NonNullable<ReportModel['paths']>['byAs']) => rows.map((r) => [td(r.key, r.untrusted ? 'bad' : ''), td(r.label ?? ''), tdn(r.measurements), tdn(r.sites), td(r.ttlMin === r.ttlMax ? r.ttlMin : `${r.ttlMin}–${r.ttlMax}`)]);
  return `<section id="paths"><h2>Measured paths (${text(p.first.slice(0, 10))} – ${text(p.last.slice(0, 10))})</h2>
<p>${esc(p.exposed)} of ${esc(p.measurements)} traceroute(s) of the last ${esc(p.windowDays)} days crossed equipment of ${p.vendors.length ? list(p.vendors) : 'no vendor'}.</p>
${table(['site', 'destination', 'paths', 'exposed', 'share', 'untrusted hops'], dest)}
${routers.length ? `<h3>Untrusted routers on measured paths</h3>${table(['router', 'vendor', 'confidence', 'addresses (aliases)', 'paths', 'hop', 'evidence'], routers)}` : ''}
${p.byAs.length ? `<h3>Networks crossed</h3>${table(['AS', 'name', 'paths', 'sites', 'hop'], cross(p.byAs))}` : ''}
${p.byCountry.length ? `<h3>Countries crossed</h3>${table(['country', '', 'paths', 'sites', 'hop'], cross(p.byCountry))}` : ''}
${p.notes.map((n) => `<p class="muted">${text(n)}</p>`).join('')}</section>`;
}

/** Zero untrusted devices is green only when every device's vendor is known. */
/** The what-if scenario, when the report was asked for one (src/report/whatif-section.ts). */
function whatIfSection(m: ReportModel): string {
  if (!m.whatif) return '';
  const v = whatIfView(m.whatif);
  const rows = (t: { rows: string[][] }) => t.rows.map((r) => r.map((c) => td(c)));
  return `<section id="whatif"><h2>${text(v.heading)}</h2>${v.lines.map((l) => `<p>${text(l)}</p>`).join('')}
${m.whatif.delta.nothingChanged ? '' : `${table(v.countries.head, rows(v.countries))}${v.flows.rows.length ? `<h3>Sensitive flows that become clean</h3>${table(v.flows.head, rows(v.flows))}` : ''}`}</section>`;
}

function untrustedCard(m: ReportModel): string {
  const s = m.summary;
  const unknown = s.devices - s.attributed;
  if (s.untrustedDevices) return card('untrusted devices', num(s.untrustedDevices), 'bad');
  return unknown ? card(`untrusted devices (${num(unknown)} of unknown vendor)`, num(s.untrustedDevices), 'warn') : card('untrusted devices', num(s.untrustedDevices), 'ok');
}

/** Exposure cards, or (nothing to analyse) only the flow counts: zeros there would read as clean. */
function summaryFlowCards(m: ReportModel): string {
  const s = m.summary;
  if (m.nothingToAnalyse) return `${card('flows', num(s.flows), 'warn')}${card('sensitive flows', num(s.sensitiveFlows), 'warn')}`;
  return `${card('sensitive flows', num(s.sensitiveFlows))}
${card('exposed on every path', num(s.sensitiveExposedAll), s.sensitiveExposedAll ? 'bad' : 'ok')}${card('exposed on some paths', num(s.sensitiveExposedSome), s.sensitiveExposedSome ? 'warn' : 'ok')}
${card('exposed, no clean path', num(s.exposedWithoutCleanPath), s.exposedWithoutCleanPath ? 'bad' : 'ok')}`;
}

/** Past this size the map is not inlined: at 100k devices its SVG alone took seconds to open. */
export const MAP_INLINE_MAX = 2 * 2 ** 20;

/** The map's SVG, or a note saying why it is not in the page and where to see it instead. */
export function inlineMap(m: ReportModel, max = MAP_INLINE_MAX): { svg: string | null; note?: string } {
  const map = renderMapSvg(m);
  if (!map.svg || map.svg.length <= max) return map;
  const mb = (map.svg.length / 2 ** 20).toFixed(1);
  return { svg: null, note: `map not drawn in this page: ${num(m.sites.length)} sites and ${num(m.links.length)} site links make a ${mb} MB drawing that would take seconds to open; the dashboard's map (cleanpath serve) zooms into them${map.note ? `; ${map.note}` : ''}` };
}

/** Links to the sections, with the counts a reader decides by: the summary is read first. */
function contents(m: ReportModel): string {
  const items: Array<[string, string]> = [
    ['findings', `Findings (${num(m.summary.findings)})`],
    ['devices', `Equipment of untrusted vendors (${num(m.devices.length)})`],
    ['exposure', 'Flow exposure'],
    ...(m.paths ? [['paths', 'Measured paths'] as [string, string]] : []),
    ['killswitch', 'Kill-switch'],
    ['plan', 'Replacement plan'],
    ['deadlines', 'Deadlines'],
    ...(m.whatif ? [['whatif', 'What if'] as [string, string]] : []),
  ];
  return `<nav class="contents">${items.map(([id, label]) => `<a href="#${id}">${esc(label)}</a>`).join(' · ')}</nav>`;
}

/** The title and the line under it: each value isolated, so a snapshot name cannot reorder the date. */
function headerHtml(m: ReportModel): string {
  const untrusted = m.untrusted.length ? list(m.untrusted) : 'none';
  return `<header><h1>${text(m.report.title)}</h1><p>snapshot ${text(m.source.snapshot)} (imported ${text(m.source.snapshotCreatedAt)}) · rules as of <span class="as-of">${text(m.asOf)}</span> · untrusted: <span class="untrusted">${untrusted}</span> · generated ${text(m.report.generatedAt)}</p></header>`;
}

export function renderHtml(m: ReportModel): string {
  const s = m.summary;
  const untrusted = new Set(m.untrusted);
  const map = inlineMap(m);
  const data = dataBlock(m);
  const notes = [...m.notes, ...(map.note ? [map.note] : []), ...(data.omitted ? [data.omitted] : [])];
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${scriptHash}'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attrText(m.report.title)}</title>
<style>${CSS}</style>
</head>
<body>
${headerHtml(m)}
<main>
<section id="summary"><h2>Summary</h2>${contents(m)}<div class="cards">
${card('devices', num(s.devices))}${card('attributed to a vendor', num(s.attributed))}${untrustedCard(m)}
${card('sites', num(s.sites))}${card('links', num(s.links))}${summaryFlowCards(m)}${card('findings', num(s.findings), s.findings ? 'warn' : 'ok')}${s.findingsByStatus.overdue ? card('findings overdue', num(s.findingsByStatus.overdue), 'bad') : ''}
${m.nothingToAnalyse ? '' : `${card('plan: devices to replace', num(s.planDevices))}${card('plan: cost', num(s.planCost))}`}
</div>${nothingBox(m)}${notes.length ? `<ul class="muted">${notes.map((n) => `<li>${text(n)}</li>`).join('')}</ul>` : ''}</section>
<section id="map"><h2>Map of sites and links</h2>${map.svg ?? `<p class="muted">${text(map.note ?? 'no map')}</p>`}</section>
<section id="shares"><h2>Vendor shares</h2>${sharesTable('By country', m.shares.byCountry, untrusted)}${sharesTable('By layer', m.shares.byLayer, untrusted)}</section>
${changesSection(m)}
${findingsSection(m)}
${devicesSection(m)}
${exposureSection(m)}
${pathsSection(m)}
${killSwitchSection(m)}
${planSection(m)}
${deadlinesSection(m)}
${whatIfSection(m)}
</main>
<script type="application/json" id="cleanpath-report-data">${data.json}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
