import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { SeedSize } from '../server/seed/module-seeders.js';
import { createDb } from '../server/platform/db.js';
import { markAllDirty, refreshRollups } from '../server/modules/analytics/analytics.refresh.js';
import { BENCH_DATABASE, ensureDataset, resetDatabaseSettings, startBenchPostgres } from './lib/bench-db.js';
import { runLoad, type LoadResult, type RequestKind } from './lib/load.js';
import { freePort, loadAverage, processCpuMs, processTreeCpuMs } from './lib/proc.js';
import { REPO_ROOT, startServer, type ServerChild } from './lib/server-child.js';
import { signIn } from './lib/sign-in.js';

/**
 * Analytics (issue 12, "Fast at country scale"): (1) a rollup refresh after a school day of marks and
 * attendance (every class day of the busiest day marked dirty, as the triggers would), and a full
 * rebuild; (2) officers' dashboards over HTTP: the region officer's overview of their region and the
 * ministry's of the country, 16 concurrent officers, p99 and CPU per request; also the training
 * coverage of the same areas (it reads the rollups through the overview). Own embedded PostgreSQL
 * with the `region` dataset by default (generated once and reused).
 */

const USAGE = `npm run bench -- analytics [options]
  --duration <s>      measured seconds per scenario (default 15)
  --warmup <s>        unmeasured seconds before each (default 3)
  --connections <n>   concurrent officers (default 16)
  --size <size>       region (default) | demo | country
  --reseed            generate the dataset again even if the loaded one is current
  --migrate-dataset   keep a loaded dataset that is stale and only apply the new migrations
env: BENCH_DIR (default ./data/bench), BENCH_PG_PORT (default: a free port)`;

const TARGET = { p99: 200, refreshSeconds: 60 };
const PASSWORD = 'sabaq-demo';

const num = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Peak resident memory of a process (VmHWM), MB; null when it is gone. */
function peakMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

interface RefreshFigure {
  what: string;
  classDays: number;
  organisations: number;
  seconds: number;
  clientCpuMs: number;
  dbCpuMs: number;
  peakRssMb: number;
}

async function measureRefresh(
  url: string,
  dbPid: number,
  today: string,
  what: string,
  mark: (db: ReturnType<typeof createDb>) => Promise<void>,
): Promise<RefreshFigure> {
  const db = createDb(url, 4);
  try {
    await mark(db);
    const cpu0 = process.cpuUsage();
    const db0 = processTreeCpuMs(dbPid);
    const t0 = performance.now();
    const r = await refreshRollups(db, today);
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      what,
      classDays: r.classDays,
      organisations: r.organisations,
      seconds,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      dbCpuMs: processTreeCpuMs(dbPid) - db0,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await db.close();
  }
}

