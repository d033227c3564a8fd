// The input options every analysis command shares; loading itself is src/analyses/network.ts,
// checking what the user named is src/analyses/untrusted.ts.
import type { Command } from 'commander';
import {
  DEFAULT_UNTRUSTED,
  resolveAvoidOptions,
  resolveKillSwitchOptions,
  resolveVendors,
  snapshotProfile,
  type AvoidOptions,
  type KillSwitchOptions,
} from '../analyses/untrusted.js';
import type { NodeInput } from '../graph/index.js';
import { isInputError } from '../model/index.js';
import { loadNetwork, type NetworkSourceOptions } from '../analyses/network.js';
import { openStore } from '../store/index.js';
import { collectList, collectVendors, DEFAULT_DB } from './options.js';

export { loadNetwork, type LoadedNetwork, type NetworkSourceOptions } from '../analyses/network.js';

/** Adds the input options every analysis command shares. */
export function addNetworkSourceOptions(cmd: Command): Command {
  return cmd
    .option('--db <path>', 'store to read, the default input: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('-s, --snapshot <name>', 'snapshot of the store (default: the latest)')
    .option('--topology <file>', 'analyse one topology file instead of the store (GraphML, SNDlib, inventory JSON...)')
    .option('--nodes <file>', 'plain nodes CSV: id,vendor[,country,operator,layer,site] (with --links)')
    .option('--links <file>', 'plain links CSV: a,b[,metric]')
    .option('--flows <file>', 'plain flows CSV: id,src,dst[,class,volume] (with --nodes/--links or --topology)');
}


/** The untrust options exposure and plan share (see src/analyses/untrusted.ts). */
export function addAvoidOptions(cmd: Command): Command {
  return cmd
    .option('--untrusted <vendors>', `untrusted vendors, comma separated: slugs or names (default ${DEFAULT_UNTRUSTED.join(',')} when no --avoid-* is given; cleanpath vendors lists them)`, collectVendors)
    .option('--avoid-country <codes>', 'also avoid devices in these countries (ISO alpha-2 or English names)', collectList)
    .option('--avoid-operator <names>', 'also avoid devices of these operators', collectList)
    .option('--avoid-layer <layers>', 'also avoid devices in these layers', collectList);
}

/** Says each warning on stderr, where it does not mix with machine output. */
export function warn(warnings: readonly string[]): void {
  for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
}

/** The avoid options checked against the network's devices (InputError on a name that matches nothing), warnings said. */
export function checkAvoidOptions(opts: AvoidOptions, nodes?: readonly NodeInput[]): AvoidOptions {
  const { resolved, warnings } = resolveAvoidOptions(opts, nodes);
  warn(warnings);
  return resolved;
}

/** The kill-switch options checked likewise. */
export function checkKillSwitchOptions(opts: KillSwitchOptions, nodes?: readonly NodeInput[]): KillSwitchOptions {
  const { resolved, warnings } = resolveKillSwitchOptions(opts, nodes);
  warn(warnings);
  return resolved;
}

/**
 * For runs that load the network elsewhere (distributed, plan): catalog names, countries and
 * layers need no network; only a vendor the catalog does not know is looked for among the
 * devices, and only then is the network loaded here.
 */
export async function checkBeforeLoad<T>(check: (nodes?: readonly NodeInput[]) => T, source: NetworkSourceOptions): Promise<T> {
  try {
    return check(undefined);
  } catch (e) {
    if (!isInputError(e) || !/unknown vendor/.test(e.detail)) throw e;
  }
  return check((await loadNetwork(source)).nodes);
}

/** Vendor names → slugs, accepting the vendors a snapshot's devices carry besides the catalog's. */
export async function checkSnapshotVendors(inputs: readonly string[], where: string, db: string, snapshot?: string): Promise<string[]> {
  let unknown: unknown;
  try {
    return resolveVendors(inputs, where);
  } catch (e) {
    if (!isInputError(e)) throw e;
    unknown = e;
  }
  let profile;
  try {
    const store = openStore(db, { readonly: true });
    try {
      profile = await snapshotProfile(store, (await store.resolveSnapshot(snapshot)).id);
    } finally {
      await store.close();
    }
  } catch {
    // No store or snapshot to look in: the catalog's answer stands.
    throw unknown;
  }
  return resolveVendors(inputs, where, profile);
}
