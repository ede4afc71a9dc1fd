import { loadConfig } from './config.js';
import { openDatabase } from './open-database.js';
import { archiveYear } from './partitions.js';

const USAGE = 'usage: npm run db:archive-year -- <year>   (2019 archives the school year 2019-2020)';

/**
 * `npm run db:archive-year -- 2019`: detaches the school year's partitions of lessons, marks,
 * attendance, submissions and gate scans from DATABASE_URL (or the embedded database under
 * DATA_DIR), in one transaction, and says how to dump and drop them (decision 0027).
 */
async function main(): Promise<void> {
  const arg = process.argv.slice(2).find((a) => a !== '--');
  if (!arg || arg === '--help' || !/^\d{4}$/.test(arg)) {
    console.log(USAGE);
    process.exitCode = arg === '--help' ? 0 : 2;
    return;
  }
  const { db, close } = await openDatabase(loadConfig(), 2);
  try {
    const detached = await db.transaction((tx) => archiveYear(tx, Number(arg)));
    if (!detached.length) {
      console.log(`Nothing to archive: the school year ${arg}-${Number(arg) + 1} has no attached partitions.`);
      return;
    }
    console.log(`Detached ${detached.length} partitions of ${arg}-${Number(arg) + 1}: ${detached.join(', ')}`);
    console.log(`They are plain tables now. Dump them, then drop them when the archive is safe:`);
    console.log(`  pg_dump --format=custom ${detached.map((t) => `-t public.${t}`).join(' ')} "$DATABASE_URL" > sabaq-${arg}.dump`);
    console.log(`  psql "$DATABASE_URL" -c 'drop table ${detached.join(', ')}'`);
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
