import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import type { Db, Queryable, Row } from './db.js';
import { countQuery, requestContext } from './request-context.js';

/** processes on several machines stamp writes with their own clocks: allow for that much skew */
const CLOCK_MARGIN_MS = 250;
export const WROTE_COOKIE = 'sabaq_rw';

/** Why reads are (not) on the replica right now; logged once on every change. */
export type ReplicaState = 'ok' | 'behind' | 'down' | 'primary';

export interface ReplicaRouter {
  /** the Queryable that becomes `db.read` */
  read: Queryable;
  state(): ReplicaState;
  /** one health check now (the loop runs them every `checkMs`) */
  check(): Promise<ReplicaState>;
  close(): Promise<void>;
}

export interface ReplicaOptions {
  poolSize?: number;
  /** how often the replica's replay position is compared with the primary's (ms) */
  checkMs?: number;
  log?: (line: string) => void;
  /** for tests: the clock */
  now?: () => number;
}

const MESSAGES: Record<ReplicaState, string> = {
  ok: 'Read replica: heavy reads go to DATABASE_READ_URL.',
  behind: 'Read replica: DATABASE_READ_URL is behind the primary; heavy reads stay on the primary until it catches up.',
  down: 'Read replica: DATABASE_READ_URL does not answer; heavy reads stay on the primary until it does.',
  primary: 'Read replica: DATABASE_READ_URL is not a replica (not in recovery); heavy reads stay on the primary.',
};

/**
 * Sends heavy reads to a streaming replica, safely:
 * - every `checkMs` it reads the primary's WAL position and the replica's replay position. When the
 *   replica has replayed everything the primary had written at the previous check, it is "caught up
 *   to" the time of that check: any write committed before then is visible on it;
 * - a request that wrote recently carries the time of its last write (the `sabaq_rw` cookie, set by
 *   `registerReadYourWrites`); its reads go to the replica only when the replica is caught up past it,
 *   so a person always reads their own writes;
 * - a replica that is down, behind, or turns out to be a primary is not used (one log line per change),
 *   and a failed read on it is retried on the primary.
 */
export function createReplicaRouter(primary: Db, readUrl: string, options: ReplicaOptions = {}): ReplicaRouter {
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const checkMs = options.checkMs ?? 500;
  const pool = new pg.Pool({
    connectionString: readUrl,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 2000,
    query_timeout: 30_000,
  });
  pool.on('error', () => {});
  let state: ReplicaState | undefined;
  let caughtUpTo = 0; // instants (ms) before which every primary commit is on the replica
  let previous: { lsn: string; at: number } | undefined;
  let permanent = false;

  const setState = (next: ReplicaState) => {
    if (next !== state) log(MESSAGES[next]);
    state = next;
    return next;
  };

  // one check at a time: a slow replica must not let the timer's checks overlap and mix their positions
  let inFlight: Promise<ReplicaState> | null = null;
  function check(): Promise<ReplicaState> {
    inFlight ??= checkOnce().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function checkOnce(): Promise<ReplicaState> {
    if (permanent) return state!;
    const at = now();
    let primaryLsn: string;
    try {
      primaryLsn = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!.lsn;
    } catch {
      return state ?? setState('down'); // the primary itself is away: nothing to compare with
    }
    try {
      const r = (
        await pool.query<{ recovery: boolean; ok: boolean | null }>('select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [
          previous?.lsn ?? primaryLsn,
        ])
      ).rows[0]!;
      if (!r.recovery) {
        permanent = true;
        return setState('primary');
      }
      if (r.ok) {
        // everything the primary had at the previous check (or, on the first, now) is replayed
        caughtUpTo = previous ? previous.at : at;
        previous = { lsn: primaryLsn, at };
        return setState('ok');
      }
      previous = previous ?? { lsn: primaryLsn, at };
      return setState('behind');
    } catch {
      return setState('down');
    }
  }

  const timer = setInterval(() => void check(), checkMs);
  timer.unref();

  const read: Queryable = {
    async query<R extends Row>(text: string, params?: unknown[]) {
      const wroteAt = requestContext.getStore()?.wroteAt ?? 0;
      if (state === 'ok' && wroteAt + CLOCK_MARGIN_MS < caughtUpTo) {
        try {
          countQuery();
          const res = await pool.query(text, params as unknown[]);
          return { rows: res.rows as R[], rowCount: res.rowCount };
        } catch (err) {
          const code = (err as { code?: string }).code ?? '';
          if (/^(42|22|23)/.test(code)) throw err; // the query's own fault: the primary would say the same
          void check();
        }
      }
      return primary.query<R>(text, params);
    },
  };

  return {
    read,
    state: () => state ?? 'down',
    check,
    async close() {
      clearInterval(timer);
      await pool.end().catch(() => {});
    },
  };
}

/**
 * Read-your-own-writes across processes without shared state: a successful write answers with the
 * time in a short cookie; every later request carries it into its request context, where the replica
 * router reads it. Registered only when a replica is configured.
 */
export function registerReadYourWrites(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const ctx = requestContext.getStore();
    const raw = request.cookies?.[WROTE_COOKIE];
    if (ctx && raw && /^\d{10,15}$/.test(raw)) ctx.wroteAt = Number(raw);
  });
  app.addHook('onSend', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || reply.statusCode >= 400 || !request.url.startsWith('/api/')) return;
    // a sign-in or sign-out writes a session, which no heavy read shows: the morning's wave of
    // sign-ins must not send everyone's first reads to the primary
    if (request.url.startsWith('/api/auth/')) return;
    reply.setCookie(WROTE_COOKIE, String(Date.now()), { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 120, secure: request.protocol === 'https' });
  });
}
