// sysDescr / SSH / HTTP patterns from the catalog, compiled once. Input is cut to MAX_TEXT before
// matching so a hostile multi-megabyte string cannot make a match slow.
import type { Catalog } from '../vendors/index.js';

export const MAX_TEXT = 4096;

export type PatternFamily = 'sysDescr' | 'ssh' | 'http';

export interface CompiledPattern {
  vendor: string;
  family: PatternFamily;
  re: RegExp;
  confidence: number;
  label: string;
  verified: boolean;
}

export function compilePatterns(catalog: Catalog): CompiledPattern[] {
  const out: CompiledPattern[] = [];
  for (const v of catalog.vendors) {
    const fams: [PatternFamily, typeof v.sysDescr][] = [['sysDescr', v.sysDescr], ['ssh', v.ssh], ['http', v.http]];
    for (const [family, list] of fams) {
      for (const p of list) {
        // No 'g'/'y' flags: a stateful lastIndex would make shared regexes order-dependent.
        out.push({ vendor: v.slug, family, re: new RegExp(p.pattern, p.flags.replace(/[gy]/g, '')), confidence: p.confidence, label: p.label, verified: p.verified });
      }
    }
  }
  return out;
}

export interface PatternHit {
  vendor: string;
  confidence: number;
  label: string;
  match: string;
}

/** Best match per vendor (several patterns on one string are one observation, not several). */
export function matchPatterns(text: string, patterns: readonly CompiledPattern[]): PatternHit[] {
  const s = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const best = new Map<string, PatternHit>();
  for (const p of patterns) {
    const m = p.re.exec(s);
    if (m === null) continue;
    const prev = best.get(p.vendor);
    if (!prev || p.confidence > prev.confidence) {
      best.set(p.vendor, { vendor: p.vendor, confidence: p.confidence, label: p.label, match: m[0].slice(0, 80) });
    }
  }
  return [...best.values()];
}
