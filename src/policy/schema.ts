// The rule schema: one shape for the shipped catalog (data/rules.json) and for an organisation's
// own rules in YAML, so a custom rule is checked exactly as strictly as a catalogued one.
import { z } from 'zod';
import { LAYERS, NETWORK_KINDS, TECHNOLOGIES } from '../model/index.js';
import { isRealDate } from './dates.js';

const date = z.string().refine(isRealDate, 'expected a real date as YYYY-MM-DD');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166 alpha-2 country code');
const url = z.string().regex(/^https?:\/\/[^\s]+$/, 'expected an http(s) URL');

export const RULE_KINDS = [
  'prohibition', 'removal-deadline', 'share-cap', 'notification-required', 'approval-required', 'advisory', 'concentration',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** [V], [P], [NV] of the research notes: how well the cited sources back the rule's facts. */
export const VERIFICATION_LEVELS = ['verified', 'partial', 'unverified'] as const;
export type VerificationLevel = (typeof VERIFICATION_LEVELS)[number];

export const USE_MISSING = ['in-scope', 'out-of-scope'] as const;

/** The `grade` inventory column: who the equipment is made for (the FCC router entry is consumer-only). */
export const GRADES = ['consumer', 'enterprise', 'carrier'] as const;

/**
 * What act a rule restricts. Operators are judged on `deployment` (having the equipment in the
 * network) and `funding` (paying for it with a named subsidy); `authorization` (new models may not
 * be certified, imported or marketed) and `sale` (shops may not sell it) bind makers and sellers,
 * so a device already in use only ever gets an advisory finding from them.
 */
export const RESTRICTS = ['deployment', 'funding', 'authorization', 'sale'] as const;
export type Restricts = (typeof RESTRICTS)[number];

/** The rule fields a quote can back: each date, the scope, the vendors. */
export const QUOTED_FIELDS = ['effective', 'noNewAfter', 'noNewPurchaseAfter', 'acquiredAfter', 'removeBy', 'prohibitedFrom', 'repealedFrom', 'milestone', 'scope', 'vendors'] as const;

/**
 * Which vendors a rule names: catalog slugs, every vendor (vendor-neutral regimes such as
 * notification duties), or every vendor headquartered outside the listed countries.
 */
export const VendorSelector = z.union([
  z.array(z.string().regex(/^[a-z0-9-]+$/, 'expected a vendor slug such as huawei')).min(1),
  z.literal('any'),
  z.strictObject({ madeOutside: z.array(countryCode).min(1) }),
]);
export type VendorSelector = z.infer<typeof VendorSelector>;

export const Scope = z.strictObject({
  /** Where the device is: ISO codes, or "any" for rules that follow a network wherever it is (US federal networks abroad). */
  countries: z.union([z.array(countryCode).min(1), z.literal('any')]),
  layers: z.array(z.enum(LAYERS)).min(1).optional(),
  technologies: z.array(z.enum(TECHNOLOGIES)).min(1).optional(),
  networks: z.array(z.enum(NETWORK_KINDS)).min(1).optional(),
  operators: z.array(z.string().min(1)).min(1).optional(),
  sites: z.array(z.string().min(1)).min(1).optional(),
  /** Matched against the inventory's `use` column (kept in device.extra.use). */
  uses: z.array(z.string().min(1)).min(1).optional(),
  /** What a device with no `use` recorded counts as; default needs-data, so nothing is silently compliant. */
  useMissing: z.enum(USE_MISSING).optional(),
  /** Matched against the inventory's `funding` column: the subsidy that paid for the device (usf, reimbursement-program, ...). */
  funding: z.array(z.string().min(1)).min(1).optional(),
  fundingMissing: z.enum(USE_MISSING).optional(),
  /** Matched against the inventory's `grade` column (consumer, enterprise, carrier). */
  grades: z.array(z.enum(GRADES)).min(1).optional(),
  gradeMissing: z.enum(USE_MISSING).optional(),
});
export type Scope = z.infer<typeof Scope>;

export const Milestone = z.strictObject({
  date,
  what: z.string().min(1),
});

export const Verification = z.strictObject({
  level: z.enum(VERIFICATION_LEVELS),
  note: z.string().min(1).optional(),
  /** The day the primary text was last read for this rule. */
  checked: date.optional(),
});

/** A short quotation of the instrument that sets one of the rule's fields, and where it was read. */
export const Quote = z.strictObject({
  field: z.enum(QUOTED_FIELDS),
  text: z.string().min(1).max(400),
  source: url,
});
export type Quote = z.infer<typeof Quote>;

export const RuleSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case id such as de-2024-5g-core'),
    jurisdiction: z.string().regex(/^[A-Z][A-Z0-9-]{1,15}$/, 'expected an upper-case jurisdiction such as DE, EU or ACME'),
    title: z.string().min(1),
    instrument: z.string().min(1),
    clause: z.string().min(1),
    source: url,
    sources: z.array(url).optional(),
    verification: Verification,
    kind: z.enum(RULE_KINDS),
    vendors: VendorSelector,
    /** Whether the vendors' subsidiaries and affiliates (vendor catalog) count as the vendor. */
    affiliates: z.boolean().optional(),
    scope: Scope,
    /** The rule binds from this date; before it, it yields nothing. */
    effective: date,
    /** Devices installed after this day are banned new installs. */
    noNewAfter: date.optional(),
    /** Devices bought after this day are banned (a purchase cut-off: the `purchased` column, else the installed date, said so). */
    noNewPurchaseAfter: date.optional(),
    /**
     * Notification and approval regimes that reach back to equipment obtained after a day (the
     * Secure Networks Act's reporting of gear acquired after 14 Aug 2018): the purchase date is
     * judged, else the installed date when it settles it, else the finding needs the purchase date.
     */
    acquiredAfter: date.optional(),
    /** The act the rule restricts; default deployment. */
    restricts: z.enum(RESTRICTS).optional(),
    /** The instrument's own words for each date and the scope, with where they were read. */
    quotes: z.array(Quote).optional(),
    /** Last day a device in scope may still be in place (or a share over the cap). */
    removeBy: date.optional(),
    /** First day a device in scope is prohibited: the day after the last permitted one. */
    prohibitedFrom: date.optional(),
    /**
     * First day the instrument no longer reaches new equipment (repealed or replaced): a device
     * installed on or after it (bought, for a rule judged on the purchase date: `acquiredAfter`, or
     * a `noNewPurchaseAfter` with no `noNewAfter`) is outside the rule; one from before stays under it.
     */
    repealedFrom: date.optional(),
    milestones: z.array(Milestone).optional(),
    /** share-cap: highest permitted share of the vendors' devices in each operator's segment. */
    capPercent: z.number().gt(0).lt(100).optional(),
    /** share-cap, concentration: what the scope describes, e.g. "full-fibre access". */
    segment: z.string().min(1).optional(),
    /** concentration: highest acceptable Herfindahl index (0..10000) per operator and layer. */
    maxHhi: z.number().int().positive().max(10000).optional(),
    /** concentration: groups smaller than this are not judged (one NMS is trivially single-vendor). */
    minDevices: z.number().int().positive().optional(),
    severity: z.enum(['high', 'medium', 'low']),
    notes: z.string().min(1).optional(),
  })
  .superRefine((r, ctx) => {
    const need = (field: keyof typeof r, why: string) => {
      if (r[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${why} needs ${String(field)}` });
    };
    if (r.repealedFrom && r.repealedFrom <= r.effective) {
      ctx.addIssue({ code: 'custom', path: ['repealedFrom'], message: 'repealedFrom must come after effective' });
    }
    if (r.removeBy && r.prohibitedFrom) {
      ctx.addIssue({ code: 'custom', path: ['prohibitedFrom'], message: 'give removeBy or prohibitedFrom, not both' });
    }
    switch (r.kind) {
      case 'removal-deadline':
        if (!r.removeBy && !r.prohibitedFrom) ctx.addIssue({ code: 'custom', path: ['removeBy'], message: 'a removal-deadline rule needs removeBy or prohibitedFrom' });
        break;
      case 'prohibition':
        if (!r.noNewAfter && !r.noNewPurchaseAfter && !r.removeBy && !r.prohibitedFrom) {
          ctx.addIssue({ code: 'custom', path: ['noNewAfter'], message: 'a prohibition needs noNewAfter, noNewPurchaseAfter, removeBy or prohibitedFrom' });
        }
        break;
      case 'share-cap':
        need('capPercent', 'a share-cap rule');
        need('removeBy', 'a share-cap rule');
        need('segment', 'a share-cap rule');
        if (r.vendors === 'any') ctx.addIssue({ code: 'custom', path: ['vendors'], message: 'a share cap must name the capped vendors' });
        break;
      case 'concentration':
        need('maxHhi', 'a concentration rule');
        need('segment', 'a concentration rule');
        break;
      default:
        break;
    }
  });
export type Rule = z.infer<typeof RuleSchema>;

/** One entry of the catalog's change log: which rule changed, when, and why (an audit item where one prompted it). */
export const CatalogChange = z.strictObject({
  date,
  version: z.string().min(1),
  rule: z.string().min(1),
  what: z.string().min(1),
  audit: z.string().regex(/^[A-Z]\d+$|^§4\.\d+$/, 'expected an audit item such as P24 or §4.12').optional(),
});
export type CatalogChange = z.infer<typeof CatalogChange>;

export const RuleFile = z.strictObject({
  version: z.literal(1),
  /** The catalog's own version, bumped whenever a rule or date changes. */
  catalogVersion: z.string().min(1).optional(),
  /** The day the catalog was last reviewed. */
  catalogDate: date.optional(),
  changes: z.array(CatalogChange).optional(),
  about: z.string().optional(),
  rules: z.array(RuleSchema).min(1),
});
export type RuleFile = z.infer<typeof RuleFile>;

/**
 * A user's overlay on the shipped catalog (`--catalog FILE` with `overlay: true`): its rules
 * replace the shipped ones of the same id or are added; `remove` drops shipped rules by id.
 */
export const OverlayFile = z.strictObject({
  version: z.literal(1),
  overlay: z.literal(true),
  changes: z.array(CatalogChange).optional(),
  about: z.string().optional(),
  rules: z.array(RuleSchema).optional(),
  remove: z.array(z.string().min(1)).optional(),
});
export type OverlayFile = z.infer<typeof OverlayFile>;
