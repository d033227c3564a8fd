// A screening list in memory, whatever its file format: parties with their names, countries,
// listing details and the ownership links between them.

export const LIST_FORMATS = ['csl', 'ftm', 'fcc-catalog'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

/** Where a list's version date came from, in the order they are tried ('downloaded': the day `cleanpath lists update` fetched a list stating none). */
export type VersionSource = 'file' | 'file-name' | 'modified' | 'catalog' | 'read' | 'downloaded';

export interface Listing {
  /** e.g. "Entity List (EL) - Bureau of Industry and Security", "US-DOD-1260H", "FCC Covered List". */
  authority: string;
  programs: string[];
  startDate?: string;
  endDate?: string;
  sourceUrl?: string;
  /** Federal Register citation, rule id, or the like. */
  reference?: string;
  /** The covered equipment or services, the licence policy, ... */
  note?: string;
}

/** One ownership edge: `owner` owns (or is the parent of) the entity it is attached to. */
export interface OwnerLink {
  owner: string;
  /** 'ownership' (an FtM Ownership), 'parent' (the parent property) or a catalog relation. */
  kind: string;
  percentage?: string;
  startDate?: string;
  endDate?: string;
  /** Where the link was read: file:line. */
  source: string;
}

export interface ListEntity {
  /** Unique within its list. */
  id: string;
  schema: string;
  /** The first is the main name. */
  names: string[];
  /** Names that are weaker evidence (FtM weakAlias): matched, but never above `possible`. */
  weakNames: string[];
  /** ISO 3166 alpha-2, upper case. */
  countries: string[];
  /** On the list itself (a target), or only present as a related party (owner, subsidiary). */
  listed: boolean;
  listings: Listing[];
  owners: OwnerLink[];
  /** file:line of the entry. */
  source: string;
}

export interface ScreeningList {
  /** Short id used in findings: e.g. "csl", "opensanctions", "fcc-covered". */
  id: string;
  title: string;
  format: ListFormat;
  file: string;
  /** The list's date, YYYY-MM-DD: a screening result names the version it was made against. */
  version: string;
  versionSource: VersionSource;
  entities: ListEntity[];
}
