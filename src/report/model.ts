// The report model (issue 7, point 1): one plain, JSON-serialisable object gathered from a store
// snapshot and the registry's analyses (findings, exposure, kill-switch, plan — each run through
// its module in src/analyses, so the report computes what the CLI and the API compute), plus the
// inventory views only the report has (sites, links, shares, deadlines). Each renderer (html,
// markdown, csv, json) only formats it. Every string in it may come from a device or a file and
// is attacker-controlled: renderers escape, the model does not.
import { activeCatalog } from '../analyses/catalog-source.js';
import { compareRuns, type AnalysisDiff } from '../analyses/compare.js';
import { paramsOf, type AnalysisSource, type RunEnv } from '../analyses/define.js';
import type { ExposureAnalysis } from '../analyses/exposure.js';
import type { FindingsAnalysis } from '../analyses/findings.js';
import type { KillSwitchAnalysis } from '../analyses/killswitch.js';
import type { PlanSource } from '../analyses/plan.js';
import type { PolicyCheck } from '../analyses/plan-run.js';
import { ANALYSES, analysisById } from '../analyses/registry.js';
import { untrustedNodes } from '../analyses/untrusted.js';
import type { Chokepoint, ExposureSummary, RestoreCandidate, SiteCutOff, Tally } from '../graph/index.js';
import type { Device, Evidence, Link, Site } from '../model/index.js';
import type { PlanDocument } from '../plan/index.js';
import { STATUSES, upcomingDeadlines, type Finding, type Status, type UpcomingDeadline } from '../policy/index.js';
import { openStore, storeLabel, type SnapshotInfo } from '../store/index.js';
import { reportPaths, type ReportPaths } from '../paths/report-data.js';
import { REPORT_SECTIONS } from './sections.js';
import { vendorShares } from './vendor-shares.js';
import type { WhatIfAnalysis, WhatIfSource } from '../analyses/whatif.js';

export const REPORT_VERSION = 1;

export type ExposureLevel = 'all' | 'some' | 'none' | 'unreachable';

export interface ReportSite {
  id: string;
  name: string;
  country: string | null;
  /** Mean of its devices' coordinates; null when none has coordinates. */
  lat: number | null;
  lon: number | null;
  devices: number;
  untrustedDevices: number;
  /** Worst exposure of the sensitive flows that start or end at the site; null when none does. */
  flowExposure: ExposureLevel | null;
}

export interface ReportLink {
  /** Site ids (links inside one site are not drawn). */
  a: string;
  b: string;
  /** Device links between the two sites. */
  links: number;
  /** Of them, links with an untrusted device at either end. */
  untrusted: number;
}

export interface VendorShare {
  /** A country code or a layer. */
  key: string;
  total: number;
  /** Vendor slug ('unknown' when unattributed) → devices, largest first. */
  vendors: Array<{ vendor: string; devices: number; percent: number }>;
}

export interface ReportDevice {
  id: string;
  name: string | null;
  vendor: string | null;
  confidence: number;
  model: string | null;
  layer: string | null;
  site: string | null;
  country: string | null;
  operator: string | null;
  sysDescr: string | null;
  evidence: Array<Pick<Evidence, 'kind' | 'raw' | 'vendor' | 'confidence' | 'valid'> & { source: string }>;
  conflicts: string[];
}

export interface ReportFlow {
  id: string;
  src: string;
  dst: string;
  srcName: string;
  dstName: string;
  class: 'sensitive' | 'normal';
  volume: number;
  cost: number | null;
  exposure: ExposureLevel;
  cleanCost: number | null;
  stretch: number | null;
  /** Vendors whose kill-switch alone disconnects the flow. */
  cutBy: string[];
}

export interface ReportKillSwitch {
  vendors: string[];
  removedDevices: number;
  disrupted: Tally;
  endpointRemoved: number;
  alreadyUnreachable: number;
  mainNetworkBefore: number;
  mainNetworkAfter: number;
  sitesCutOff: SiteCutOff[];
  restore: RestoreCandidate[];
  disruptedFlows: string[];
}

