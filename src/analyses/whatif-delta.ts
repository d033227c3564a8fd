// What a scenario changes against the baseline: devices newly caught by a deadline, the plan's
// devices and cost, sensitive flows that become clean, vendor concentration — per country and
// overall. Pure: both sides are computed already (whatif-side.ts).
import type { Device } from '../model/index.js';
import { herfindahl, type Status } from '../policy/index.js';
import { CAUGHT, type Side, type WhatIfFinding } from './whatif-side.js';

/** The row of every country together. */
export const ALL = 'all';

export interface CountryDelta {
  country: string;
  devices: number;
  baseline: { findings: Partial<Record<Status, number>>; caught: number; planDevices: number; planCost: number };
  scenario: { findings: Partial<Record<Status, number>>; caught: number; planDevices: number; planCost: number };
  newlyCaught: number;
  /** Herfindahl index of the known vendors' device counts (0..10000): now, and once each side's plan is done (its devices left out: their new vendor is not chosen yet). */
  hhi: { before: number; baseline: number; scenario: number };
}

export interface NewlyCaught {
  device: string;
  country: string | null;
  vendor: string | null;
  rules: string[];
  deadline: string | null;
}

export interface CleanFlow {
  id: string;
  src: string;
  dst: string;
  /** Exposure after the baseline's plan, then after the scenario's. */
  baseline: string;
  scenario: string;
}

export interface WhatIfDelta {
  newlyCaught: NewlyCaught[];
  /** Devices the scenario's plan replaces that the baseline's does not. */
  planAdded: string[];
  planCost: number;
  flowsBecomeClean: CleanFlow[];
  byCountry: CountryDelta[];
  /** True when the scenario puts every device under the same statuses and deadlines as the baseline, with the same plan: it changes nothing. */
  nothingChanged: boolean;
}

const countryOf = (c: string | null | undefined): string => c ?? '??';

function byStatus(findings: readonly WhatIfFinding[]): Partial<Record<Status, number>> {
  const c: Partial<Record<Status, number>> = {};
  for (const f of findings) c[f.status] = (c[f.status] ?? 0) + 1;
  return c;
}

function caught(side: Side): Map<string, WhatIfFinding[]> {
  const m = new Map<string, WhatIfFinding[]>();
  for (const f of side.findings) if (!f.group && CAUGHT.includes(f.status)) m.set(f.device, [...(m.get(f.device) ?? []), f]);
  return m;
}

function hhiOf(devices: readonly Device[], replaced: ReadonlySet<string>): number {
  const counts = new Map<string, number>();
  for (const d of devices) if (d.vendor !== null && !replaced.has(d.id)) counts.set(d.vendor, (counts.get(d.vendor) ?? 0) + 1);
  return herfindahl([...counts.values()]);
}

function newlyCaught(baseline: Side, scenario: Side): NewlyCaught[] {
  const before = caught(baseline);
  return [...caught(scenario)].filter(([id]) => !before.has(id)).map(([device, fs]) => ({
    device, country: fs[0]!.country, vendor: fs[0]!.vendor, rules: fs.map((f) => f.rule),
    deadline: fs.map((f) => f.deadline).filter((d): d is string => d !== null).sort()[0] ?? null,
  }));
}

function sideRow(side: Side, inCountry: (c: string | null | undefined) => boolean) {
  const findings = side.findings.filter((f) => inCountry(f.country));
  const plan = side.plan?.devices.filter((d) => inCountry(d.country)) ?? [];
  return { findings: byStatus(findings), caught: new Set(findings.filter((f) => !f.group && CAUGHT.includes(f.status)).map((f) => f.device)).size, planDevices: plan.length, planCost: plan.reduce((s, d) => s + d.cost, 0) };
}

function countryRows(devices: readonly Device[], baseline: Side, scenario: Side, caughtNew: readonly NewlyCaught[]): CountryDelta[] {
  const countries = [...new Set([...devices.map((d) => countryOf(d.country)), ...baseline.findings.map((f) => countryOf(f.country)), ...scenario.findings.map((f) => countryOf(f.country))])].sort();
  const replacedB = new Set(baseline.plan?.devices.map((d) => d.id) ?? []);
  const replacedS = new Set(scenario.plan?.devices.map((d) => d.id) ?? []);
  const row = (country: string, inCountry: (c: string | null | undefined) => boolean): CountryDelta => {
    const mine = devices.filter((d) => inCountry(d.country));
    return {
      country, devices: mine.length, baseline: sideRow(baseline, inCountry), scenario: sideRow(scenario, inCountry),
      newlyCaught: caughtNew.filter((n) => inCountry(n.country)).length,
      hhi: { before: hhiOf(mine, new Set()), baseline: hhiOf(mine, replacedB), scenario: hhiOf(mine, replacedS) },
    };
  };
  return [...countries.map((c) => row(c, (x) => countryOf(x) === c)), row(ALL, () => true)];
}

function cleanFlows(baseline: Side, scenario: Side, ends: ReadonlyMap<string, { src: string; dst: string }>): CleanFlow[] {
  return Object.entries(scenario.flows)
    .filter(([id, s]) => s.after === 'none' && baseline.flows[id]?.after !== 'none')
    .map(([id, s]) => ({ id, src: ends.get(id)?.src ?? '', dst: ends.get(id)?.dst ?? '', baseline: baseline.flows[id]?.after ?? 'none', scenario: s.after }));
}

export function whatIfDelta(devices: readonly Device[], baseline: Side, scenario: Side, ends: ReadonlyMap<string, { src: string; dst: string }>): WhatIfDelta {
  const caughtNew = newlyCaught(baseline, scenario);
  const inBaseline = new Set(baseline.plan?.devices.map((d) => d.id) ?? []);
  const planAdded = (scenario.plan?.devices ?? []).filter((d) => !inBaseline.has(d.id)).map((d) => d.id);
  // What a finding does to its device, whichever rule says it: a rule adopted where it (or its
  // twin) already applies repeats findings under a new id, and changes nothing.
  const verdicts = (s: Side) => new Set(s.findings.map((f) => `${f.device}\u0000${f.status}\u0000${f.deadline}`));
  const [b, s] = [verdicts(baseline), verdicts(scenario)];
  const sameFindings = b.size === s.size && [...s].every((k) => b.has(k));
  const samePlan = (baseline.plan?.totalCost ?? 0) === (scenario.plan?.totalCost ?? 0) && planAdded.length === 0 && inBaseline.size === (scenario.plan?.devices.length ?? 0);
  return {
    newlyCaught: caughtNew, planAdded, planCost: (scenario.plan?.totalCost ?? 0) - (baseline.plan?.totalCost ?? 0),
    flowsBecomeClean: cleanFlows(baseline, scenario, ends),
    byCountry: countryRows(devices, baseline, scenario, caughtNew),
    nothingChanged: sameFindings && samePlan,
  };
}
