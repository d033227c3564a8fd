// The schema, as an ordered list of migrations. A database records each applied version in
// schema_migrations; opening an older one applies the rest in one transaction. Never edit a
// migration that has shipped: add the next one.
//
// Plain SQL that PostgreSQL accepts too wherever that costs nothing (WITHOUT ROWID and the
// triggers are SQLite's; a PostgreSQL backend keeps the tables and columns, not these clauses).
//
// Input order is the per-snapshot `seq` of each table: a WITHOUT ROWID table clustered on
// (snapshot, seq) is appended to during an import, which keeps million-row imports fast, and
// reads back in input order without a sort. A device's evidence is a JSON array in its own row:
// one value to write per device instead of a row per piece, and a page of devices is one range
// scan. Only (snapshot, id) is indexed: it is what rejects a device id twice in a snapshot.
// Queries page through a snapshot by seq (the planner picks the primary key for every filter),
// so vendor / country / layer indexes would only be built, never used, by them.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Written into the database header so that a foreign SQLite file is recognised as such. */
export const APPLICATION_ID = 0x436c5061; // "ClPa"

const DATA_TABLES = ['imports', 'devices', 'sites', 'links', 'flows'] as const;

// Snapshots are immutable once written: rows are only ever inserted, in the import's transaction.
const immutabilityTriggers = DATA_TABLES.map(
  (t) => `
CREATE TRIGGER ${t}_no_update BEFORE UPDATE ON ${t} BEGIN SELECT RAISE(ABORT, 'cleanpath snapshots are immutable'); END;
CREATE TRIGGER ${t}_no_delete BEFORE DELETE ON ${t} BEGIN SELECT RAISE(ABORT, 'cleanpath snapshots are immutable'); END;`,
).join('\n');

const V1 = `
CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  note TEXT,
  base INTEGER REFERENCES snapshots(id),
  device_count INTEGER NOT NULL DEFAULT 0,
  site_count INTEGER NOT NULL DEFAULT 0,
  link_count INTEGER NOT NULL DEFAULT 0,
  flow_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE imports (
  snapshot INTEGER NOT NULL REFERENCES snapshots(id),
  seq INTEGER NOT NULL,
  origin INTEGER NOT NULL REFERENCES snapshots(id),
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  records INTEGER NOT NULL,
  warnings TEXT NOT NULL,
  devices INTEGER,
  sites INTEGER,
  links INTEGER,
  flows INTEGER,
  PRIMARY KEY (snapshot, seq)
) WITHOUT ROWID;

CREATE TABLE devices (
  snapshot INTEGER NOT NULL REFERENCES snapshots(id),
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  name TEXT,
  vendor TEXT,
  attribution_vendor TEXT,
  confidence REAL NOT NULL,
  model TEXT,
  role TEXT,
  layer TEXT,
  technology TEXT,
  site TEXT,
  country TEXT,
  operator TEXT,
  network TEXT,
  installed TEXT,
  cost REAL,
  lat REAL,
  lon REAL,
  raw TEXT,
  extra TEXT,
  conflicts TEXT,
  evidence TEXT,
  source_file TEXT,
  source_line INTEGER,
  source TEXT,
  PRIMARY KEY (snapshot, seq)
) WITHOUT ROWID;
-- An index, not a table constraint, so that a first bulk import can build it after loading.
CREATE UNIQUE INDEX devices_id ON devices (snapshot, id);

CREATE TABLE sites (
  snapshot INTEGER NOT NULL REFERENCES snapshots(id),
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  name TEXT,
  country TEXT,
  lat REAL,
  lon REAL,
  kind TEXT,
  operator TEXT,
  source_file TEXT,
  source_line INTEGER,
  source TEXT,
  PRIMARY KEY (snapshot, seq),
  UNIQUE (snapshot, id)
) WITHOUT ROWID;

CREATE TABLE links (
  snapshot INTEGER NOT NULL REFERENCES snapshots(id),
  seq INTEGER NOT NULL,
  id TEXT,
  a TEXT NOT NULL,
  b TEXT NOT NULL,
  metric INTEGER NOT NULL,
  latency REAL,
  capacity REAL,
  operator TEXT,
  extra TEXT,
  source_file TEXT,
  source_line INTEGER,
  source TEXT,
  PRIMARY KEY (snapshot, seq)
) WITHOUT ROWID;

CREATE TABLE flows (
  snapshot INTEGER NOT NULL REFERENCES snapshots(id),
  seq INTEGER NOT NULL,
  id TEXT NOT NULL,
  src TEXT NOT NULL,
  dst TEXT NOT NULL,
  class TEXT NOT NULL,
  volume REAL NOT NULL,
  latency_bound REAL,
  extra TEXT,
  source_file TEXT,
  source_line INTEGER,
  source TEXT,
  PRIMARY KEY (snapshot, seq)
) WITHOUT ROWID;

CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots BEGIN SELECT RAISE(ABORT, 'cleanpath snapshots are immutable'); END;
CREATE TRIGGER snapshots_no_rename BEFORE UPDATE OF id, name, created_at, base ON snapshots BEGIN SELECT RAISE(ABORT, 'cleanpath snapshots are immutable'); END;
${immutabilityTriggers}
`;

// The parties between maker and network (screened against restricted-party lists): one nullable
// column each, NULL for the usual device without them, so the bulk import binds three NULLs more.
const DEVICE_PARTIES = `
ALTER TABLE devices ADD COLUMN supplier TEXT;
ALTER TABLE devices ADD COLUMN reseller TEXT;
ALTER TABLE devices ADD COLUMN maintainer TEXT;
`;

