// Organisations and their API tokens (issue 7, API). A token is `cp_` + 32 random bytes in
// base64url; the store keeps only its SHA-256, so a copy of the database grants nothing. Tokens
// are never deleted, only revoked, so that the list shows who had access.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { InputError } from '../model/index.js';
import { PgTokenStore } from './pg/tokens.js';
import { openTokenFile } from './sqlite-token-file.js';
import { isSqliteBusy, StoreBusyError } from './write-lock.js';
import { isPostgresUrl } from './types.js';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
/** viewer reads; analyst also imports; admin also manages its organisation's tokens. */
export type Role = (typeof ROLES)[number];

const TOKEN_PREFIX = 'cp_';
const SECRET_BYTES = 32;
/** What a token looks like: anything else is refused before any look-up. */
export const TOKEN_PATTERN = /^cp_[A-Za-z0-9_-]{43}$/;
/** Organisation names: short, printable, safe in a URL, a file name and a log line. */
export const ORGANISATION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const MAX_LABEL = 200;
/** The SQLite connection's busy timeout (better-sqlite3's default, as sqlite-open.ts sets it), in seconds. */
const TOKEN_FILE_TIMEOUT_S = 10;

export interface TokenInfo {
  id: number;
  organisation: string;
  label: string;
  role: Role;
  createdAt: string;
  revokedAt?: string;
}

export interface CreatedToken extends TokenInfo {
  /** The secret: shown once, stored nowhere. */
  token: string;
}

export interface CreateTokenOptions {
  organisation: string;
  role: Role;
  label: string;
}

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** How much a role may do, for comparisons: admin > analyst > viewer. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface TokenRow {
  id: number;
  organisation: string;
  label: string;
  role: string;
  created_at: string;
  revoked_at: string | null;
}

export const TOKEN_SELECT = `SELECT t.id, o.name AS organisation, t.label, t.role, t.created_at, t.revoked_at
  FROM api_tokens t JOIN organisations o ON o.id = t.organisation`;

export function tokenInfo(r: TokenRow): TokenInfo {
  if (!isRole(r.role)) throw new Error(`token ${r.id} has an unknown role "${r.role}"`);
  const info: TokenInfo = { id: r.id, organisation: r.organisation, label: r.label, role: r.role, createdAt: r.created_at };
  if (r.revoked_at !== null) info.revokedAt = r.revoked_at;
  return info;
}

export function checkOrganisationName(name: string): string {
  if (!ORGANISATION_PATTERN.test(name)) {
    throw new InputError('--org', undefined, `organisation "${name}" must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`);
  }
  return name;
}

export function checkLabel(label: string): string {
  // Labels are shown in lists and logs: printable, bounded.
  if (label.trim() === '' || label.length > MAX_LABEL || /\p{Cc}/u.test(label)) {
    throw new InputError('--label', undefined, `a token label must be 1-${MAX_LABEL} printable characters`);
  }
  return label;
}

/** Validates a new token's options; the secret and its hash to store. */
export function newToken(opts: CreateTokenOptions): { org: string; label: string; token: string; hash: string } {
  const org = checkOrganisationName(opts.organisation);
  if (!isRole(opts.role)) throw new InputError('--role', undefined, `role must be one of ${ROLES.join(', ')}, got "${String(opts.role)}"`);
  const label = checkLabel(opts.label);
  const token = TOKEN_PREFIX + randomBytes(SECRET_BYTES).toString('base64url');
  return { org, label, token, hash: hashToken(token) };
}

