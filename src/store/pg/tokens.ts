// API tokens and organisations in a PostgreSQL store: the same rows and rules as the SQLite
// token store (../tokens.ts), over a pool of its own.
import { TOKEN_PATTERN, TOKEN_SELECT, hashToken, newToken, tokenInfo, type CreateTokenOptions, type CreatedToken, type TokenInfo, type TokenRow, type TokenStore } from '../tokens.js';
import { StoreBusyError } from '../write-lock.js';
import { connectionError, createPool, dollar, redactUrl, sqlState, type Client, type Pool } from './connection.js';
import { migrate } from './migrations.js';

/** How long a token change waits for a row lock before saying the store is busy. */
const TOKEN_LOCK_TIMEOUT_S = 10;

export class PgTokenStore implements TokenStore {
  readonly path: string;
  private readonly pool: Pool;
  private readonly ready: Promise<number>;

  constructor(url: string) {
    this.path = redactUrl(url);
    this.pool = createPool(url, false);
    this.ready = migrate(this.pool, false, this.path).catch((e: unknown) => {
      throw connectionError(this.path, e);
    });
    this.ready.catch(() => undefined);
  }

  private async rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    await this.ready;
    return (await this.pool.query(dollar(sql), params)).rows as T[];
  }

  async createToken(opts: CreateTokenOptions): Promise<CreatedToken> {
    const { org, label, token, hash } = newToken(opts);
    const now = new Date().toISOString();
    const id = await this.write(async (client) => {
      await client.query('INSERT INTO organisations (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [org, now]);
      const r = await client.query<{ id: number }>(
        'INSERT INTO api_tokens (organisation, label, role, hash, created_at) SELECT id, $1, $2, $3, $4 FROM organisations WHERE name = $5 RETURNING id',
        [label, opts.role, hash, now, org],
      );
      return r.rows[0]!.id;
    });
    return { id, organisation: org, label, role: opts.role, createdAt: now, token };
  }

  /**
   * One token change in one transaction, on a connection of this store's own pool. An import
   * locks only its own rows, so nothing but another token change (or a migration) can make this
   * wait: bounded by lock_timeout, then a busy store (StoreBusyError), never a hang.
   */
  private async write<T>(work: (client: Client) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '${TOKEN_LOCK_TIMEOUT_S}s'`);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (e) {
      await client.query('ROLLBACK');
      if (sqlState(e) === '55P03') throw new StoreBusyError(this.path, TOKEN_LOCK_TIMEOUT_S);
      throw e;
    } finally {
      client.release();
    }
  }

  async listTokens(organisation?: string): Promise<TokenInfo[]> {
    const rows =
      organisation === undefined
        ? await this.rows<TokenRow>(`${TOKEN_SELECT} ORDER BY t.id`)
        : await this.rows<TokenRow>(`${TOKEN_SELECT} WHERE o.name = ? ORDER BY t.id`, [organisation]);
    return rows.map(tokenInfo);
  }

  async revokeToken(id: number, organisation?: string): Promise<boolean> {
    const now = new Date().toISOString();
    const r = await this.write((client) =>
      organisation === undefined
        ? client.query('UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [now, id])
        : client.query(
            'UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL AND organisation = (SELECT id FROM organisations WHERE name = $3)',
            [now, id, organisation],
          ),
    );
    return r.rowCount === 1;
  }

  async authenticate(token: string): Promise<TokenInfo | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const r = (await this.rows<TokenRow>(`${TOKEN_SELECT} WHERE t.hash = ? AND t.revoked_at IS NULL`, [hashToken(token)]))[0];
    return r && tokenInfo(r);
  }

  async organisations(): Promise<string[]> {
    return (await this.rows<{ name: string }>('SELECT name FROM organisations ORDER BY id')).map((r) => r.name);
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.pool.end();
  }
}
