import path from 'node:path';
import type { Config } from './config.js';
import { createDb, type Db } from './db.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-db.js';
import { ensureDatabase } from './ensure-database.js';

export interface OpenDatabase {
  db: Db;
  /** set when Sabaq started its own PostgreSQL (no DATABASE_URL) */
  embedded?: EmbeddedServer;
  /** closes the pool, then stops the embedded server if there is one */
  close(): Promise<void>;
}

/** The database Sabaq runs on: DATABASE_URL, or else the embedded PostgreSQL under DATA_DIR/pg. */
export async function openDatabase(config: Config, poolSize = config.DB_POOL_SIZE): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const dir = path.join(config.DATA_DIR, 'pg');
    console.log(`Starting the embedded PostgreSQL in ${dir} (port ${config.EMBEDDED_PG_PORT})…`);
    embedded = await startEmbeddedPostgres({ dir, port: config.EMBEDDED_PG_PORT });
    await ensureDatabase(embedded.url('postgres'), 'sabaq');
    url = embedded.url('sabaq');
  }
  const db = createDb(url, poolSize);
  return {
    db,
    embedded,
    async close() {
      await db.close().catch(() => {});
      await embedded?.stop();
    },
  };
}
