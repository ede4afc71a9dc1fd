import path from 'node:path';
import type { Config } from './config.js';
import { createDb, type Db, type DbLimits } from './db.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-db.js';
import { ensureDatabase } from './ensure-database.js';
import { adaptToPooler, findPooler } from './pooler.js';
import { createReplicaRouter, type ReplicaRouter } from './replica.js';

export interface OpenDatabase {
  db: Db;
  /** set when Sabaq started its own PostgreSQL (no DATABASE_URL) */
  embedded?: EmbeddedServer;
  /** set when DATABASE_READ_URL is given */
  replica?: ReplicaRouter;
  /** closes the pool, then stops the embedded server if there is one */
  close(): Promise<void>;
}

/** The database Sabaq runs on: DATABASE_URL, or else the embedded PostgreSQL under DATA_DIR/pg. */
export async function openDatabase(
  config: Config,
  poolSize = config.DB_POOL_SIZE,
  limits: DbLimits = {},
  log: (line: string) => void = console.log,
): Promise<OpenDatabase> {
  let embedded: EmbeddedServer | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    const dir = path.join(config.DATA_DIR, 'pg');
    log(`Starting the embedded PostgreSQL in ${dir} (port ${config.EMBEDDED_PG_PORT})…`);
    // supervised: an orphan of an earlier run (kill -9) is stopped first; a crash is restarted
    embedded = await startEmbeddedPostgres({ dir, port: config.EMBEDDED_PG_PORT, supervise: true, notice: log });
    await ensureDatabase(embedded.url('postgres'), 'sabaq');
    url = embedded.url('sabaq');
  }
  // what stands in front (direct, PgBouncer by session or by transaction) is found by asking, then adapted to
  const pooler = embedded ? 'direct' : await findPooler(url);
  const db = createDb(url, poolSize, { ...limits, viaPooler: pooler !== 'direct' });
  await adaptToPooler(db, pooler, limits.statementTimeoutMs ?? 0, log, config.DB_PREPARED_STATEMENTS);
  // the one LISTEN connection per process (decision 0026) must reach PostgreSQL itself
  db.listenUrl = config.DATABASE_LISTEN_URL ?? (pooler === 'transaction' ? null : url);
  if (db.listenUrl === null) {
    log(
      'Caches: DATABASE_URL goes through a transaction-mode pooler and DATABASE_LISTEN_URL is not set: no LISTEN, so the session cache is off; the class-day cache stays on (checked against class versions on every request).',
    );
  }
  let replica: ReplicaRouter | undefined;
  if (config.DATABASE_READ_URL) {
    replica = createReplicaRouter(db, config.DATABASE_READ_URL, { poolSize: Math.max(2, Math.ceil(poolSize / 2)), checkMs: config.READ_REPLICA_CHECK_MS, log });
    db.read = replica.read;
    await replica.check();
  }
  return {
    db,
    embedded,
    replica,
    async close() {
      await replica?.close();
      await db.close().catch(() => {});
      await embedded?.stop();
    },
  };
}
