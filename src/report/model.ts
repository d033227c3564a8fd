// The report model (issue 7, point 1): one plain, JSON-serialisable object gathered from a store
// snapshot and every analysis (inventory, policy findings, flow exposure, kill-switch, plan,
// deadlines). Each renderer (html, markdown, csv, json) only formats it. Every string in it may
// come from a device or a file and is attacker-controlled: renderers escape, the model does not.
import {
  analyseExposure,
  buildGraph,
  buildKillSet,
  buildUntrusted,
  exposureDocument,
  FLOW_DISRUPTED,
  killSwitch,
  type Chokepoint,
  type ExposureSummary,
  type RestoreCandidate,
  type SiteCutOff,
  type Tally,
} from '../graph/index.js';
import type { Device, Evidence } from '../model/index.js';
import { planDocument, type PlanDocument } from '../plan/index.js';
import { evaluate, loadRuleCatalog, STATUSES, upcomingDeadlines, type Finding, type Status, type UpcomingDeadline } from '../policy/index.js';
import { openStore, storeLabel } from '../store/index.js';
import { loadNetwork } from '../analyses/network.js';
import { countFlows, noDeviceMessage, NOTHING_UNTRUSTED, nothingToAnalyse } from '../analyses/nothing.js';
import { computePlan } from '../analyses/plan-run.js';
import { reportPaths, type ReportPaths } from '../paths/report-data.js';

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
  /** Seconds for the planner (default 60). */
  planTimeLimit?: number;
  /** Skip the planner. */
  noPlan?: boolean;
  /** Fixed generation time (tests, reproducible reports); default now. */
  generatedAt?: string;
}

const SILENT = { update() {}, done() {} };
const EXPOSURE_RANK: Record<ExposureLevel, number> = { all: 3, some: 2, none: 1, unreachable: 0 };

function sourceText(e: Evidence): string {
  const s = e.source;
  if (s.file) return s.line !== undefined ? `${s.file}:${s.line}` : s.file;
  if (s.probe) return [s.probe, s.address, s.time].filter(Boolean).join(' ');
  return '';
}

function shares(devices: readonly Device[], keyOf: (d: Device) => string): VendorShare[] {
  const groups = new Map<string, Map<string, number>>();
  for (const d of devices) {
    const k = keyOf(d);
    const m = groups.get(k) ?? new Map<string, number>();
    const v = d.vendor ?? 'unknown';
    m.set(v, (m.get(v) ?? 0) + 1);
    groups.set(k, m);
  }
  return [...groups.keys()].sort().map((key) => {
    const m = groups.get(key)!;
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const vendors = [...m]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([vendor, n]) => ({ vendor, devices: n, percent: Math.round((n / total) * 10000) / 100 }));
    return { key, total, vendors };
  });
}

