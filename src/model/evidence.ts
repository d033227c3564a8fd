import { z } from 'zod';
import { EVIDENCE_KINDS } from './enums.js';

/** Where a fact was read: a file and line, or a probe of an address at a time. */
export const SourceRef = z.object({
  file: z.string().optional(),
  line: z.number().int().nonnegative().optional(),
  probe: z.string().optional(),
  address: z.string().optional(),
  time: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/**
 * One observation about who made a device. `vendor` is a catalog slug or null when the value
 * was read but names no vendor we know; `valid` is false when the raw value itself is malformed
 * (an unparseable MAC, an IMEI failing its check digit): kept so the user sees it, never used.
 */
export const Evidence = z.object({
  kind: z.enum(EVIDENCE_KINDS),
  raw: z.string(),
  vendor: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  valid: z.boolean(),
  detail: z.string().optional(),
  source: SourceRef,
});
export type Evidence = z.infer<typeof Evidence>;

/** Two pieces of evidence that name different vendors for the same device. */
export const Conflict = z.object({
  vendors: z.array(z.string()).min(2),
  evidence: z.array(z.number().int().nonnegative()),
  note: z.string(),
});
export type Conflict = z.infer<typeof Conflict>;

export const Attribution = z.object({
  vendor: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  evidence: z.array(Evidence),
  conflicts: z.array(Conflict),
});
export type Attribution = z.infer<typeof Attribution>;
