import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDb } from '../../server/platform/db.js';
import { startEmbeddedPostgres } from '../../server/platform/embedded-db.js';
import { MIGRATIONS_DIR, migrate } from '../../server/platform/migrate.js';
import { moduleSeeders, type SeedSize } from '../../server/seed/module-seeders.js';
import { seed } from '../../server/seed/seed.js';
import { onCleanup } from './cleanup.js';
import { commandLine, isAlive, sleep } from './proc.js';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');
const SEED_DIR = path.join(SERVER_DIR, 'seed');
const MODULES_DIR = path.join(SERVER_DIR, 'modules');
export const BENCH_DATABASE = 'sabaq';

export interface BenchPostgres {
  /** connection string of a database on this server */
  url(database: string): string;
  /** the postmaster: its process tree is what the database costs in CPU */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the benchmark's own embedded PostgreSQL in `dir` (created on first use), registered for
 * cleanup. A postmaster an earlier, killed run left on this directory is stopped first.
 */
export async function startBenchPostgres(dir: string, port: number, log?: (line: string) => void): Promise<BenchPostgres> {
  await stopLeftover(dir);
  const server = await startEmbeddedPostgres({ dir, port, log });
  const pid = postmasterPid(dir);
  if (pid === null) throw new Error(`PostgreSQL started but ${dir}/postmaster.pid is missing`);
  const unregister = onCleanup('PostgreSQL', () => server.stop());
  return {
    url: server.url,
    pid,
    async stop() {
      unregister();
      await server.stop();
    },
  };
}

function postmasterPid(dir: string): number | null {
  const file = path.join(dir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** case: a run killed with SIGKILL leaves its postmaster running and the next start would fail on the lock file */
async function stopLeftover(dir: string): Promise<void> {
  const pid = postmasterPid(dir);
  if (pid === null || !isAlive(pid)) return;
  const cmd = commandLine(pid) ?? '';
  if (!cmd.includes('postgres') || !cmd.includes(path.resolve(dir))) return; // a reused pid: not ours
  console.log(`Stopping a PostgreSQL an earlier bench run left running on ${dir} (pid ${pid})…`);
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) throw new Error(`PostgreSQL pid ${pid} on ${dir} did not stop; stop it and run again`);
}

/** What the loaded dataset was made from; a change in any part means the data must be generated again. */
export interface DatasetStamp {
  size: SeedSize;
  migrations: string;
  seedSources: string;
  moduleSeeders: string[];
  seededAt?: string;
  seedSeconds?: number;
}

function hashFiles(files: string[]): string {
  const h = createHash('sha256');
  // names relative to the checkout, so a moved checkout keeps its dataset
  const repo = path.dirname(SERVER_DIR);
  for (const file of [...files].sort()) h.update(path.relative(repo, file)).update('\0').update(readFileSync(file)).update('\0');
  return h.digest('hex').slice(0, 16);
}

const filesIn = (dir: string, keep: (name: string) => boolean) =>
  readdirSync(dir)
    .filter(keep)
    .map((n) => path.join(dir, n));

/** The generator: server/seed/*.ts and every module's seeder (by convention server/modules/<m>/<m>.seed.ts). */
function seedSourceFiles(): string[] {
  const modules = readdirSync(MODULES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => filesIn(path.join(MODULES_DIR, d.name), (n) => n.endsWith('.seed.ts')));
  return [...filesIn(SEED_DIR, (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')), ...modules];
}

export function currentStamp(size: SeedSize): DatasetStamp {
  return {
    size,
    migrations: hashFiles(filesIn(MIGRATIONS_DIR, (n) => n.endsWith('.sql'))),
    seedSources: hashFiles(seedSourceFiles()),
    moduleSeeders: moduleSeeders.map((m) => m.name),
  };
}

/** Why the stored stamp no longer describes what the seed would load now; null when it still does. */
function staleReason(stored: DatasetStamp | null, now: DatasetStamp): string | null {
  if (!stored) return 'no complete dataset loaded yet';
  if (stored.size !== now.size) return `the loaded dataset is '${stored.size}'`;
  if (stored.migrations !== now.migrations) return 'migrations changed since it was loaded';
  if (stored.seedSources !== now.seedSources) return 'the seed generator (server/seed, server/modules/*/*.seed.ts) changed since it was loaded';
  if (stored.moduleSeeders.join() !== now.moduleSeeders.join()) {
    return `module seeders changed: [${stored.moduleSeeders.join(', ')}] → [${now.moduleSeeders.join(', ')}]`;
  }
  return null;
}

async function readStamp(adminUrl: string): Promise<DatasetStamp | null> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [BENCH_DATABASE],
    );
    const comment = rows[0]?.comment;
    if (!comment) return null;
    try {
      return JSON.parse(comment) as DatasetStamp;
    } catch {
      return null;
    }
  } finally {
    await client.end();
  }
}

/**
 * Makes sure database `sabaq` holds the dataset of `size` generated by today's code. The stamp is
 * written as the database's comment only after seeding, VACUUM and ANALYZE succeed, so a run
 * interrupted half-way is detected and redone. Returns how long seeding took (0 when reused).
 */
export async function ensureDataset(
  server: BenchPostgres,
  size: SeedSize,
  opts: { reseed: boolean; migrateOnly?: boolean },
): Promise<{ seeded: boolean; stamp: DatasetStamp }> {
  const adminUrl = server.url('postgres');
  const now = currentStamp(size);
  const stored = await readStamp(adminUrl);
  const why = opts.reseed ? '--reseed given' : staleReason(stored, now);
  if (!why) return { seeded: false, stamp: stored! };
  if (opts.migrateOnly && stored && stored.size === size) {
    // --migrate-dataset: the rows stay (a seed of the region takes minutes, of the country hours);
    // only the new migrations are applied. Rows the newer generator would add are not there.
    const db = createDb(server.url(BENCH_DATABASE), 2);
    try {
      const applied = await migrate(db);
      await db.query('analyze');
      console.log(
        `Kept the '${size}' dataset of ${stored.seededAt} (${why}); applied ${applied.length ? applied.join(', ') : 'no migration'} (--migrate-dataset).`,
      );
    } finally {
      await db.close();
    }
    return { seeded: false, stamp: stored };
  }

  console.log(`Generating the '${size}' dataset (${why}); only this run pays for it…`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(BENCH_DATABASE)} with (force)`);
    await admin.query(`create database ${pg.escapeIdentifier(BENCH_DATABASE)}`);
  } finally {
    await admin.end();
  }
  const started = performance.now();
  const db = createDb(server.url(BENCH_DATABASE), 4);
  let seedSeconds: number;
  try {
    await migrate(db);
    const summary = await seed({ db, size });
    const vacuumStarted = performance.now();
    // module seeders write after seed()'s own ANALYZE; the planner and index-only scans need fresh stats
    // and visibility maps, as a database that has been running a while would have
    await db.query('vacuum (analyze)');
    await db.query('checkpoint');
    seedSeconds = (performance.now() - started) / 1000;
    console.log(
      `Dataset ready: ${summary.totalRows.toLocaleString('en-US')} foundation rows; seed ${summary.seconds.toFixed(1)} s, ` +
        `vacuum+analyze ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s, total ${seedSeconds.toFixed(1)} s.`,
    );
  } finally {
    await db.close();
  }
  const stamp: DatasetStamp = { ...now, seededAt: new Date().toISOString(), seedSeconds: Math.round(seedSeconds) };
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`comment on database ${pg.escapeIdentifier(BENCH_DATABASE)} is ${pg.escapeLiteral(JSON.stringify(stamp))}`);
  } finally {
    await client.end();
  }
  return { seeded: true, stamp };
}

async function onDatabase(adminUrl: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

const DB = pg.escapeIdentifier(BENCH_DATABASE);

/**
 * Per-database settings back to none: a run stopped while --explain had switched auto_explain on
 * must not slow every later run down.
 */
export function resetDatabaseSettings(server: BenchPostgres): Promise<void> {
  return onDatabase(server.url('postgres'), [`alter database ${DB} reset all`]);
}

/** Every statement of every new session is logged with its plan, actual rows, timing and buffers. */
export function enableAutoExplain(server: BenchPostgres): Promise<void> {
  return onDatabase(server.url('postgres'), [
    `alter database ${DB} set session_preload_libraries = 'auto_explain'`,
    `alter database ${DB} set auto_explain.log_min_duration = 0`,
    `alter database ${DB} set auto_explain.log_analyze = on`,
    `alter database ${DB} set auto_explain.log_buffers = on`,
    `alter database ${DB} set auto_explain.log_timing = on`,
    `alter database ${DB} set auto_explain.log_verbose = off`,
  ]);
}
