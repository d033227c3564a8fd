import { InvalidArgumentError, type Command } from 'commander';
import { createIdentifyContext, type IdentifyContext } from '../../identify/index.js';
import type { DeviceRecord } from '../../model/index.js';
import {
  DEFAULT_MAX_TARGETS,
  checkTargetCount,
  expandTargets,
  interpretOutcome,
  parseTargets,
  probeDeviceRecord,
  probeTargets,
  storeResults,
  type ProbeResult,
} from '../../probe/index.js';
import { openStore } from '../../store/index.js';
import { addOutputOptions, DEFAULT_DB, collectList, outputFormatOf, parsePositiveInt } from '../options.js';
import { printable, render, renderJson, renderTable, type OutputFormat } from '../output.js';
import { createProgress } from '../progress.js';
import { waitOption, waitOptions } from '../wait-option.js';

interface ProbeSnmpOptions {
  port: number;
  targetsFile?: string[];
  rate: number;
  timeout: number;
  retries: number;
  concurrency: number;
  maxTargets: number;
  format?: OutputFormat;
  json?: boolean;
  all?: boolean;
  import?: boolean;
  db: string;
  /** --wait: seconds to wait for another import writing to the store (issue 16). */
  wait: number;
  snapshot?: string;
  base?: string;
}

function parsePort(v: string): number {
  const n = parsePositiveInt(v);
  if (n > 65535) throw new InvalidArgumentError('expected a port in 1..65535');
  return n;
}

function parseNonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
}

function parseRate(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > 100_000) throw new InvalidArgumentError('expected a rate in (0, 100000] probes per second');
  return n;
}

export function register(program: Command): void {
  const probe = program.command('probe').description('Ask devices themselves who made them (active, opt-in discovery of explicitly named targets)');
  const cmd = probe
    .command('snmp')
    .description('SNMPv3 engine-ID discovery (RFC 3414): unauthenticated, one small UDP packet per target; reveals enterprise, often a MAC, boots and uptime')
    .argument('[targets...]', 'addresses, host:port, [v6]:port, CIDR ranges (10.0.0.0/24, [2001:db8::/120]:1161) or @file')
    .option('-p, --port <port>', 'UDP port when a target names none', parsePort, 161)
    .option('-f, --targets-file <file>', 'file of targets, one per line, # comments (repeatable)', collectList)
    .option('--rate <n>', 'probes per second, retries included', parseRate, 100)
    .option('--timeout <ms>', 'wait for each reply this long', parsePositiveInt, 2000)
    .option('--retries <n>', 'resend this many times when no reply came', parseNonNegativeInt, 1)
    .option('--concurrency <n>', 'most targets awaiting a reply at once', parsePositiveInt, 256)
    .option('--max-targets <n>', 'refuse to start when the targets expand to more addresses than this', parsePositiveInt, DEFAULT_MAX_TARGETS)
    .option('--all', 'also list targets that did not answer (table output)')
    .option('--import', 'store the replies as devices with their evidence in a new snapshot')
    .option('--db <path>', 'store for --import: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .addOption(waitOption())
    .option('-s, --snapshot <name>', 'name of the new snapshot (default: snmpv3-discovery-<time>)')
    .option('--base <snapshot>', 'start the new snapshot from a copy of this one ("latest" for the newest)');
  // --json: every result (engineId hex, vendor slug, evidence, conflicts); csv: the table's rows
  addOutputOptions(cmd)
    .addHelpText(
      'after',
      `
Only the targets you name are probed; there is no default range. Each probe is the
standard 60-octet discovery request (also sent by nmap); RFC 3414 makes the agent
count it in usmStatsUnknownEngineIDs, so probing is visible to the device's owner.
Probe only networks you are authorised to test.

Examples:
  cleanpath probe snmp 192.0.2.10 192.0.2.11:1161 [2001:db8::1]:161
  cleanpath probe snmp 10.20.0.0/24 --rate 50 --json > discovery.json
  cleanpath probe snmp -f routers.txt --import --snapshot core-2026-11

Exit code 0 when at least one target answered, 1 when none did, 2 for bad targets.`,
    )
    .action(runProbeSnmp);
}

async function runProbeSnmp(args: string[], opts: ProbeSnmpOptions): Promise<void> {
  const specs = await parseTargets(args, { defaultPort: opts.port, files: opts.targetsFile ?? [] });
  const total = checkTargetCount(specs, opts.maxTargets);
  const ctx = createIdentifyContext();
  const progress = createProgress('probing');
  const results: ProbeResult[] = [];
  let done = 0;
  let replies = 0;
  for await (const o of probeTargets(expandTargets(specs), { rate: opts.rate, timeoutMs: opts.timeout, retries: opts.retries, concurrency: opts.concurrency })) {
    const r = interpretOutcome(o, ctx);
    done++;
    if (r.status === 'reply') replies++;
    if (r.status === 'reply' || r.status === 'invalid' || outputFormatOf(opts) === 'json' || opts.all || r.status === 'error') results.push(r);
    progress.update(done, total, `${replies} replied`);
  }
  progress.done();
  results.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.port - b.port));
  const format = outputFormatOf(opts);
  if (format === 'json') process.stdout.write(renderJson(results));
  else printProbed(results, replies, done, format);
  if (opts.import) await importProbed(args, opts, results, ctx);
  if (replies === 0) process.exitCode = 1;
}

