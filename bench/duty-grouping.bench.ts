import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  formGroups,
  type ApplicationInput,
  type ExistingGroup,
  type GroupingInput,
  type GroupingResult,
  type GroupingSettings,
} from '../server/modules/duty/duty.grouping.js';
import { DEFAULT_SETTINGS } from '../server/modules/duty/duty.defaults.js';

/**
 * Forming duty groups for the whole country (issue 4, "Scale"): about 530,000 applications across
 * about 7,400 schools (SEED-FACTS), with the same pure function the admin's button runs
 * (server/modules/duty/duty.grouping.ts). Prints the time and the peak memory.
 *
 * Two sources of data:
 *  - memory (default): the applications, classrooms, teachers and families are generated here,
 *    deterministically (a seeded PRNG), in the shape of the 2020-21 figures;
 *  - db: read from a database loaded with `npm run seed -- --size country` (the duty seeder opens a
 *    window at every school and spreads ~530,000 applications over grades 1-4). Read-only.
 * Then a second pass: 5 % more applications arrive and the grouping runs again keeping every placed
 * child where it is (what the admin's re-run does).
 */

const USAGE = `npm run bench -- duty-grouping [options]
  --source memory|db     generate in memory (default) or read a seeded country database
  --database-url <url>   for --source db (default: BENCH_DATABASE_URL or DATABASE_URL)
  --schools <n>          memory: schools (default 7391)
  --applications <n>     memory: applications in all (default 530000)
  --seed <n>             memory: PRNG seed (default 2020)`;

interface SchoolInput {
  windowId: number;
  input: GroupingInput;
}

// ── deterministic generation ────────────────────────────────────────────────────────────────

/** mulberry32: small, fast, good enough to shape test data, and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Schools shaped like 2020-21: many small rural schools and fewer large urban ones (3.3 million
 * pupils in 7,391 schools, ~446 on average); applications in proportion to pupils, from grades
 * 1-4; two or three classrooms of 24-30 seats per 100 pupils over two shifts; one teacher per 14
 * pupils; one family in five with two children applying at the same school.
 */
function generate(schools: number, applications: number, seed: number): SchoolInput[] {
  const rnd = prng(seed);
  const sizes = Array.from({ length: schools }, () => {
    const r = rnd();
    return r < 0.45 ? 40 + Math.floor(rnd() * 160) : r < 0.8 ? 200 + Math.floor(rnd() * 600) : 800 + Math.floor(rnd() * 2400);
  });
  const pupils = sizes.reduce((a, b) => a + b, 0);
  const settings: GroupingSettings = { ...DEFAULT_SETTINGS.school };
  const out: SchoolInput[] = [];
  let appId = 1;
  let personId = 10_000_000;
  let placedApps = 0;
  for (let s = 0; s < schools; s++) {
    const quota = s === schools - 1 ? applications - placedApps : Math.round((sizes[s]! * applications) / pupils);
    placedApps += quota;
    const rooms = Array.from({ length: Math.max(2, Math.ceil((sizes[s]! / 100) * (2 + rnd()))) }, (_, i) => ({
      id: s * 1000 + i + 1,
      capacity: 24 + Math.floor(rnd() * 7),
    }));
    const teachers = Array.from({ length: Math.max(4, Math.round(sizes[s]! / 14)) }, (_, i) => ({ id: personId + i, rank: i < 8 ? 0 : 1 }));
    personId += teachers.length;
    const apps: ApplicationInput[] = [];
    while (apps.length < quota) {
      const parent = personId++;
      const kids = rnd() < 0.2 && apps.length + 2 <= quota ? 2 : 1;
      for (let k = 0; k < kids; k++) {
        apps.push({
          id: appId++,
          childId: personId++,
          grade: 1 + Math.floor(rnd() * 4),
          priority: 1 + Math.floor(rnd() * 3),
          submittedAt: new Date(Date.UTC(2020, 7, 20) + Math.floor(rnd() * 10 * 86_400_000)).toISOString(),
          preferredShift: rnd() < 0.4 ? null : 1 + Math.floor(rnd() * 2),
          parentIds: [parent],
        });
      }
    }
    out.push({ windowId: s + 1, input: { settings, rooms, teachers, applications: apps, groups: [], reshuffle: false } });
  }
  return out;
}

// ── reading a seeded database ───────────────────────────────────────────────────────────────

