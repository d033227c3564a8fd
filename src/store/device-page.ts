// One page of a snapshot's devices, filtered and sorted (the devices view over 100k devices): the
// SQL both backends run, built here once so that they answer in the same order. Ties keep input
// order (reversed when descending), so a page boundary never moves between two reads.
//
// No index beyond the primary key (snapshot, seq) and (snapshot, id): at 100k devices a sorted or
// filtered page is one scan and a top-N sort, 20-110 ms in SQLite (bench `views`), within the
// view's 300 ms. An index per sortable column would make sorted pages at a million devices fast
// too, but costs about 1 s per 100k devices and column on every import (6 columns: +10 s on the
// 1M-device import of 11 s), paid by every user for a view some never open.
import { deviceWhere, type Dialect } from './sqlite-queries.js';
import { DEVICE_SORTS, type DevicePageQuery } from './types.js';

const TEXT_SORTS = new Set<string>(['id', 'name', 'vendor', 'country', 'layer', 'operator', 'site', 'model']);

/** ORDER BY for the query; SQLite's order (binary text, NULLs first ascending) in PostgreSQL too. */
function orderBy(q: DevicePageQuery, dialect: Dialect): string {
  const sort = q.sort ?? 'seq';
  if (!(DEVICE_SORTS as readonly string[]).includes(sort)) throw new Error(`cannot sort devices by "${String(sort)}"; choose from ${DEVICE_SORTS.join(', ')}`);
  const dir = q.descending ? 'DESC' : 'ASC';
  if (sort === 'seq') return `seq ${dir}`;
  // Descending reverses ties too: an index on (snapshot, column) then serves both directions.
  if (dialect === 'sqlite') return `${sort} ${dir}, seq ${dir}`;
  const collate = TEXT_SORTS.has(sort) ? ' COLLATE "C"' : '';
  return `${sort}${collate} ${dir} NULLS ${q.descending ? 'LAST' : 'FIRST'}, seq ${dir}`;
}

export interface DevicePageSql {
  count: { sql: string; params: unknown[] };
  page: { sql: string; params: unknown[] };
}

export function devicePageSql(snapshotId: number, q: DevicePageQuery, dialect: Dialect): DevicePageSql {
  const { sql, params } = deviceWhere(snapshotId, q, dialect);
  const order = orderBy(q, dialect);
  return {
    count: { sql: `SELECT COUNT(*) AS n FROM devices WHERE ${sql}`, params },
    // The sort and the offset over keys only (column and seq), then the page's rows by primary
    // key: a sorter holding 30,000 whole devices with their evidence took seconds at 100k.
    page: {
      sql: `SELECT d.* FROM (SELECT seq AS page_seq FROM devices WHERE ${sql} ORDER BY ${order} LIMIT ? OFFSET ?) k JOIN devices d ON d.snapshot = ? AND d.seq = k.page_seq ORDER BY ${order}`,
      params: [...params, q.limit, q.offset, snapshotId],
    },
  };
}
