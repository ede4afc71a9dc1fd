import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { SeedSize } from '../server/seed/module-seeders.js';
import { BENCH_DATABASE, enableAutoExplain, ensureDataset, resetDatabaseSettings, startBenchPostgres } from './lib/bench-db.js';
import { onCleanup, runCleanups } from './lib/cleanup.js';
import { hrtimeUs, printProfile, summariseProfile, type ProfileWindow } from './lib/cpu-profile.js';
import { runLoad, type LoadResult, type RequestKind, type RequestSpec } from './lib/load.js';
import { freePort, loadAverage, sleep } from './lib/proc.js';
import { REPO_ROOT, startServer, type ServerChild } from './lib/server-child.js';
import { signIn, type SignInResult } from './lib/sign-in.js';

/**
 * The morning peak (issue 3, "Speed"): many signed-in pupils and parents open Today, homework and
 * marks at once, and some submit work. Own embedded PostgreSQL with the `region` dataset (~108k
 * pupils, generated once and reused), the server as a separate process, autocannon as the load.
 */

const USAGE = `npm run bench -- morning-peak [options]
  --duration <s>        measured seconds per endpoint (default 15)
  --warmup <s>          unmeasured seconds before each (default 3)
  --connections <n>     concurrent keep-alive connections (default 64)
  --pupils <n>          pupils signed in (default 300)
  --parents <n>         parents signed in (default 150)
  --endpoints <a,b>     subset, in order (default: all; see the list printed)
  --submit-share <x>    share of requests that submit homework in 'mixed' (default 0.1)
  --size <size>         region (default) | demo | country
  --reseed              generate the dataset again even if the loaded one is current
  --migrate-dataset     keep a loaded dataset that is stale and only apply the new migrations
  --processes <n>       the server's SABAQ_PROCESSES (node:cluster workers, decision 0025; default 1)
  --gzip                every request says Accept-Encoding: gzip, deflate (as browsers do): answers over
                        2 KiB are compressed, and the server pays for it
  --profile             take a V8 CPU profile of the server and print where its time goes per endpoint
  --today <date>        the school day to pin (default: the day with the most lessons)
  --prepared-statements experiment: the server's parameterised queries become named prepared statements
                        (bench/lib/prepared-statements.ts preloaded into the server; its code unchanged)
  --explain             no load: send one request of each kind with auto_explain on and write every
                        statement's plan (EXPLAIN ANALYZE, BUFFERS) to <BENCH_DIR>/explain/<kind>.log
env: BENCH_DIR (default ./data/bench), BENCH_PG_PORT (default: a free port), BENCH_DB_POOL_SIZE`;

const TARGET = { endpoint: 'pupil-today', rps: 3000, p99: 100 };
const PASSWORD = 'sabaq-demo';

export interface Pupil {
  id: number;
  iin: string;
  homeworkId: number | null;
  cookie: string;
}
export interface Parent {
  id: number;
  iin: string;
  childId: number;
  cookie: string;
}

interface Endpoint {
  name: string;
  what: string;
  kinds: RequestKind[];
}

/** A round-robin over a list: every call the next element (each simulated request is another user). */
function rotate<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

