// What each identifier module reports: evidence without its source (attribute.ts adds that),
// so a module's result can be cached and shared between devices with the same raw value.
import type { Evidence, EvidenceKind } from '../model/index.js';

export type Finding = Omit<Evidence, 'source'>;

export function finding(kind: EvidenceKind, raw: string, vendor: string | null, confidence: number, detail: string, valid = true): Finding {
  return { kind, raw, vendor, confidence: vendor === null ? 0 : confidence, valid, detail };
}

export function invalid(kind: EvidenceKind, raw: string, detail: string): Finding {
  return { kind, raw, vendor: null, confidence: 0, valid: false, detail };
}

/** Longest raw value kept in evidence: hostile input must not bloat every record that carries it. */
export const MAX_RAW = 512;

export function clip(s: string): string {
  return s.length > MAX_RAW ? `${s.slice(0, MAX_RAW)}…` : s;
}
