// The untrusted-set parameters exposure, chokepoints and plan share: one declaration, checked by
// the one definition in untrusted.ts against the devices of the network analysed.
import { isInputError, NothingToAnalyse } from '../model/index.js';
import { loadNetwork, type NetworkSourceOptions } from './network.js';
import type { NodeInput } from '../graph/index.js';
import { filterName, paramName, type RunEnv } from './define.js';
import { countriesParam, layersParam, textListParam, vendorsParam } from './params.js';
import { DEFAULT_UNTRUSTED, resolveAvoidOptions, type AvoidNames, type AvoidOptions } from './untrusted.js';

export const AVOID_PARAMS = {
  untrusted: vendorsParam(`untrusted vendors (default ${DEFAULT_UNTRUSTED.join(',')} when no avoid-* is given; cleanpath vendors lists them)`),
  avoidCountry: countriesParam('also avoid devices in these countries'),
  avoidOperator: textListParam('also avoid devices of these operators', 'Example Telecom', '<names>'),
  avoidLayer: layersParam('also avoid devices in these layers'),
};

export function avoidNames(env: RunEnv): AvoidNames {
  return {
    untrusted: paramName(env, 'untrusted'),
    avoidCountry: paramName(env, 'avoidCountry'),
    avoidOperator: paramName(env, 'avoidOperator'),
    avoidLayer: paramName(env, 'avoidLayer'),
  };
}

/** The avoid options checked against the devices (InputError on a name matching nothing), warnings said. */
export function checkAvoid(p: AvoidOptions, nodes: readonly NodeInput[] | undefined, env: RunEnv): AvoidOptions {
  const given: AvoidOptions = {
    ...(p.untrusted && { untrusted: p.untrusted }),
    ...(p.avoidCountry && { avoidCountry: p.avoidCountry }),
    ...(p.avoidOperator && { avoidOperator: p.avoidOperator }),
    ...(p.avoidLayer && { avoidLayer: p.avoidLayer }),
  };
  const { resolved, warnings } = resolveAvoidOptions(given, nodes, avoidNames(env));
  for (const w of warnings) env.warn?.(w);
  return resolved;
}

/** In strict mode (the CLI) a reason to stop is an exit 1 without rows; else the document says it. */
export function stopIfStrict(env: RunEnv, why: string | undefined): void {
  if (env.strict && why !== undefined) throw new NothingToAnalyse(why);
}

/** How the avoid filter reads in a sentence: the CLI's options, or the API's bare names. */
export function avoidFilterNames(env: RunEnv): AvoidNames {
  return {
    untrusted: filterName(env, 'untrusted'),
    avoidCountry: filterName(env, 'avoidCountry'),
    avoidOperator: filterName(env, 'avoidOperator'),
    avoidLayer: filterName(env, 'avoidLayer'),
  };
}

/**
 * Names checked before a remote run, which loads the network elsewhere: catalog names, countries
 * and layers need no network; only a vendor the catalog does not know is looked for among the
 * devices, and only then is the network loaded here.
 */
export async function checkBeforeRemote<T>(check: (nodes?: readonly NodeInput[]) => T, source: NetworkSourceOptions): Promise<T> {
  try {
    return check(undefined);
  } catch (e) {
    if (!isInputError(e) || !/unknown vendor/.test(e.detail)) throw e;
  }
  return check((await loadNetwork(source)).nodes);
}
