import { InvalidArgumentError, type Command } from 'commander';
import { createIdentifyContext, type IdentifyContext } from '../../identify/index.js';
import { InputError, type Device } from '../../model/index.js';
import {
  DEFAULT_MAX_TARGETS,
  checkTargetCount,
  collectTargets,
  collectedToTopology,
  expandTargets,
  parseTargets,
  storeResults,
  type Collected,
  type SnmpCredentials,
} from '../../probe/index.js';
import { attributeDevice } from '../../identify/index.js';
import { openStore } from '../../store/index.js';
import { addOutputOptions, DEFAULT_DB, collectList, outputFormatOf, parsePositiveInt } from '../options.js';
import { render, renderJson, renderTable, type OutputFormat } from '../output.js';
import { createProgress } from '../progress.js';
import { waitOption, waitOptions } from '../wait-option.js';
import { terminalSafe } from '../run.js';

interface CollectSnmpOptions {
  port: number;
  targetsFile?: string[];
  snmpVersion: '2c' | '3';
  community?: string;
  user?: string;
  level?: 'noAuthNoPriv' | 'authNoPriv' | 'authPriv';
  authProtocol?: string;
  authKey?: string;
  privProtocol?: string;
  privKey?: string;
  context?: string;
  timeout: number;
  retries: number;
  concurrency: number;
  maxRows: number;
  maxTargets: number;
  format?: OutputFormat;
  json?: boolean;
  import?: boolean;
  db: string;
  /** --wait: seconds to wait for another import writing to the store (issue 16). */
  wait: number;
  snapshot?: string;
  base?: string;
}

const AUTH = ['md5', 'sha', 'sha224', 'sha256', 'sha384', 'sha512'] as const;
const PRIV = ['des', 'aes', 'aes256b', 'aes256r'] as const;
const LEVELS = ['noAuthNoPriv', 'authNoPriv', 'authPriv'] as const;

function oneOf<T extends string>(values: readonly T[]): (v: string) => T {
  return (v) => {
    const hit = values.find((x) => x.toLowerCase() === v.toLowerCase());
    if (hit === undefined) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return hit;
  };
}

function parsePort(v: string): number {
  const n = parsePositiveInt(v);
  if (n > 65535) throw new InvalidArgumentError('expected a port in 1..65535');
  return n;
}

/** Secrets from options or, better (they stay out of `ps`), from the environment. */
function credentials(o: CollectSnmpOptions): SnmpCredentials {
  const env = process.env;
  if (o.snmpVersion === '2c') {
    const community = o.community ?? env['CLEANPATH_SNMP_COMMUNITY'];
    if (!community) throw new InputError('(options)', undefined, 'SNMP v2c needs --community or CLEANPATH_SNMP_COMMUNITY');
    return { version: '2c', community };
  }
  const user = o.user ?? env['CLEANPATH_SNMP_USER'];
  if (!user) throw new InputError('(options)', undefined, 'SNMPv3 needs --user or CLEANPATH_SNMP_USER');
  const authKey = o.authKey ?? env['CLEANPATH_SNMP_AUTH_KEY'];
  const privKey = o.privKey ?? env['CLEANPATH_SNMP_PRIV_KEY'];
  const level = o.level ?? (privKey ? 'authPriv' : authKey ? 'authNoPriv' : 'noAuthNoPriv');
  if (level !== 'noAuthNoPriv' && !authKey) throw new InputError('(options)', undefined, `SNMPv3 ${level} needs --auth-key or CLEANPATH_SNMP_AUTH_KEY`);
  if (level === 'authPriv' && !privKey) throw new InputError('(options)', undefined, 'SNMPv3 authPriv needs --priv-key or CLEANPATH_SNMP_PRIV_KEY');
  const c: SnmpCredentials = { version: '3', user, level };
  if (authKey) c.authKey = authKey;
  if (privKey) c.privKey = privKey;
  if (o.authProtocol) c.authProtocol = oneOf(AUTH)(o.authProtocol);
  if (o.privProtocol) c.privProtocol = oneOf(PRIV)(o.privProtocol);
  if (o.context) c.context = o.context;
  return c;
}

