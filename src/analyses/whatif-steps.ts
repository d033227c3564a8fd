// The scenario's steps from the parameters (and the CLI's scenario file). Options that only make
// sense together are checked together: `--in` without `--adopt` or `--list`, `--adopt` without
// `--in`, `--list` without `--from`... are bad input naming the parameter, never ignored.
import { closest } from '../model/closest.js';
import { InputError, NETWORK_KINDS } from '../model/index.js';
import type { Rule } from '../policy/index.js';
import { paramName, type RunEnv } from './define.js';
import { resolveVendors } from './untrusted.js';
import type { PlacedStep } from './whatif-scenario.js';
import { readScenarioFile } from './whatif-yaml.js';

export interface StepParams {
  adopt?: string[];
  in?: string[];
  by?: string;
  list?: string[];
  from?: string;
  like?: string;
  networks?: string[];
  move?: string[];
  to?: string;
}

/** `needs` must be given when `has` is, and `has` when `needs` is (`--move` and `--to`). */
function together(env: RunEnv, has: keyof StepParams, given: boolean, needs: keyof StepParams, present: boolean, why: string): void {
  if (given && !present) throw new InputError(paramName(env, has), undefined, `needs ${paramName(env, needs)}: ${why}`);
}

function checkCombinations(p: StepParams, env: RunEnv): void {
  together(env, 'adopt', !!p.adopt?.length, 'in', !!p.in?.length, 'the countries that adopt the rule');
  together(env, 'list', !!p.list?.length, 'from', !!p.from, 'the first day the vendors are prohibited');
  together(env, 'move', !!p.move?.length, 'to', !!p.to, 'the new deadline');
  together(env, 'in', !!p.in?.length, 'adopt', !!(p.adopt?.length || p.list?.length), `or ${paramName(env, 'list')}: it says where they apply`);
  together(env, 'by', !!p.by, 'adopt', !!p.adopt?.length, 'it moves the adopted rules\' deadline');
  together(env, 'from', !!p.from, 'list', !!p.list?.length, 'the vendors listed from that day');
  together(env, 'like', !!p.like, 'list', !!p.list?.length, 'the vendors listed like that rule');
  together(env, 'networks', !!p.networks?.length, 'list', !!p.list?.length, 'the vendors listed in those networks');
  together(env, 'to', !!p.to, 'move', !!p.move?.length, 'the rules whose deadline moves');
}

/** Network kinds as the scenario file takes them (case-insensitive); anything else is bad input, never a listing that matches nothing. */
function networkKinds(inputs: readonly string[], env: RunEnv): string[] {
  return inputs.map((input) => {
    const n = input.trim().toLowerCase();
    if ((NETWORK_KINDS as readonly string[]).includes(n)) return n;
    const hint = closest(n, NETWORK_KINDS);
    throw new InputError(paramName(env, 'networks'), undefined, `unknown network '${input}'${hint ? `; did you mean ${hint}?` : ''} (networks: ${NETWORK_KINDS.join(', ')})`);
  });
}

/** The steps the parameters name, in the order adopt, list, move; then the scenario file's. */
export function scenarioSteps(p: StepParams, file: string | undefined, baseline: readonly Rule[], env: RunEnv): { title?: string; steps: PlacedStep[] } {
  checkCombinations(p, env);
  const origin = (param: keyof StepParams, like?: boolean) => ({ rule: paramName(env, param), file: paramName(env, param), ...(like && { like: paramName(env, 'like') }) });
  const steps: PlacedStep[] = [
    ...(p.adopt ?? []).map((rule) => ({ step: { kind: 'adopt' as const, rule, in: p.in!, ...(p.by && { by: p.by }) }, origin: origin('adopt') })),
    ...(p.list?.length ? [{ step: { kind: 'list' as const, vendors: resolveVendors(p.list, paramName(env, 'list')), from: p.from!, ...(p.like && { like: p.like }), ...(p.in?.length && { in: p.in }), ...(p.networks?.length && { networks: networkKinds(p.networks, env) }) }, origin: origin('list', !!p.like) }] : []),
    ...(p.move ?? []).map((rule) => ({ step: { kind: 'move' as const, rule, to: p.to! }, origin: origin('move') })),
  ];
  const fromFile = file === undefined ? undefined : readScenarioFile(file, new Set(baseline.map((r) => r.id)));
  steps.push(...(fromFile?.steps ?? []));
  if (!steps.length) {
    const names = ['adopt', 'list', 'move'].map((n) => paramName(env, n)).join(', ');
    throw new InputError(paramName(env, 'adopt'), undefined, `no scenario: name one with ${names}${env.paramName ? '' : ' or --scenario FILE'} (cleanpath whatif --help)`);
  }
  return { ...(fromFile?.title && { title: fromFile.title }), steps };
}
