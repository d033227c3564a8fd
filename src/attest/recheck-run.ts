// `verify --recheck`: recompute an attested flow from a store (by default its latest snapshot,
// where "the network changed since" shows) under the attested untrusted criteria and date.
import type { AnalysisSource } from '../analyses/define.js';
import type { AvoidOptions } from '../analyses/untrusted.js';
import { DEFAULT_ATTEST_LIMIT } from './attest-run.js';
import { flowResult } from './flow-result.js';
import { flowPredicate } from './flow-statement.js';
import { prepareAttestRun } from './prepare.js';
import { recheckDifferences } from './recheck.js';
import type { FlowPredicate } from './statement.js';

function avoidOf(p: FlowPredicate): AvoidOptions {
  const u = p.untrusted;
  // `none` alone names no vendor: only the other criteria, as attested
  return { untrusted: u.vendors.length ? u.vendors : ['none'], ...(u.countries.length && { avoidCountry: u.countries }), ...(u.operators.length && { avoidOperator: u.operators }), ...(u.layers.length && { avoidLayer: u.layers }) };
}

/** The same number of paths as attested when they were cut short, so a cut is not a difference. */
const limitOf = (p: FlowPredicate): number => (p.paths.total > p.paths.listed ? Math.max(1, p.paths.listed) : Math.max(DEFAULT_ATTEST_LIMIT, p.paths.listed));

export interface Recheck {
  snapshot: string;
  differences: string[];
}

export async function recheckFlow(attested: FlowPredicate, source: AnalysisSource, warn?: (m: string) => void): Promise<Recheck> {
  const run = await prepareAttestRun(source, { avoid: avoidOf(attested), asOf: attested.asOf }, { ...(warn && { warn }) });
  const flow = run.loaded.flows.find((f) => f.id === attested.flow.id);
  if (!flow) return { snapshot: run.ctx.snapshot.name, differences: [`flow ${JSON.stringify(attested.flow.id)} is not in snapshot ${run.ctx.snapshot.name}`] };
  const fresh = flowPredicate(flowResult(run.net, flow, limitOf(attested)), run.ctx);
  return { snapshot: run.ctx.snapshot.name, differences: recheckDifferences(attested, fresh) };
}