/** Reads the snapshot, runs every analysis and returns the report model. */
export async function buildReportModel(opts: ReportOptions): Promise<ReportModel> {
  const notes: string[] = [];
  const catalog = loadRuleCatalog();
  const store = openStore(opts.db, { readonly: true });
  let devices: Device[];
  let snap;
  let storeSites;
  let links;
  try {
    snap = await store.resolveSnapshot(opts.snapshot, opts.organisation);
    devices = await store.devices(snap.id);
    storeSites = await store.sites(snap.id);
    links = await store.links(snap.id);
  } finally {
    await store.close();
  }
  const untrustedSet = new Set(opts.untrusted);
  const isUntrusted = (d: { vendor: string | null }) => d.vendor !== null && untrustedSet.has(d.vendor);
  const byId = new Map(devices.map((d) => [d.id, d]));
  const label = (id: string) => byId.get(id)?.name ?? id;

  // policy
  const findings = evaluate({ devices, rules: catalog.rules, asOf: opts.asOf, assumeInScope: opts.assumeInScope ?? false });
  const findingsByStatus: Partial<Record<Status, number>> = {};
  for (const s of STATUSES) {
    const n = findings.filter((f) => f.status === s).length;
    if (n) findingsByStatus[s] = n;
  }
  const deadlines = upcomingDeadlines(catalog.rules, findings, opts.asOf);

  // graph analyses
  const net = await loadNetwork({ db: opts.db, snapshot: snap.name, organisation: opts.organisation });
  notes.push(...net.notes);
  const g = buildGraph(net, { source: net.label });
  const subject = { snapshot: snap.name, label: net.label };
  const nothing =
    nothingToAnalyse(subject, countFlows(net.flows), 'sensitive-flows') ??
    noDeviceMessage(subject, devices.filter(isUntrusted).length, `untrusted ${opts.untrusted.join(',') || '(none named)'}`, NOTHING_UNTRUSTED) ??
    null;
  const exp = exposureDocument(await analyseExposure(g, buildUntrusted(net.nodes, { vendors: opts.untrusted }), net.flows, { chokepoints: true, topChokepoints: 10 }));
  const flowIndex = new Map(net.flows.map((f, i) => [f.id, i]));
  const cutBy = new Map<string, string[]>();
  const killSwitches: ReportKillSwitch[] = [];
  const ksSets = opts.untrusted.map((v) => [v]);
  if (opts.untrusted.length > 1) ksSets.push([...opts.untrusted]);
  for (const vendors of ksSets) {
    const ks = killSwitch(g, net.nodes, net.flows, buildKillSet(net.nodes, { vendors }), { top: 10 });
    const disruptedFlows: string[] = [];
    ks.flowStatus.forEach((s, i) => {
      if (s === FLOW_DISRUPTED) disruptedFlows.push(net.flows[i]!.id);
    });
    if (vendors.length === 1) for (const id of disruptedFlows) cutBy.set(id, [...(cutBy.get(id) ?? []), vendors[0]!]);
    killSwitches.push({
      vendors,
      removedDevices: ks.removedDevices,
      disrupted: ks.disrupted,
      endpointRemoved: ks.endpointRemoved,
      alreadyUnreachable: ks.alreadyUnreachable,
      mainNetworkBefore: ks.mainNetworkBefore,
      mainNetworkAfter: ks.mainNetworkAfter,
      sitesCutOff: ks.sitesCutOff,
      restore: ks.restore,
      disruptedFlows,
    });
  }
  const flows: ReportFlow[] = exp.flows.map((f) => ({
    id: f.id,
    src: f.src,
    dst: f.dst,
    srcName: label(f.src),
    dstName: label(f.dst),
    class: f.class,
    volume: f.volume,
    cost: f.cost,
    exposure: f.exposure,
    cleanCost: f.cleanCost,
    stretch: f.stretch === null ? null : Math.round(f.stretch * 1000) / 1000,
    cutBy: flowIndex.has(f.id) ? (cutBy.get(f.id) ?? []) : [],
  }));

  // plan
  let plan: PlanDocument | null = null;
  // A plan with no sensitive flow to protect would only echo the rule-forced devices as "the plan".
  if (!opts.noPlan && opts.untrusted.length && nothing === null) {
    try {
      const r = await computePlan(
        {
          db: opts.db,
          snapshot: snap.name,
          organisation: opts.organisation,
          untrusted: opts.untrusted,
          asOf: opts.asOf,
          policy: true,
          assumeInScope: opts.assumeInScope ?? false,
          budget: opts.budget,
          budgetStart: opts.budgetStart ?? opts.asOf,
          carryOver: true,
          timeLimit: opts.planTimeLimit ?? 60,
        },
        SILENT,
      );
      plan = planDocument(r.plan, r.phasing);
    } catch (e) {
      notes.push(`replacement plan not computed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  // sites: from the devices (coordinates averaged), named from the store's site rows when present
  const siteRows = new Map(storeSites.map((s) => [s.id, s]));
  const acc = new Map<string, { lat: number; lon: number; n: number; devices: number; untrusted: number; country: string | null }>();
  const siteOf = new Map<string, string>();
  for (const d of devices) {
    if (!d.site) continue;
    siteOf.set(d.id, d.site);
    const a = acc.get(d.site) ?? { lat: 0, lon: 0, n: 0, devices: 0, untrusted: 0, country: d.country ?? null };
    a.devices++;
    if (isUntrusted(d)) a.untrusted++;
    if (d.lat !== undefined && d.lon !== undefined) {
      a.lat += d.lat;
      a.lon += d.lon;
      a.n++;
    }
    acc.set(d.site, a);
  }
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
  const sites: ReportSite[] = [...acc].sort((x, y) => x[0].localeCompare(y[0])).map(([id, a]) => {
    const row = siteRows.get(id);
    const lat = a.n ? a.lat / a.n : (row?.lat ?? null);
    const lon = a.n ? a.lon / a.n : (row?.lon ?? null);
    return {
      id,
      name: row?.name ?? id,
      country: a.country ?? row?.country ?? null,
      lat: lat === null ? null : Math.round(lat * 1e4) / 1e4,
      lon: lon === null ? null : Math.round(lon * 1e4) / 1e4,
      devices: a.devices,
      untrustedDevices: a.untrusted,
      flowExposure: siteExposure.get(id) ?? null,
    };
  });
  const siteLinks = new Map<string, ReportLink>();
  for (const l of links) {
    const sa = siteOf.get(l.a), sb = siteOf.get(l.b);
    if (!sa || !sb || sa === sb) continue;
    const [a, b] = sa < sb ? [sa, sb] : [sb, sa];
    const k = `${a}\u0000${b}`;
    const r = siteLinks.get(k) ?? { a, b, links: 0, untrusted: 0 };
    r.links++;
    const da = byId.get(l.a), db = byId.get(l.b);
    if ((da && isUntrusted(da)) || (db && isUntrusted(db))) r.untrusted++;
    siteLinks.set(k, r);
  }

  const reportDevices: ReportDevice[] = devices.filter(isUntrusted).map((d) => ({
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
  }));

  const paths = await reportPaths(opts.db, snap.name, opts.untrusted, opts.organisation);
  const s = exp.summary;
  const { chokepoints, ...summaryRest } = s;
  return {
    report: { version: REPORT_VERSION, title: `cleanpath report: ${snap.name}`, generatedAt: opts.generatedAt ?? new Date().toISOString() },
    source: { db: storeLabel(opts.db), snapshot: snap.name, snapshotCreatedAt: snap.createdAt, label: net.label },
    asOf: opts.asOf,
    untrusted: [...opts.untrusted],
    assumeInScope: opts.assumeInScope ?? false,
    summary: {
      devices: devices.length,
      attributed: devices.filter((d) => d.vendor !== null).length,
      untrustedDevices: reportDevices.length,
      sites: sites.length,
      links: links.length,
      flows: net.flows.length,
      sensitiveFlows: s.sensitiveFlows,
      sensitiveExposedAll: s.sensitiveByClass.all,
      sensitiveExposedSome: s.sensitiveByClass.some,
      exposedWithCleanPath: s.exposedWithCleanPath,
      exposedWithoutCleanPath: s.exposedWithoutCleanPath,
      findings: findings.length,
      findingsByStatus,
      planDevices: plan ? plan.devices.length : null,
      planCost: plan ? plan.totalCost : null,
    },
    sites,
    links: [...siteLinks.values()].sort((x, y) => x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
    shares: { byCountry: shares(devices, (d) => d.country ?? 'unknown'), byLayer: shares(devices, (d) => d.layer ?? 'unknown') },
    devices: reportDevices,
    findings,
    catalogVersion: catalog.catalogVersion,
    deadlines,
    exposure: { summary: summaryRest, chokepoints: chokepoints ?? [], flows },
    killSwitches,
    plan,
    nothingToAnalyse: nothing,
    notes,
    ...(paths ? { paths } : {}),
  };
}
