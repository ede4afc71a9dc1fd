import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { SeedSize } from '../server/seed/module-seeders.js';
import { BENCH_DATABASE, ensureDataset, resetDatabaseSettings, startBenchPostgres } from './lib/bench-db.js';
import { runCleanups } from './lib/cleanup.js';
import { runLoad, type LoadResult } from './lib/load.js';
import { freePort, loadAverage } from './lib/proc.js';
import { REPO_ROOT, startServer, type ServerChild } from './lib/server-child.js';
import { signIn } from './lib/sign-in.js';
import { cpuCeiling, num, pickUsers, probe, requestKinds, type Parent, type Pupil } from './morning-peak.bench.js';

/**
 * A national school morning (issue 13): a wave of sign-ins, then Today, homework, marks and the
 * parents' summaries with 10 % submissions, the load rising step by step with admission control on
 * (decision 0009). Prints each step, the throughput at which p99 crosses 300 ms, the share of 503
 * beyond it, and checks that every acknowledged submission is in the database.
 */
const USAGE = `npm run bench -- national-morning [options]
  --step <s>           measured seconds per load step (default 15; --long: 120, 5 steps = 10 min)
  --long               the 10-minute run
  --steps <a,b,…>      connections of each step (default 16,64,256,1024)
  --pupils <n>         pupils signed in by the wave (default 600)
  --parents <n>        parents signed in by the wave (default 200)
  --processes <n>      the server's SABAQ_PROCESSES (default 1)
  --size <size>        region (default) | demo | country
  --migrate-dataset    keep a stale loaded dataset, only apply new migrations
env: BENCH_DIR (default ./data/bench), BENCH_PG_PORT`;

const P99_LIMIT_MS = 300;
const PASSWORD = 'sabaq-demo';

