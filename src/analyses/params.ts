// The parameter kinds analyses declare (define.ts). Each is one zod schema that takes the text a
// user typed — a CLI option's value or an API query parameter, which are the same strings — and
// returns the typed value, with one description, one default and an example. The CLI derives its
// options from them (kebab-case names, `--flag` for booleans), the API its query schema and the
// OpenAPI document its parameters: an option cannot exist in one interface and not the other.
import { z } from 'zod';
import { countryCode, isOneOf, LAYERS, unknownCountryMessage } from '../model/index.js';
import { parseBudget } from '../plan/index.js';
import { isRealDate } from '../policy/index.js';
import { nearest, splitVendorList } from '../vendors/resolve.js';

/** What the CLI needs besides the schema: how the option is spelled and shown. */
export interface ParamCli {
  /** `<vendors>` in `--untrusted <vendors>`; absent for a boolean flag. */
  valueName?: string;
  /** A boolean: `--name` sets it; `--no-name` when its default is true. */
  flag?: 'on' | 'off';
  /** Repeating the option adds to the list (`--vendor a --vendor b`). */
  list?: boolean;
}

export const paramCli = z.registry<ParamCli>();

const MAX_LIST = 50;
const MAX_TEXT = 2000;

function text(description: string, example?: string) {
  const s = z.string().max(MAX_TEXT).describe(description);
  return example === undefined ? s : s.meta({ description, examples: [example] });
}

/**
 * Registers the CLI spelling, and carries the description (and example) of the inner schema to
 * the outer one that the object holds: `.optional()` and `.pipe()` make new schemas without it.
 */
function register<T extends z.ZodType>(schema: T, cli: ParamCli, inner?: z.ZodType): T {
  const known = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
  const from = inner ? (z.globalRegistry.get(inner) as Record<string, unknown> | undefined) : undefined;
  const out = (known?.description === undefined && from?.description !== undefined ? schema.meta({ ...from, ...known }) : schema) as T;
  paramCli.add(out as z.ZodType, cli);
  return out;
}

/** Vendor names keep their legal-form commas ("Huawei Technologies Co., Ltd."); run() resolves them. */
export function vendorsParam(description: string, example = 'huawei,zte') {
  const inner = text(`${description}: slugs or names (case, punctuation and legal form ignored), comma separated`, example);
  const s = inner
    .transform((v) => [...new Set(splitVendorList(v))])
    .pipe(z.array(z.string().max(200)).max(MAX_LIST))
    .optional();
  return register(s, { valueName: '<vendors>', list: true }, inner);
}

const countryItem = z.string().transform((s, ctx) => countryCode(s) ?? (ctx.addIssue({ code: 'custom', message: unknownCountryMessage(s) }), z.NEVER));

const layerItem = z.string().transform((s, ctx) => {
  const l = s.toLowerCase();
  if (isOneOf(LAYERS, l)) return l;
  const hint = nearest(l, LAYERS);
  ctx.addIssue({ code: 'custom', message: `unknown layer '${s}'${hint ? `; did you mean ${hint}?` : ''} (layers: ${LAYERS.join(', ')})` });
  return z.NEVER;
});

/** `a,b,c` → ['a','b','c'], each item checked by `item` after `normalise`. */
export function commaList<T extends string>(item: z.ZodType<T, string>, description: string, example: string, normalise: (s: string) => string = (s) => s) {
  const inner = text(`${description}; comma separated`, example);
  const s = inner.transform((v) => [...new Set(v.split(',').map((x) => normalise(x.trim())).filter(Boolean))]).pipe(z.array(item).max(MAX_LIST));
  return s.meta({ ...(z.globalRegistry.get(inner) as Record<string, unknown>) });
}

/** The optional form of a comma list, its description kept on the schema the object holds. */
function optionalList<T extends z.ZodType>(list: T) {
  return list.optional().meta({ ...(z.globalRegistry.get(list) as Record<string, unknown>) });
}

export function countriesParam(description: string, example = 'CN,RU') {
  return register(optionalList(commaList(countryItem, `${description} (ISO 3166 alpha-2 codes or English names)`, example)), { valueName: '<countries>', list: true });
}

