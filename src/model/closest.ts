// "Did you mean ...?" for names a user typed: the closest candidate by edit distance, offered
// only when it is near enough to be a plausible typo, never as a silent substitute.

/** Levenshtein distance, capped: returns `cap + 1` as soon as the distance must exceed `cap`. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(d);
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * The candidate nearest to `input` (case-insensitive), if within a third of its length (at
 * least 1, at most 3 edits) — "hauwei" → "huawei", but "cisco" is no suggestion for "xyz".
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const q = input.trim().toLowerCase();
  const cap = Math.min(3, Math.max(1, Math.floor(q.length / 3)));
  let best: string | undefined;
  let bestD = cap + 1;
  for (const c of candidates) {
    const d = editDistance(q, c.toLowerCase(), bestD - 1 < cap ? bestD - 1 : cap);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** " Did you mean X?" or "" — appended to an error message. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const c = closest(input, candidates);
  return c === undefined ? '' : `; did you mean ${c}?`;
}
