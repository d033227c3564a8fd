// Screening one name: the matcher's candidates, kept when the party is listed as of the date or
// owned (through any chain of active links) by a listed party, each with its verdict, score,
// explanation, ownership path and the list and version it came from.
import { explainText, MATCH_THRESHOLD, NameIndex, POSSIBLE_THRESHOLD, verdictOf, type Candidate, type Explanation, type Verdict } from './matcher.js';
import { listedAncestors, listedOn, pathText, type ListedAncestor } from './ownership.js';
import type { ListEntity, Listing, ScreeningList, VersionSource } from './lists/types.js';

export interface ScreenOptions {
  /** Judge listings and ownership as of this day (YYYY-MM-DD). */
  asOf: string;
  threshold?: number;
  possible?: number;
  /** Most hits per name. */
  limit?: number;
}

export interface ListRef {
  id: string;
  title: string;
  version: string;
  versionSource: VersionSource;
  file: string;
}

export interface PartyRef {
  id: string;
  name: string;
  schema: string;
  countries: string[];
  /** file:line of the list entry. */
  source: string;
}

export interface ScreenHit {
  verdict: Exclude<Verdict, 'no-match'>;
  score: number;
  list: ListRef;
  /** The list entry the name matched. */
  matched: PartyRef;
  /** `listed`: the matched party is on the list; `ownership`: a listed party owns it. */
  via: 'listed' | 'ownership';
  /** The listed party: the matched one, or its listed owner. */
  listed: PartyRef & { listings: Listing[] };
  /** From the matched party to the listed one; empty when it is listed itself. */
  path: { name: string; link: string; source: string }[];
  pathText: string;
  explanation: Explanation;
  explanationText: string;
}

export interface ScreenResult {
  query: string;
  country?: string;
  /** The best hit's verdict, or no-match. */
  verdict: Verdict;
  score: number;
  hits: ScreenHit[];
}

const listRef = (l: ScreeningList): ListRef => ({ id: l.id, title: l.title, version: l.version, versionSource: l.versionSource, file: l.file });
const partyRef = (e: { id: string; names: string[]; schema: string; countries: string[]; source: string }): PartyRef => ({
  id: e.id, name: e.names[0]!, schema: e.schema, countries: e.countries, source: e.source,
});

const listedRef = (e: ListEntity): PartyRef & { listings: Listing[] } => ({
  id: e.id, name: e.names[0]!, schema: e.schema, countries: e.countries, source: e.source, listings: e.listings,
});

export class Screener {
  readonly index: NameIndex;
  private readonly opts: Required<ScreenOptions>;

  constructor(lists: readonly ScreeningList[], opts: ScreenOptions) {
    this.index = new NameIndex(lists);
    this.opts = { threshold: MATCH_THRESHOLD, possible: POSSIBLE_THRESHOLD, limit: 5, ...opts };
  }

  get lists(): readonly ScreeningList[] {
    return this.index.lists;
  }

  screen(name: string, country?: string): ScreenResult {
    const { asOf, threshold, possible, limit } = this.opts;
    // Hits are chosen on light records, and only the kept ones are built (their objects and
    // explanations are the costly part of a hit).
    const found: Found[] = [];
    const candidates = this.index.query(name, country ? { cutoff: possible, country } : { cutoff: possible });
    let direct = 0;
    for (const c of candidates) {
      // Candidates come best first: once `limit` parties matched directly, no later candidate
      // can rank above them (ties sort direct hits first), and ownership hits may yet be dropped
      // by the dedup below, so they do not count.
      if (direct >= limit || found.length >= limit * 2) break;
      const verdict = verdictOf(c.score, threshold, possible);
      if (verdict === 'no-match') continue;
      const isListed = listedOn(c.entity, asOf);
      if (!isListed && c.entity.owners.length === 0) continue;
      const up = isListed ? undefined : listedAncestors(c.list, c.entity, asOf)[0];
      if (!isListed && !up) continue;
      if (up === undefined) direct++;
      found.push({ c, verdict, up, party: `${c.list.id}\u0000${(up?.entity ?? c.entity).id}` });
    }
    // A subsidiary's hit through a party the same list already matched directly, at least as
    // well, adds nothing ("ZTE Corp." need not also be "Shanghai ZTE Technologies").
    const byParty = new Map<string, number>();
    for (const f of found) if (f.up === undefined) byParty.set(f.party, Math.max(f.c.score, byParty.get(f.party) ?? 0));
    const left = found.filter((f) => f.up === undefined || (byParty.get(f.party) ?? -1) < f.c.score);
    left.sort((a, b) => b.c.score - a.c.score || (a.up === undefined ? -1 : 1) - (b.up === undefined ? -1 : 1));
    const kept = left.slice(0, limit).map((f) => this.hit(f));
    const best = kept[0];
    const verdict = best ? best.verdict : 'no-match';
    const score = best ? best.score : 0;
    return country ? { query: name, country, verdict, score, hits: kept } : { query: name, verdict, score, hits: kept };
  }

  /** One kept hit, its fields in the order callers see them (--json). */
  private hit({ c, verdict, up }: Found): ScreenHit {
    const explanation = this.index.explain(c);
    const explanationText = explainText(explanation);
    if (up === undefined) {
      return {
        verdict, score: c.score, list: listRef(c.list), matched: partyRef(c.entity), explanation, explanationText,
        via: 'listed', listed: listedRef(c.entity), path: [], pathText: c.entity.names[0]!,
      };
    }
    return {
      verdict, score: c.score, list: listRef(c.list), matched: partyRef(c.entity), explanation, explanationText,
      via: 'ownership',
      listed: listedRef(up.entity),
      path: up.path.map((s) => ({ name: s.entity.names[0]!, link: s.link.kind, source: s.link.source })),
      pathText: pathText(c.entity, up.path),
    };
  }
}

/** A candidate that is a hit, before it is built: its verdict, the listed owner it is a hit through, its list and listed party. */
interface Found {
  c: Candidate;
  verdict: Exclude<Verdict, 'no-match'>;
  up: ListedAncestor | undefined;
  party: string;
}
