import { loadConfig } from './platform/config.js';
import { openDatabase } from './platform/open-database.js';
import { migrate } from './platform/migrate.js';
import { buildApp } from './app.js';
import { seedIfEmpty } from './seed/seed-if-empty.js';
import { pinDemoCalendar } from './seed/demo-clock.js';

/** Starts Sabaq: database (embedded unless DATABASE_URL), migrations, demo data on an empty embedded db, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  const { db, embedded, close } = await openDatabase(config);
  const applied = await migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
  if (embedded || process.env.SEED_DEMO === 'true') await seedIfEmpty(db);
  const demoDay = await pinDemoCalendar(db);
  if (demoDay) console.log(`Demo dataset: the school calendar shows ${demoDay} (LEARNING_TODAY=now for the real date).`);

  const app = await buildApp({ db, config });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: draining in-flight requests');
    try {
      await app.close(); // stops accepting, waits for in-flight requests
      await close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