function isoWeek(today: string): { from: string; to: string } {
  const d = new Date(`${today}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
}

export function requestKinds(pupils: Pupil[], parents: Parent[], today: string | null): Record<string, RequestKind> {
  const pupil = rotate(pupils);
  const withHomework = pupils.filter((p) => p.homeworkId !== null);
  const pupilWithHomework = rotate(withHomework.length ? withHomework : pupils);
  const parent = rotate(parents);
  const week = isoWeek(today ?? new Date().toISOString().slice(0, 10));
  const get = (p: string, cookie: string): RequestSpec => ({ method: 'GET', path: p, cookie });
  const kinds: RequestKind[] = [
    { kind: 'me', weight: 1, next: () => get('/api/me', pupil().cookie) },
    { kind: 'organisations', weight: 1, next: () => get('/api/organisations', pupil().cookie) },
    {
      kind: 'pupil-today',
      weight: 1,
      next: () => {
        const p = pupil();
        return get(`/api/learning/pupils/${p.id}/diary`, p.cookie);
      },
    },
    {
      kind: 'pupil-week',
      weight: 1,
      next: () => {
        const p = pupil();
        return get(`/api/learning/pupils/${p.id}/diary?from=${week.from}&to=${week.to}`, p.cookie);
      },
    },
    {
      kind: 'pupil-homework',
      weight: 1,
      next: () => {
        const p = pupilWithHomework();
        return get(`/api/learning/homework/${p.homeworkId}`, p.cookie);
      },
    },
    {
      kind: 'pupil-marks',
      weight: 1,
      next: () => {
        const p = pupil();
        return get(`/api/learning/pupils/${p.id}/summary`, p.cookie);
      },
    },
    {
      kind: 'parent-today',
      weight: 1,
      next: () => {
        const p = parent();
        return get(`/api/learning/pupils/${p.childId}/diary`, p.cookie);
      },
    },
    {
      kind: 'parent-summary',
      weight: 1,
      next: () => {
        const p = parent();
        return get(`/api/learning/pupils/${p.childId}/summary`, p.cookie);
      },
    },
    {
      kind: 'submit',
      weight: 1,
      next: () => {
        const p = pupilWithHomework();
        return {
          method: 'POST',
          path: `/api/learning/homework/${p.homeworkId}/submissions`,
          cookie: p.cookie,
          headers: { 'idempotency-key': randomUUID() },
          body: JSON.stringify({ text: 'Жауабым: 42. Ответ: 42. My answer: 42.' }),
        };
      },
    },
  ];
  return Object.fromEntries(kinds.map((k) => [k.kind, k]));
}

function endpoints(k: Record<string, RequestKind>, submitShare: number): Endpoint[] {
  const one = (name: string, what: string): Endpoint => ({ name, what, kinds: [k[name]!] });
  // mixed: the GET weights model a morning (Today dominates); submit is added to reach its share
  const reads: [string, number][] = [
    ['pupil-today', 8],
    ['pupil-homework', 2],
    ['pupil-marks', 2],
    ['parent-today', 2],
    ['parent-summary', 4],
  ];
  const readWeight = reads.reduce((s, [, w]) => s + w, 0);
  const submitWeight = Math.max(0, Math.round((readWeight * submitShare) / (1 - submitShare)));
  return [
    one('me', 'GET /api/me (session + actor + profile: the floor)'),
    one('organisations', 'GET /api/organisations (harness check; not part of the morning)'),
    one('pupil-today', "GET /api/learning/pupils/:id/diary — pupil's Today"),
    one('pupil-week', "GET …/diary?from=Mon&to=Sun — pupil's week"),
    one('pupil-homework', 'GET /api/learning/homework/:id — pupil opens a homework'),
    one('pupil-marks', "GET /api/learning/pupils/:id/summary — pupil's marks"),
    one('parent-summary', "GET /api/learning/pupils/:child/summary — parent's child summary"),
    {
      name: 'mixed',
      what: `Today, homework, marks, parents' day and summary, ${Math.round((100 * submitWeight) / (readWeight + submitWeight))} % POST submissions`,
      kinds: [...reads.map(([name, weight]) => ({ ...k[name]!, weight })), ...(submitWeight ? [{ ...k.submit!, weight: submitWeight }] : [])],
    },
  ];
}

