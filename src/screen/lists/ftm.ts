// FollowTheMoney entities as JSON lines, the format OpenSanctions exports and yente serves: one
// object per line, {"id", "schema", "properties": {"name": [...], "alias": [...], "country": [...],
// ...}, "target"?, "last_change"?}, every property a list of strings or of nested entities.
// Parties (Company, Organization, LegalEntity, PublicBody, Person, ...) become list entities;
// Sanction entities become their listing details; Ownership entities (owner → asset) and the
// parent / subsidiaries properties become ownership links. Other schemata are skipped.
import { InputError } from '../../model/index.js';
import { MAX_JSON_DEPTH } from '../../ingest/limits.js';
import type { ListEntity, Listing, OwnerLink, ScreeningList } from './types.js';
import { dayOf, latestDay, resolveVersion } from './version.js';

const PARTY_SCHEMAS = new Set([
  'LegalEntity', 'Organization', 'Company', 'PublicBody', 'Person', 'Vessel', 'Airplane',
]);
/** Topics that put an entity on a list even without `target` (followthemoney topic vocabulary). */
const LISTING_TOPICS = new Set(['sanction', 'sanction.linked', 'sanction.control', 'debarment', 'export.control', 'export.control.linked']);
const MAX_LINE_CHARS = 4 << 20;

type Props = Record<string, (string | FtmEntity)[]>;
interface FtmEntity {
  id: string;
  schema: string;
  properties: Props;
  target?: boolean;
  last_change?: string;
  last_seen?: string;
}

function fail(file: string, line: number, msg: string): never {
  throw new InputError(file, line, msg);
}

function depth(v: unknown, d = 0): number {
  if (d > MAX_JSON_DEPTH || v === null || typeof v !== 'object') return d;
  let m = d;
  for (const x of Object.values(v as object)) m = Math.max(m, depth(x, d + 1));
  return m;
}

/** Checks one decoded line (and its nested entities) against the FtM entity shape. */
function checkEntity(v: unknown, file: string, line: number, where: string): FtmEntity {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(file, line, `${where}: expected an entity object`);
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || o.id.trim() === '') fail(file, line, `${where}: "id" must be a non-empty string`);
  if (typeof o.schema !== 'string' || !/^[A-Z][A-Za-z]+$/.test(o.schema)) fail(file, line, `${where}: "schema" must be a FollowTheMoney schema name`);
  const p = o.properties ?? {};
  if (p === null || typeof p !== 'object' || Array.isArray(p)) fail(file, line, `${where}: "properties" must be an object`);
  const props: Props = {};
  for (const [k, vals] of Object.entries(p as Record<string, unknown>)) {
    if (!Array.isArray(vals)) fail(file, line, `${where}: property "${k}" must be a list (FollowTheMoney properties are lists of strings)`);
    props[k] = vals.map((x, i) => {
      if (typeof x === 'string') return x;
      if (x !== null && typeof x === 'object') return checkEntity(x, file, line, `${where}.properties.${k}[${i}]`);
      return fail(file, line, `${where}: property "${k}" holds ${JSON.stringify(x)}; expected strings or nested entities`);
    });
  }
  if (o.target !== undefined && typeof o.target !== 'boolean') fail(file, line, `${where}: "target" must be true or false`);
  const e: FtmEntity = { id: o.id, schema: o.schema, properties: props };
  if (typeof o.target === 'boolean') e.target = o.target;
  if (typeof o.last_change === 'string') e.last_change = o.last_change;
  if (typeof o.last_seen === 'string') e.last_seen = o.last_seen;
  return e;
}

const strings = (p: Props, k: string): string[] => (p[k] ?? []).map((x) => (typeof x === 'string' ? x : x.id)).map((s) => s.trim()).filter(Boolean);
const first = (p: Props, k: string): string | undefined => strings(p, k)[0];

/** Parses FtM JSON lines. */
export function parseFtm(text: string, file: string, opts: { id?: string; title?: string } = {}): ScreeningList {
  const r: FtmRead = { file, parties: new Map(), sanctions: [], links: [], topicsOf: new Map(), targetOf: new Map(), stated: [] };
  let lineNo = 0;
  let at = 0;
  const n = text.length;
  while (at <= n) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = n;
    lineNo++;
    const raw = text.slice(at, end).trim();
    at = end + 1;
    if (raw === '') continue;
    if (raw.length > MAX_LINE_CHARS) fail(file, lineNo, `line is longer than ${MAX_LINE_CHARS} characters`);
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      fail(file, lineNo, `invalid JSON: ${e instanceof Error ? e.message : String(e)} (FollowTheMoney JSON lines hold one entity per line)`);
    }
    if (depth(v) > MAX_JSON_DEPTH) fail(file, lineNo, 'entity is nested too deeply');
    take(r, checkEntity(v, file, lineNo, 'entity'), lineNo);
  }
  resolveListings(r, opts.title);
  return {
    id: opts.id ?? 'opensanctions',
    title: opts.title ?? 'OpenSanctions (FollowTheMoney entities)',
    format: 'ftm',
    file,
    ...resolveVersion(file, latestDay(r.stated)),
    entities: [...r.parties.values()],
  };
}

