import type pg from 'pg';
import type { Db } from '../platform/db.js';
import { hashPassword } from '../modules/identity/passwords.js';
import { dropSecondaryStructures } from './bulk-load.js';
import { SeedContext } from './context.js';
import { writeDemo } from './demo.js';
import { DEMO_PASSWORD } from './demo-facts.js';
import { Geography, writeFixedRows } from './foundation.js';
import { moduleSeeders, type SeedSize } from './module-seeders.js';
import { IDENTITY_TABLES, RowWriter, TABLES, type Table, type TableStats } from './writer.js';

export interface SeedSummary {
  size: SeedSize;
  /** rows written per table by the foundation dataset */
  rows: Record<Table, number>;
  totalRows: number;
  /** wall-clock seconds, foundation and module seeders */
  seconds: number;
  /** wall-clock seconds of the foundation dataset alone */
  foundationSeconds: number;
}

// Rows buffered before a COPY batch: large enough that per-statement costs vanish, small enough
// for memory (a batch of persons is ~15 MB of text).
const BATCH_ROWS = { demo: 1_000_000, region: 100_000, country: 200_000 } as const;

/**
 * Loads the deterministic demo dataset of the given size into an empty database (the schema must
 * be migrated), then every module's seeder in order. The same size always gives the same rows.
 */
export async function seed(opts: {
  db: Db;
  size: SeedSize;
  quiet?: boolean /** region/country only: a fraction of the real size (tests) */;
  scale?: number;
}): Promise<SeedSummary> {
  const { db, size } = opts;
  const log = opts.quiet ? () => {} : (line: string) => console.log(line);
  const started = performance.now();
  const stats = await seedFoundation(opts);
  const foundationSeconds = (performance.now() - started) / 1000;
  for (const m of moduleSeeders) {
    const t = performance.now();
    await m.run({ db, size, quiet: opts.quiet });
    log(`  module ${m.name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const rows = Object.fromEntries(TABLES.map((t) => [t, stats[t].rows])) as Record<Table, number>;
  const seconds = (performance.now() - started) / 1000;
  log(`Seeded '${size}' in ${seconds.toFixed(1)} s.`);
  return { size, rows, totalRows: Object.values(rows).reduce((a, b) => a + b, 0), seconds, foundationSeconds };
}

/**
 * The foundation dataset alone (organisation tree, people, accounts, roles, classes, rooms,
 * subjects, teaching assignments), in one transaction, then ANALYZE. `seed` runs it first.
 */
export async function seedFoundation(opts: { db: Db; size: SeedSize; quiet?: boolean; scale?: number }): Promise<Record<Table, TableStats>> {
  const { db, size } = opts;
  const log = opts.quiet ? () => {} : (line: string) => console.log(line);
  const started = performance.now();
  // One argon2id hash shared by every seeded account: hashing millions of passwords is not the point of demo data.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const client = await db.pool.connect();
  let stats: Record<Table, TableStats>;
  try {
    await client.query('begin');
    await assertEmpty(client);
    // the demo loads in well under a second with every check in place; the large sizes load bare tables
    const rebuild = size === 'demo' ? null : await dropSecondaryStructures(client, TABLES);
    if (size !== 'demo') await client.query(`set local maintenance_work_mem = '512MB'`);
    let lastPrint = performance.now();
    const w = new RowWriter(client, {
      batchRows: BATCH_ROWS[size],
      onBatch: (s) => {
        if (performance.now() - lastPrint < 2000) return;
        lastPrint = performance.now();
        log(progressLine(s, (lastPrint - started) / 1000));
      },
    });
    const ctx = new SeedContext(w, passwordHash);
    const geo = new Geography(ctx);
    geo.writeRegions();
    writeFixedRows(ctx);
    writeDemo(ctx, geo);
    await w.checkpoint();
    if (size !== 'demo') {
      const { writeBulk } = await import('./bulk.js');
      await writeBulk(ctx, geo, size, log, opts.scale ?? 1);
    }
    await w.finish();
    stats = w.stats;
    if (rebuild) {
      log('  rebuilding indexes and checking foreign keys…');
      const t = performance.now();
      const steps = await rebuild();
      for (const s of steps.filter((x) => x.ms > 500)) log(`    ${s.step}: ${(s.ms / 1000).toFixed(1)} s`);
      log(`  indexes and constraints: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    await resetIdentities(client);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  const analyzeStarted = performance.now();
  await db.query('analyze');
  if (size !== 'demo') log(`  analyze: ${((performance.now() - analyzeStarted) / 1000).toFixed(1)} s`);

  if (!opts.quiet) {
    log(summaryTable(stats));
    const people = await db.query<{ role: string; n: number }>('select role, count(distinct person_id) as n from role_assignments group by role order by role');
    log(`  people by role: ${people.rows.map((r) => `${r.role} ${fmt(r.n)}`).join(', ')}`);
    log(`  foundation: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return stats;
}

async function assertEmpty(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ used: boolean }>(
    'select exists(select 1 from organisations) or exists(select 1 from persons) or exists(select 1 from regions) as used',
  );
  if (rows[0]!.used) throw new Error('The database already holds data: the seed only loads into an empty database (npm run seed -- --reset empties it)');
}

/** Ids were assigned by the generator: move each identity past the largest id so later inserts work. */
async function resetIdentities(client: pg.ClientBase): Promise<void> {
  for (const t of IDENTITY_TABLES) {
    await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
  }
}

function progressLine(s: Record<Table, TableStats>, elapsed: number): string {
  const shown: Table[] = ['persons', 'accounts', 'role_assignments', 'parent_links', 'class_members', 'teaching_assignments'];
  const total = TABLES.reduce((n, t) => n + s[t].rows, 0);
  return (
    `  ${elapsed.toFixed(0).padStart(4)} s  ${fmt(total)} rows (${fmt(Math.round(total / elapsed))} rows/s) · ` +
    shown.map((t) => `${t} ${fmt(s[t].rows)}`).join(' · ')
  );
}

function summaryTable(s: Record<Table, TableStats>): string {
  const lines = ['  table                      rows   COPY s    rows/s'];
  for (const t of TABLES) {
    const { rows, copyMs } = s[t];
    const rate = copyMs > 0 ? Math.round(rows / (copyMs / 1000)) : 0;
    lines.push(`  ${t.padEnd(22)} ${fmt(rows).padStart(10)} ${(copyMs / 1000).toFixed(1).padStart(8)} ${fmt(rate).padStart(9)}`);
  }
  return lines.join('\n');
}

export function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
