import path from 'node:path';
import { loadConfig } from './platform/config.js';
import { createDb, type Db } from './platform/db.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './platform/embedded-db.js';
import { ensureDatabase } from './platform/ensure-database.js';
import { migrate } from './platform/migrate.js';
import { buildApp } from './app.js';
import { seedIfEmpty } from './seed/seed-if-empty.js';
import { pinDemoCalendar } from './seed/demo-clock.js';

/** Starts Sabaq: database (embedded unless DATABASE_URL), migrations, demo data on an empty embedded db, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig();
  let embedded: EmbeddedServer | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const dir = path.join(config.DATA_DIR, 'pg');
    console.log(`Starting the embedded PostgreSQL in ${dir} (port ${config.EMBEDDED_PG_PORT})…`);
    embedded = await startEmbeddedPostgres({ dir, port: config.EMBEDDED_PG_PORT });
    await ensureDatabase(embedded.url('postgres'), 'sabaq');
    url = embedded.url('sabaq');
  }
  const db: Db = createDb(url, config.DB_POOL_SIZE);
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
      await db.close();
      await embedded?.stop();
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