export function layersParam(description: string, example = 'core,transport') {
  return register(optionalList(commaList(layerItem, `${description} (${LAYERS.join(', ')})`, example)), { valueName: '<layers>', list: true });
}

export function textListParam(description: string, example: string, valueName = '<names>') {
  return register(optionalList(commaList(z.string().min(1).max(200), description, example)), { valueName, list: true });
}

export const isoDate = z.string().max(64).refine(isRealDate, { error: (iss) => `${String(iss.input)} is not a date as YYYY-MM-DD` });

export function dateParam(description: string, example = '2026-12-31') {
  return register(isoDate.optional().meta({ description, examples: [example] }), { valueName: '<date>' });
}

export function intParam<T extends number | undefined>(description: string, byDefault: T, opts: { min?: number; max?: number } = {}) {
  const s = z
    .string()
    .max(32)
    .transform((v, ctx) => {
      const n = Number(v);
      const min = opts.min ?? 1, max = opts.max ?? 1e9;
      if (Number.isInteger(n) && n >= min && n <= max) return n;
      ctx.addIssue({ code: 'custom', message: `expected an integer from ${min} to ${max}, got "${v}"` });
      return z.NEVER;
    })
    .optional()
    .transform((v): number | T => v ?? byDefault)
    .meta(byDefault === undefined ? { description } : { description, default: String(byDefault) });
  return register(s, { valueName: '<n>' });
}

/** A number; `optional` leaves it undefined when absent. */
export function numberParam(description: string, check: { min: number; message: string }, byDefault?: number) {
  const s = z
    .string()
    .max(32)
    .transform((v, ctx) => {
      const n = Number(v);
      if (Number.isFinite(n) && n >= check.min && v.trim() !== '') return n;
      ctx.addIssue({ code: 'custom', message: `${check.message}, got "${v}"` });
      return z.NEVER;
    })
    .optional()
    .transform((v) => v ?? byDefault)
    .meta(byDefault === undefined ? { description } : { description, default: String(byDefault) });
  return register(s, { valueName: '<x>' });
}

/** A yes/no: `true`/`false` in the API, `--name` (or `--no-name` when it defaults to true) in the CLI. */
export function flagParam(description: string, byDefault = false) {
  const s = z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? byDefault : v === 'true'))
    .meta({ description, default: String(byDefault) });
  return register(s, { flag: byDefault ? 'off' : 'on' });
}

export function budgetParam(description: string) {
  const s = z
    .string()
    .max(64)
    .refine((v) => {
      try {
        parseBudget(v, '2000-01-01');
        return true;
      } catch {
        return false;
      }
    }, 'expected AMOUNT/PERIOD, e.g. 3000000/year or 500k/quarter')
    .optional()
    .meta({ description, examples: ['2000000/year'] });
  return register(s, { valueName: '<amount/period>' });
}

/** Free text (a file name the CLI reads: never offered by the API, see `cliOnly`). */
export function stringParam(description: string, valueName: string) {
  const inner = text(description);
  return register(inner.optional(), { valueName }, inner);
}

/** camelCase parameter → the CLI's kebab-case option: avoidCountry → --avoid-country. */
export function optionName(param: string): string {
  return `--${param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function enumListParam<const T extends readonly [string, ...string[]]>(values: T, description: string, example: string) {
  return register(optionalList(commaList(z.enum(values), `${description} (${values.join(', ')})`, example)), { valueName: '<values>', list: true });
}

/** One of `values`, or absent. */
export function optionalChoiceParam<const T extends readonly [string, ...string[]]>(values: T, description: string) {
  return register(z.enum(values).optional().meta({ description: `${description} (${values.join(', ')})` }), { valueName: '<level>' });
}

/**
 * Free-text names that may hold commas ("Huawei Technologies Co., Ltd."): one per item, from the
 * CLI's positional arguments or a repeated query parameter, never split.
 */
export function namesParam(description: string, example: string) {
  const one = z.string().min(1).max(1000);
  const s = z
    .union([one, z.array(one).max(10_000)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .meta({ description, examples: [example] });
  return register(s, { valueName: '<name>', list: true });
}