/** What the lines said so far: parties by id, listings and ownership links to attach, topics, dates. */
interface FtmRead {
  file: string;
  parties: Map<string, ListEntity>;
  sanctions: { entity: string; listing: Listing; line: number }[];
  links: { asset: string; link: OwnerLink; line: number }[];
  topicsOf: Map<string, string[]>;
  targetOf: Map<string, boolean | undefined>;
  stated: (string | undefined)[];
}

/** One entity and, first, the entities nested in its properties. */
function take(r: FtmRead, e: FtmEntity, line: number): void {
  const p = e.properties;
  r.stated.push(dayOf(e.last_change) ?? dayOf(e.last_seen));
  for (const vals of Object.values(p)) for (const v of vals) if (typeof v !== 'string') take(r, v, line);
  if (e.schema === 'Sanction') takeSanction(r, e, line);
  else if (e.schema === 'Ownership') takeOwnership(r, e, line);
  else if (PARTY_SCHEMAS.has(e.schema)) takeParty(r, e, line);
}

function takeSanction(r: FtmRead, e: FtmEntity, line: number): void {
  const p = e.properties;
  const entity = first(p, 'entity');
  if (entity === undefined) fail(r.file, line, `Sanction ${e.id} has no "entity"`);
  const listing: Listing = { authority: first(p, 'authority') ?? 'unknown authority', programs: strings(p, 'program') };
  const start = dayOf(first(p, 'startDate') ?? first(p, 'listingDate'));
  const end = dayOf(first(p, 'endDate'));
  if (start) listing.startDate = start;
  if (end) listing.endDate = end;
  const url = first(p, 'sourceUrl');
  if (url) listing.sourceUrl = url;
  const ref = first(p, 'authorityId');
  if (ref) listing.reference = ref;
  const note = [...strings(p, 'provisions'), ...strings(p, 'reason'), ...strings(p, 'description')].join('; ');
  if (note) listing.note = note;
  r.sanctions.push({ entity, listing, line });
}

function takeOwnership(r: FtmRead, e: FtmEntity, line: number): void {
  const p = e.properties;
  const owner = first(p, 'owner');
  const asset = first(p, 'asset');
  if (owner === undefined || asset === undefined) fail(r.file, line, `Ownership ${e.id} needs both "owner" and "asset"`);
  const link: OwnerLink = { owner, kind: 'ownership', source: `${r.file}:${line}` };
  const pct = first(p, 'percentage');
  const start = dayOf(first(p, 'startDate'));
  const end = dayOf(first(p, 'endDate'));
  if (pct) link.percentage = pct;
  if (start) link.startDate = start;
  if (end) link.endDate = end;
  r.links.push({ asset, link, line });
}

function takeParty(r: FtmRead, e: FtmEntity, line: number): void {
  const { file } = r;
  const p = e.properties;
  const names = strings(p, 'name');
  if (names.length === 0) fail(file, line, `${e.schema} ${e.id} has no "name"`);
  const prev = r.parties.get(e.id);
  if (prev && !prev.source.endsWith(`:${line}`)) fail(file, line, `entity id ${e.id} appears twice (first at ${prev.source})`);
  for (const parent of strings(p, 'parent')) r.links.push({ asset: e.id, link: { owner: parent, kind: 'parent', source: `${file}:${line}` }, line });
  for (const sub of strings(p, 'subsidiaries')) r.links.push({ asset: sub, link: { owner: e.id, kind: 'parent', source: `${file}:${line}` }, line });
  const countries = new Set<string>();
  for (const k of ['country', 'jurisdiction', 'mainCountry']) {
    for (const c of strings(p, k)) if (/^[A-Za-z]{2}$/.test(c)) countries.add(c.toUpperCase());
  }
  r.topicsOf.set(e.id, strings(p, 'topics'));
  r.targetOf.set(e.id, e.target);
  r.parties.set(e.id, {
    id: e.id,
    schema: e.schema,
    names: [...new Set([...names, ...strings(p, 'alias'), ...strings(p, 'previousName')])],
    weakNames: strings(p, 'weakAlias'),
    countries: [...countries],
    listed: false,
    listings: [],
    owners: [],
    source: `${file}:${line}`,
  });
}

/** Attaches listings and owners to their parties; a party is listed by `target`, else by a listing or a listing topic. */
function resolveListings(r: FtmRead, title: string | undefined): void {
  for (const s of r.sanctions) {
    const e = r.parties.get(s.entity);
    if (e) e.listings.push(s.listing);
  }
  for (const l of r.links) {
    const e = r.parties.get(l.asset);
    if (e && !e.owners.some((o) => o.owner === l.link.owner && o.kind === l.link.kind)) e.owners.push(l.link);
  }
  for (const e of r.parties.values()) {
    const target = r.targetOf.get(e.id);
    e.listed = target ?? (e.listings.length > 0 || (r.topicsOf.get(e.id) ?? []).some((t) => LISTING_TOPICS.has(t)));
    if (e.listed && e.listings.length === 0) e.listings.push({ authority: title ?? 'OpenSanctions', programs: r.topicsOf.get(e.id) ?? [] });
  }
}
