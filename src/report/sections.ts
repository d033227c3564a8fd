// Which of the registry's analyses the report shows, under which section, and why the others are
// not in it. Keyed by AnalysisId: a new analysis does not compile until it says where it goes.
import type { AnalysisId } from '../analyses/registry.js';

/** `when`: the section is there only then (said in words); otherwise always. */
export type ReportSection = { id: string; when?: string } | { omitted: string };

export const REPORT_SECTIONS: Record<AnalysisId, ReportSection> = {
  findings: { id: 'findings' },
  exposure: { id: 'exposure' },
  killswitch: { id: 'killswitch' },
  plan: { id: 'plan' },
  // a part of the exposure section: the devices the most sensitive flows cross
  chokepoints: { id: 'chokepoints' },
  'paths-exposure': { id: 'paths', when: 'the store holds measured paths (traceroutes) of the last 30 days' },
  // a scenario is a hypothesis, not the snapshot's state: shown only when one is asked for
  whatif: { id: 'whatif', when: 'a scenario file is given (cleanpath report --whatif FILE; the API never reads a file: GET /api/snapshots/{snapshot}/whatif answers it)' },
  'flow-paths': { omitted: 'flow paths answer one flow at a time (a question, not a summary): the exposure section gives every flow its class; cleanpath flow-paths --flow ID lists its paths' },
  screening: { omitted: 'screening checks the names of makers and parties against restricted-party lists, not the network: cleanpath screen --inventory answers it for a snapshot' },
};
