// `cleanpath attest`: signed statements of what cleanpath's analysis says about a flow's paths
// (issue 19): one flow to a file, or every sensitive flow with the snapshot's signed Merkle root
// and each flow's inclusion proof to a folder. What they prove: docs/attestations.md.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { attestFlow, attestSensitive, DEFAULT_ATTEST_LIMIT, DEFAULT_VALID_DAYS, findFlow, prepareAttestRun } from '../../attest/index.js';
import type { AvoidOptions } from '../../analyses/untrusted.js';
import { InputError } from '../../model/index.js';
import { checkAttestationDir, envelopeText, writeAttestationDir } from '../attest-files.js';
import { KEY_HELP, readSigningKey } from '../../attest/key-file.js';
import { collectList, collectVendors, DEFAULT_DB, parsePositiveInt } from '../options.js';
import { createProgress } from '../progress.js';
import { renderJson } from '../output.js';

interface AttestOpts {
  db: string;
  snapshot?: string;
  flow?: string;
  allSensitive?: boolean;
  asOf?: string;
  untrusted?: string[];
  avoidCountry?: string[];
  avoidOperator?: string[];
  avoidLayer?: string[];
  key?: string;
  output?: string;
  limit: number;
  validDays: number;
  json?: boolean;
}

const warn = (m: string) => process.stderr.write(`cleanpath: warning: ${m}\n`);

function avoidOf(o: AttestOpts): AvoidOptions {
  return {
    ...(o.untrusted && { untrusted: o.untrusted }),
    ...(o.avoidCountry && { avoidCountry: o.avoidCountry }),
    ...(o.avoidOperator && { avoidOperator: o.avoidOperator }),
    ...(o.avoidLayer && { avoidLayer: o.avoidLayer }),
  };
}

function checkShape(o: AttestOpts): void {
  if (o.flow === undefined && !o.allSensitive) throw new InputError('--flow', undefined, 'name a flow (--flow ID) or attest every sensitive flow (--all-sensitive -o DIR)');
  if (o.flow !== undefined && o.allSensitive) throw new InputError('--flow', undefined, '--flow and --all-sensitive exclude each other');
  if (o.allSensitive && (o.output === undefined || o.output === '-')) throw new InputError('--output', undefined, '--all-sensitive writes a folder: give -o DIR');
}

async function action(o: AttestOpts): Promise<void> {
  checkShape(o);
  // the key first: a missing key should not cost a snapshot load
  const key = readSigningKey(o.key, warn);
  if (o.allSensitive) checkAttestationDir(o.output!);
  const run = await prepareAttestRun({ db: o.db, snapshot: o.snapshot }, { avoid: avoidOf(o), asOf: o.asOf, validDays: o.validDays }, { warn });
  if (o.flow !== undefined) {
    const a = attestFlow(run, findFlow(run, o.flow), key, o.limit);
    if (o.output === undefined || o.output === '-') process.stdout.write(envelopeText(a.envelope));
    else writeFileSync(o.output, envelopeText(a.envelope));
    const what = { flow: a.flow, verdict: a.verdict, snapshot: run.ctx.snapshot.name, keyid: key.keyid, output: o.output ?? '-' };
    if (o.json && o.output && o.output !== '-') process.stdout.write(renderJson(what));
    else process.stderr.write(`flow ${a.flow}: ${a.verdict} (snapshot ${run.ctx.snapshot.name}, key ${key.keyid.slice(0, 16)}…)${o.output && o.output !== '-' ? ` -> ${o.output}` : ''}\n`);
    return;
  }
  const progress = createProgress('attesting');
  const all = await attestSensitive(run, key, o.limit, (done, total) => progress.update(done, total));
  progress.done();
  const manifest = writeAttestationDir(o.output!, all, key.keyid);
  if (o.json) process.stdout.write(renderJson(manifest.root));
  else process.stdout.write(`${manifest.flows.length} flow(s) attested in ${o.output}: ${Object.entries(manifest.root.verdicts).map(([v, n]) => `${v} ${n}`).join(', ')}; Merkle root ${manifest.root.merkleRoot}\n`);
}

export function register(program: Command): void {
  program
    .command('attest')
    .description("Sign an attestation of a flow's paths (DSSE envelope, in-toto Statement v1): clean, clean-path-exists, exposed or unreachable")
    .option('--db <path>', 'store to read: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('-s, --snapshot <name>', 'snapshot of the store (default: the latest)')
    .option('--flow <id>', 'the flow to attest (its id, as cleanpath exposure lists them)')
    .option('--all-sensitive', 'attest every sensitive flow, with the snapshot Merkle root and inclusion proofs (-o DIR)')
    .option('--as-of <date>', 'the date the attestation speaks for, YYYY-MM-DD (default: today, UTC)')
    .option('--untrusted <vendors>', 'untrusted vendors (default huawei,zte when no --avoid-* is given)', collectVendors)
    .option('--avoid-country <codes>', 'also avoid devices in these countries', collectList)
    .option('--avoid-operator <names>', 'also avoid devices of these operators', collectList)
    .option('--avoid-layer <layers>', 'also avoid devices in these layers', collectList)
    .option('--key <path|env:NAME>', KEY_HELP)
    .option('-o, --output <file|dir>', 'where to write: a file for --flow (default: stdout), a folder for --all-sensitive')
    .option('--limit <n>', `equal-cost paths listed per flow at most; the total counts them all (default: ${DEFAULT_ATTEST_LIMIT})`, parsePositiveInt, DEFAULT_ATTEST_LIMIT)
    .option('--valid-days <n>', `how long the attestation stays valid (default: ${DEFAULT_VALID_DAYS})`, parsePositiveInt, DEFAULT_VALID_DAYS)
    .option('--json', 'print what was written as JSON')
    .addHelpText(
      'after',
      `
Verdicts: clean (every equal-cost shortest path avoids the untrusted set), clean-path-exists
(some path does, at the cost stated), exposed (none does), unreachable. An attestation states
cleanpath's analysis of the inventory and its evidence, not of the packets: docs/attestations.md.

Examples:
  cleanpath keys create --out carrier
  cleanpath attest --flow s-rms-avb --key carrier.key -o s-rms-avb.dsse.json
  cleanpath attest --all-sensitive --key env:ATTEST_KEY -o attestations/
  cleanpath verify s-rms-avb.dsse.json --pubkey carrier.pub --require clean`,
    )
    .action(action);
}
