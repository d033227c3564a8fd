// One page of a snapshot's devices, filtered and sorted (the devices view over 100k devices): the
// SQL both backends run, built here once so that they answer in the same order. Ties, and the
// default, keep input order (seq), so a page boundary never moves between two reads.
import { deviceWhere, type Dialect } from './sqlite-queries.js';
import { DEVICE_SORTS, type DevicePageQuery } from './types.js';

const TEXT_SORTS = new Set<string>(['id', 'name', 'vendor', 'country', 'layer', 'operator', 'site', 'model']);

/** ORDER BY for the query; SQLite's order (binary text, NULLs first ascending) in PostgreSQL too. */
function orderBy(q: DevicePageQuery, dialect: Dialect): string {
  const sort = q.sort ?? 'seq';
  if (!(DEVICE_SORTS as readonly string[]).includes(sort)) throw new Error(`cannot sort devices by "${String(sort)}"; choose from ${DEVICE_SORTS.join(', ')}`);
  if (sort === 'seq') return q.descending ? 'seq DESC' : 'seq';
  const dir = q.descending ? 'DESC' : 'ASC';
  if (dialect === 'sqlite') return `${sort} ${dir}, seq`;
  const collate = TEXT_SORTS.has(sort) ? ' COLLATE "C"' : '';
  return `${sort}${collate} ${dir} NULLS ${q.descending ? 'LAST' : 'FIRST'}, seq`;
}

export interface DevicePageSql {
  count: { sql: string; params: unknown[] };
  page: { sql: string; params: unknown[] };
}

export function devicePageSql(snapshotId: number, q: DevicePageQuery, dialect: Dialect): DevicePageSql {
  const { sql, params } = deviceWhere(snapshotId, q, dialect);
  return {
    count: { sql: `SELECT COUNT(*) AS n FROM devices WHERE ${sql}`, params },
    page: { sql: `SELECT * FROM devices WHERE ${sql} ORDER BY ${orderBy(q, dialect)} LIMIT ? OFFSET ?`, params: [...params, q.limit, q.offset] },
  };
}