/** One request of a kind, to learn whether the route exists and works before loading it. */
export async function probe(baseUrl: string, spec: RequestSpec): Promise<{ ok: boolean; status: number; note: string; queries: string | null; bytes: number }> {
  const headers: Record<string, string> = { cookie: spec.cookie, ...spec.headers };
  if (spec.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${spec.path}`, { method: spec.method, headers, body: spec.body, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  let code = '';
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    // not JSON
  }
  const ok = res.status >= 200 && res.status < 300;
  const note = ok ? '' : code === 'request.not_found' ? 'route missing' : `${res.status} ${code || text.slice(0, 120)}`;
  return { ok, status: res.status, note, queries: res.headers.get('x-query-count'), bytes: Buffer.byteLength(text) };
}

export async function pickUsers(
  url: string,
  pupils: number,
  parents: number,
): Promise<{ pupils: Omit<Pupil, 'cookie'>[]; parents: Omit<Parent, 'cookie'>[]; today: string | null; byKind: string }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // a deterministic spread over the whole region (hash order), only people who can sign in
    const p = await client.query<{ id: number; iin: string }>(
      `select p.id::int as id, p.iin from persons p join accounts a on a.person_id = p.id and a.disabled_at is null
       where exists (select 1 from role_assignments r where r.person_id = p.id and r.role = 'pupil')
         and exists (select 1 from class_members m join classes c on c.id = m.class_id
                     join academic_years y on y.id = c.academic_year_id and y.is_current where m.pupil_id = p.id)
       order by hashint8(p.id) limit $1`,
      [pupils],
    );
    const f = await client.query<{ id: number; iin: string; child_id: number }>(
      `select p.id::int as id, p.iin, min(l.child_id)::int as child_id
       from persons p join accounts a on a.person_id = p.id and a.disabled_at is null
       join parent_links l on l.parent_id = p.id
       where exists (select 1 from role_assignments r where r.person_id = p.id and r.role = 'parent')
       group by p.id, p.iin order by hashint8(p.id + 7) limit $1`,
      [parents],
    );
    const homework = new Map<number, number>();
    const has = async (t: string) => (await client.query<{ t: string | null }>('select to_regclass($1)::text as t', [t])).rows[0]!.t !== null;
    if ((await has('homework')) && (await has('submissions'))) {
      // the latest homework of a class of theirs that is not marked yet (a marked one refuses resubmission)
      const h = await client.query<{ pupil_id: number; id: number }>(
        `select distinct on (m.pupil_id) m.pupil_id::int as pupil_id, h.id::int as id
         from class_members m join homework h on h.class_id = m.class_id
         left join submissions s on s.homework_id = h.id and s.pupil_id = m.pupil_id
         where m.pupil_id = any($1::bigint[]) and s.status is distinct from 'marked'
         order by m.pupil_id, h.due_at desc, h.id desc`,
        [p.rows.map((r) => r.id)],
      );
      for (const r of h.rows) homework.set(r.pupil_id, r.id);
    }
    // the kinds of organisation the picked learners belong to (region/country: colleges, universities, clubs too)
    const kinds = await client.query<{ kind: string; n: number }>(
      `select o.kind, count(distinct r.person_id)::int as n from role_assignments r join organisations o on o.id = r.organisation_id
        where r.role = 'pupil' and r.person_id = any($1::bigint[]) group by o.kind order by o.kind`,
      [p.rows.map((r) => r.id)],
    );
    let today: string | null = null;
    if (await has('lessons')) {
      const d = await client.query<{ d: string }>(`select on_date::text as d from lessons group by on_date order by count(*) desc, on_date desc limit 1`);
      today = d.rows[0]?.d ?? null;
    }
    return {
      pupils: p.rows.map((r) => ({ id: r.id, iin: r.iin.trim(), homeworkId: homework.get(r.id) ?? null })),
      parents: f.rows.map((r) => ({ id: r.id, iin: r.iin.trim(), childId: r.child_id })),
      today,
      byKind: kinds.rows.map((k) => `${k.kind} ${k.n}`).join(', '),
    };
  } finally {
    await client.end();
  }
}

export const num = (v: number, digits = 0) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * What `cores` dedicated cores could serve at the CPU measured per request, the load generator
 * elsewhere: PostgreSQL and the server share the cores, and the server's JavaScript runs on one.
 */
export function cpuCeiling(r: Pick<LoadResult, 'serverCpuMs' | 'dbCpuMs'>, cores: number, processes = 1): number {
  if (r.serverCpuMs <= 0) return 0;
  return Math.min((1000 * Math.min(processes, cores)) / r.serverCpuMs, (1000 * cores) / (r.serverCpuMs + r.dbCpuMs));
}

function printResults(results: LoadResult[], cores: number, processes: number): void {
  console.log(
    '\nendpoint           req/s   p50 ms  p99 ms  max ms  errors  non-2xx  queries/req  server CPU ms/req  PG CPU ms/req  client CPU ms/req  CPU ceiling req/s  bytes/resp  load avg before',
  );
  for (const r of results) {
    console.log(
      `${r.name.padEnd(16)} ${num(r.rps).padStart(7)} ${num(r.p50, 1).padStart(8)} ${num(r.p99, 1).padStart(7)} ${num(r.max).padStart(7)} ` +
        `${num(r.errors).padStart(7)} ${num(r.non2xx).padStart(8)} ${(r.queriesPerRequest === null ? '-' : num(r.queriesPerRequest, 2)).padStart(12)} ` +
        `${num(r.serverCpuMs, 2).padStart(18)} ${num(r.dbCpuMs, 2).padStart(14)} ${num(r.clientCpuMs, 2).padStart(18)} ` +
        `${num(cpuCeiling(r, cores, processes)).padStart(18)} ${num(r.bytesPerResponse).padStart(11)}  ${r.loadAverageBefore}`,
    );
    if (r.kinds.length > 1) {
      for (const k of r.kinds) {
        const other = Object.entries(k.otherStatuses)
          .map(([s, n]) => `${s}×${n}`)
          .join(' ');
        console.log(
          `  ${k.kind.padEnd(15)} ${num(k.requests).padStart(7)} req ${num(k.p50, 1).padStart(7)} ${num(k.p99, 1).padStart(7)}` +
            `   queries/req ${k.queriesPerRequest === null ? '-' : num(k.queriesPerRequest, 2)}${other ? `   non-2xx: ${other}` : ''}`,
        );
      }
    } else if (r.non2xx) {
      const other = Object.entries(r.kinds[0]!.otherStatuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ');
      console.log(`  non-2xx: ${other}`);
    }
  }
}

/** Sends one request of each kind with auto_explain on; writes what PostgreSQL logged for it, per kind. */
async function explainEach(baseUrl: string, kinds: RequestKind[], pgLog: string[], dir: string, haveHomework: boolean): Promise<void> {
  mkdirSync(dir, { recursive: true });
  console.log(`\nPlans of each request's statements (auto_explain, ANALYZE + BUFFERS):`);
  for (const k of kinds) {
    if (!haveHomework && (k.kind === 'pupil-homework' || k.kind === 'submit')) continue;
    await sleep(300);
    pgLog.length = 0;
    const p = await probe(baseUrl, k.next());
    // the log arrives on PostgreSQL's stderr a little after the response: wait until it is quiet (≤ 5 s)
    let seen = -1;
    for (let i = 0; i < 50 && seen !== pgLog.length; i++) {
      seen = pgLog.length;
      await sleep(200);
    }
    const text = pgLog.join('');
    const file = path.join(dir, `${k.kind}.log`);
    writeFileSync(file, text);
    const durations = [...text.matchAll(/duration: ([\d.]+) ms\s+plan:/g)].map((m) => Number(m[1]));
    const total = durations.reduce((a, b) => a + b, 0);
    console.log(
      `  ${k.kind.padEnd(15)} ${p.ok ? `${p.status}` : `✗ ${p.note}`}; ${durations.length} statements, ${total.toFixed(2)} ms in PostgreSQL ` +
        `(${durations.map((d) => d.toFixed(2)).join(' + ')}) → ${path.relative(REPO_ROOT, file)}`,
    );
  }
}

export async function run(argv: string[] = []): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string', default: process.env.BENCH_DURATION ?? '15' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '64' },
      pupils: { type: 'string', default: '300' },
      parents: { type: 'string', default: '150' },
      endpoints: { type: 'string' },
      'submit-share': { type: 'string', default: '0.1' },
      size: { type: 'string', default: 'region' },
      reseed: { type: 'boolean', default: false },
      'migrate-dataset': { type: 'boolean', default: false },
      processes: { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      gzip: { type: 'boolean', default: false },
      today: { type: 'string' },
      explain: { type: 'boolean', default: false },
      'prepared-statements': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  const bounded = (name: string, v: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new Error(`--${name} must be a number from ${min} to ${max}`);
    return n;
  };
  const duration = bounded('duration', values.duration, 1, 600);
  const warmup = bounded('warmup', values.warmup, 0, 60);
  const connections = Math.round(bounded('connections', values.connections, 1, 2000));
  const pupilCount = Math.round(bounded('pupils', values.pupils, 1, 20_000));
  const parentCount = Math.round(bounded('parents', values.parents, 1, 20_000));
  const submitShare = bounded('submit-share', values['submit-share'], 0, 0.9);
  const processes = Math.round(bounded('processes', values.processes, 1, 16));
  const size = values.size as SeedSize;
  if (!['demo', 'region', 'country'].includes(size)) throw new Error(`--size must be demo, region or country`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new Error('--today must be YYYY-MM-DD');

  const benchDir = path.resolve(REPO_ROOT, process.env.BENCH_DIR ?? 'data/bench');
  const pgDir = path.join(benchDir, size === 'region' ? 'pg' : `pg-${size}`);
  mkdirSync(benchDir, { recursive: true });
  const pgPort = process.env.BENCH_PG_PORT ? Number(process.env.BENCH_PG_PORT) : await freePort();

  console.log(`morning-peak: ${os.cpus().length} CPUs, Node ${process.version}, load average ${loadAverage()}`);
  let server: ServerChild | undefined;
  const windows = new Map<string, ProfileWindow>();
  const profileDir = path.join(benchDir, 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  try {
    const t0 = performance.now();
    const pgLog: string[] = [];
    const db = await startBenchPostgres(pgDir, pgPort, (line) => {
      if (values.explain) pgLog.push(line);
    });
    console.log(`PostgreSQL on 127.0.0.1:${pgPort} (${pgDir}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const dataset = await ensureDataset(db, size, { reseed: values.reseed, migrateOnly: values['migrate-dataset'] });
    const stamp = dataset.stamp;
    console.log(
      dataset.seeded
        ? `Dataset '${size}' generated in ${stamp.seedSeconds} s (later runs reuse it).`
        : `Reusing the '${size}' dataset generated ${stamp.seededAt} (it took ${stamp.seedSeconds} s then); --reseed to regenerate.`,
    );

    await resetDatabaseSettings(db);
    let explainOff = () => {};
    if (values.explain) {
      await enableAutoExplain(db);
      explainOff = onCleanup('auto_explain off', () => resetDatabaseSettings(db));
    }

    const picked = await pickUsers(
      db.url(BENCH_DATABASE),
      values.explain ? Math.min(pupilCount, 5) : pupilCount,
      values.explain ? Math.min(parentCount, 5) : parentCount,
    );
    const today = values.today ?? picked.today;
    console.log(
      `Users: ${picked.pupils.length} pupils (${picked.pupils.filter((p) => p.homeworkId !== null).length} with homework to submit), ` +
        `${picked.parents.length} parents; school day ${today ?? 'today (no lessons in the dataset)'}; learners by organisation kind: ${picked.byKind}`,
    );

    if (values.profile) mkdirSync(profileDir, { recursive: true });
    const t1 = performance.now();
    server = await startServer({
      databaseUrl: db.url(BENCH_DATABASE),
      dataDir: benchDir,
      // time stands still at 08:30 in Kazakhstan (UTC+6) on that day: the morning peak, every run alike
      env: {
        LEARNING_TODAY: today ? `${today}T08:30:00+06:00` : undefined,
        DB_POOL_SIZE: process.env.BENCH_DB_POOL_SIZE,
        SABAQ_PROCESSES: String(processes),
      },
      cpuProfileDir: values.profile ? profileDir : undefined,
      preload: values['prepared-statements'] ? [path.join(REPO_ROOT, 'bench/lib/prepared-statements.ts')] : [],
    });
    console.log(
      `Server pid ${server.pid} on ${server.baseUrl} ready in ${((performance.now() - t1) / 1000).toFixed(1)} s` +
        `${values.profile ? ' (with --cpu-prof: figures a little lower)' : ''}` +
        `${values['prepared-statements'] ? ' — EXPERIMENT: queries as named prepared statements' : ''}`,
    );

    const logins = [...picked.pupils.map((p) => p.iin), ...picked.parents.map((p) => p.iin)];
    const signed: SignInResult = await signIn({
      baseUrl: server.baseUrl,
      logins,
      password: PASSWORD,
      concurrency: 8,
      serverPid: server.pid,
      dbPid: db.pid,
      timeoutSeconds: 180,
    });
    console.log(
      `Sign-in: ${signed.cookies.filter(Boolean).length}/${logins.length} in ${signed.seconds.toFixed(1)} s = ${num(signed.perSecond, 1)} sign-ins/s ` +
        `(8 in flight), p50 ${num(signed.p50)} ms, p99 ${num(signed.p99)} ms, server CPU ${num(signed.serverCpuMs, 1)} ms and PG CPU ` +
        `${num(signed.dbCpuMs, 1)} ms per sign-in${signed.failures ? `; ${signed.failures} failed: ${signed.firstFailure}` : ''}`,
    );
    const pupils: Pupil[] = picked.pupils.flatMap((p, i) => (signed.cookies[i] ? [{ ...p, cookie: signed.cookies[i]! }] : []));
    const parents: Parent[] = picked.parents.flatMap((p, i) =>
      signed.cookies[picked.pupils.length + i] ? [{ ...p, cookie: signed.cookies[picked.pupils.length + i]! }] : [],
    );
    if (!pupils.length || !parents.length) throw new Error('no pupil or no parent could sign in: nothing to measure');

    const kinds = requestKinds(pupils, parents, today);
    if (values.gzip) {
      // a browser's request: compressed answers (autocannon counts the compressed bytes)
      for (const k of Object.values(kinds)) {
        const next = k.next;
        k.next = () => {
          const spec = next();
          return { ...spec, headers: { ...spec.headers, 'accept-encoding': 'gzip, deflate' } };
        };
      }
    }
    if (values.explain) {
      await explainEach(
        server.baseUrl,
        Object.values(kinds),
        pgLog,
        path.join(benchDir, 'explain'),
        pupils.some((p) => p.homeworkId !== null),
      );
      await server.stop();
      server = undefined;
      await resetDatabaseSettings(db);
      explainOff();
      await db.stop();
      return;
    }
    const probes = new Map<string, { ok: boolean; note: string; queries: string | null; bytes: number }>();
    for (const k of Object.values(kinds)) {
      if (k.kind === 'pupil-homework' || k.kind === 'submit') {
        if (!pupils.some((p) => p.homeworkId !== null)) {
          probes.set(k.kind, { ok: false, note: 'no homework in the dataset', queries: null, bytes: 0 });
          continue;
        }
      }
      probes.set(k.kind, await probe(server.baseUrl, k.next()));
    }
    console.log(
      'Probes (one request each): ' +
        [...probes.entries()].map(([kind, p]) => `${kind} ${p.ok ? `ok, ${p.queries ?? '?'} queries, ${num(p.bytes)} B` : `✗ ${p.note}`}`).join('; '),
    );

    const all = endpoints(kinds, submitShare);
    const learningMissing = !['pupil-today', 'pupil-marks', 'parent-summary'].some((n) => probes.get(n)?.ok);
    const wanted = values.endpoints
      ? values.endpoints
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : all.map((e) => e.name).filter((n) => n !== 'organisations' || learningMissing);
    const unknown = wanted.filter((n) => !all.some((e) => e.name === n));
    if (unknown.length) throw new Error(`unknown endpoint(s) ${unknown.join(', ')}; known: ${all.map((e) => e.name).join(', ')}`);

    const results: LoadResult[] = [];
    const skipped: string[] = [];
    for (const name of wanted) {
      const ep = all.find((e) => e.name === name)!;
      const usable = ep.kinds.filter((k) => probes.get(k.kind)?.ok);
      const dropped = ep.kinds.filter((k) => !probes.get(k.kind)?.ok);
      if (!usable.length) {
        skipped.push(`${name} (${dropped.map((k) => `${k.kind}: ${probes.get(k.kind)?.note}`).join('; ')})`);
        continue;
      }
      if (dropped.length) console.log(`  ${name}: without ${dropped.map((k) => `${k.kind} (${probes.get(k.kind)?.note})`).join(', ')}`);
      console.log(`→ ${name}: ${ep.what}; ${connections} connections, ${warmup} s warm-up + ${duration} s${values.gzip ? ', Accept-Encoding: gzip' : ''}`);
      const from = hrtimeUs();
      const r = await runLoad({
        name,
        baseUrl: server.baseUrl,
        kinds: usable,
        connections,
        seconds: duration,
        warmupSeconds: warmup,
        serverPid: server.pid,
        dbPid: db.pid,
      });
      windows.set(name, { fromUs: from + warmup * 1_000_000, toUs: hrtimeUs() });
      console.log(`  ${num(r.rps)} req/s, p50 ${num(r.p50, 1)} ms, p99 ${num(r.p99, 1)} ms, ${num(r.serverCpuMs, 2)} ms server CPU/req`);
      results.push(r);
    }

    printResults(results, os.cpus().length, processes);
    if (skipped.length) console.log(`\nNot measured: ${skipped.join('; ')}`);
    const target = results.find((r) => r.name === TARGET.endpoint);
    console.log(
      target
        ? `\nTarget (issue 3): pupil Today ≥ ${num(TARGET.rps)} req/s with p99 < ${TARGET.p99} ms on one server → ` +
            `${num(target.rps)} req/s, p99 ${num(target.p99, 1)} ms: ${target.rps >= TARGET.rps && target.p99 < TARGET.p99 ? 'met' : 'NOT met'}` +
            ` (${connections} connections; the load generator and PostgreSQL share the same ${os.cpus().length} cores; ` +
            `at ${num(target.serverCpuMs, 2)} + ${num(target.dbCpuMs, 2)} ms of server + PostgreSQL CPU per request, ${os.cpus().length} dedicated cores ` +
            `would allow about ${num(cpuCeiling(target, os.cpus().length, processes))} req/s with ${processes} server process${processes > 1 ? 'es' : ''})`
        : `\nTarget (issue 3): pupil Today was not measured (${probes.get('pupil-today')?.note ?? 'not selected'}).`,
    );

    const out = path.join(benchDir, 'results');
    mkdirSync(out, { recursive: true });
    const file = path.join(
      out,
      values['prepared-statements'] ? 'morning-peak-prepared-statements-latest.json' : `morning-peak-${size}-p${processes}-latest.json`,
    );
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          experiment: values['prepared-statements'] ? 'prepared-statements' : null,
          cpus: os.cpus().length,
          node: process.version,
          size,
          today,
          connections,
          duration,
          warmup,
          dataset: stamp,
          signIn: { ...signed, cookies: undefined },
          processes,
          results: results.map((r) => ({ ...r, cpuCeilingRps: Math.round(cpuCeiling(r, os.cpus().length, processes)) })),
          skipped,
        },
        null,
        2,
      ),
    );
    console.log(`Figures saved to ${path.relative(REPO_ROOT, file)}`);

    const profiledPid = server.pid;
    await server.stop();
    server = undefined;
    if (values.profile) {
      // node names profiles CPU.<date>.<time>.<pid>.<thread>.<seq>: thread 0 is the main thread (tsx's loader runs in another)
      const files = readdirSync(profileDir)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => path.join(profileDir, f));
      const file = files.find((f) => path.basename(f).includes(`.${profiledPid}.0.`)) ?? files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
      if (!file) console.log(`No CPU profile was written to ${profileDir}`);
      else {
        for (const [name, window] of windows) {
          console.log(`\n── ${name}`);
          printProfile(summariseProfile(file, window));
        }
        console.log(`\nProfile: ${path.relative(REPO_ROOT, file)} (open in Chrome DevTools → Performance)`);
      }
    }
    await db.stop();
  } finally {
    await runCleanups();
  }
}