async function load(url: string): Promise<SchoolInput[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const windows = await client.query<{
      id: string;
      organisation_id: number;
      eligible_grades: number[];
      group_max: number;
      group_min: number;
      join_adjacent_grades: boolean;
      shifts: number[];
      day_patterns: string[];
    }>(
      `select id, organisation_id, eligible_grades, group_max, group_min, join_adjacent_grades, shifts, day_patterns
         from duty_windows where closed_at is null and academic_year_id = (select id from academic_years where is_current)`,
    );
    const orgIds = windows.rows.map((w) => w.organisation_id);
    const rooms = await client.query<{ organisation_id: number; id: number; capacity: number }>(
      `select organisation_id, id, capacity from rooms where kind = 'classroom' and organisation_id = any($1::int[])`,
      [orgIds],
    );
    const teachers = await client.query<{ organisation_id: number; id: string; rank: number }>(
      `select r.organisation_id, r.person_id as id,
          case when exists (select 1 from classes c where c.homeroom_teacher_id = r.person_id and c.organisation_id = r.organisation_id
                              and c.grade between 1 and 4) then 0 else 1 end as rank
         from role_assignments r where r.role = 'teacher' and r.organisation_id = any($1::int[])`,
      [orgIds],
    );
    const apps = await client.query<{
      window_id: string;
      id: string;
      child_id: string;
      grade: number;
      priority: number;
      submitted_at: Date;
      preferred_shift: number | null;
      parent_ids: number[];
    }>(
      `select a.window_id, a.id, a.child_id, a.grade, a.priority, a.submitted_at, a.preferred_shift,
          coalesce((select json_agg(l.parent_id) from parent_links l where l.child_id = a.child_id), '[]') as parent_ids
         from duty_applications a join duty_windows w on w.id = a.window_id
        where a.status <> 'withdrawn' and w.closed_at is null`,
    );
    const groups = await client.query<{
      window_id: string;
      id: string;
      label: string;
      grades: number[];
      shift: number;
      days: string;
      room_id: number;
      teacher_id: string;
      member_ids: number[];
    }>(
      `select g.window_id, g.id, g.label, g.grades, g.shift, g.days, g.room_id, g.teacher_id,
          coalesce((select json_agg(a.id) from duty_applications a where a.group_id = g.id), '[]') as member_ids
         from duty_groups g`,
    );
    const by = <T, K>(rows: T[], key: (r: T) => K) => {
      const m = new Map<K, T[]>();
      for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
      return m;
    };
    const roomsOf = by(rooms.rows, (r) => r.organisation_id);
    const teachersOf = by(teachers.rows, (r) => r.organisation_id);
    const appsOf = new Map<number, ApplicationInput[]>();
    for (const a of apps.rows) {
      const list = appsOf.get(Number(a.window_id)) ?? [];
      list.push({
        id: Number(a.id),
        childId: Number(a.child_id),
        grade: a.grade,
        priority: a.priority,
        submittedAt: a.submitted_at.toISOString(),
        preferredShift: a.preferred_shift,
        parentIds: a.parent_ids.length ? a.parent_ids : [-Number(a.child_id)],
      });
      appsOf.set(Number(a.window_id), list);
    }
    const groupsOf = new Map<number, ExistingGroup[]>();
    for (const g of groups.rows) {
      const list = groupsOf.get(Number(g.window_id)) ?? [];
      list.push({
        id: Number(g.id),
        label: g.label,
        grades: g.grades,
        shift: g.shift,
        days: g.days,
        roomId: g.room_id,
        teacherId: Number(g.teacher_id),
        memberIds: g.member_ids,
      });
      groupsOf.set(Number(g.window_id), list);
    }
    return windows.rows.map((w) => ({
      windowId: Number(w.id),
      input: {
        settings: {
          eligibleGrades: w.eligible_grades,
          groupMax: w.group_max,
          groupMin: w.group_min,
          joinAdjacentGrades: w.join_adjacent_grades,
          shifts: w.shifts,
          dayPatterns: w.day_patterns,
        },
        rooms: (roomsOf.get(w.organisation_id) ?? []).map((r) => ({ id: r.id, capacity: r.capacity })),
        teachers: (teachersOf.get(w.organisation_id) ?? []).map((t) => ({ id: Number(t.id), rank: t.rank })),
        applications: appsOf.get(Number(w.id)) ?? [],
        groups: groupsOf.get(Number(w.id)) ?? [],
        reshuffle: false,
      },
    }));
  } finally {
    await client.end();
  }
}

// ── measuring ───────────────────────────────────────────────────────────────────────────────

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (n: number) => n.toLocaleString('en-US');

function sampler() {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  return {
    sample() {
      const m = process.memoryUsage();
      if (m.rss > peakRss) peakRss = m.rss;
      if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    },
    get peakRss() {
      return peakRss;
    },
    get peakHeap() {
      return peakHeap;
    },
  };
}

