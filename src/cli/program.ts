import { Command } from 'commander';
import { storeLabel } from '../store/index.js';
import { allAnalyses, type AnalysisId } from '../analyses/registry.js';
import { CLI_ADAPTERS } from './analysis-adapters.js';
import { registerAnalysisCommand, type CliAdapter } from './analysis-command.js';
import { addCatalogOption } from './catalog-option.js';
import { addWideOption, DEFAULT_DB } from './options.js';
import * as attest from './commands/attest.js';
import * as collect from './commands/collect.js';
import * as demo from './commands/demo.js';
import * as devices from './commands/devices.js';
import * as diff from './commands/diff.js';
import * as identify from './commands/identify.js';
import * as keys from './commands/keys.js';
import * as importCommand from './commands/import.js';
import * as lists from './commands/lists.js';
import * as paths from './commands/paths.js';
import * as policies from './commands/policies.js';
import * as probe from './commands/probe.js';
import * as report from './commands/report.js';
import * as serve from './commands/serve.js';
import * as snapshots from './commands/snapshots.js';
import * as token from './commands/token.js';
import * as vendors from './commands/vendors.js';
import * as verify from './commands/verify.js';
import * as worker from './commands/worker.js';

/** The analyses of the registry, each as the command its adapter completes. */
const analyses = {
  register(program: Command): void {
    for (const def of allAnalyses()) registerAnalysisCommand(program, def, CLI_ADAPTERS[def.id as AnalysisId] as unknown as CliAdapter);
  },
};

/** Each command lives in ./commands/<name>.ts and exports `register(program)`; order = help order. */
const COMMANDS = [importCommand, identify, devices, snapshots, probe, collect, policies, vendors, lists, analyses, paths, report, diff, keys, attest, verify, serve, worker, token, demo];

export function buildProgram(): Command {
  const program = new Command('cleanpath')
    .description(
      "Find high-risk vendors' equipment in the networks that carry sensitive traffic, check it against national rules, and plan its removal.",
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    // set before the commands are added: subcommands copy these settings when created, so a
    // bad option value on any command surfaces as a CommanderError (exit 2), never a bare exit
    .exitOverride()
    .addHelpText(
      'after',
      `
Start with the demo, then your own data:
  cleanpath demo                                  # build, import and identify the demo scenario
  cleanpath import inventory.csv links.csv flows.csv
  cleanpath devices --vendor huawei,zte
  cleanpath identify 00:E0:FC:12:34:56
  cleanpath probe snmp 192.0.2.0/28 --json           # SNMPv3 engine IDs of targets you name
  cleanpath check --as-of 2026-12-31 --fail-on overdue   # which rules they break, by when
  cleanpath exposure --untrusted huawei,zte --json   # which flows cross them, clean paths
  cleanpath killswitch --vendors huawei              # what a Huawei switch-off would cut
  cleanpath plan --budget 2000000/year               # cheapest replacements, bound, gap, phases
  cleanpath report -o report.html                    # one self-contained HTML file to forward
  cleanpath diff 2026-q3 2026-q4                     # progress between two snapshots, per deadline

Exit codes: 0 ok, 1 failure or nothing found, 2 bad input (file:line: what is wrong).`,
    );
  addCatalogOption(program);
  addWideOption(program);
  for (const c of COMMANDS) c.register(program);
  hideStorePasswords(program);
  return program;
}

/** `--help` shows the default store; a CLEANPATH_DATABASE_URL's password must not be in it. */
function hideStorePasswords(cmd: Command): void {
  for (const o of cmd.options) if (o.defaultValue === DEFAULT_DB) o.defaultValueDescription = storeLabel(DEFAULT_DB);
  for (const sub of cmd.commands) hideStorePasswords(sub);
}
