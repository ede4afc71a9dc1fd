import type { Db, Queryable } from './db.js';

/**
 * Background jobs on PostgreSQL (one `jobs` table, migration 0360; decision 0019). A job is enqueued
 * in the caller's transaction, so it exists exactly when the change that asks for it does. Workers
 * take due jobs with `FOR UPDATE SKIP LOCKED` inside a transaction: two processes never run the same
 * job, and a process that dies mid-run releases its lock, so the job runs again (at least once).
 * A failed run is retried with exponential back-off; after `max_attempts` the row is marked failed and
 * kept, never deleted.
 */
export interface JobRow {
  id: number;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/** What a handler tells the runner: `retry` (try again later) or `fail` (no use retrying). */
export class JobError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

export interface JobHandler {
  /** Does the work; throws to fail this attempt (a `JobError` with retry false: give up at once). */
  run(tx: Queryable, job: JobRow, now: Date): Promise<void>;
  /** After a failed attempt, in the job's transaction (e.g. to mirror the state into an outbox). */
  failed?(tx: Queryable, job: JobRow, message: string, gaveUp: boolean): Promise<void>;
}

export async function enqueueJobs(db: Queryable, queue: string, payloads: Record<string, unknown>[], now: Date): Promise<number> {
  if (payloads.length === 0) return 0;
  const { rowCount } = await db.query(`insert into jobs (queue, payload, run_at, created_at) select $1, p::jsonb, $3, $3 from unnest($2::text[]) as t(p)`, [
    queue,
    payloads.map((p) => JSON.stringify(p)),
    now,
  ]);
  return rowCount ?? 0;
}

/** Seconds before attempt n+1 after n failures: 30 s, 1 min, 2 min, … capped at 1 hour. */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Runs up to `limit` due jobs of one queue, each in its own transaction (one slow or failing job does
 * not hold back the others' commits). Returns how many ran (succeeded or not).
 */
export async function runDueJobs(db: Db, queue: string, handler: JobHandler, opts: { limit?: number; now?: () => Date } = {}): Promise<number> {
  const now = opts.now ?? (() => new Date());
  let ran = 0;
  for (; ran < (opts.limit ?? 20); ran++) {
    const took = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number; queue: string; payload: Record<string, unknown>; attempts: number; max_attempts: number }>(
        `select id, queue, payload, attempts, max_attempts from jobs
          where queue = $1 and done_at is null and failed_at is null and run_at <= $2
          order by run_at, id limit 1 for update skip locked`,
        [queue, now()],
      );
      const row = rows[0];
      if (!row) return false;
      const job: JobRow = { id: Number(row.id), queue: row.queue, payload: row.payload, attempts: row.attempts, maxAttempts: row.max_attempts };
      try {
        await tx.query('savepoint job');
        await handler.run(tx, job, now());
        await tx.query('release savepoint job');
        await tx.query('update jobs set done_at = $2, attempts = attempts + 1, last_error = null where id = $1', [job.id, now()]);
      } catch (err) {
        // the handler's own writes are undone; the attempt and its reason are kept
        await tx.query('rollback to savepoint job');
        const attempts = job.attempts + 1;
        const message = err instanceof Error ? err.message : String(err);
        const give = (err instanceof JobError && !err.retry) || attempts >= job.maxAttempts;
        await tx.query(`update jobs set attempts = $2, last_error = $3, run_at = $4, failed_at = $5 where id = $1`, [
          job.id,
          attempts,
          message.slice(0, 500),
          new Date(now().getTime() + backoffSeconds(attempts) * 1000),
          give ? now() : null,
        ]);
        await handler.failed?.(tx, job, message, give);
      }
      return true;
    });
    if (!took) break;
  }
  return ran;
}

/**
 * Polls the given queues every `intervalMs` until stopped. Started by the server (main.ts), not by
 * tests: tests call `runDueJobs` themselves.
 */
export function startJobWorker(
  db: Db,
  queues: Record<string, JobHandler>,
  opts: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): () => Promise<void> {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    for (const [queue, handler] of Object.entries(queues)) {
      if (stopped) return;
      try {
        await runDueJobs(db, queue, handler);
      } catch (err) {
        opts.onError?.(err);
      }
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, opts.intervalMs ?? 5000);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