function groupAll(schools: SchoolInput[], mem: ReturnType<typeof sampler>): { results: GroupingResult[]; ms: number } {
  const started = performance.now();
  const results: GroupingResult[] = [];
  for (let i = 0; i < schools.length; i++) {
    results.push(formGroups(schools[i]!.input));
    if (i % 250 === 0) mem.sample();
  }
  mem.sample();
  return { results, ms: performance.now() - started };
}

function summary(results: GroupingResult[]) {
  let groups = 0,
    placed = 0,
    waiting = 0,
    below = 0;
  for (const r of results) {
    groups += r.groups.length;
    waiting += r.waiting.length;
    for (const g of r.groups) {
      placed += g.memberIds.length;
      if (g.belowMinimum) below += 1;
    }
  }
  return { groups, placed, waiting, below };
}

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      source: { type: 'string', default: 'memory' },
      'database-url': { type: 'string' },
      schools: { type: 'string', default: '7391' },
      applications: { type: 'string', default: '530000' },
      seed: { type: 'string', default: '2020' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  const mem = sampler();
  const t0 = performance.now();
  let schools: SchoolInput[];
  if (values.source === 'db') {
    const url = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
    if (!url) throw new Error('--source db needs --database-url, BENCH_DATABASE_URL or DATABASE_URL (a database seeded with --size country)');
    schools = await load(url);
    console.log(`source: database (${url.replace(/:[^:@/]+@/, ':***@')})`);
  } else {
    schools = generate(Number(values.schools), Number(values.applications), Number(values.seed));
    console.log(`source: generated in memory (seed ${values.seed})`);
  }
  mem.sample();
  const applications = schools.reduce((s, x) => s + x.input.applications.length, 0);
  console.log(
    `input: ${fmt(schools.length)} schools, ${fmt(applications)} applications, ` +
      `${fmt(schools.reduce((s, x) => s + x.input.rooms.length, 0))} classrooms, ${fmt(schools.reduce((s, x) => s + x.input.teachers.length, 0))} teachers ` +
      `(${(performance.now() - t0).toFixed(0)} ms to ${values.source === 'db' ? 'load' : 'generate'})`,
  );

  const first = groupAll(schools, mem);
  const s1 = summary(first.results);
  console.log(
    `first run:  ${(first.ms / 1000).toFixed(2)} s — ${fmt(s1.groups)} groups, ${fmt(s1.placed)} placed, ${fmt(s1.waiting)} waiting, ${fmt(s1.below)} groups below the minimum ` +
      `(${fmt(Math.round(applications / (first.ms / 1000)))} applications/s)`,
  );

  // 5 % more applications, then the re-run that keeps every placed child where they are
  const rnd = prng(7);
  let nextId = 900_000_000;
  const again = schools.map((sch, i) => {
    const r = first.results[i]!;
    const extra = Array.from({ length: Math.round(sch.input.applications.length * 0.05) }, () => ({
      id: nextId,
      childId: nextId++,
      grade: sch.input.settings.eligibleGrades[Math.floor(rnd() * sch.input.settings.eligibleGrades.length)]!,
      priority: 1 + Math.floor(rnd() * 3),
      submittedAt: '2020-09-02T08:00:00.000Z',
      preferredShift: null,
      parentIds: [nextId + 1e9],
    }));
    return {
      windowId: sch.windowId,
      input: {
        ...sch.input,
        applications: [...sch.input.applications, ...extra],
        groups: r.groups.map((g, k) => ({ ...g, id: g.id ?? 1_000_000 + k })),
      },
    };
  });
  const second = groupAll(again, mem);
  const s2 = summary(second.results);
  const moved = second.results.reduce((n, r, i) => {
    const before = new Map(again[i]!.input.groups.flatMap((g) => g.memberIds.map((m) => [m, g.id] as const)));
    return n + r.groups.reduce((k, g) => k + g.memberIds.filter((m) => before.has(m) && before.get(m) !== g.id).length, 0);
  }, 0);
  console.log(`re-run (+5 %): ${(second.ms / 1000).toFixed(2)} s — ${fmt(s2.placed)} placed, ${fmt(s2.waiting)} waiting, ${moved} placed children moved`);

  const usage = process.resourceUsage();
  console.log(
    `peak memory: rss ${mb(mem.peakRss)} (maxRSS ${mb(usage.maxRSS * 1024)}), heap ${mb(mem.peakHeap)}; cpu ${((usage.userCPUTime + usage.systemCPUTime) / 1e6).toFixed(1)} s`,
  );
}

// run directly: npx tsx bench/duty-grouping.bench.ts [options]
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\/bench\//, '/bench/'))) {
  run().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
