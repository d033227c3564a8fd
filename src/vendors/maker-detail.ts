// How a finding's detail names a maker outside the catalog, and how to read the name back. No
// imports: the dashboard bundles this file to show the maker from the evidence it receives.

// Attribution detail for a maker outside the catalog ends with this, the registered name quoted
// as JSON, so any stage can show the maker's name from the stored evidence alone.
const MARK = ', not in the catalog';
const MAKER_IN_DETAIL = /maker ("(?:[^"\\]|\\.)*"), not in the catalog/;

/** The phrase a finding's detail carries for a maker outside the catalog. */
export function makerPhrase(name: string): string {
  return `maker ${JSON.stringify(name)}${MARK}`;
}

/** The registered name quoted in a detail written with makerPhrase, if any. */
export function makerNameInDetail(detail: string | undefined): string | undefined {
  if (!detail || !detail.includes(MARK)) return undefined;
  const m = MAKER_IN_DETAIL.exec(detail);
  if (!m) return undefined;
  try {
    const v: unknown = JSON.parse(m[1]!);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}
