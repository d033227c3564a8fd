/**
 * A snapshot name from the time, e.g. `import-2026-11-28T21-40-12Z` (no colons, so it is safe
 * in file names and shells), made unique against `taken` with a numeric suffix.
 */
export function defaultSnapshotName(now: Date, taken: ReadonlySet<string>): string {
  const stem = `import-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) {
    const name = `${stem}-${i}`;
    if (!taken.has(name)) return name;
  }
}