// Organisations (issue 7, API): every snapshot belongs to one, and snapshot names are unique
// per organisation rather than overall, which SQLite can only express by rebuilding the
// snapshots table (the recipe of sqlite.org/lang_altertable.html: new table, copy, drop, rename;
// the migration runs with foreign keys off and checks them before committing, see sqlite-open.ts).
// Existing snapshots go to organisation 1, 'default', which the CLI uses unless told otherwise.
// API tokens: only the SHA-256 of each token is kept; a revoked token stays listed.
const ORGANISATIONS = `
CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);
INSERT INTO organisations (id, name, created_at) VALUES (1, 'default', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

DROP TRIGGER snapshots_no_delete;
DROP TRIGGER snapshots_no_rename;
CREATE TABLE snapshots_new (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL DEFAULT 1 REFERENCES organisations(id),
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  note TEXT,
  base INTEGER REFERENCES snapshots(id),
  device_count INTEGER NOT NULL DEFAULT 0,
  site_count INTEGER NOT NULL DEFAULT 0,
  link_count INTEGER NOT NULL DEFAULT 0,
  flow_count INTEGER NOT NULL DEFAULT 0,
  UNIQUE (organisation, name)
);
INSERT INTO snapshots_new (id, organisation, name, created_at, note, base, device_count, site_count, link_count, flow_count)
  SELECT id, 1, name, created_at, note, base, device_count, site_count, link_count, flow_count FROM snapshots ORDER BY id;
DROP TABLE snapshots;
ALTER TABLE snapshots_new RENAME TO snapshots;
CREATE TRIGGER snapshots_no_delete BEFORE DELETE ON snapshots BEGIN SELECT RAISE(ABORT, 'cleanpath snapshots are immutable'); END;
CREATE TRIGGER snapshots_no_rename BEFORE UPDATE OF id, organisation, name, created_at, base ON snapshots BEGIN SELECT RAISE(ABORT, 'cleanpath snapshots are immutable'); END;

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL REFERENCES organisations(id),
  label TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('viewer', 'analyst', 'admin')),
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TRIGGER api_tokens_no_delete BEFORE DELETE ON api_tokens BEGIN SELECT RAISE(ABORT, 'cleanpath keeps revoked tokens: revoke, do not delete'); END;
CREATE TRIGGER api_tokens_no_change BEFORE UPDATE OF id, organisation, label, role, hash, created_at ON api_tokens BEGIN SELECT RAISE(ABORT, 'an API token cannot be changed, only revoked'); END;
`;

// Measured paths (issue 8, src/paths): traceroutes imported from RIPE Atlas, mtr, scamper and
// traceroute text. Not part of any snapshot: measurements accumulate over time and are analysed
// over a window against a snapshot's routers. One row per measurement, its hops and the hop
// enrichment found at import as compact JSON (a month of Atlas results is millions of rows; a
// row per hop would multiply that by ~15); `key` (a hash of what was measured) makes importing
// the same file twice add nothing. Organisation as for snapshots (1 = 'default').
const PATH_MEASUREMENTS = `
CREATE TABLE path_imports (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL DEFAULT 1,
  imported_at TEXT NOT NULL,
  files TEXT NOT NULL,
  enrichment TEXT NOT NULL,
  measurements INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  warnings TEXT NOT NULL
);
CREATE TABLE path_measurements (
  id INTEGER PRIMARY KEY,
  organisation INTEGER NOT NULL DEFAULT 1,
  import INTEGER NOT NULL REFERENCES path_imports(id),
  key TEXT NOT NULL,
  site TEXT NOT NULL,
  time INTEGER NOT NULL,
  format TEXT NOT NULL,
  dst TEXT,
  hops INTEGER NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (organisation, key)
);
CREATE INDEX path_measurements_time ON path_measurements (organisation, time);
`;

// Measured paths are a record, like snapshots: a stored measurement is never changed or removed,
// and an import's row (its counts are written once, at its commit) never disappears, so an
// exposure figure read twice from the same window cannot change underneath (issue 15).
const PATHS_APPEND_ONLY = `
CREATE TRIGGER path_measurements_no_update BEFORE UPDATE ON path_measurements BEGIN SELECT RAISE(ABORT, 'cleanpath measured paths are append-only'); END;
CREATE TRIGGER path_measurements_no_delete BEFORE DELETE ON path_measurements BEGIN SELECT RAISE(ABORT, 'cleanpath measured paths are append-only'); END;
CREATE TRIGGER path_imports_no_delete BEFORE DELETE ON path_imports BEGIN SELECT RAISE(ABORT, 'cleanpath measured paths are append-only'); END;
CREATE TRIGGER path_imports_no_rename BEFORE UPDATE OF id, organisation, imported_at, files, enrichment ON path_imports BEGIN SELECT RAISE(ABORT, 'cleanpath measured paths are append-only'); END;
`;

// API tokens leave the store for a file of their own beside it (issue 16: a revocation must never
// wait behind an import's write lock; sqlite-token-file.ts). The rows wait here, under a name
// nothing reads, until the first token-store open copies them over and drops the table; the new
// version also keeps an older cleanpath, which would read the stale copy, off this database.
const TOKENS_MOVE_OUT = `
DROP TRIGGER api_tokens_no_delete;
DROP TRIGGER api_tokens_no_change;
ALTER TABLE api_tokens RENAME TO api_tokens_moved;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: V1 },
  { version: 2, name: 'device supplier, reseller and maintainer', sql: DEVICE_PARTIES },
  { version: 3, name: 'organisations and API tokens', sql: ORGANISATIONS },
  { version: 4, name: 'measured paths', sql: PATH_MEASUREMENTS },
  { version: 5, name: 'measured paths are append-only', sql: PATHS_APPEND_ONLY },
  { version: 6, name: 'API tokens in a file of their own', sql: TOKENS_MOVE_OUT },
];