function printProbed(results: readonly ProbeResult[], replies: number, done: number, format: OutputFormat): void {
  const rows = results.map((r) => ({
    address: r.port === 161 ? r.address || r.target : `${r.address}:${r.port}`,
    status: r.status,
    engine_id: r.engineId ?? '',
    enterprise: r.enterprise ?? null,
    vendor: r.vendor ?? null,
    conf: r.confidence ?? null,
    format: r.format ?? (r.engineIdProblem ? 'invalid' : ''),
    mac: r.mac ?? '',
    mac_vendor: r.mac === undefined ? '' : (r.macVendor ?? r.macOrg ?? 'unknown'),
    boots: r.engineBoots ?? null,
    last_reboot: r.lastReboot?.slice(0, 19).replace('T', ' ') ?? '',
    conflict: (r.conflicts ?? []).map((c) => c.vendors.join(' vs ')).join('; ') || (r.error ? printable(r.error).slice(0, 60) : ''),
  }));
  const columns = ['address', 'status', 'engine_id', 'enterprise', 'vendor', 'conf', 'format', 'mac', 'mac_vendor', 'boots', 'last_reboot', 'conflict'];
  // an engine ID is up to 64 hex digits: whole when the terminal has room
  process.stdout.write(format === 'table' ? renderTable(rows, columns, 66) : render(format, rows, columns));
  // under the table; beside CSV, on stderr, so the file stays one table
  (format === 'table' ? process.stdout : process.stderr).write(`${replies} of ${done} targets answered\n`);
}

async function importProbed(args: string[], opts: ProbeSnmpOptions, results: readonly ProbeResult[], ctx: IdentifyContext): Promise<void> {
  const records = results.map(probeDeviceRecord).filter((d): d is DeviceRecord => d !== undefined);
  const store = openStore(opts.db, waitOptions(opts.wait));
  try {
    const s = await storeResults(store, { devices: records }, {
      label: `probe snmp ${args.concat((opts.targetsFile ?? []).map((f) => `@${f}`)).join(' ')}`.slice(0, 200),
      format: 'snmpv3-discovery',
      ctx,
      ...(opts.snapshot !== undefined ? { snapshot: opts.snapshot } : {}),
      ...(opts.base !== undefined ? { base: opts.base } : {}),
    });
    process.stderr.write(`snapshot ${s.snapshot.name}: ${s.devices} devices written to ${opts.db}\n`);
  } finally {
    await store.close();
  }
}
