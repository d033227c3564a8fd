// "Empty is never clean": an analysis with nothing to work on (no flows, no sensitive flows, no
// device matching the user's filter) must say so plainly, never answer with zeros that read as
// an all-clear. One wording for the CLI (exit 1), the API (a note beside `flows: 0`), the report
// and the dashboard.
import { NothingToAnalyse, type FlowClass } from '../model/index.js';
import { CLI_AVOID_NAMES, DEFAULT_UNTRUSTED, type AvoidOptions } from './untrusted.js';

/** What an analysis ran on: a snapshot of the store (by name) or a file (by path). */
export interface AnalysisSubject {
  /** Set when the input is a snapshot of the store. */
  snapshot?: string;
  /** The file (or store#snapshot) the input came from. */
  label: string;
}

export type Needs = 'flows' | 'sensitive-flows';

/** Counts of the flows an analysis would work on. */
export interface FlowCounts {
  flows: number;
  sensitive: number;
}

/** A flow without a class counts as sensitive (plain files, DESIGN section 4). */
export function isSensitive(f: { class?: FlowClass | null | undefined }): boolean {
  return f.class === undefined || f.class === null || f.class === 'sensitive';
}

export function countFlows(flows: readonly { class?: FlowClass | null | undefined }[]): FlowCounts {
  let sensitive = 0;
  for (const f of flows) if (isSensitive(f)) sensitive++;
  return { flows: flows.length, sensitive };
}

function subjectName(s: AnalysisSubject): string {
  return s.snapshot !== undefined ? `snapshot ${s.snapshot}` : s.label;
}

/** The sentence for an input without flows, with how to add them. */
export function noFlowsMessage(s: AnalysisSubject): string {
  if (s.snapshot !== undefined) {
    return `no flows in snapshot ${s.snapshot}: import a flows CSV id,src,dst (cleanpath import --base ${s.snapshot} flows.csv)`;
  }
  return `no flows in ${s.label}: give a flows CSV id,src,dst (--flows flows.csv)`;
}

/** The sentence for an input whose flows are all of class normal. */
export function noSensitiveFlowsMessage(s: AnalysisSubject, flows: number): string {
  return `no sensitive flows in ${subjectName(s)}: its ${flows} flow(s) are all of class normal; mark those to protect class=sensitive in the flows CSV`;
}

/**
 * Why there is nothing to analyse, or undefined when there is something: no flows at all, or
 * (when the analysis needs them) no sensitive ones.
 */
export function nothingToAnalyse(s: AnalysisSubject, counts: FlowCounts, needs: Needs): string | undefined {
  if (counts.flows === 0) return noFlowsMessage(s);
  if (needs === 'sensitive-flows' && counts.sensitive === 0) return noSensitiveFlowsMessage(s, counts.flows);
  return undefined;
}

/** Throws NothingToAnalyse (exit 1) when `nothingToAnalyse` has a reason. */
export function requireFlows(s: AnalysisSubject, flows: readonly { class?: FlowClass | null | undefined }[], needs: Needs): void {
  const why = nothingToAnalyse(s, countFlows(flows), needs);
  if (why !== undefined) throw new NothingToAnalyse(why);
}

/**
 * The sentence for a device filter that matches nothing (`what` names the filter, e.g.
 * "--untrusted huawei,zte"), or undefined when it matches some device.
 */
export function noDeviceMessage(s: AnalysisSubject, matched: number, what: string, consequence: string): string | undefined {
  return matched > 0 ? undefined : `no device in ${subjectName(s)} matches ${what}: ${consequence}`;
}

/** Throws NothingToAnalyse when a device filter matches no device. */
export function requireDevices(s: AnalysisSubject, matched: number, what: string, consequence: string): void {
  const why = noDeviceMessage(s, matched, what, consequence);
  if (why !== undefined) throw new NothingToAnalyse(why);
}

/** How many bytes of a 0/1 mask are set (the untrusted set, the kill set). */
export function countSet(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) n++;
  return n;
}

/** The avoid options as the user would type them, for "no device matches ..." messages. */
export function avoidFilterText(opts: AvoidOptions, names: Record<keyof AvoidOptions, string> = CLI_AVOID_NAMES): string {
  const anyAvoid = opts.untrusted || opts.avoidCountry || opts.avoidOperator || opts.avoidLayer;
  const parts: string[] = [];
  if (!anyAvoid) parts.push(`${names.untrusted} ${DEFAULT_UNTRUSTED.join(',')} (the default)`);
  if (opts.untrusted?.length) parts.push(`${names.untrusted} ${opts.untrusted.join(',')}`);
  if (opts.avoidCountry?.length) parts.push(`${names.avoidCountry} ${opts.avoidCountry.join(',')}`);
  if (opts.avoidOperator?.length) parts.push(`${names.avoidOperator} ${opts.avoidOperator.join(',')}`);
  if (opts.avoidLayer?.length) parts.push(`${names.avoidLayer} ${opts.avoidLayer.join(',')}`);
  return parts.join(' or ') || 'the untrusted set';
}

/** Says why an untrusted set that matches nothing would report every flow clean. */
export const NOTHING_UNTRUSTED = 'nothing is untrusted, so every flow would read as clean';
