import pg from 'pg';
import { countQuery } from './request-context.js';

// int8 (bigint ids, count(*)) as JS numbers: every value we store fits in 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// numeric as number (coordinates, Mbit/s, percentages); money is never stored as numeric here.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
// date as 'YYYY-MM-DD' string: a school day is a calendar date, not an instant.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Row = Record<string, unknown>;

/** Something that runs SQL: the pool or a transaction's client. Repositories take this. */
export interface Queryable {
  query<R extends Row = Row>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export interface Db extends Queryable {
  /**
   * Where heavy reads go (summaries, analytics, exports): the streaming replica of DATABASE_READ_URL
   * when it is healthy, caught up and the request has not just written; the primary otherwise.
   * Without a replica it is the primary itself. Never use it for a read that decides a write.
   */
  read: Queryable;
  /**
   * Named prepared statements for hot reads (`preparedQuery`). Off behind a transaction-mode pooler
   * (PgBouncer before 1.21 does not carry them across server connections): the same SQL goes unnamed.
   */
  preparedStatements: boolean;
  /**
   * `select 1` on a connection of its own (never queued behind the request pool), bounded by
   * `timeoutMs`: readiness probes use it. Resolves true when the database answered.
   */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  pool: pg.Pool;
  close(): Promise<void>;
  /**
   * Where the process LISTENs (decision 0026): unset means the pool's own URL; null means nowhere (a
   * transaction pooler in front and no DATABASE_LISTEN_URL). Set by openDatabase.
   */
  listenUrl?: string | null;
}

function counted(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    query<R extends Row>(text: string, params?: unknown[]) {
      countQuery();
      return client.query(text, params as unknown[]) as unknown as Promise<{ rows: R[]; rowCount: number | null }>;
    },
  };
}

export interface DbLimits {
  /** how long to wait for a pooled connection (pool full or database slow to accept) before failing (ms) */
  acquireTimeoutMs?: number;
  /** PostgreSQL statement_timeout for every connection (ms); the client also gives up 5 s later */
  statementTimeoutMs?: number;
  /**
   * A pooler (PgBouncer) is in front: `statement_timeout` is not sent as a start-up parameter (PgBouncer
   * refuses parameters it does not track); set it on the role instead (`adaptToPooler` says so).
   */
  viaPooler?: boolean;
}

export function createDb(connectionString: string, poolSize = 20, limits: DbLimits = {}): Db {
  const statementTimeout = limits.statementTimeoutMs ?? 0;
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: limits.acquireTimeoutMs ?? 0,
    ...(statementTimeout > 0 ? { query_timeout: statementTimeout + 5000 } : {}),
    ...(statementTimeout > 0 && !limits.viaPooler ? { statement_timeout: statementTimeout } : {}),
  });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => {});
  // the probe's own single connection: readiness never waits behind requests holding the pool
  const probe = new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 3000, query_timeout: 3000 });
  probe.on('error', () => {});
  const base = counted(pool);
  return {
    pool,
    query: base.query,
    read: base,
    preparedStatements: true,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          probe.query('select 1').then(() => true),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(false), timeoutMs);
          }),
        ]);
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx = counted(client);
      let broken: Error | undefined;
      // a checked-out client whose connection dies between queries emits 'error': unhandled, that
      // would end the process (seen when the database was killed mid-load). Note it; the next query fails.
      const onError = (e: Error) => {
        broken = e;
      };
      client.on('error', onError);
      try {
        await tx.query('begin');
        const result = await fn(tx);
        await tx.query('commit');
        return result;
      } catch (err) {
        // a connection that cannot even roll back (database gone, query timed out) is thrown away
        await client.query('rollback').catch((e: Error) => {
          broken = e;
        });
        throw err;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    async close() {
      await Promise.all([pool.end(), probe.end()]);
    },
  };
}

/** SQLSTATEs and client errors that mean "the database cannot be reached right now", not "bad request". */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3]|53)/;
const UNAVAILABLE_SYSCALL = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE =
  /timeout exceeded when trying to connect|Connection terminated|Query read timeout|not queryable|Client was closed|Cannot use a pool after calling end/i;

/**
 * What a database failure means for the caller: `unavailable` (down, restarting, unreachable, no
 * connection free in time), `timeout` (statement_timeout cancelled the query: overloaded), or
 * undefined for anything else (a bug or bad data, answered as before).
 */
export function classifyDbError(err: unknown): 'unavailable' | 'timeout' | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === '57014') return 'timeout';
  if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE.test(code)) return 'unavailable';
  if (UNAVAILABLE_SYSCALL.has(code)) return 'unavailable';
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return 'unavailable';
  // AggregateError from a connect to both ::1 and 127.0.0.1
  if (Array.isArray(e.errors) && e.errors.length && e.errors.every((x) => classifyDbError(x) === 'unavailable')) return 'unavailable';
  return undefined;
}

/**
 * Runs a hot read as a named prepared statement, planned once per pooled connection. The screens'
 * reads are single statements of many JSON subqueries: planning one can cost several times more than
 * running it (measured: pupil Today 18 ms planned each time vs 5 ms prepared, on a loaded 2-core
 * machine). Inside a transaction (no pool) it is a plain query. `name` must be unique per SQL text.
 */
export async function preparedQuery<R extends Row>(db: Queryable, name: string, text: string, params: unknown[]): Promise<{ rows: R[] }> {
  const { pool, preparedStatements } = db as Partial<Db>;
  if (!pool || preparedStatements === false) return db.query<R>(text, params);
  countQuery();
  const res = await pool.query({ name, text, values: params });
  return { rows: res.rows as R[] };
}
