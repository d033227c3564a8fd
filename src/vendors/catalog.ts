// The vendor catalog: data in data/vendors.json, validated once on first use so a bad edit fails
// loudly at start-up rather than as a silent mis-attribution later.
import { z } from 'zod';
import raw from './data/vendors.json' with { type: 'json' };

const source = z.string().min(3);
const confidence = z.number().gt(0).max(1);

const Affiliate = z.object({
  name: z.string().min(1),
  /** Only current subsidiaries, joint ventures and predecessors count as the vendor when matched by name. */
  relation: z.enum(['subsidiary', 'joint-venture', 'predecessor', 'former-subsidiary', 'parent', 'former-parent']),
  from: z.string().optional(),
  until: z.string().optional(),
  note: z.string().optional(),
  source,
  verified: z.boolean(),
});

const Pen = z.object({
  number: z.number().int().nonnegative(),
  registrant: z.string().min(1),
  source,
  verified: z.boolean(),
  /** false for numbers a vendor uses that IANA never assigned (Dahua's 1004849). */
  iana: z.boolean().default(true),
  confidence: confidence.optional(),
  note: z.string().optional(),
});

const OuiOrg = z.object({
  /** The IEEE registry's first line, exactly as written there. */
  name: z.string().min(1),
  source,
  verified: z.boolean().default(true),
  note: z.string().optional(),
});

const Pattern = z.object({
  pattern: z.string().min(1),
  flags: z.string().regex(/^[imsu]*$/).default(''),
  confidence,
  label: z.string().min(1),
  source,
  verified: z.boolean().default(true),
  note: z.string().optional(),
});

const Gpon = z.object({
  prefix: z.string().regex(/^[A-Z]{4}$/),
  source,
  verified: z.boolean(),
});

export const VendorSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/),
  legalNames: z.array(z.string().min(1)).min(1),
  aliases: z.array(z.string().min(1)),
  notes: z.string().optional(),
  affiliates: z.array(Affiliate),
  pens: z.array(Pen),
  ouiOrgs: z.array(OuiOrg),
  sysDescr: z.array(Pattern),
  ssh: z.array(Pattern),
  http: z.array(Pattern),
  gpon: z.array(Gpon),
});

const OidRule = z.object({
  prefix: z.string().regex(/^\d+(\.\d+)+$/),
  vendor: z.string(),
  confidence,
  detail: z.string().min(1),
  source,
});

const NonVendorPen = z.object({
  number: z.number().int().nonnegative(),
  registrant: z.string().min(1),
  /** `software`: the number names agent software (net-snmp), not who built the box. */
  meaning: z.enum(['software', 'other']),
  detail: z.string().min(1),
  source,
  verified: z.boolean(),
});

export const CatalogSchema = z
  .object({
    version: z.literal(1),
    about: z.string().optional(),
    vendors: z.array(VendorSchema).min(1),
    oidRules: z.array(OidRule),
    nonVendorPens: z.array(NonVendorPen),
  })
  .superRefine((c, ctx) => {
    const slugs = new Set<string>();
    for (const v of c.vendors) {
      if (slugs.has(v.slug)) ctx.addIssue({ code: 'custom', message: `duplicate vendor slug ${v.slug}` });
      slugs.add(v.slug);
    }
    for (const r of c.oidRules) {
      if (!slugs.has(r.vendor)) ctx.addIssue({ code: 'custom', message: `oidRules: unknown vendor ${r.vendor}` });
    }
    const pens = new Map<number, string>();
    const claim = (n: number, who: string) => {
      const prev = pens.get(n);
      if (prev !== undefined) ctx.addIssue({ code: 'custom', message: `PEN ${n} claimed by both ${prev} and ${who}` });
      pens.set(n, who);
    };
    for (const v of c.vendors) for (const p of v.pens) claim(p.number, v.slug);
    for (const p of c.nonVendorPens) claim(p.number, `nonVendorPens(${p.registrant})`);
    const gpon = new Map<string, string>();
    for (const v of c.vendors)
      for (const g of v.gpon) {
        const prev = gpon.get(g.prefix);
        if (prev !== undefined) ctx.addIssue({ code: 'custom', message: `GPON prefix ${g.prefix} claimed by ${prev} and ${v.slug}` });
        gpon.set(g.prefix, v.slug);
      }
    for (const v of c.vendors)
      for (const p of [...v.sysDescr, ...v.ssh, ...v.http]) {
        try {
          new RegExp(p.pattern, p.flags);
        } catch (e) {
          ctx.addIssue({ code: 'custom', message: `${v.slug}: bad pattern ${p.pattern}: ${(e as Error).message}` });
        }
      }
  });

export type Catalog = z.infer<typeof CatalogSchema>;
export type Vendor = z.infer<typeof VendorSchema>;
export type CatalogPen = z.infer<typeof Pen>;
export type CatalogPattern = z.infer<typeof Pattern>;
export type CatalogOuiOrg = z.infer<typeof OuiOrg>;
export type OidRuleEntry = z.infer<typeof OidRule>;
export type NonVendorPenEntry = z.infer<typeof NonVendorPen>;

/** Validates catalog data; throws with every problem listed. Exported so tests can feed bad data. */
export function parseCatalog(data: unknown): Catalog {
  const r = CatalogSchema.safeParse(data);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `${i.path.join('.') || '(catalog)'}: ${i.message}`);
    throw new Error(`vendor catalog is invalid:\n  ${lines.join('\n  ')}`);
  }
  return r.data;
}

let cached: Catalog | undefined;

/** The shipped catalog, validated once. */
export function loadCatalog(): Catalog {
  cached ??= parseCatalog(raw);
  return cached;
}

/** What a PEN means: a catalog vendor, or a known non-vendor number (agent software, squatted). */
export type PenMeaning =
  | { kind: 'vendor'; vendor: string; pen: CatalogPen }
  | { kind: 'non-vendor'; entry: NonVendorPenEntry };

export interface CatalogIndex {
  catalog: Catalog;
  vendors: ReadonlyMap<string, Vendor>;
  pens: ReadonlyMap<number, PenMeaning>;
  gpon: ReadonlyMap<string, { vendor: string; verified: boolean; source: string }>;
}

let cachedIndex: CatalogIndex | undefined;

export function catalogIndex(catalog: Catalog = loadCatalog()): CatalogIndex {
  if (catalog === cached && cachedIndex) return cachedIndex;
  const vendors = new Map<string, Vendor>();
  const pens = new Map<number, PenMeaning>();
  const gpon = new Map<string, { vendor: string; verified: boolean; source: string }>();
  for (const v of catalog.vendors) {
    vendors.set(v.slug, v);
    for (const p of v.pens) pens.set(p.number, { kind: 'vendor', vendor: v.slug, pen: p });
    for (const g of v.gpon) gpon.set(g.prefix, { vendor: v.slug, verified: g.verified, source: g.source });
  }
  for (const e of catalog.nonVendorPens) pens.set(e.number, { kind: 'non-vendor', entry: e });
  const idx: CatalogIndex = { catalog, vendors, pens, gpon };
  if (catalog === cached) cachedIndex = idx;
  return idx;
}
