// A scenario file (`cleanpath whatif --scenario FILE`): several steps at once, and rules of its
// own in the custom-rule schema. Problems are `file:line: path: what is wrong`, through the
// same YAML reader as custom rule files (policy/yaml-lines.ts).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { countryCode, InputError, NETWORK_KINDS, unknownCountryMessage } from '../model/index.js';
import { crossCheckRules, RuleSchema } from '../policy/index.js';
import { resolveRuleVendors } from '../policy/custom-rules.js';
import { fail, readYaml, type Located } from '../policy/yaml-lines.js';
import { isoDate } from './params.js';
import { resolveVendorList } from '../vendors/resolve.js';
import type { PlacedStep, ScenarioStep } from './whatif-scenario.js';

const country = z.string().transform((s, ctx) => countryCode(s) ?? (ctx.addIssue({ code: 'custom', message: unknownCountryMessage(s) }), z.NEVER));
const countries = z.array(country).min(1);
const ruleId = z.string().min(1);

const ScenarioFile = z.strictObject({
  version: z.literal(1),
  /** What the scenario asks, in words: shown with its results. */
  scenario: z.string().min(1).optional(),
  rules: z.array(RuleSchema).optional(),
  adopt: z.array(z.strictObject({ rule: ruleId, in: countries, by: isoDate.optional() })).optional(),
  list: z.array(z.strictObject({ vendors: z.array(z.string().min(1)).min(1), from: isoDate, like: ruleId.optional(), in: countries.optional(), networks: z.array(z.enum(NETWORK_KINDS)).min(1).optional() })).optional(),
  move: z.array(z.strictObject({ rule: ruleId, to: isoDate })).optional(),
});

export interface ScenarioFileSteps {
  title: string | undefined;
  steps: PlacedStep[];
}

const EMPTY = 'empty scenario file; expected `version: 1` and at least one of adopt, list, move, rules';

/** The file's steps in order: its own rules first (so the others may name them), then adopt, list, move. */
export function parseScenario(text: string, file: string, taken: ReadonlySet<string>): ScenarioFileSteps {
  const y = readYaml(text, file, EMPTY);
  const vendorProblems = resolveRuleVendors(y.data, (p) => y.line(p));
  const parsed = ScenarioFile.safeParse(y.data);
  if (!parsed.success) fail(file, [...vendorProblems, ...y.issues(parsed.error.issues)]);
  if (vendorProblems.length) fail(file, vendorProblems);
  const d = parsed.data;
  const ruleProblems: Located[] = crossCheckRules(d.rules ?? [], taken).map((p) => ({ line: y.line(p.path), text: `${p.path.join('.')}: ${p.message}` }));
  if (ruleProblems.length) fail(file, ruleProblems);
  const at = (path: (string | number)[]) => ({ file, line: y.line(path) });
  const placed = (step: ScenarioStep, path: (string | number)[], like?: (string | number)[]): PlacedStep => ({
    step, origin: { rule: file, file, line: y.line(path), ...(like && { like: file }) },
  });
  const steps: PlacedStep[] = [
    ...(d.rules ?? []).map((rule, i) => placed({ kind: 'rule', rule }, ['rules', i, 'id'])),
    ...(d.adopt ?? []).map((a, i) => placed({ kind: 'adopt', rule: a.rule, in: a.in, ...(a.by && { by: a.by }) }, ['adopt', i, 'rule'])),
    ...(d.list ?? []).map((l, i) => placed({ kind: 'list', vendors: resolveVendorList(l.vendors, at(['list', i, 'vendors'])), from: l.from, ...(l.like && { like: l.like }), ...(l.in && { in: l.in }), ...(l.networks && { networks: l.networks }) }, ['list', i, l.like ? 'like' : 'vendors'])),
    ...(d.move ?? []).map((m, i) => placed({ kind: 'move', rule: m.rule, to: m.to }, ['move', i, 'rule'])),
  ];
  if (!steps.length) throw new InputError(file, 1, EMPTY);
  return { title: d.scenario, steps };
}

export function readScenarioFile(file: string, taken: ReadonlySet<string>): ScenarioFileSteps {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, undefined, `cannot read scenario file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return parseScenario(text, file, taken);
}