export function register(program: Command): void {
  const collect = program.command('collect').description('Read identity and topology from devices you have credentials for');
  const cmd = collect
    .command('snmp')
    .description('SNMP v2c/v3 collection: sysDescr, sysObjectID, sysName, engine ID, interface MACs and LLDP neighbours (devices and links)')
    .argument('[targets...]', 'addresses, host:port, [v6]:port, CIDR ranges or @file')
    .option('-p, --port <port>', 'UDP port when a target names none', parsePort, 161)
    .option('-f, --targets-file <file>', 'file of targets, one per line (repeatable)', collectList)
    .option('-v, --snmp-version <v>', 'SNMP version: 2c or 3', oneOf(['2c', '3'] as const), '2c')
    .option('-c, --community <string>', 'v2c community (prefer CLEANPATH_SNMP_COMMUNITY)')
    .option('-u, --user <name>', 'v3 user (or CLEANPATH_SNMP_USER)')
    .option('-l, --level <level>', `v3 security level: ${LEVELS.join(', ')} (default: from the keys given)`, oneOf(LEVELS))
    .option('-a, --auth-protocol <p>', `v3 auth protocol: ${AUTH.join(', ')} (default sha)`)
    .option('-A, --auth-key <key>', 'v3 auth passphrase (prefer CLEANPATH_SNMP_AUTH_KEY)')
    .option('-x, --priv-protocol <p>', `v3 privacy protocol: ${PRIV.join(', ')} (default aes)`)
    .option('-X, --priv-key <key>', 'v3 privacy passphrase (prefer CLEANPATH_SNMP_PRIV_KEY)')
    .option('--context <name>', 'v3 context name')
    .option('--timeout <ms>', 'per request', parsePositiveInt, 3000)
    .option('--retries <n>', 'per request', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
      return n;
    }, 1)
    .option('--concurrency <n>', 'devices collected at once', parsePositiveInt, 16)
    .option('--max-rows <n>', 'most rows read from one table of one device', parsePositiveInt, 10_000)
    .option('--max-targets <n>', 'refuse to start when the targets expand to more addresses than this', parsePositiveInt, DEFAULT_MAX_TARGETS)
    .option('--import', 'store the devices and LLDP links in a new snapshot')
    .option('--db <path>', 'store for --import: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .addOption(waitOption())
    .option('-s, --snapshot <name>', 'name of the new snapshot (default: snmp-collect-<time>)')
    .option('--base <snapshot>', 'start the new snapshot from a copy of this one ("latest" for the newest)');
  // --json: what was collected, the devices, links and attributions; csv: the table's rows
  addOutputOptions(cmd)
    .addHelpText(
      'after',
      `
Examples:
  CLEANPATH_SNMP_COMMUNITY=s3cret cleanpath collect snmp 10.0.0.1 10.0.0.2 --import
  CLEANPATH_SNMP_AUTH_KEY=... CLEANPATH_SNMP_PRIV_KEY=... \\
    cleanpath collect snmp -v 3 -u monitor -f core-routers.txt --json

Each device becomes a record keyed by the address it was reached at, with its
sysDescr, sysObjectID, engine ID and a MAC as evidence; each LLDP neighbour becomes a
device (keyed by its management address, else its chassis ID) with its LLDP system
description as evidence, and a link. Exit code 1 when no device answered.`,
    )
    .action(runCollectSnmp);
}

async function runCollectSnmp(args: string[], opts: CollectSnmpOptions): Promise<void> {
  const creds = credentials(opts);
  const specs = await parseTargets(args, { defaultPort: opts.port, files: opts.targetsFile ?? [] });
  const total = checkTargetCount(specs, opts.maxTargets);
  const progress = createProgress('collecting');
  const collected: Collected[] = [];
  for await (const c of collectTargets(expandTargets(specs), creds, { timeoutMs: opts.timeout, retries: opts.retries, concurrency: opts.concurrency, maxRows: opts.maxRows })) {
    collected.push(c);
    progress.update(collected.length, total);
  }
  progress.done();
  collected.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.port - b.port));
  const topo = collectedToTopology(collected);
  const ctx = createIdentifyContext();
  const devices = topo.devices.map((d) => attributeDevice(d, ctx).device);
  const format = outputFormatOf(opts);
  if (format === 'json') process.stdout.write(renderJson({ collected, devices, links: topo.links }));
  else printCollected(collected, devices, topo.links.length, format);
  if (opts.import) await importCollected(args, opts, topo, ctx);
  if (!collected.some((c) => c.ok)) process.exitCode = 1;
}

function printCollected(collected: readonly Collected[], devices: readonly Device[], links: number, format: OutputFormat): void {
  const rows = devices.map((d) => ({
    id: d.id,
    name: d.name ?? '',
    vendor: d.vendor,
    conf: d.attribution.confidence,
    via: d.extra['seen_via'] ?? 'snmp',
    evidence: d.attribution.evidence.map((e) => e.kind).join(','),
    conflict: d.attribution.conflicts.map((c) => c.vendors.join(' vs ')).join('; '),
  }));
  const columns = ['id', 'name', 'vendor', 'conf', 'via', 'evidence', 'conflict'];
  process.stdout.write(format === 'table' ? renderTable(rows, columns, 60) : render(format, rows, columns));
  const failed = collected.filter((c) => !c.ok);
  for (const c of collected) for (const e of c.errors) process.stderr.write(`warning: ${terminalSafe(`${c.target || c.address}: ${e}`)}\n`);
  // under the table; beside CSV, on stderr, so the file stays one table
  (format === 'table' ? process.stdout : process.stderr).write(`${collected.length - failed.length} of ${collected.length} targets answered; ${devices.length} devices, ${links} links\n`);
}

async function importCollected(args: string[], opts: CollectSnmpOptions, topo: ReturnType<typeof collectedToTopology>, ctx: IdentifyContext): Promise<void> {
  const store = openStore(opts.db, waitOptions(opts.wait));
  try {
    const s = await storeResults(store, topo, {
      label: `collect snmp ${args.join(' ')}`.slice(0, 200),
      format: 'snmp-collect',
      ctx,
      ...(opts.snapshot !== undefined ? { snapshot: opts.snapshot } : {}),
      ...(opts.base !== undefined ? { base: opts.base } : {}),
    });
    process.stderr.write(`snapshot ${s.snapshot.name}: ${s.devices} devices, ${s.links} links written to ${store.path}\n`);
  } finally {
    await store.close();
  }
}
