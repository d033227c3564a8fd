// Allocation-free MAC parser shared by the OUI index hot path and identify/mac.ts.
// Accepted shapes (any hex case): aa:bb:cc:dd:ee:ff, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff,
// aabb-ccdd-eeff (Huawei VRP display form), aabbcc-ddeeff / aabbcc:ddeeff, aabbccddeeff.
// Each shape is unrolled: this runs millions of times a second.

// Indexed by any UTF-16 code unit so the hot path needs no range check; -1 marks a non-hex digit
// and, being all ones, poisons the OR-accumulated error flag.
const HEX = new Int8Array(65536).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}

export type MacShape = 'bare' | 'colon' | 'dash' | 'dotted' | 'dash-4' | 'split-6';

const COLON = 58;
const DASH = 45;
const DOT = 46;

/** Six hex digits at a, a+1, b, b+1, c, c+1 as a 24-bit number, negative if any is not hex. */
function pairs3(s: string, a: number, b: number, c: number): number {
  const d0 = HEX[s.charCodeAt(a)]!;
  const d1 = HEX[s.charCodeAt(a + 1)]!;
  const d2 = HEX[s.charCodeAt(b)]!;
  const d3 = HEX[s.charCodeAt(b + 1)]!;
  const d4 = HEX[s.charCodeAt(c)]!;
  const d5 = HEX[s.charCodeAt(c + 1)]!;
  if ((d0 | d1 | d2 | d3 | d4 | d5) < 0) return -1;
  return (d0 << 20) | (d1 << 16) | (d2 << 12) | (d3 << 8) | (d4 << 4) | d5;
}

/**
 * Parses `s` (no surrounding spaces) into out[0] = first 24 bits, out[1] = last 24 bits.
 * Returns the shape, or null when `s` is not a MAC in one of the accepted notations.
 */
export function parseMacInto(s: string, out: Int32Array): MacShape | null {
  let hi: number;
  let lo: number;
  let shape: MacShape;
  switch (s.length) {
    case 17: {
      const sep = s.charCodeAt(2);
      if ((sep !== COLON && sep !== DASH) || s.charCodeAt(5) !== sep || s.charCodeAt(8) !== sep || s.charCodeAt(11) !== sep || s.charCodeAt(14) !== sep) return null;
      hi = pairs3(s, 0, 3, 6);
      lo = pairs3(s, 9, 12, 15);
      shape = sep === COLON ? 'colon' : 'dash';
      break;
    }
    case 14: {
      const sep = s.charCodeAt(4);
      if ((sep !== DOT && sep !== DASH) || s.charCodeAt(9) !== sep) return null;
      hi = pairs3(s, 0, 2, 5);
      lo = pairs3(s, 7, 10, 12);
      shape = sep === DOT ? 'dotted' : 'dash-4';
      break;
    }
    case 13: {
      const sep = s.charCodeAt(6);
      if (sep !== COLON && sep !== DASH) return null;
      hi = pairs3(s, 0, 2, 4);
      lo = pairs3(s, 7, 9, 11);
      shape = 'split-6';
      break;
    }
    case 12:
      hi = pairs3(s, 0, 2, 4);
      lo = pairs3(s, 6, 8, 10);
      shape = 'bare';
      break;
    default:
      return null;
  }
  if ((hi | lo) < 0) return null;
  out[0] = hi;
  out[1] = lo;
  return shape;
}
