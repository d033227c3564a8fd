// MAC addresses in every common notation → OUI organisation → vendor.
import type { EvidenceKind } from '../model/index.js';
import { parseMacInto, type MacShape, type OuiMatch } from '../vendors/index.js';
import type { IdentifyContext } from './context.js';
import { clip, finding, invalid, type Finding } from './finding.js';
import { registryMaker } from './maker.js';
import { WEIGHTS } from './weights.js';

export interface ParsedMac {
  /** Canonical lower-case colon form. */
  readonly mac: string;
  hi24: number;
  lo24: number;
  notation: MacShape | 'bytes';
  /** Bit 0x02 of the first octet: the address was set locally, not assigned by IEEE. */
  local: boolean;
  /** Bit 0x01 of the first octet: a group address, never a device's own. */
  multicast: boolean;
}

const scratch = new Int32Array(2);

export const MAC_FORMS = 'aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff, aabb-ccdd-eeff or 12 hex digits';

export function canonicalMac(hi24: number, lo24: number): string {
  const hex = hi24.toString(16).padStart(6, '0') + lo24.toString(16).padStart(6, '0');
  return `${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}:${hex.slice(6, 8)}:${hex.slice(8, 10)}:${hex.slice(10, 12)}`;
}

// A class rather than an object literal with a getter: literal getters made construction the
// hottest line of attribution; the canonical string is built only if someone reads it.
class Mac implements ParsedMac {
  private text: string | undefined;
  readonly local: boolean;
  readonly multicast: boolean;
  constructor(
    readonly hi24: number,
    readonly lo24: number,
    readonly notation: MacShape | 'bytes',
  ) {
    const first = hi24 >>> 16;
    this.local = (first & 0x02) !== 0;
    this.multicast = (first & 0x01) !== 0;
  }
  get mac(): string {
    return (this.text ??= canonicalMac(this.hi24, this.lo24));
  }
  toJSON(): object {
    return { mac: this.mac, notation: this.notation, local: this.local, multicast: this.multicast };
  }
}

/** A MAC from its two 24-bit halves. */
export function macFromBits(hi24: number, lo24: number, notation: MacShape | 'bytes' = 'bytes'): ParsedMac {
  return new Mac(hi24, lo24, notation);
}

export function parseMac(input: string): ParsedMac | null {
  const s = input.length > 64 ? '' : input.trim();
  const notation = parseMacInto(s, scratch);
  if (notation === null) return null;
  return macFromBits(scratch[0]!, scratch[1]!, notation);
}

/** Why a MAC cannot name a maker, or null when it can. */
export function unidentifiableReason(p: ParsedMac): string | null {
  if (p.multicast) return 'multicast (group) address: never a device\'s own, names no maker';
  if (p.local) return 'locally administered address (bit 0x02 of the first octet): set by software, names no maker';
  return null;
}

interface BlockInfo {
  vendor: string | null;
  /** Highest confidence this block's evidence may carry (1: the catalog vouches for the link). */
  cap: number;
  description: string;
}

/** The registry block covering a MAC, described once per block (MAC columns never repeat). */
function blockInfo(p: ParsedMac, ctx: IdentifyContext): BlockInfo | null {
  const key = ctx.oui.blockKey(p.hi24, p.lo24);
  if (key < 0) return null;
  let info = ctx.macBlockMemo.get(key);
  if (info === undefined) {
    const m = ctx.oui.match(p.hi24, p.lo24)!;
    if (m.vendor !== null) info = { vendor: m.vendor, cap: m.verified ? 1 : WEIGHTS.ouiUnverified, description: describeMatch(m) };
    else {
      const who = registryMaker(m.org, ctx);
      const cap = who.inCatalog ? WEIGHTS.registryName : WEIGHTS.ouiNonCatalog;
      info = { vendor: who.vendor, cap, description: `IEEE ${m.block} ${m.prefix}: ${m.org}; ${who.phrase}` };
    }
    ctx.macBlockMemo.set(key, info);
  }
  return info;
}

/** Evidence from a MAC's OUI. Used for MAC columns, LLDP chassis IDs and MACs inside engine IDs. */
export function macFinding(p: ParsedMac, raw: string, ctx: IdentifyContext, kind: EvidenceKind, confidence: number, context = ''): Finding {
  const why = unidentifiableReason(p);
  if (why) return finding(kind, raw, null, 0, `${context}${why}`);
  const b = blockInfo(p, ctx);
  if (b === null) return finding(kind, raw, null, 0, `${context}prefix ${p.mac.slice(0, 8).toUpperCase()} is not in the IEEE registry`);
  return finding(kind, raw, b.vendor, Math.min(confidence, b.cap), context + b.description);
}

export function describeMatch(m: OuiMatch): string {
  const base = `IEEE ${m.block} ${m.prefix}: ${m.org}`;
  if (m.vendor === null) return `${base} (not a catalog vendor)`;
  return m.verified ? base : `${base} (catalog link to ${m.vendor} unverified)`;
}

export function macFindings(raw: string, ctx: IdentifyContext, kind: EvidenceKind = 'oui'): Finding[] {
  const p = parseMac(raw);
  if (p === null) return [invalid(kind, clip(raw), `not a MAC address (expected ${MAC_FORMS})`)];
  return [macFinding(p, raw, ctx, kind, WEIGHTS.oui)];
}

export interface MacDetails {
  mac: string;
  notation: MacShape | 'bytes';
  local: boolean;
  multicast: boolean;
  prefix: string | null;
  block: string | null;
  registryOrg: string | null;
  registryCountry: string | null;
}

export function macDetails(p: ParsedMac, ctx: IdentifyContext): MacDetails {
  const m = ctx.oui.match(p.hi24, p.lo24);
  return {
    mac: p.mac,
    notation: p.notation,
    local: p.local,
    multicast: p.multicast,
    prefix: m?.prefix ?? null,
    block: m?.block ?? null,
    registryOrg: m?.org ?? null,
    registryCountry: m?.country ?? null,
  };
}
