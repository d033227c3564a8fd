// Screening one name: the matcher's candidates, kept when the party is listed as of the date or
// owned (through any chain of active links) by a listed party, each with its verdict, score,
// explanation, ownership path and the list and version it came from.
import { explainText, MATCH_THRESHOLD, NameIndex, POSSIBLE_THRESHOLD, verdictOf, type Candidate, type Explanation, type Verdict } from './matcher.js';
import { listedAncestors, listedOn, pathText } from './ownership.js';
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
    const hits: ScreenHit[] = [];
    /** The candidate behind each hit, to explain the ones kept. */
    const explained: Candidate[] = [];
    const candidates = this.index.query(name, country ? { cutoff: possible, country } : { cutoff: possible });
    let direct = 0;
    for (const c of candidates) {
      // Candidates come best first: once `limit` parties matched directly, no later candidate
      // can rank above them (ties sort direct hits first), and ownership hits may yet be dropped
      // by the dedup below, so they do not count.
      if (direct >= limit || hits.length >= limit * 2) break;
      const verdict = verdictOf(c.score, threshold, possible);
      if (verdict === 'no-match') continue;
      const isListed = listedOn(c.entity, asOf);
      if (!isListed && c.entity.owners.length === 0) continue;
      const up = isListed ? undefined : listedAncestors(c.list, c.entity, asOf)[0];
      if (!isListed && !up) continue;
      // Object literals in the order callers see the fields (--json); the explanation is filled
      // in for the hits kept (below), the costly part of a hit.
      const explanation = c.explanation;
      const explanationText = '';
      if (up === undefined) {
        hits.push({
          verdict, score: c.score, list: listRef(c.list), matched: partyRef(c.entity), explanation, explanationText,
          via: 'listed', listed: listedRef(c.entity), path: [], pathText: c.entity.names[0]!,
        });
        explained.push(c);
        direct++;
        continue;
      }
      explained.push(c);
      hits.push({
        verdict, score: c.score, list: listRef(c.list), matched: partyRef(c.entity), explanation, explanationText,
        via: 'ownership',
        listed: listedRef(up.entity),
        path: up.path.map((s) => ({ name: s.entity.names[0]!, link: s.link.kind, source: s.link.source })),
        pathText: pathText(c.entity, up.path),
      });
    }
    // A subsidiary's hit through a party the same list already matched directly, at least as
    // well, adds nothing ("ZTE Corp." need not also be "Shanghai ZTE Technologies").
    const byParty = new Map<string, number>();
    for (const h of hits) if (h.via === 'listed') byParty.set(`${h.list.id}\u0000${h.listed.id}`, Math.max(h.score, byParty.get(`${h.list.id}\u0000${h.listed.id}`) ?? 0));
    for (let i = hits.length - 1; i >= 0; i--) {
      const h = hits[i]!;
      if (h.via === 'ownership' && (byParty.get(`${h.list.id}\u0000${h.listed.id}`) ?? -1) >= h.score) hits.splice(i, 1);
    }
    hits.sort((a, b) => b.score - a.score || (a.via === 'listed' ? -1 : 1) - (b.via === 'listed' ? -1 : 1));
    const kept = hits.slice(0, limit);
    for (const h of kept) {
      // The explanation object is the candidate's own, filled in place by explain.
      const c = explained.find((x) => x.explanation === h.explanation)!;
      h.explanationText = explainText(this.index.explain(c));
    }
    const best = kept[0];
    const verdict = best ? best.verdict : 'no-match';
    const score = best ? best.score : 0;
    return country ? { query: name, country, verdict, score, hits: kept } : { query: name, verdict, score, hits: kept };
  }
}
