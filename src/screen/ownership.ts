// Ownership walk: from a matched party up through its owners and parents to every listed party
// above it, so a subsidiary of a listed party is flagged with the path that leads there. Links
// that had ended by the screening date (a subsidiary sold) are not followed.
import type { ListEntity, OwnerLink, ScreeningList } from './lists/types.js';

/** Deep enough for real group structures; bounds the work a cyclic or hostile file can cause. */
export const MAX_OWNERSHIP_DEPTH = 8;

export interface PathStep {
  /** The owner reached by this step. */
  entity: ListEntity;
  link: OwnerLink;
}

export interface ListedAncestor {
  entity: ListEntity;
  /** From the matched party up to `entity`, one step per link. */
  path: PathStep[];
}

export function linkActive(l: { startDate?: string; endDate?: string }, asOf: string): boolean {
  return (l.startDate === undefined || l.startDate <= asOf) && (l.endDate === undefined || l.endDate > asOf);
}

/** Listed as of the date: on the list, with a listing in force (no dates counts as in force). */
export function listedOn(e: ListEntity, asOf: string): boolean {
  return e.listed && (e.listings.length === 0 || e.listings.some((l) => (l.startDate === undefined || l.startDate <= asOf) && (l.endDate === undefined || l.endDate >= asOf)));
}

const byList = new WeakMap<ScreeningList, Map<string, ListEntity>>();

function entityMap(list: ScreeningList): Map<string, ListEntity> {
  let m = byList.get(list);
  if (!m) {
    m = new Map(list.entities.map((e) => [e.id, e]));
    byList.set(list, m);
  }
  return m;
}

/** Every listed party above `start` (not `start` itself), nearest first, each with its shortest path. */
export function listedAncestors(list: ScreeningList, start: ListEntity, asOf: string): ListedAncestor[] {
  const ids = entityMap(list);
  const out: ListedAncestor[] = [];
  const seen = new Set<string>([start.id]);
  let frontier: { entity: ListEntity; path: PathStep[] }[] = [{ entity: start, path: [] }];
  for (let depth = 0; depth < MAX_OWNERSHIP_DEPTH && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const f of frontier) {
      for (const link of f.entity.owners) {
        if (!linkActive(link, asOf) || seen.has(link.owner)) continue;
        const owner = ids.get(link.owner);
        if (!owner) continue;
        seen.add(owner.id);
        const path = [...f.path, { entity: owner, link }];
        if (listedOn(owner, asOf)) out.push({ entity: owner, path });
        next.push({ entity: owner, path });
      }
    }
    frontier = next;
  }
  return out;
}

/** "Huawei Device Co., Ltd. → owned by Huawei Technologies Co., Ltd. (subsidiary, vendors.json#huawei)". */
export function pathText(start: ListEntity, path: readonly PathStep[]): string {
  let s = start.names[0]!;
  for (const step of path) {
    const how = step.link.kind === 'ownership' ? `owned${step.link.percentage ? ` ${step.link.percentage}%` : ''} by` : step.link.kind === 'parent' ? 'subsidiary of' : `${step.link.kind} of`;
    s += ` → ${how} ${step.entity.names[0]!}`;
  }
  return s;
}
