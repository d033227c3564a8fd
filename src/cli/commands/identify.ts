import type { Command } from 'commander';
import { createIdentifyContext, formatIdentifyResult, identifyValue, type IdentifyResult } from '../../identify/index.js';
import { readTacFile } from '../../ingest/plain/index.js';
import { addOutputOptions, outputFormatOf } from '../options.js';
import { printable, render, type OutputFormat, type Row } from '../output.js';
import { wrapLongLines } from '../wrap.js';

interface IdentifyOptions {
  format?: OutputFormat;
  json?: boolean;
  tacDb?: string;
}

const CSV_COLUMNS = ['input', 'kind', 'vendor', 'maker', 'in_catalog', 'confidence', 'evidence', 'conflicts'];

/** One value per CSV row: what a spreadsheet of looked-up MACs needs; JSON has every parsed field. */
function csvRow(r: IdentifyResult): Row {
  const a = r.attribution;
  return {
    input: r.input, kind: r.kind, vendor: a.vendor, maker: r.maker?.name ?? null, in_catalog: r.maker?.inCatalog ?? null,
    confidence: a.confidence, evidence: [...new Set(a.evidence.map((e) => e.kind))].join('+'), conflicts: a.conflicts.length,
  };
}

/** The table format is the explanation per value; csv one row per value; json everything. */
function output(results: readonly IdentifyResult[], format: OutputFormat): string {
  if (format === 'table') return wrapLongLines(results.map((r) => formatIdentifyResult(r).split('\n').map(printable).join('\n')).join('\n') + '\n');
  return render(format, results.map(csvRow), CSV_COLUMNS, results.length === 1 ? results[0] : results);
}

export function register(program: Command): void {
  const cmd = program
    .command('identify')
    .description('Tell which vendor a MAC, sysObjectID, SNMPv3 engine ID, IMEI, GPON serial or text (sysDescr, banner, company name) points to, and why')
    .argument('<values...>', 'values to look up; the kind of each is detected')
    .option('--tac-db <file>', 'Osmocom-format TAC CSV for IMEI look-ups');
  addOutputOptions(cmd)
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
      process.stdout.write(output(results, outputFormatOf(opts)));
      if (results.some((r) => r.attribution.vendor === null)) process.exitCode = 1;
    });
}
