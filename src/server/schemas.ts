// Request schemas (zod: validated on the way in, and turned into the OpenAPI document's
// parameters) and the JSON schemas of the answers (the OpenAPI document's components).
import { z } from 'zod';
import { commaList, countriesParam, dateParam, enumListParam, layersParam, textListParam, vendorsParam } from '../analyses/params.js';
import { DEFAULT_UNTRUSTED } from '../analyses/untrusted.js';
import { FORMAT_IDS } from '../ingest/index.js';
import { Device, NETWORK_KINDS } from '../model/index.js';
import { STATUSES, todayUtc } from '../policy/index.js';
import { REPORT_PARAMS } from '../report/params.js';
import { DEVICE_SORTS, ROLES } from '../store/index.js';
import type { JsonSchema } from './route-spec.js';

// The parameter kinds (lists of vendors, countries, layers; dates; budgets) are the analyses'
// own (src/analyses/params.ts): one definition for the CLI, the analysis routes and these.
const networkList = commaList(z.enum(NETWORK_KINDS), `networks (${NETWORK_KINDS.join(', ')})`, 'commercial', (s) => s.toLowerCase());

export const SnapshotParams = z.object({ snapshot: z.string().min(1).max(200).describe('snapshot name, or "latest" for the organisation\'s newest') });
export const DeviceParams = SnapshotParams.extend({ id: z.string().min(1).max(1000).describe('device id') });
export const TokenParams = z.object({ id: z.coerce.number().int().positive().describe('token id') });

/** A device's finding status for the devices filter: the policy's statuses, or none. */
export const DEVICE_STATUSES = [...STATUSES, 'none'] as const as readonly [string, ...string[]];

export const DevicesQuery = z.object({
  vendor: vendorsParam('attributed vendors'),
  country: countriesParam("the devices' countries"),
  layer: layersParam("the devices' layers"),
  network: networkList.optional(),
  operator: textListParam("the devices' operators, exactly as the inventory names them", 'Example Telecom'),
  status: enumListParam(DEVICE_STATUSES, 'devices with a finding of one of these statuses as of asOf (none: devices without any finding)', 'overdue,due'),
  asOf: dateParam('the day finding statuses are judged as of, YYYY-MM-DD (default: today, UTC); only with status'),
  q: z.string().min(1).max(200).optional().describe('free text: devices whose id, name, model, site, vendor or operator contains it (ASCII letters in any case)'),
  sort: z.enum(DEVICE_SORTS).default('seq').describe(`sort column (${DEVICE_SORTS.join(', ')}; seq: input order); ties stay in input order`),
  order: z.enum(['asc', 'desc']).default('asc').describe('sort direction'),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe('devices per page (1-1000)'),
  offset: z.coerce.number().int().min(0).max(1e9).default(0).describe('matching devices skipped first, in the sort order'),
});

/** The report's query: its parameters, declared once for the CLI and the API (src/report/params.ts). */
export const ReportQuery = REPORT_PARAMS;
export const UntrustedQuery = z.object({ untrusted: vendorsParam(`untrusted vendors (default ${DEFAULT_UNTRUSTED.join(',')})`) });

export const ImportQuery = z.object({
  snapshot: z.string().min(1).max(200).optional().describe('name of the new snapshot (default: import-<time>)'),
  base: z.string().min(1).max(200).optional().describe("start from this snapshot's rows (e.g. add links to an inventory); latest names the newest"),
  update: z.enum(['true', 'false']).default('false').describe('true: each device row changes the base device of its id (or unique name) instead of adding one; needs base'),
  format: z.enum(['auto', ...FORMAT_IDS]).default('auto').describe('input format; auto detects it from the content'),
  filename: z.string().max(200).optional().describe('the file\'s name, shown in evidence sources and error messages (default "upload")'),
});

export const TokenBody = z.strictObject({
  label: z.string().min(1).max(200),
  role: z.enum(ROLES),
});

/** The as-of date of a request: given, or today (UTC), so "today" is part of the cache key. */
export function asOfOr(d: string | undefined): string {
  return d ?? todayUtc();
}