export async function run(argv: string[] = []): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: process.env.BENCH_DURATION ?? '15' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '16' },
      size: { type: 'string', default: 'region' },
      reseed: { type: 'boolean', default: false },
      'migrate-dataset': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const duration = Number(values.duration);
  const warmup = Number(values.warmup);
  const connections = Number(values.connections);
  if (![duration, warmup, connections].every((n) => Number.isFinite(n) && n >= 0) || connections < 1)
    throw new Error('--duration, --warmup, --connections must be numbers');
  const size = values.size as SeedSize;
  if (!['demo', 'region', 'country'].includes(size)) throw new Error('--size must be demo, region or country');

  const benchDir = path.resolve(REPO_ROOT, process.env.BENCH_DIR ?? 'data/bench');
  const pgDir = path.join(benchDir, size === 'region' ? 'pg' : `pg-${size}`);
  mkdirSync(benchDir, { recursive: true });
  const pgPort = process.env.BENCH_PG_PORT ? Number(process.env.BENCH_PG_PORT) : await freePort();
  console.log(`analytics: ${os.cpus().length} CPUs, Node ${process.version}, load average ${loadAverage()}`);

  let server: ServerChild | undefined;
  const pgServer = await startBenchPostgres(pgDir, pgPort);
  try {
    const dataset = await ensureDataset(pgServer, size, { reseed: values.reseed, migrateOnly: values['migrate-dataset'] });
    console.log(
      dataset.seeded ? `Dataset '${size}' generated in ${dataset.stamp.seedSeconds} s.` : `Reusing the '${size}' dataset generated ${dataset.stamp.seededAt}.`,
    );
    await resetDatabaseSettings(pgServer);
    const url = pgServer.url(BENCH_DATABASE);

    // the school day with the most lessons, marks and attendance: "a day of marks and attendance". The
    // large datasets keep attendance for the demo organisations only, their bulk week has lessons and
    // marks: counted by class days (what the refresh recomputes), the bulk week's busiest day wins
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const facts = await client.query<{ day: string; pupils: string; region: number; attendance: string; marks: string }>(`
      with d as (select on_date, count(*) as n from (select class_id, on_date from lessons union select class_id, on_date from marks
                   union select class_id, on_date from attendance) k group by 1 order by 2 desc, 1 limit 1)
      select to_char(d.on_date, 'YYYY-MM-DD') as day, (select count(*) from role_assignments where role = 'pupil') as pupils,
        (select o.region_id from accounts a join role_assignments r on r.person_id = a.person_id join organisations o on o.id = r.organisation_id
          where a.login = 'demo.teacher' limit 1) as region,
        (select count(*) from attendance a where a.on_date = d.on_date) as attendance, (select count(*) from marks m where m.on_date = d.on_date) as marks from d`);
    await client.end();
    const f = facts.rows[0];
    if (!f) throw new Error('no attendance in the dataset: nothing to roll up');
    const today = f.day;
    console.log(
      `Busiest school day ${today}: ${num(Number(f.attendance))} attendance records, ${num(Number(f.marks))} marks; ${num(Number(f.pupils))} pupil roles in the dataset`,
    );

    // (1) refreshes, in this process (the interval job's work), with PostgreSQL's CPU counted
    const day = await measureRefresh(url, pgServer.pid, today, 'one school day dirty (as after a day of writes)', async (db) => {
      await db.query(
        `insert into analytics_dirty_days select distinct class_id, on_date from attendance where on_date = $1
        union select distinct class_id, on_date from marks where on_date = $1 union select class_id, on_date from lessons where on_date = $1
        on conflict do nothing`,
        [today],
      );
      await db.query('insert into analytics_dirty_orgs select id from organisations on conflict do nothing');
    });
    const full = await measureRefresh(url, pgServer.pid, today, 'everything dirty (full rebuild)', (db) => markAllDirty(db));
    for (const r of [day, full]) {
      console.log(
        `Refresh, ${r.what}: ${num(r.classDays)} class days + ${num(r.organisations)} organisations in ${num(r.seconds, 2)} s; ` +
          `CPU ${num(r.clientCpuMs)} ms Node + ${num(r.dbCpuMs)} ms PostgreSQL; peak RSS of the refreshing process ${num(r.peakRssMb)} MB`,
      );
    }

    // (2) officers over HTTP
    server = await startServer({ databaseUrl: url, dataDir: benchDir, env: { LEARNING_TODAY: `${today}T10:00:00+06:00`, ANALYTICS_REFRESH_SECONDS: '0' } });
    const half = Math.max(1, Math.floor(connections / 2));
    const logins = [...Array.from({ length: half }, () => 'demo.ministry'), ...Array.from({ length: connections - half }, () => 'demo.region')];
    const signed = await signIn({
      baseUrl: server.baseUrl,
      logins,
      password: PASSWORD,
      concurrency: 4,
      serverPid: server.pid,
      dbPid: pgServer.pid,
      timeoutSeconds: 180,
    });
    const ministry = signed.cookies.slice(0, half).filter((c): c is string => !!c);
    const region = signed.cookies.slice(half).filter((c): c is string => !!c);
    if (!ministry.length || !region.length) throw new Error(`sign-in failed: ${signed.firstFailure}`);
    let m = 0;
    let r = 0;
    const week = `from=${new Date(Date.parse(today) - 6 * 86_400_000).toISOString().slice(0, 10)}&to=${today}`;
    const kind = (name: string, p: (cookie: string) => string, cookies: string[], counter: () => number): RequestKind => ({
      kind: name,
      weight: 1,
      next: () => ({ method: 'GET', path: p(cookies[0]!), cookie: cookies[counter() % cookies.length]! }),
    });
    const scenarios: { name: string; kinds: RequestKind[] }[] = [
      {
        name: 'overview',
        kinds: [
          kind(
            'country (ministry)',
            () => `/api/analytics/overview?area=country&${week}`,
            ministry,
            () => m++,
          ),
          kind(
            'region (region officer)',
            () => `/api/analytics/overview?area=region:${f.region}&${week}`,
            region,
            () => r++,
          ),
        ],
      },
      {
        name: 'training coverage',
        kinds: [
          kind(
            'coverage country',
            () => `/api/training/coverage?area=country&${week}`,
            ministry,
            () => m++,
          ),
          kind(
            'coverage region',
            () => `/api/training/coverage?area=region:${f.region}&${week}`,
            region,
            () => r++,
          ),
        ],
      },
    ];
    const results: (LoadResult & { serverPeakMb: number | null })[] = [];
    for (const s of scenarios) {
      console.log(`→ ${s.name}: ${connections} officers, ${warmup} s warm-up + ${duration} s`);
      const res = await runLoad({
        name: s.name,
        baseUrl: server.baseUrl,
        kinds: s.kinds,
        connections,
        seconds: duration,
        warmupSeconds: warmup,
        serverPid: server.pid,
        dbPid: pgServer.pid,
      });
      const peak = peakMb(server.pid);
      results.push({ ...res, serverPeakMb: peak });
      console.log(
        `  ${num(res.rps, 1)} req/s, p50 ${num(res.p50, 1)} ms, p99 ${num(res.p99, 1)} ms, non-2xx ${res.non2xx}; CPU per request: ` +
          `server ${num(res.serverCpuMs, 2)} ms, PostgreSQL ${num(res.dbCpuMs, 2)} ms; server peak RSS ${peak === null ? '?' : num(peak)} MB`,
      );
      for (const k of res.kinds)
        console.log(
          `    ${k.kind.padEnd(26)} ${num(k.requests)} requests, p50 ${num(k.p50, 1)} ms, p99 ${num(k.p99, 1)} ms, ${k.queriesPerRequest === null ? '?' : num(k.queriesPerRequest, 1)} queries`,
        );
    }
    const overview = results[0]!;
    console.log(
      `\nTargets (issue 12): dashboards p99 < ${TARGET.p99} ms with ${connections} officers → ${num(overview.p99, 1)} ms on '${size}': ${overview.p99 < TARGET.p99 ? 'met' : 'NOT met'}` +
        ` (load generator, server and PostgreSQL share ${os.cpus().length} cores); refresh after a day < ${TARGET.refreshSeconds} s → ${num(day.seconds, 2)} s on '${size}'` +
        `${size === 'country' ? '' : ' (the target is for the country dataset: not measured here)'}`,
    );
    const out = path.join(benchDir, 'results');
    mkdirSync(out, { recursive: true });
    const file = path.join(out, 'analytics-latest.json');
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          cpus: os.cpus().length,
          node: process.version,
          size,
          today,
          connections,
          duration,
          warmup,
          refresh: [day, full],
          http: results,
          benchProcessCpuMs: processCpuMs(process.pid),
        },
        null,
        2,
      ),
    );
    console.log(`Figures saved to ${path.relative(REPO_ROOT, file)}`);
  } finally {
    await server?.stop();
    await pgServer.stop();
  }
}
