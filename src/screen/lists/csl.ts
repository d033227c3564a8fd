// The US Consolidated Screening List bulk JSON (trade.gov): {"results": [...]} with one record per
// party and its documented fields — name, alt_names, type, addresses[{address, city, state,
// postal_code, country}], programs, source, start_date, end_date, federal_register_notice,
// license_requirement, license_policy, source_information_url, remarks, ... Unknown fields are
// ignored; a field of the wrong shape is an InputError at the record's line.
import { z } from 'zod';
import { InputError } from '../../model/index.js';
import { isObject, parseJson } from '../../ingest/json/parse.js';
import type { JsonValue } from '../../ingest/json/parse.js';
import type { ListEntity, Listing, ScreeningList } from './types.js';
import { dayOf, latestDay, resolveVersion } from './version.js';

const SUCCESSOR = /\s*\band any successor,? sub-unit,? or subsidiary thereof\b/gi;
const text = z.string().max(10_000);
const optText = text.nullish();
/** alt_names is a list in the bulk file; some copies give one string with "; " between names. */
const names = z.union([z.array(text), text]).nullish();
const Address = z.object({
  address: optText, city: optText, state: optText, postal_code: optText, country: optText,
}).passthrough();
const CslRecord = z.object({
  id: z.union([text, z.number()]).nullish(),
  name: z.string().trim().min(1, 'name is missing or empty').max(2000),
  alt_names: names,
  type: optText,
  country: optText,
  addresses: z.array(Address).nullish(),
  programs: z.union([z.array(text), text]).nullish(),
  source: optText,
  start_date: optText,
  end_date: optText,
  federal_register_notice: optText,
  license_requirement: optText,
  license_policy: optText,
  source_information_url: optText,
  remarks: optText,
  entity_number: z.union([text, z.number()]).nullish(),
}).passthrough();
type CslRecord = z.infer<typeof CslRecord>;

const SourceUsed = z.object({ source: optText, source_last_updated: optText, last_imported: optText }).passthrough();

function list(v: string | string[] | null | undefined, split = false): string[] {
  if (v === null || v === undefined) return [];
  const arr = Array.isArray(v) ? v : [v];
  const out: string[] = [];
  for (const s of arr) for (const p of split ? s.split('; ') : [s]) if (p.trim()) out.push(p.trim());
  return out;
}

function dateField(v: string | null | undefined, field: string, file: string, line: number): string | undefined {
  if (v === null || v === undefined || v.trim() === '') return undefined;
  const d = dayOf(v);
  if (d === undefined) throw new InputError(file, line, `${field} ${JSON.stringify(v.slice(0, 40))} is not a date as YYYY-MM-DD`);
  return d;
}

/** Parses a CSL bulk JSON document. `label` names the file in errors and evidence. */
export function parseCsl(textIn: string, file: string, opts: { id?: string; title?: string } = {}): ScreeningList {
  const doc = parseJson(textIn, file);
  const root = doc.value;
  if (!isObject(root) || !Array.isArray(root.results)) {
    throw new InputError(file, 1, 'expected the Consolidated Screening List bulk JSON: an object with a "results" array');
  }
  const entities: ListEntity[] = [];
  const stated: (string | undefined)[] = [];
  const used = root.sources_used;
  if (Array.isArray(used)) {
    for (const u of used) {
      const r = SourceUsed.safeParse(u);
      if (!r.success) throw new InputError(file, lineOf(doc, u, 1), `sources_used: ${r.error.issues[0]?.message ?? 'bad entry'}`);
      stated.push(dayOf(r.data.source_last_updated) ?? dayOf(r.data.last_imported));
    }
  }
  const seen = new Set<string>();
  root.results.forEach((item, i) => {
    const line = lineOf(doc, item, 1);
    if (!isObject(item)) throw new InputError(file, line, `results[${i}] must be an object`);
    const r = CslRecord.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new InputError(file, line, `results[${i}].${issue.path.join('.') || '(record)'}: ${issue.message}`);
    }
    const rec: CslRecord = r.data;
    let id = rec.id === null || rec.id === undefined ? `csl-${i + 1}` : String(rec.id);
    if (seen.has(id)) throw new InputError(file, line, `results[${i}]: id ${id} appears twice`);
    seen.add(id);
    const start = dateField(rec.start_date, 'start_date', file, line);
    const end = dateField(rec.end_date, 'end_date', file, line);
    const countries = new Set<string>();
    for (const c of [rec.country, ...(rec.addresses ?? []).map((a) => a.country)]) {
      if (typeof c === 'string' && /^[A-Za-z]{2}$/.test(c.trim())) countries.add(c.trim().toUpperCase());
    }
    const listing: Listing = { authority: rec.source?.trim() || 'Consolidated Screening List', programs: list(rec.programs) };
    if (start) listing.startDate = start;
    if (end) listing.endDate = end;
    if (rec.source_information_url) listing.sourceUrl = rec.source_information_url;
    if (rec.federal_register_notice) listing.reference = rec.federal_register_notice;
    const note = [rec.license_requirement, rec.license_policy, rec.remarks].filter((x): x is string => !!x && x.trim() !== '').join('; ');
    if (note) listing.note = note;
    entities.push({
      id,
      schema: schemaOf(rec.type),
      // BIS writes "and any successor, sub-unit, or subsidiary thereof" into names; it is not part of
      // the name (OpenSanctions strips it too), and the ownership it implies is what the walk does.
      names: [rec.name.replace(SUCCESSOR, '').replace(/\s+/g, ' ').trim() || rec.name.trim(), ...list(rec.alt_names, true)],
      weakNames: [],
      countries: [...countries],
      listed: true,
      listings: [listing],
      owners: [],
      source: `${file}:${line}`,
    });
    stated.push(undefined);
  });
  return {
    id: opts.id ?? 'csl',
    title: opts.title ?? 'US Consolidated Screening List',
    format: 'csl',
    file,
    ...resolveVersion(file, latestDay(stated)),
    entities,
  };
}

function lineOf(doc: { lineOf(node: object): number | undefined }, v: JsonValue | undefined, fallback: number): number {
  return v !== null && typeof v === 'object' ? (doc.lineOf(v) ?? fallback) : fallback;
}

/** The CSL `type` as the FollowTheMoney schema OpenSanctions maps it to. */
function schemaOf(type: string | null | undefined): string {
  switch (type) {
    case 'Individual': return 'Person';
    case 'Entity': return 'Organization';
    case 'Vessel': return 'Vessel';
    case 'Aircraft': return 'Airplane';
    default: return 'LegalEntity';
  }
}