export function untrustedOr(v: string[] | undefined): string[] {
  return [...(v && v.length ? v : DEFAULT_UNTRUSTED)].sort();
}

// ---- answers ----

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties), extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  properties,
  required,
  ...extra,
});
const str: JsonSchema = { type: 'string' };
const int: JsonSchema = { type: 'integer' };
const num: JsonSchema = { type: 'number' };
const nullable = (s: JsonSchema): JsonSchema => ({ anyOf: [s, { type: 'null' }] });
const arr = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const NOTHING_TO_ANALYSE: JsonSchema = {
  ...nullable({ type: 'string' }),
  description: 'why there is nothing to analyse (no flows, no sensitive flows, no device matching), else null: counts beside it are no all-clear',
};

function deviceSchema(): JsonSchema {
  const s = z.toJSONSchema(Device, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
  delete s.$schema;
  return s;
}

export const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  AnalysisDiff: obj(
    {
      analysis: str,
      table: str,
      before: { ...str, description: 'the base snapshot' },
      after: { ...str, description: 'the snapshot compared to it' },
      keyColumns: arr(str),
      added: { ...arr({ type: 'object' }), description: 'rows whose key is only in the later snapshot' },
      removed: { ...arr({ type: 'object' }), description: 'rows whose key is only in the base snapshot' },
      changed: { ...arr(obj({ key: { type: 'object' }, before: { type: 'object' }, after: { type: 'object' } })), description: 'rows in both whose value columns differ: only those columns' },
      nothingToAnalyse: obj({ before: nullable(str), after: nullable(str) }),
    },
    ['analysis', 'table', 'before', 'after', 'added', 'removed', 'changed'],
  ),
  Error: obj({ error: { type: 'string', description: 'what is wrong; for a bad upload `file:line: what is wrong`' } }),
  Health: obj({ status: { const: 'ok' } }),
  WhoAmI: obj({
    organisation: str,
    role: { enum: [...ROLES] },
    token: obj({ id: int, label: str }),
  }),
  SnapshotInfo: obj(
    {
      id: int,
      name: str,
      createdAt: { type: 'string', format: 'date-time' },
      note: str,
      base: { type: 'string', description: 'the snapshot whose rows this one started from' },
      devices: int,
      sites: int,
      links: int,
      flows: int,
    },
    ['id', 'name', 'createdAt', 'devices', 'sites', 'links', 'flows'],
  ),
  Device: deviceSchema(),
  DevicePage: obj({ total: { type: 'integer', description: 'devices matching the filter' }, devices: arr(ref('Device')) }),
  Finding: obj(
    {
      device: nullable(str),
      rule: str,
      status: { enum: [...STATUSES] },
      ifCovered: { enum: [...STATUSES], description: 'vendor-unknown and needs-data: the status if the missing facts made the rule apply' },
      missing: { type: 'array', items: str, description: 'needs-data: the blank inventory fields the rule\'s applicability rests on' },
      deadline: nullable(str),
      daysLeft: nullable(int),
      vendor: nullable(str),
      coveredAs: nullable(str),
      name: nullable(str),
      country: nullable(str),
      operator: nullable(str),
      layer: nullable(str),
      technology: nullable(str),
      installed: nullable(str),
      evidence: arr({ type: 'object' }),
    },
    ['device', 'rule', 'status', 'deadline', 'daysLeft', 'vendor'],
    { description: 'one device (or operator segment) against one rule, with the evidence that names the vendor' },
  ),
  Findings: obj(
    {
      asOf: str,
      snapshot: str,
      catalogVersion: str,
      rules: { ...arr(str), description: 'the rule ids checked' },
      assumeInScope: { type: 'boolean' },
      failOn: nullable(str),
      failed: { ...int, description: 'findings at or above failOn' },
      byCountry: { type: 'object', description: 'per country: findings by status' },
      nothingToAnalyse: NOTHING_TO_ANALYSE,
      needsData: { ...arr(obj({ field: str, devices: int })), description: "per inventory field: devices lacking it where a rule's applicability rests on it" },
      findings: arr(ref('Finding')),
    },
    ['asOf', 'findings'],
  ),
  FlowExposure: obj({
    id: str,
    src: str,
    dst: str,
    class: { enum: ['sensitive', 'normal'] },
    volume: num,
    cost: nullable(num),
    exposure: { enum: ['all', 'some', 'none', 'unreachable'] },
    cleanCost: nullable(num),
    stretch: nullable(num),
  }),
  Exposure: obj(
    {
      untrusted: arr(str),
      avoid: { type: 'object', description: 'the untrusted set as resolved: untrusted vendors, avoidCountry, avoidOperator, avoidLayer' },
      flows: arr(ref('FlowExposure')),
      summary: { type: 'object', description: 'counts by exposure class, and the chokepoints: devices that most sensitive flows cross' },
      nothingToAnalyse: NOTHING_TO_ANALYSE,
      notes: arr(str),
    },
    ['untrusted', 'flows', 'summary'],
  ),
  FlowHop: obj(
    {
      device: str,
      name: nullable(str),
      vendor: nullable(str),
      site: nullable(str),
      country: nullable(str),
      operator: nullable(str),
      untrusted: { type: 'boolean' },
      evidence: { ...arr(obj({ kind: str, value: str, source: str, vendor: nullable(str), confidence: num })), description: "the attribution evidence behind the device's vendor, strongest first (at most 5; raw values cut to 200 characters)" },
      moreEvidence: { ...int, description: 'evidence items left out' },
    },
  ),
  FlowPaths: obj(
    {
      snapshot: nullable(str),
      untrusted: arr(str),
      avoid: { type: 'object', description: 'the untrusted set as resolved: untrusted vendors, avoidCountry, avoidOperator, avoidLayer' },
      flow: obj({ id: str, src: str, dst: str, class: { enum: ['sensitive', 'normal'] }, volume: num }),
      cost: { ...nullable(num), description: 'least total link metric; null when unreachable' },
      exposure: { enum: ['all', 'some', 'none', 'unreachable'] },
      paths: { ...arr(obj({ hops: arr(ref('FlowHop')), cost: num })), description: 'the equal-cost shortest paths, at most limit, in order of device positions' },
      total: { ...int, description: 'equal-cost shortest paths in all' },
      totalSaturated: { type: 'boolean', description: 'total reached 2^53-1 and stopped counting' },
      limit: int,
      clean: { ...nullable(obj({ hops: arr(ref('FlowHop')), cost: num, extra: { ...nullable(num), description: 'its cost over the shortest' } })), description: 'the cheapest path avoiding every untrusted device, null when none exists' },
      sites: { ...arr(obj({ id: str, name: str, lat: nullable(num), lon: nullable(num) })), description: "the sites of the hops listed, at the mean of their hop devices' coordinates (else the site record's), for a map of the routes" },
      nothingToAnalyse: NOTHING_TO_ANALYSE,
      notes: arr(str),
    },
  ),
  Chokepoints: obj(
    {
      untrusted: arr(str),
      avoid: { type: 'object', description: 'the untrusted set as resolved: untrusted vendors, avoidCountry, avoidOperator, avoidLayer' },
      sensitiveFlows: int,
      sensitiveByClass: { type: 'object', description: 'sensitive flows by exposure class (all, some, none, unreachable)' },
      chokepoints: arr(
        obj(
          { id: str, name: nullable(str), vendor: nullable(str), site: nullable(str), flows: int, volume: num, flowsAll: int, volumeAll: num },
          undefined,
          { description: 'an untrusted device and the exposed sensitive flows with a shortest path through it' },
        ),
      ),
      nothingToAnalyse: NOTHING_TO_ANALYSE,
      notes: arr(str),
    },
    ['untrusted', 'sensitiveFlows', 'chokepoints', 'nothingToAnalyse'],
  ),
  KillSwitch: obj(
    {
      vendors: arr(str),
      layers: nullable(arr(str)),
      countries: nullable(arr(str)),
      removedDevices: int,
      disrupted: { type: 'object', description: 'flows, sensitive flows and volume cut' },
      endpointRemoved: int,
      alreadyUnreachable: int,
      mainNetworkBefore: int,
      mainNetworkAfter: int,
      sitesCutOff: arr({ type: 'object' }),
      restore: arr({ type: 'object', description: 'a device whose replacement alone restores flows' }),
      disruptedFlows: arr(str),
      nothingToAnalyse: NOTHING_TO_ANALYSE,
      notes: arr(str),
    },
    ['vendors', 'removedDevices', 'disrupted', 'sitesCutOff', 'restore', 'disruptedFlows'],
  ),
  Plan: obj(
    {
      method: str,
      status: str,
      totalCost: num,
      lowerBound: num,
      gap: num,
      devices: arr({ type: 'object', description: 'a device to replace: cost, reasons, deadline, flows it cleans' }),
      flows: arr({ type: 'object' }),
      stats: { type: 'object' },
      notes: arr(str),
      phasing: { type: 'object', description: 'budget phases, when a budget is given' },
      nothingToAnalyse: NOTHING_TO_ANALYSE,
    },
    ['method', 'status', 'totalCost', 'lowerBound', 'gap', 'devices', 'flows'],
  ),
  Screening: obj(
    {
      asOf: str,
      threshold: num,
      possible: num,
      lists: { ...arr({ type: 'object' }), description: 'the lists screened against: id, version, how it was dated, parties, listed' },
      results: { ...arr({ type: 'object' }), description: 'names: one result per name, its verdict and hits (list, listed party, ownership path, explanation)' },
      snapshot: { ...str, description: 'inventory: the snapshot screened' },
      parties: { ...int, description: 'inventory: distinct makers and parties screened' },
      findings: { ...arr({ type: 'object' }), description: 'inventory: one finding per hit on a maker, supplier, reseller or maintainer, with its devices' },
      failOn: nullable(str),
      failed: { ...int, description: 'hits at or above failOn' },
      nothingToAnalyse: NOTHING_TO_ANALYSE,
    },
    ['asOf', 'threshold', 'possible', 'lists', 'failOn', 'failed', 'nothingToAnalyse'],
  ),
  PathsExposure: obj(
    {
      window: { type: 'object', description: 'since and until as asked, first and last measurement seen (ISO times)' },
      predicate: { type: 'object', description: 'what makes a hop untrusted: vendors, ases, countries, operators' },
      sources: { type: 'object', description: 'measurements ("store"), the snapshot identifying hops, discovery files, enrichment data' },
      routers: { type: 'object', description: 'routers identified, and of them with aliases' },
      summary: { type: 'object', description: 'measurements, exposed, reached, hops, addresses seen, with an AS, a country, identified' },
      bySite: arr({ type: 'object' }),
      byDestination: arr({ type: 'object' }),
      byAs: arr({ type: 'object' }),
      byCountry: arr({ type: 'object' }),
      byVendor: arr({ type: 'object' }),
      routerRows: arr({ type: 'object' }),
      examples: { ...arr({ type: 'object' }), description: 'the most recent exposed measurements, hop by hop' },
      notes: arr(str),
      nothingToAnalyse: NOTHING_TO_ANALYSE,
    },
    ['window', 'predicate', 'summary', 'bySite', 'byDestination', 'byAs', 'byCountry', 'byVendor', 'routerRows', 'examples', 'notes', 'nothingToAnalyse'],
  ),
  WhatIf: obj(
    {
      asOf: str,
      snapshot: str,
      catalogVersion: str,
      title: nullable(str),
      changes: arr(obj({ step: str, rule: str, from: str, what: str }, ['step', 'rule', 'what'])),
      budget: nullable(str),
      baseline: { type: 'object', description: 'the baseline rules: findings (device, rule, status, deadline, country, vendor), plan (devices, cost, budget phases, doneBy)' },
      scenario: { type: 'object', description: 'the same under the scenario' },
      flows: arr({ type: 'object', description: 'a sensitive flow: exposure now, after the baseline plan, after the scenario plan' }),
      delta: { type: 'object', description: 'newlyCaught, planAdded, planCost, flowsBecomeClean, byCountry (findings, caught, plan, HHI per side), nothingChanged' },
      nothingToAnalyse: NOTHING_TO_ANALYSE,
      notes: arr(str),
    },
    ['asOf', 'snapshot', 'changes', 'baseline', 'scenario', 'flows', 'delta', 'nothingToAnalyse'],
  ),
  Topology: obj({
    untrusted: arr(str),
    nodes: arr(obj({ id: str, name: nullable(str), vendor: nullable(str), site: nullable(str), country: nullable(str), layer: nullable(str), operator: nullable(str), untrusted: { type: 'boolean' } })),
    links: arr(obj({ a: str, b: str, metric: num })),
  }),
  DeviceLinks: obj({
    device: str,
    links: arr(obj({ a: str, b: str, metric: num, operator: nullable(str), neighbour: obj({ id: str, name: nullable(str), vendor: nullable(str), site: nullable(str), country: nullable(str), layer: nullable(str) }, ['id']) })),
  }, undefined, { description: "a device's links, each with the device at its other end (null fields: not in the snapshot's devices)" }),
  AnalysisTables: obj({
    analysis: str,
    nothingToAnalyse: NOTHING_TO_ANALYSE,
    notes: arr(str),
    tables: arr(obj({ id: str, title: str, rows: arr({ type: 'object', description: 'one row: column id → cell (the columns are the registry\'s, GET /api/analyses)' }) })),
  }, undefined, { description: "an analysis's tables as rows, the same the CLI writes as CSV" }),
  ReportModel: obj(
    {
      report: obj({ version: int, title: str, generatedAt: str }),
      source: { type: 'object' },
      asOf: str,
      untrusted: arr(str),
      summary: { type: 'object' },
      sites: arr(obj({ id: str, name: str, country: nullable(str), lat: nullable(num), lon: nullable(num), devices: int, untrustedDevices: int, flowExposure: nullable(str) })),
      links: arr(obj({ a: str, b: str, links: int, untrusted: int })),
      shares: obj({ byCountry: arr({ type: 'object' }), byLayer: arr({ type: 'object' }) }),
      devices: arr({ type: 'object', description: 'devices of the untrusted vendors with their evidence' }),
      findings: arr(ref('Finding')),
      catalogVersion: str,
      deadlines: arr({ type: 'object' }),
      exposure: obj({ summary: { type: 'object' }, chokepoints: arr({ type: 'object' }), flows: arr({ type: 'object' }) }),
      killSwitches: arr({ type: 'object' }),
      plan: nullable(ref('Plan')),
      nothingToAnalyse: NOTHING_TO_ANALYSE,
      notes: arr(str),
    },
    undefined,
    { description: 'everything the report shows, as src/report/model.ts builds it' },
  ),
  VendorShare: obj({
    key: { type: 'string', description: "a country code or a layer ('unknown' when blank)" },
    total: int,
    vendors: arr(obj({ vendor: { type: 'string', description: "a vendor slug ('unknown' when unattributed)" }, devices: int, percent: num })),
  }),
  SnapshotSummary: obj(
    {
      snapshot: ref('SnapshotInfo'),
      attributed: { type: 'integer', description: 'devices attributed to a vendor' },
      sites: { type: 'integer', description: 'sites named by its devices (as the report counts them)' },
      shares: obj({ byCountry: arr(ref('VendorShare')), byLayer: arr(ref('VendorShare')) }),
    },
    undefined,
    { description: 'counts and vendor shares from the store alone: no analysis (findings, exposure) in it' },
  ),
  TokenInfo: obj(
    { id: int, label: str, role: { enum: [...ROLES] }, createdAt: str, revokedAt: str },
    ['id', 'label', 'role', 'createdAt'],
  ),
  CreatedToken: obj({ id: int, token: { type: 'string', description: 'the secret, shown this once: cp_ and 43 base64url characters' } }),
  TokenBody: (() => {
    const s = z.toJSONSchema(TokenBody) as JsonSchema;
    delete s.$schema;
    return s;
  })(),
};

export { ref as schemaRef, arr as arrayOf };