/** Tokens and organisations of one database, SQLite or PostgreSQL. */
export interface TokenStore {
  readonly path: string;
  /** Creates the token, and its organisation when new. Returns the secret, the only time it exists. */
  createToken(opts: CreateTokenOptions): Promise<CreatedToken>;
  /** Every token (revoked ones too), of one organisation when named; oldest first. */
  listTokens(organisation?: string): Promise<TokenInfo[]>;
  /**
   * Revokes a token of `organisation` (any organisation's when undefined). False when there is
   * no such token there, or it is already revoked.
   */
  revokeToken(id: number, organisation?: string): Promise<boolean>;
  /** The live token a bearer presents, or undefined: compared by hash, the secret is never stored. */
  authenticate(token: string): Promise<TokenInfo | undefined>;
  organisations(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The SQLite token store: the token file beside the store (sqlite-token-file.ts), so that no
 * import's write lock ever stands between a token change and its commit. Every authentication
 * reads that file, where every revocation goes: a token revoked by another process is refused by
 * a running server at its next request.
 */
export class SqliteTokenStore implements TokenStore {
  private readonly db: Database.Database;
  private readonly byHash: Database.Statement<[string], TokenRow>;

  constructor(readonly path: string) {
    this.db = openTokenFile(path);
    this.byHash = this.db.prepare(`${TOKEN_SELECT} WHERE t.hash = ? AND t.revoked_at IS NULL`);
  }

  /** Creates the token, and its organisation when new. Returns the secret, the only time it exists. */
  async createToken(opts: CreateTokenOptions): Promise<CreatedToken> {
    const { org, label, token, hash } = newToken(opts);
    const now = new Date().toISOString();
    const id = this.write(() => {
      this.db.prepare('INSERT INTO organisations (name, created_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING').run(org, now);
      return Number(
        this.db
          .prepare('INSERT INTO api_tokens (organisation, label, role, hash, created_at) SELECT id, ?, ?, ?, ? FROM organisations WHERE name = ?')
          .run(label, opts.role, hash, now, org).lastInsertRowid,
      );
    });
    return { id, organisation: org, label, role: opts.role, createdAt: now, token };
  }

  /** Every token (revoked ones too), of one organisation when named; oldest first. */
  async listTokens(organisation?: string): Promise<TokenInfo[]> {
    const rows =
      organisation === undefined
        ? this.db.prepare<[], TokenRow>(`${TOKEN_SELECT} ORDER BY t.id`).all()
        : this.db.prepare<[string], TokenRow>(`${TOKEN_SELECT} WHERE o.name = ? ORDER BY t.id`).all(organisation);
    return rows.map(tokenInfo);
  }

  /**
   * Revokes a token of `organisation` (any organisation's when undefined). False when there is
   * no such token there, or it is already revoked.
   */
  async revokeToken(id: number, organisation?: string): Promise<boolean> {
    const now = new Date().toISOString();
    const r = this.write(() =>
      organisation === undefined
        ? this.db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now, id)
        : this.db
            .prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL AND organisation = (SELECT id FROM organisations WHERE name = ?)')
            .run(now, id, organisation),
    );
    return r.changes === 1;
  }

  /**
   * One token change in one IMMEDIATE transaction. Only another token change can hold this file's
   * lock, for milliseconds: past the connection's busy timeout something is wrong, said as a
   * busy store rather than SQLite's bare "database is locked".
   */
  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work).immediate();
    } catch (e) {
      if (isSqliteBusy(e)) throw new StoreBusyError(this.path, TOKEN_FILE_TIMEOUT_S);
      throw e;
    }
  }

  /** The live token a bearer presents, or undefined: compared by hash, the secret is never stored. */
  async authenticate(token: string): Promise<TokenInfo | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const r = this.byHash.get(hashToken(token));
    return r && tokenInfo(r);
  }

  async organisations(): Promise<string[]> {
    return this.db.prepare<[], string>('SELECT name FROM organisations ORDER BY id').pluck().all();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** The token store of the database at `pathOrUrl` (an SQLite file or a postgres:// URL). */
export function openTokenStore(pathOrUrl: string): TokenStore {
  return isPostgresUrl(pathOrUrl) ? new PgTokenStore(pathOrUrl) : new SqliteTokenStore(pathOrUrl);
}
