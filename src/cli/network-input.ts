// The input options every analysis command shares; loading itself is src/analyses/network.ts.
import type { Command } from 'commander';
import { DEFAULT_UNTRUSTED } from '../analyses/untrusted.js';
import { collectList, DEFAULT_DB } from './options.js';

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
    .option('--untrusted <vendors>', `untrusted vendors, comma separated (default ${DEFAULT_UNTRUSTED.join(',')} when no --avoid-* is given)`, collectList)
    .option('--avoid-country <codes>', 'also avoid devices in these countries (ISO alpha-2)', collectList)
    .option('--avoid-operator <names>', 'also avoid devices of these operators', collectList)
    .option('--avoid-layer <layers>', 'also avoid devices in these layers', collectList);
}
