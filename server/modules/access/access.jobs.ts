import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { runTimedStatusChanges } from './access.usecases.js';

/**
 * The interval job that notices status changes made by time alone (decision 0036): a negative PCR
 * running out, a vaccination becoming full, a recovery or an exemption ending. Every process runs
 * it; the due rows are shared out by `FOR UPDATE SKIP LOCKED` (access.usecases.ts), so N processes
 * never notify one change twice. One step at a time per process. Returns the function that stops it.
 */
export function startAccessStatusJob(
  db: Db,
  log: FastifyBaseLogger,
  opts: { intervalMs?: number; clock?: Clock /** people per transaction */; batch?: number } = {},
): () => Promise<void> {
  const clock = opts.clock ?? (() => new Date());
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runTimedStatusChanges(db, clock(), { limit: opts.batch })
      .then((r) => {
        if (r.checked) log.info({ accessStatusJob: r }, 'access statuses changed with time');
      })
      .catch((err: Error) => log.warn({ err: err.message }, 'access status job failed; retried at the next tick'))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, opts.intervalMs ?? 60_000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