export async function run(argv: string[] = []): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      step: { type: 'string' },
      long: { type: 'boolean', default: false },
      steps: { type: 'string' },
      pupils: { type: 'string', default: '600' },
      parents: { type: 'string', default: '200' },
      processes: { type: 'string', default: '1' },
      size: { type: 'string', default: 'region' },
      'migrate-dataset': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const step = Number(values.step ?? (values.long ? 120 : 15));
  const steps = (values.steps ?? (values.long ? '16,64,256,512,1024' : '16,64,256,1024')).split(',').map(Number);
  if (!Number.isFinite(step) || step < 1 || step > 600) throw new Error('--step must be 1-600 seconds');
  if (steps.some((c) => !Number.isInteger(c) || c < 1 || c > 4000)) throw new Error('--steps: connections from 1 to 4000');
  const processes = Number(values.processes);
  const size = values.size as SeedSize;
  if (!['demo', 'region', 'country'].includes(size)) throw new Error('--size must be demo, region or country');

  const benchDir = path.resolve(REPO_ROOT, process.env.BENCH_DIR ?? 'data/bench');
  const pgDir = path.join(benchDir, size === 'region' ? 'pg' : `pg-${size}`);
  mkdirSync(benchDir, { recursive: true });
  const pgPort = process.env.BENCH_PG_PORT ? Number(process.env.BENCH_PG_PORT) : await freePort();
  console.log(
    `national-morning: ${os.cpus().length} CPUs, Node ${process.version}, load average ${loadAverage()}; ${steps.length} steps × ${step} s, ${processes} server process(es)`,
  );
  let server: ServerChild | undefined;
  try {
    const db = await startBenchPostgres(pgDir, pgPort, () => {});
    const dataset = await ensureDataset(db, size, { reseed: false, migrateOnly: values['migrate-dataset'] });
    console.log(`Dataset '${size}' of ${dataset.stamp.seededAt}`);
    await resetDatabaseSettings(db);
    const url = db.url(BENCH_DATABASE);
    const picked = await pickUsers(url, Number(values.pupils), Number(values.parents));
    const today = picked.today;
    server = await startServer({
      databaseUrl: url,
      dataDir: benchDir,
      // admission control on (its defaults): what is over capacity gets 503 + Retry-After at once
      env: { LEARNING_TODAY: today ? `${today}T08:30:00+06:00` : undefined, SABAQ_PROCESSES: String(processes) },
    });

    // 1. the wave of sign-ins (password hashing: the costliest request of the morning)
    const logins = [...picked.pupils.map((p) => p.iin), ...picked.parents.map((p) => p.iin)];
    const wave = await signIn({
      baseUrl: server.baseUrl,
      logins,
      password: PASSWORD,
      concurrency: 32,
      serverPid: server.pid,
      dbPid: db.pid,
      timeoutSeconds: 300,
    });
    console.log(
      `Sign-in wave: ${wave.cookies.filter(Boolean).length}/${logins.length} in ${wave.seconds.toFixed(1)} s = ${num(wave.perSecond, 1)}/s (32 in flight), ` +
        `p99 ${num(wave.p99)} ms, ${num(wave.serverCpuMs, 1)} ms server + ${num(wave.dbCpuMs, 1)} ms PG CPU each` +
        `${wave.failures ? `; ${wave.failures} refused (first: ${wave.firstFailure}), tried again 4 at a time as a client honouring Retry-After would` : ''}`,
    );
    const missing = logins.flatMap((_login, i) => (wave.cookies[i] ? [] : [i]));
    if (missing.length) {
      const again = await signIn({
        baseUrl: server.baseUrl,
        logins: missing.map((i) => logins[i]!),
        password: PASSWORD,
        concurrency: 4,
        serverPid: server.pid,
        dbPid: db.pid,
        timeoutSeconds: 300,
      });
      for (const [j, i] of missing.entries()) wave.cookies[i] = again.cookies[j] ?? null;
      console.log(`  second try: ${again.cookies.filter(Boolean).length}/${missing.length} signed in`);
    }
    const pupils: Pupil[] = picked.pupils.flatMap((p, i) => (wave.cookies[i] ? [{ ...p, cookie: wave.cookies[i]! }] : []));
    const parents: Parent[] = picked.parents.flatMap((p, i) =>
      wave.cookies[picked.pupils.length + i] ? [{ ...p, cookie: wave.cookies[picked.pupils.length + i]! }] : [],
    );
    if (!pupils.length || !parents.length) throw new Error('nobody could sign in');

    // 2. the morning: Today dominates; homework, marks, the parents; 10 % submissions
    const k = requestKinds(pupils, parents, today);
    const canSubmit = pupils.some((p) => p.homeworkId !== null) && (await probe(server.baseUrl, k.submit!.next())).ok;
    const mix = [
      { ...k['pupil-today']!, weight: 8 },
      { ...k['pupil-homework']!, weight: 2 },
      { ...k['pupil-marks']!, weight: 2 },
      { ...k['parent-today']!, weight: 2 },
      { ...k['parent-summary']!, weight: 4 },
      ...(canSubmit ? [{ ...k.submit!, weight: 2 }] : []),
    ].filter((x) => x.kind !== 'pupil-homework' || canSubmit);

    const count = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        return (await c.query<{ n: number }>('select count(*)::int as n from submission_attempts')).rows[0]!.n;
      } finally {
        await c.end();
      }
    };
    const before = await count();
    const results: LoadResult[] = [];
    for (const connections of steps) {
      const r = await runLoad({
        name: `${connections} conn`,
        baseUrl: server.baseUrl,
        kinds: mix,
        connections,
        seconds: step,
        warmupSeconds: 0,
        serverPid: server.pid,
        dbPid: db.pid,
      });
      const rejected = r.kinds.reduce((s, x) => s + (x.otherStatuses['503'] ?? 0), 0);
      console.log(
        `  ${String(connections).padStart(5)} connections: ${num(r.rps).padStart(6)} req/s, p50 ${num(r.p50, 1)} ms, p99 ${num(r.p99, 1)} ms, ` +
          `503 ${num((100 * rejected) / Math.max(1, r.requests), 1)} %, other errors ${r.errors}, ${num(r.serverCpuMs, 2)} + ${num(r.dbCpuMs, 2)} ms CPU/req ` +
          `(ceiling ${num(cpuCeiling(r, os.cpus().length, processes))} req/s)`,
      );
      results.push(r);
    }
    const after = await count();
    const submitted = results.reduce((s, r) => s + r.kinds.filter((x) => x.kind === 'submit').reduce((a, x) => a + x.requests - x.non2xx, 0), 0);
    const stored = after - before;

    // 3. where p99 crosses 300 ms
    const under = results.filter((r) => r.p99 <= P99_LIMIT_MS);
    const over = results.filter((r) => r.p99 > P99_LIMIT_MS);
    const best = under.sort((a, b) => b.rps - a.rps)[0];
    const share503 = (rs: LoadResult[]) => {
      const total = rs.reduce((s, r) => s + r.requests, 0);
      const rejected = rs.reduce((s, r) => s + r.kinds.reduce((a, x) => a + (x.otherStatuses['503'] ?? 0), 0), 0);
      return total ? (100 * rejected) / total : 0;
    };
    console.log(
      `\nThroughput with p99 ≤ ${P99_LIMIT_MS} ms: ${best ? `${num(best.rps)} req/s (${best.name})` : 'none of the steps'}; ` +
        `beyond it: ${over.length ? `${over.map((r) => `${r.name} ${num(r.rps)} req/s p99 ${num(r.p99)} ms`).join(', ')}; 503 share ${num(share503(over), 1)} %` : 'p99 stayed under the limit at every step'}`,
    );
    console.log(
      `Submissions: ${num(submitted)} acknowledged (2xx), ${num(stored)} attempts stored → ${stored >= submitted ? 'none lost' : `${submitted - stored} LOST`}`,
    );

    const out = path.join(benchDir, 'results');
    mkdirSync(out, { recursive: true });
    const file = path.join(out, `national-morning-${size}-p${processes}-latest.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          cpus: os.cpus().length,
          size,
          processes,
          step,
          steps,
          signIn: { ...wave, cookies: undefined },
          results,
          bestUnder300: best?.rps ?? null,
          share503Beyond: share503(over),
          submitted,
          stored,
        },
        null,
        2,
      ),
    );
    console.log(`Figures saved to ${path.relative(REPO_ROOT, file)}`);
    await server.stop();
    server = undefined;
    await db.stop();
  } finally {
    await runCleanups();
  }
}