export interface ReportModel {
  report: { version: number; title: string; generatedAt: string };
  source: { db: string; snapshot: string; snapshotCreatedAt: string; label: string };
  asOf: string;
  untrusted: string[];
  /** Whether the policy check read blank scope fields as in scope (--assume-in-scope); absent in older reports. */
  assumeInScope?: boolean;
  /** Whether unverified rules were applied with their deadlines (--include-unverified); absent in older reports. */
  includeUnverified?: boolean;
  summary: {
    devices: number;
    attributed: number;
    untrustedDevices: number;
    sites: number;
    links: number;
    flows: number;
    sensitiveFlows: number;
    sensitiveExposedAll: number;
    sensitiveExposedSome: number;
    exposedWithCleanPath: number;
    exposedWithoutCleanPath: number;
    findings: number;
    findingsByStatus: Partial<Record<Status, number>>;
    planDevices: number | null;
    planCost: number | null;
  };
  sites: ReportSite[];
  links: ReportLink[];
  shares: { byCountry: VendorShare[]; byLayer: VendorShare[] };
  /** Devices of the untrusted vendors, with the evidence behind each attribution. */
  devices: ReportDevice[];
  findings: Finding[];
  catalogVersion: string;
  deadlines: UpcomingDeadline[];
  exposure: { summary: Omit<ExposureSummary, 'chokepoints'>; chokepoints: Chokepoint[]; flows: ReportFlow[] };
  killSwitches: ReportKillSwitch[];
  plan: PlanDocument | null;
  /** Measured paths (traceroutes) of the last 30 days; absent when the store holds none. */
  paths?: ReportPaths;
  /** The registry's analyses the report shows, in order, by section id (src/report/sections.ts). */
  sections: Array<{ analysis: string; id: string; title: string }>;
  /** What changed since an earlier snapshot (`--since`): the generic diff of each analysis shown. */
  changes?: { since: string; diffs: AnalysisDiff[] };
  /** A what-if scenario (`--whatif FILE`): the snapshot under the baseline and the scenario. */
  whatif?: WhatIfAnalysis;
  /**
   * Why the flow analyses have nothing to say ("no flows in snapshot X: import a flows CSV
   * id,src,dst ..."), or null. When set, renderers show this sentence instead of exposure counts,
   * which would read as an all-clear.
   */
  nothingToAnalyse: string | null;
  notes: string[];
}

export interface ReportOptions {
  db: string;
  snapshot?: string;
  /** Whose snapshot (default: the store's default organisation). */
  organisation?: string;
  asOf: string;
  untrusted: string[];
  /** Replacement budget, e.g. 2000000/year: phases the plan. */
  budget?: string;
  budgetStart?: string;
  /** The policy check's conservative reading (docs/policy.md): blank scope fields count as in scope. */
  assumeInScope?: boolean;
  /** Apply unverified rules with their deadlines (docs/policy.md). */
  includeUnverified?: boolean;
  /** Seconds for the planner (default 60). */
  planTimeLimit?: number;
  /** Skip the planner. */
  noPlan?: boolean;
  /** Fixed generation time (tests, reproducible reports); default now. */
  generatedAt?: string;
  /** An earlier snapshot: the report then says what changed since (flows' exposure, findings). */
  since?: string;
  /** A what-if scenario file (the CLI's only: the API never reads a path): the report adds its section. */
  whatif?: string;
}

const EXPOSURE_RANK: Record<ExposureLevel, number> = { all: 3, some: 2, none: 1, unreachable: 0 };

function sourceText(e: Evidence): string {
  const s = e.source;
  if (s.file) return s.line !== undefined ? `${s.file}:${s.line}` : s.file;
  if (s.probe) return [s.probe, s.address, s.time].filter(Boolean).join(' ');
  return '';
}

function shares(devices: readonly Device[], keyOf: (d: Device) => string): VendorShare[] {
  return vendorShares(devices.map((d) => ({ key: keyOf(d), vendor: d.vendor ?? 'unknown', devices: 1 })));
}

interface Inventory {
  snap: SnapshotInfo;
  devices: Device[];
  sites: Site[];
  links: Link[];
}

async function readInventory(opts: ReportOptions): Promise<Inventory> {
  const store = openStore(opts.db, { readonly: true });
  try {
    const snap = await store.resolveSnapshot(opts.snapshot, opts.organisation);
    return { snap, devices: await store.devices(snap.id), sites: await store.sites(snap.id), links: await store.links(snap.id) };
  } finally {
    await store.close();
  }
}

function countStatuses(findings: readonly Finding[]): Partial<Record<Status, number>> {
  const out: Partial<Record<Status, number>> = {};
  for (const s of STATUSES) {
    const n = findings.filter((f) => f.status === s).length;
    if (n) out[s] = n;
  }
  return out;
}

