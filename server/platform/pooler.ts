import pg from 'pg';
import type { Db } from './db.js';

export type PoolerMode = 'direct' | 'session' | 'transaction';

/**
 * What stands between Sabaq and PostgreSQL on DATABASE_URL, found by asking, not configured:
 * - a proxy is there when the backend's own port (`inet_server_port()`) is not the port we dialled;
 * - it pools by transaction when a second client, while the first is still connected, is served by
 *   the first client's backend (`pg_backend_pid()`): in session mode (or directly) that never happens.
 * PgBouncer reuses its most recently used server connection first, so one try nearly always tells;
 * a few tries make a miss unlikely, and a miss only costs the statements staying named (session-safe).
 */
export async function detectPooler(connectionString: string, tries = 3): Promise<PoolerMode> {
  const dialled = Number(new URL(connectionString).port || 5432);
  const a = new pg.Client({ connectionString });
  const b = new pg.Client({ connectionString });
  await a.connect();
  try {
    await b.connect();
    const first = await a.query<{ pid: number; port: number | null }>('select pg_backend_pid() as pid, inet_server_port() as port');
    const port = first.rows[0]!.port;
    if (port === null || port === dialled) return 'direct'; // a Unix socket or the server itself
    for (let i = 0; i < tries; i++) {
      const mine = (await a.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const theirs = (await b.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      if (mine === theirs) return 'transaction';
    }
    return 'session';
  } finally {
    await Promise.allSettled([a.end(), b.end()]);
  }
}

/** What `detectPooler` found, or 'direct' when the database does not answer yet (the request path reports that). */
export async function findPooler(connectionString: string): Promise<PoolerMode> {
  try {
    return await detectPooler(connectionString);
  } catch {
    return 'direct';
  }
}

/**
 * Adapts the pool to what stands in front of the database and says so in one line when it is not a
 * direct connection:
 * - transaction mode: hot reads go as unnamed statements (a named one lives on one server connection,
 *   PgBouncer before 1.21 does not carry it to the next), unless DB_PREPARED_STATEMENTS says `on`;
 * - any pooler: `statement_timeout` cannot travel as a start-up parameter (PgBouncer refuses unknown
 *   ones), so `createDb` does not send it (`viaPooler`); when the database has none of its own for our
 *   role, that is said once, with the fix.
 */
export async function adaptToPooler(
  db: Db,
  mode: PoolerMode,
  statementTimeoutMs: number,
  log: (line: string) => void,
  prepared: 'auto' | 'on' | 'off' = 'auto',
): Promise<void> {
  db.preparedStatements = prepared === 'on' || (prepared === 'auto' && mode !== 'transaction');
  if (mode === 'direct') return;
  if (mode === 'transaction') {
    log(
      db.preparedStatements
        ? 'Database: DATABASE_URL goes through a transaction-mode pooler (PgBouncer); hot reads stay named prepared statements (DB_PREPARED_STATEMENTS=on: PgBouncer 1.21+ with max_prepared_statements).'
        : 'Database: DATABASE_URL goes through a transaction-mode pooler (PgBouncer); hot reads run as unnamed statements.',
    );
  } else {
    log(
      'Database: DATABASE_URL goes through a session-mode pooler; it works, but every Sabaq connection holds a server connection: use pool_mode = transaction.',
    );
  }
  if (statementTimeoutMs > 0) {
    const current = await db.query<{ t: string }>("select current_setting('statement_timeout') as t").then(
      (r) => r.rows[0]!.t,
      () => null,
    );
    if (current === '0') {
      log(
        `Database: behind a pooler statement_timeout cannot be sent on connect and the database sets none for this role: run ALTER ROLE ... SET statement_timeout = '${statementTimeoutMs}ms' (until then the client gives up after ${statementTimeoutMs + 5000} ms, the server does not).`,
      );
    }
  }
}
