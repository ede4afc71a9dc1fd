import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { runTimedStatusChanges } from './access.usecases.js';

const env = z.object({
  /** seconds between two looks for statuses due to change with time; 0: never (tests run the step themselves) */
  ACCESS_STATUS_JOB_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
});

/** The job's interval from the environment (ACCESS_STATUS_JOB_SECONDS, default 60 s; 0 turns it off). */
export function accessJobIntervalMs(source: NodeJS.ProcessEnv = process.env): number {
  const parsed = env.safeParse(source);
  if (!parsed.success) throw new Error('Invalid configuration: ACCESS_STATUS_JOB_SECONDS must be a whole number of seconds from 0 to 86400');
  return parsed.data.ACCESS_STATUS_JOB_SECONDS * 1000;
}

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
  const intervalMs = opts.intervalMs ?? accessJobIntervalMs();
  if (intervalMs === 0) return async () => {};
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
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
