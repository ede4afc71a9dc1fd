import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SeedSize } from '../server/seed/module-seeders.js';
import { createDb } from '../server/platform/db.js';
import { recomputeAllStatuses, runTimedStatusChanges } from '../server/modules/access/access.usecases.js';
import { BENCH_DATABASE, ensureDataset, resetDatabaseSettings, startBenchPostgres } from './lib/bench-db.js';
import { freePort, loadAverage, processTreeCpuMs } from './lib/proc.js';
import { REPO_ROOT } from './lib/server-child.js';

/**
 * access-status (issue 11, decision 0036): campus access statuses at the `region` dataset's scale
 * (its universities' students and staff with the health records the seed shapes). (1) Recompute
 * every status on the first school morning (2021-09-01 10:00 +06) under the rules in force, in
 * transactions of `--chunk` people, as a rule publication does: time, people per second, CPU of this
 * process and of PostgreSQL, peak memory. (2) Four days later, the time-driven job: the PCRs that ran
 * out and the second doses that became full, recomputed and notified once: time and how many.
 * Own embedded PostgreSQL (generated once and reused). The statuses it stores are the bench's own.
 */
const USAGE = `npm run bench -- access-status [options]
  --size <size>   region (default) | demo | country
  --chunk <n>     people per transaction (default 2000)
  --reseed        generate the dataset again even if the loaded one is current
env: BENCH_DIR (default ./data/bench), BENCH_PG_PORT (default: a free port)`;

export async function run(argv: string[] = []): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      size: { type: 'string', default: 'region' },
      chunk: { type: 'string', default: '2000' },
      reseed: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const size = values.size as SeedSize;
  if (!['demo', 'region', 'country'].includes(size)) throw new Error('--size must be demo, region or country');
  const chunk = Number(values.chunk);
  if (!Number.isInteger(chunk) || chunk < 1) throw new Error('--chunk must be a positive integer');

  const benchDir = path.resolve(REPO_ROOT, process.env.BENCH_DIR ?? 'data/bench');
  const pgDir = path.join(benchDir, size === 'region' ? 'pg' : `pg-${size}`);
  mkdirSync(benchDir, { recursive: true });
  const pgPort = process.env.BENCH_PG_PORT ? Number(process.env.BENCH_PG_PORT) : await freePort();
  console.log(`access-status: ${os.cpus().length} CPUs, Node ${process.version}, load average ${loadAverage()}`);
  const pgServer = await startBenchPostgres(pgDir, pgPort);
  const dataset = await ensureDataset(pgServer, size, { reseed: values.reseed });
  console.log(
    dataset.seeded ? `Dataset '${size}' generated in ${dataset.stamp.seedSeconds} s.` : `Reusing the '${size}' dataset generated ${dataset.stamp.seededAt}.`,
  );
  await resetDatabaseSettings(pgServer);
  const db = createDb(pgServer.url(BENCH_DATABASE), 4);
  try {
    const facts = (
      await db.query<{ universities: string; records: string; batches: string }>(
        `select (select count(*) from organisations where kind = 'university') as universities,
                (select count(*) from access_health_records) as records,
                (select count(*) from access_import_batches) as batches`,
      )
    ).rows[0]!;
    console.log(`  ${facts.universities} universities, ${Number(facts.records).toLocaleString('en')} health records in ${facts.batches} import batches`);

    const morning = new Date('2021-09-01T10:00:00+06:00');
    const measure = async <T>(fn: () => Promise<T>) => {
      const cpu = process.cpuUsage();
      const pgCpu = processTreeCpuMs(pgServer.pid);
      const t = performance.now();
      const out = await fn();
      const ms = performance.now() - t;
      const c = process.cpuUsage(cpu);
      return { out, ms, nodeCpuMs: (c.user + c.system) / 1000, pgCpuMs: processTreeCpuMs(pgServer.pid) - pgCpu };
    };
    const all = await measure(() => recomputeAllStatuses(db, morning, { chunk }));
    const counts = (
      await db.query<{ status: string; n: string; timed: string }>(
        'select status, count(*) as n, count(next_change_at) as timed from access_statuses group by status order by status',
      )
    ).rows;
    console.log(
      `  recompute every status (${all.out.people.toLocaleString('en')} people, ${chunk} per transaction): ${(all.ms / 1000).toFixed(2)} s ` +
        `(${Math.round(all.out.people / (all.ms / 1000)).toLocaleString('en')} people/s); CPU: this process ${(all.nodeCpuMs / 1000).toFixed(2)} s ` +
        `(${((1000 * all.nodeCpuMs) / Math.max(1, all.out.people)).toFixed(0)} µs per person), PostgreSQL ${(all.pgCpuMs / 1000).toFixed(2)} s; ` +
        `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    console.log(
      `  statuses: ${counts.map((c) => `${c.status} ${Number(c.n).toLocaleString('en')} (${Number(c.timed).toLocaleString('en')} change with time)`).join(', ')}`,
    );

    const later = new Date(morning.getTime() + 4 * 86_400_000);
    const job = await measure(() => runTimedStatusChanges(db, later));
    console.log(
      `  four days later, the time-driven job: ${job.out.checked.toLocaleString('en')} people due, ${job.out.changed.toLocaleString('en')} changed and notified, ` +
        `${(job.ms / 1000).toFixed(2)} s; CPU: this process ${(job.nodeCpuMs / 1000).toFixed(2)} s, PostgreSQL ${(job.pgCpuMs / 1000).toFixed(2)} s; ` +
        `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
    );
    const again = await measure(() => runTimedStatusChanges(db, later));
    console.log(`  the job again at the same instant: ${again.out.checked} due, ${again.out.changed} changed, ${again.ms.toFixed(0)} ms`);
  } finally {
    await db.close();
    await pgServer.stop();
  }
}
