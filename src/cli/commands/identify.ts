import type { Command } from 'commander';
import { createIdentifyContext, formatIdentifyResult, identifyValue } from '../../identify/index.js';
import { readTacFile } from '../../ingest/plain/index.js';
import { printable, renderJson } from '../output.js';

interface IdentifyOptions {
  json?: boolean;
  tacDb?: string;
}

export function register(program: Command): void {
  program
    .command('identify')
    .description('Tell which vendor a MAC, sysObjectID, SNMPv3 engine ID, IMEI, GPON serial or text (sysDescr, banner, company name) points to, and why')
    .argument('<values...>', 'values to look up; the kind of each is detected')
    .option('--json', 'print the parsed fields and the attribution as JSON')
    .option('--tac-db <file>', 'Osmocom-format TAC CSV for IMEI look-ups')
    .addHelpText(
      'after',
      `
Examples:
  cleanpath identify 00:E0:FC:12:34:56          # MAC (also 00-e0-fc-..., 00e0.fc12.3456, 00e0fc123456)
  cleanpath identify 1.3.6.1.4.1.2011.2.23.306  # sysObjectID: enterprise 2011 = Huawei
  cleanpath identify 1.3.6.1.4.1.318.1.3.27     # enterprise 318: American Power Conversion (not in catalog)
  cleanpath identify 0x800007DB03001122334455   # SNMPv3 engine ID: enterprise, format, embedded MAC
  cleanpath identify 490154203237518 --tac-db tacdb.csv   # IMEI: Luhn check, TAC
  cleanpath identify HWTC1A2B3C4D               # GPON ONU serial
  cleanpath identify "SSH-2.0-HUAWEI-1.5" "HUAWEI TECHNOLOGIES CO.,LTD"

An engine ID written as digits only needs its 0x prefix (otherwise it reads as an IMEI).
A maker outside the risk catalog (any IEEE OUI assignee or IANA enterprise) is named with
"(not in catalog)"; only a value that names nobody is "unknown".
Exit code 0 when every value was attributed to a vendor or maker, 1 when some were not.`,
    )
    .action((values: string[], opts: IdentifyOptions) => {
      const ctx = createIdentifyContext(opts.tacDb === undefined ? {} : { tac: readTacFile(opts.tacDb) });
      const results = values.map((v) => identifyValue(v, ctx));
      if (opts.json) process.stdout.write(renderJson(results.length === 1 ? results[0] : results));
      else process.stdout.write(results.map((r) => formatIdentifyResult(r).split('\n').map(printable).join('\n')).join('\n') + '\n');
      if (results.some((r) => r.attribution.vendor === null)) process.exitCode = 1;
    });
}