/** One kill-switch per untrusted vendor, and all of them at once when there are several. */
async function killSwitches(source: AnalysisSource, untrusted: readonly string[], env: RunEnv): Promise<{ list: ReportKillSwitch[]; cutBy: Map<string, string[]> }> {
  const sets = untrusted.map((v) => [v]);
  if (untrusted.length > 1) sets.push([...untrusted]);
  const cutBy = new Map<string, string[]>();
  const list: ReportKillSwitch[] = [];
  for (const vendors of sets) {
    const ks: KillSwitchAnalysis = await ANALYSES.killswitch.run(source, paramsOf(ANALYSES.killswitch, { vendors, top: 10 }), env);
    if (vendors.length === 1) for (const id of ks.disruptedFlows) cutBy.set(id, [...(cutBy.get(id) ?? []), vendors[0]!]);
    const { removedDevices, disrupted, endpointRemoved, alreadyUnreachable, mainNetworkBefore, mainNetworkAfter, sitesCutOff, restore, disruptedFlows } = ks;
    list.push({ vendors, removedDevices, disrupted, endpointRemoved, alreadyUnreachable, mainNetworkBefore, mainNetworkAfter, sitesCutOff, restore, disruptedFlows });
  }
  return { list, cutBy };
}

/** The plan, or null with a note saying why not. A plan with no sensitive flow would only echo the rule-forced devices. */
async function planOf(source: PlanSource, opts: ReportOptions, nothing: string | null, notes: string[]): Promise<PlanDocument | null> {
  if (opts.noPlan || !opts.untrusted.length || nothing !== null) return null;
  const params = paramsOf(ANALYSES.plan, { untrusted: opts.untrusted, asOf: opts.asOf, assumeInScope: opts.assumeInScope ?? false, includeUnverified: opts.includeUnverified ?? false, budget: opts.budget, budgetStart: opts.budgetStart ?? opts.asOf });
  try {
    const { nothingToAnalyse: _n, ...plan } = await ANALYSES.plan.run(source, params, { strict: true, planTimeLimit: opts.planTimeLimit ?? 60 });
    return plan;
  } catch (e) {
    notes.push(`replacement plan not computed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

function reportFlows(exp: ExposureAnalysis, cutBy: Map<string, string[]>, nameOf: (id: string) => string): ReportFlow[] {
  return exp.flows.map((f) => ({
    id: f.id,
    src: f.src,
    dst: f.dst,
    srcName: nameOf(f.src),
    dstName: nameOf(f.dst),
    class: f.class,
    volume: f.volume,
    cost: f.cost,
    exposure: f.exposure,
    cleanCost: f.cleanCost,
    stretch: f.stretch === null ? null : Math.round(f.stretch * 1000) / 1000,
    cutBy: cutBy.get(f.id) ?? [],
  }));
}

/** Sites from the devices (coordinates averaged), named from the store's site rows when present. */
function reportSites(inv: Inventory, untrusted: Uint8Array, flows: readonly ReportFlow[]): ReportSite[] {
  const siteRows = new Map(inv.sites.map((s) => [s.id, s]));
  const acc = new Map<string, { lat: number; lon: number; n: number; devices: number; untrusted: number; country: string | null }>();
  const siteOf = new Map<string, string>();
  inv.devices.forEach((d, i) => {
    if (!d.site) return;
    siteOf.set(d.id, d.site);
    const a = acc.get(d.site) ?? { lat: 0, lon: 0, n: 0, devices: 0, untrusted: 0, country: d.country ?? null };
    a.devices++;
    if (untrusted[i]) a.untrusted++;
    if (d.lat !== undefined && d.lon !== undefined) {
      a.lat += d.lat;
      a.lon += d.lon;
      a.n++;
    }
    acc.set(d.site, a);
  });
  const siteExposure = new Map<string, ExposureLevel>();
  for (const f of flows) {
    if (f.class !== 'sensitive') continue;
    for (const end of [f.src, f.dst]) {
      const s = siteOf.get(end);
      if (!s) continue;
      const cur = siteExposure.get(s);
      if (!cur || EXPOSURE_RANK[f.exposure] > EXPOSURE_RANK[cur]) siteExposure.set(s, f.exposure);
    }
  }
  const round4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);
  return [...acc].sort((x, y) => x[0].localeCompare(y[0])).map(([id, a]) => {
    const row = siteRows.get(id);
    return {
      id,
      name: row?.name ?? id,
      country: a.country ?? row?.country ?? null,
      lat: round4(a.n ? a.lat / a.n : (row?.lat ?? null)),
      lon: round4(a.n ? a.lon / a.n : (row?.lon ?? null)),
      devices: a.devices,
      untrustedDevices: a.untrusted,
      flowExposure: siteExposure.get(id) ?? null,
    };
  });
}

/** Device links between two sites, counted per site pair (links inside one site are not drawn). */
function reportLinks(inv: Inventory, untrusted: Uint8Array): ReportLink[] {
  const index = new Map(inv.devices.map((d, i) => [d.id, i]));
  const siteLinks = new Map<string, ReportLink>();
  for (const l of inv.links) {
    const ia = index.get(l.a), ib = index.get(l.b);
    const sa = ia === undefined ? undefined : inv.devices[ia]!.site, sb = ib === undefined ? undefined : inv.devices[ib]!.site;
    if (!sa || !sb || sa === sb) continue;
    const [a, b] = sa < sb ? [sa, sb] : [sb, sa];
    const k = `${a}\u0000${b}`;
    const r = siteLinks.get(k) ?? { a, b, links: 0, untrusted: 0 };
    r.links++;
    if (untrusted[ia!] || untrusted[ib!]) r.untrusted++;
    siteLinks.set(k, r);
  }
  return [...siteLinks.values()].sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

function reportDevice(d: Device): ReportDevice {
  return {
    id: d.id,
    name: d.name ?? null,
    vendor: d.vendor,
    confidence: d.attribution.confidence,
    model: d.model ?? null,
    layer: d.layer ?? null,
    site: d.site ?? null,
    country: d.country ?? null,
    operator: d.operator ?? null,
    sysDescr: d.raw.sysDescr ?? null,
    evidence: d.attribution.evidence.map((e) => ({ kind: e.kind, raw: e.raw, vendor: e.vendor, confidence: e.confidence, valid: e.valid, source: sourceText(e) })),
    conflicts: d.attribution.conflicts.map((c) => c.note),
  };
}

/** The sections of the registry's analyses the report shows; `conditional`: the ids of those shown only when they have data. */
function shownSections(conditional: ReadonlySet<string>): ReportModel['sections'] {
  return Object.entries(REPORT_SECTIONS).flatMap(([analysis, s]) =>
    'id' in s && (s.when === undefined || conditional.has(s.id)) ? [{ analysis, id: s.id, title: analysisById(analysis as keyof typeof ANALYSES).title }] : [],
  );
}

/** How the policy check reads the inventory and the catalog: the same for the findings, their diff and the plan. */
function policyReading(opts: ReportOptions) {
  return { asOf: opts.asOf, assumeInScope: opts.assumeInScope ?? false, includeUnverified: opts.includeUnverified ?? false };
}

/** What changed since an earlier snapshot: each shown analysis that has a keyed main table, run on both. */
async function changesSince(since: string, source: AnalysisSource, opts: ReportOptions, env: RunEnv): Promise<NonNullable<ReportModel['changes']>> {
  const base = { ...source, snapshot: since };
  const diffs = [
    await compareRuns(analysisById('exposure'), base, source, paramsOf(ANALYSES.exposure, { untrusted: opts.untrusted, top: 10 }), env),
    await compareRuns(analysisById('findings'), base, source, paramsOf(ANALYSES.findings, policyReading(opts)), env),
  ];
  return { since, diffs };
}

/** The report's findings as the policy check the plan forces from: unfiltered, by the catalog's rules, so the plan need not check again. */
function catalogCheck(found: FindingsAnalysis, rules: PolicyCheck['rules']): PolicyCheck {
  const { snapshot, asOf, assumeInScope, includeUnverified, findings } = found;
  return { snapshot, rules, asOf, assumeInScope, includeUnverified, findings };
}

/** The scenario file run through the registry's whatif with the report's own reading: date, vendors, budget. */
function whatIfOf(source: AnalysisSource, opts: ReportOptions, env: RunEnv): Promise<WhatIfAnalysis> {
  const p = paramsOf(ANALYSES.whatif, { ...policyReading(opts), untrusted: [...opts.untrusted], budget: opts.budget, budgetStart: opts.budgetStart, timeLimit: opts.planTimeLimit });
  return ANALYSES.whatif.run({ ...source, scenario: opts.whatif } as WhatIfSource, p, { ...env, paramName: undefined });
}

/** Reads the snapshot, runs the registry's analyses on it and returns the report model. */
export async function buildReportModel(opts: ReportOptions): Promise<ReportModel> {
  const notes: string[] = [];
  const catalog = activeCatalog();
  const inv = await readInventory(opts);
  const source: AnalysisSource = { db: opts.db, snapshot: inv.snap.name, organisation: opts.organisation };
  const env: RunEnv = { strict: false, paramName: (p) => p, networks: new Map() };
  const found: FindingsAnalysis = await ANALYSES.findings.run(source, paramsOf(ANALYSES.findings, policyReading(opts)), env);
  const exp: ExposureAnalysis = await ANALYSES.exposure.run(source, paramsOf(ANALYSES.exposure, { untrusted: [...opts.untrusted], top: 10 }), env);
  notes.push(...exp.notes);
  const nothing = exp.nothingToAnalyse;
  const { list: killSwitchList, cutBy } = await killSwitches(source, opts.untrusted, env);
  const byId = new Map(inv.devices.map((d) => [d.id, d]));
  const flows = reportFlows(exp, cutBy, (id) => byId.get(id)?.name ?? id);
  const plan = await planOf({ ...source, policyCheck: catalogCheck(found, catalog.rules) }, opts, nothing, notes);
  const untrusted = untrustedNodes(inv.devices.map((d) => ({ ...d, country: d.country ?? null, operator: d.operator ?? null, layer: d.layer ?? null })), { untrusted: [...opts.untrusted] }, { untrusted: 'untrusted', avoidCountry: 'avoidCountry', avoidOperator: 'avoidOperator', avoidLayer: 'avoidLayer' });
  const sites = reportSites(inv, untrusted, flows);
  const reportDevices = inv.devices.filter((_, i) => untrusted[i]).map(reportDevice);
  const paths = await reportPaths(opts.db, inv.snap.name, opts.untrusted, opts.organisation);
  const changes = opts.since ? await changesSince(opts.since, source, opts, env) : undefined;
  const whatif = opts.whatif ? await whatIfOf(source, opts, env) : undefined;
  const findings = found.findings;
  const { chokepoints, ...summaryRest } = exp.summary;
  const s = exp.summary;
  return {
    report: { version: REPORT_VERSION, title: `cleanpath report: ${inv.snap.name}`, generatedAt: opts.generatedAt ?? new Date().toISOString() },
    source: { db: storeLabel(opts.db), snapshot: inv.snap.name, snapshotCreatedAt: inv.snap.createdAt, label: `${storeLabel(opts.db)}#${inv.snap.name}` },
    asOf: opts.asOf,
    untrusted: [...opts.untrusted],
    assumeInScope: opts.assumeInScope ?? false,
    includeUnverified: opts.includeUnverified ?? false,
    summary: {
      devices: inv.devices.length,
      attributed: inv.devices.filter((d) => d.vendor !== null).length,
      untrustedDevices: reportDevices.length,
      sites: sites.length,
      links: inv.links.length,
      flows: exp.flows.length,
      sensitiveFlows: s.sensitiveFlows,
      sensitiveExposedAll: s.sensitiveByClass.all,
      sensitiveExposedSome: s.sensitiveByClass.some,
      exposedWithCleanPath: s.exposedWithCleanPath,
      exposedWithoutCleanPath: s.exposedWithoutCleanPath,
      findings: findings.length,
      findingsByStatus: countStatuses(findings),
      planDevices: plan ? plan.devices.length : null,
      planCost: plan ? plan.totalCost : null,
    },
    sites,
    links: reportLinks(inv, untrusted),
    shares: { byCountry: shares(inv.devices, (d) => d.country ?? 'unknown'), byLayer: shares(inv.devices, (d) => d.layer ?? 'unknown') },
    devices: reportDevices,
    findings,
    catalogVersion: catalog.catalogVersion,
    deadlines: upcomingDeadlines(catalog.rules, findings, opts.asOf),
    exposure: { summary: summaryRest, chokepoints: chokepoints ?? [], flows },
    killSwitches: killSwitchList,
    plan,
    nothingToAnalyse: nothing,
    notes,
    sections: shownSections(new Set([...(paths ? ['paths'] : []), ...(whatif ? ['whatif'] : [])])),
    ...(changes ? { changes } : {}),
    ...(whatif ? { whatif } : {}),
    ...(paths ? { paths } : {}),
  };
}
