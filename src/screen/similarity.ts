// String similarity pieces for the matcher: bounded edit distance between tokens, deletion
// neighbourhoods for typo-tolerant blocking, and character-trigram overlap for names written
// with words glued together or split apart ("Hik Vision" / "Hikvision").

const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Edit distance with adjacent transpositions (optimal string alignment), or max+1 once above max. */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (a === b) return 0;
  // Three rolling rows (the transposition looks two rows back), reused between calls.
  if (rows[0]!.length <= lb) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(2 * lb + 2);
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[lb]!;
}

/** Edits a token of this length may carry and still count as the same word. */
export function allowedEdits(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/** Similarity credited to a token `edits` edits away from a list token. */
export function editSimilarity(edits: number): number {
  return edits === 0 ? 1 : edits === 1 ? 0.85 : 0.7;
}

/** Every string with one character removed (the symmetric-delete trick for typo look-ups). */
export function deletions(t: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const d = t.slice(0, i) + t.slice(i + 1);
    if (out[out.length - 1] !== d) out.push(d);
  }
  return out;
}

/** Sorted hashes of the character trigrams of ` s `. */
export function trigrams(s: string): Int32Array {
  const p = ` ${s} `;
  const n = Math.max(0, p.length - 2);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = (p.charCodeAt(i) * 65599 + p.charCodeAt(i + 1)) * 65599 + p.charCodeAt(i + 2) | 0;
  return out.sort();
}

/** Dice coefficient of two sorted trigram multisets. */
export function trigramDice(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}
