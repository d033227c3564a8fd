// The input options every analysis command shares (parameters come from the registry:
// cli/analysis-command.ts); loading is src/analyses/network.ts, checking names src/analyses/untrusted.ts.
import type { Command } from 'commander';
import { resolveVendors, snapshotProfile } from '../analyses/untrusted.js';
import { isInputError } from '../model/index.js';
import { openStore } from '../store/index.js';
import { DEFAULT_DB } from './options.js';
import { terminalSafe } from './run.js';

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

/** Says each warning on stderr, where it does not mix with machine output. */
export function warn(warnings: readonly string[]): void {
  for (const w of warnings) process.stderr.write(`warning: ${terminalSafe(w)}\n`);
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
