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

/**
 * Looks at DATABASE_URL once at start and adapts: behind a transaction-mode pooler the hot reads go as
 * unnamed statements. Says in one line what it found when it is not a direct connection.
 */
export async function adaptToPooler(db: Db, connectionString: string, log: (line: string) => void): Promise<PoolerMode> {
  let mode: PoolerMode;
  try {
    mode = await detectPooler(connectionString);
  } catch {
    return 'direct'; // the database is not answering yet: the request path reports that itself
  }
  if (mode === 'transaction') {
    db.preparedStatements = false;
    log('Database: DATABASE_URL goes through a transaction-mode pooler (PgBouncer); hot reads run as unnamed statements.');
  } else if (mode === 'session') {
    log('Database: DATABASE_URL goes through a session-mode pooler; it works, but every Sabaq connection holds a server connection: use pool_mode = transaction.');
  }
  return mode;
}
