import { requireDevices } from '../../analyses/nothing.js';
import type { Command } from 'commander';
import { resolveCountries, resolveLayers, resolveVendors, snapshotProfile } from '../../analyses/untrusted.js';
import { closest, InputError, LAYERS, NETWORK_KINDS, type Device } from '../../model/index.js';
import { openStore } from '../../store/index.js';
import { makerLabel, vendorCell } from '../../vendors/index.js';
import { addOutputOptions, collectList, collectVendors, DEFAULT_DB, outputFormatOf, parsePositiveInt } from '../options.js';
import { render, type OutputFormat, type Row } from '../output.js';

interface DevicesOptions {
  db: string;
  snapshot?: string;
  vendor?: string[];
  country?: string[];
  layer?: string[];
  network?: string[];
  unknown?: boolean;
  limit?: number;
  format?: OutputFormat;
  json?: boolean;
}

const COLUMNS = ['id', 'name', 'vendor', 'confidence', 'evidence', 'conflicts', 'layer', 'country', 'site', 'operator', 'network', 'model'];

function toRow(d: Device): Row {
  const valid = d.attribution.evidence.filter((e) => e.valid);
  return {
    id: d.id,
    name: d.name,
    vendor: vendorCell(d.vendor),
    confidence: Math.round(d.attribution.confidence * 100) / 100,
    evidence: [...new Set(valid.map((e) => e.kind))].join('+'),
    conflicts: d.attribution.conflicts.length || '',
    layer: d.layer,
    country: d.country,
    site: d.site,
    operator: d.operator,
    network: d.network,
    model: d.model,
  };
}

/** The JSON shape scripts rely on: id, attributed vendor slug (or null), confidence, evidence. */
function toJson(d: Device) {
  const maker = makerLabel(d.vendor, d.attribution.evidence);
  return {
    id: d.id,
    name: d.name ?? null,
    vendor: d.vendor,
    /** Display name of the vendor or maker; inCatalog false for makers outside the risk catalog. */
    maker: maker?.name ?? null,
    inCatalog: maker ? maker.inCatalog : null,
    confidence: d.attribution.confidence,
    evidence: d.attribution.evidence,
    conflicts: d.attribution.conflicts,
    model: d.model ?? null,
    role: d.role ?? null,
    layer: d.layer ?? null,
    technology: d.technology ?? null,
    site: d.site ?? null,
    country: d.country ?? null,
    operator: d.operator ?? null,
    network: d.network ?? null,
    installed: d.installed ?? null,
    cost: d.cost ?? null,
    lat: d.lat ?? null,
    lon: d.lon ?? null,
    extra: d.extra,
    source: d.source,
  };
}

/** Network kinds, case-insensitive; anything else is an error, never a filter matching nothing. */
function networkKinds(inputs: readonly string[]): string[] {
  return inputs.map((input) => {
    const n = input.trim().toLowerCase();
    if ((NETWORK_KINDS as readonly string[]).includes(n)) return n;
    const hint = closest(n, NETWORK_KINDS);
    throw new InputError('--network', undefined, `unknown network '${input}'${hint ? `; did you mean ${hint}?` : ''} (networks: ${NETWORK_KINDS.join(', ')})`);
  });
}

/** The filters as the user typed them, for "no device matches ..." */
function filterText(opts: DevicesOptions): string {
  const parts = [
    opts.vendor?.length ? `--vendor ${opts.vendor.join(',')}` : '',
    opts.country?.length ? `--country ${opts.country.join(',')}` : '',
    opts.layer?.length ? `--layer ${opts.layer.join(',')}` : '',
    opts.network?.length ? `--network ${opts.network.join(',')}` : '',
    opts.unknown ? '--unknown' : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : 'any device (the snapshot is empty)';
}

export function register(program: Command): void {
  const cmd = program
    .command('devices')
    .description('List the devices of a snapshot with their attributed vendor, confidence and evidence')
    .option('--db <path>', 'store: an SQLite file or a postgres:// URL', DEFAULT_DB)
    .option('-s, --snapshot <name>', 'snapshot to read (default: the latest)')
    .option('--vendor <vendors>', 'only these vendors, comma-separated slugs or names (repeatable; cleanpath vendors lists them)', collectVendors)
    .option('--country <codes>', 'only these countries: ISO codes or English names (repeatable)', collectList)
    .option('--layer <layers>', `only these layers: ${LAYERS.join(', ')}`, collectList)
    .option('--network <kinds>', `only these networks: ${NETWORK_KINDS.join(', ')}`, collectList)
    .option('--unknown', 'only devices whose vendor could not be identified')
    .option('--limit <n>', 'at most this many devices', parsePositiveInt);
  addOutputOptions(cmd)
    .addHelpText(
      'after',
      `
Examples:
  cleanpath devices --vendor huawei,zte --country DE
  cleanpath devices --layer core,ran --format csv > core-ran.csv
  cleanpath devices --unknown              # what identification could not attribute
  cleanpath devices --json | jq '.[] | select(.conflicts | length > 0)'`,
    )
    .action(async (opts: DevicesOptions) => {
      const store = openStore(opts.db, { readonly: true });
      try {
        const snap = await store.resolveSnapshot(opts.snapshot);
        const devices = await store.devices(snap.id, {
          vendor: opts.vendor && resolveVendors(opts.vendor, '--vendor', await snapshotProfile(store, snap.id)),
          country: opts.country && resolveCountries(opts.country, '--country'),
          layer: opts.layer && resolveLayers(opts.layer, '--layer'),
          network: opts.network && networkKinds(opts.network),
          unknownVendor: opts.unknown,
          limit: opts.limit,
        });
        // An empty table (or `[]`) would read as "none of those here": say what matched nothing.
        requireDevices({ snapshot: snap.name, label: snap.name }, devices.length, filterText(opts), 'nothing to list');
        const format = outputFormatOf(opts);
        process.stdout.write(render(format, devices.map(toRow), COLUMNS, devices.map(toJson)));
        if (format === 'table') process.stderr.write(`${devices.length} device(s) in snapshot ${snap.name}\n`);
      } finally {
        await store.close();
      }
    });
}
