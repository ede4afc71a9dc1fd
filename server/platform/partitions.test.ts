/**
 * Migration 0800 (year partitions, decision 0027) on a database that already holds data: a database
 * at the migration before it gets the whole demo dataset plus rows in a second school year and on
 * the edge dates (31 August / 1 September), then the migration runs. Every row is kept, lands in its
 * year's partition, the constraints still refuse bad rows, the app's routes on those tables work,
 * next year's partitions take rows out of the default partition, and a past year archives.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inject } from 'vitest';
import { createTestDb } from '../../test/db.js';
import { cookieHeader, DEMO_PASSWORD } from '../../test/app.js';
import { buildApp } from '../app.js';
import { demoIds, lessonOf, type DemoIds } from '../modules/learning/learning.fixtures.js';
import { LEARNING_DEMO } from '../modules/learning/learning.seed.js';
import { loadConfig } from './config.js';
import { createDb, type Db } from './db.js';
import { MIGRATIONS_DIR, migrate } from './migrate.js';
import { archiveYear, ensureYearPartitions } from './partitions.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

const FIRST = '0800_year_partitions.sql';
const TABLES = ['lessons', 'marks', 'attendance', 'submissions', 'access_scans'] as const;
/** tables whose rows point at lessons: their rows must be untouched too */
const NEIGHBOURS = ['homework', 'lesson_materials', 'mark_history', 'attendance_history', 'submission_attempts'] as const;

const adminUrl = () => inject('pgAdminUrl');
const urlFor = (name: string) => Object.assign(new URL(adminUrl()), { pathname: `/${name}` }).toString();
async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

let name: string;
let db: Db;
let migrationsBefore: string;
let app: FastifyInstance;
let ids: DemoIds;
const before = new Map<string, { count: number; digest: string; columns: string[] }>();
const sequencesBefore = new Map<string, { last_value: number; is_called: boolean }>();

/** Columns of a table as they were before the migration (the digest compares those). */
async function columnsOf(q: Db, table: string): Promise<string[]> {
  const { rows } = await q.query<{ c: string }>(
    `select attname as c from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
    [table],
  );
  return rows.map((r) => r.c);
}
async function digest(q: Db, table: string, columns: string[]): Promise<{ count: number; digest: string }> {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  const { rows } = await q.query<{ count: number; digest: string }>(
    `select count(*)::int as count, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest from (select ${cols} from ${table}) t`,
  );
  return rows[0]!;
}

/** The demo dataset (built at the newest schema) copied into the older schema, column by column. */
async function copyDemoInto(target: Db): Promise<void> {
  const demo = await createTestDb('t_demo');
  const src = await demo.pool.connect();
  const dst = await target.pool.connect();
  try {
    const { rows: tables } = await dst.query<{ t: string }>(
      `select c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and c.relname <> 'schema_migrations' order by 1`,
    );
    await dst.query('set session_replication_role = replica'); // no foreign key checks or triggers while copying
    await dst.query(`truncate ${tables.map((r) => `"${r.t}"`).join(', ')}`);
    for (const { t } of tables) {
      const theirs = new Set(
        (
          await src.query<{ c: string }>(`select attname as c from pg_attribute where attrelid = to_regclass($1) and attnum > 0 and not attisdropped`, [t])
        ).rows.map((r) => r.c),
      );
      const cols = (
        await dst.query<{ c: string }>(
          `select attname as c from pg_attribute where attrelid = $1::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum`,
          [t],
        )
      ).rows
        .map((r) => r.c)
        .filter((c) => theirs.has(c))
        .map((c) => `"${c}"`)
        .join(', ');
      if (!cols) continue;
      await pipeline(src.query(copyTo(`copy (select ${cols} from "${t}") to stdout`)), dst.query(copyFrom(`copy "${t}" (${cols}) from stdin`)));
    }
    // identity sequences continue where the demo's did
    const { rows: seqs } = await dst.query<{ tbl: string; col: string; seq: string }>(
      `select c.relname as tbl, a.attname as col, pg_get_serial_sequence(quote_ident(c.relname), a.attname) as seq
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.attidentity <> ''`,
    );
    for (const s of seqs) {
      const { rows } = await src.query<{ m: number | null }>(`select max("${s.col}")::bigint as m from "${s.tbl}"`).catch(() => ({ rows: [{ m: null }] }));
      if (rows[0]!.m !== null) await dst.query('select setval($1, $2)', [s.seq, rows[0]!.m]);
    }
    await dst.query('set session_replication_role = origin');
  } finally {
    src.release();
    dst.release();
    await demo.close();
  }
}

/** Rows in a second school year (2019-2020) and on the edges of the years, in every affected table. */
async function addEdgeRows(q: Db): Promise<void> {
  // a lesson of 5 А copied onto four dates: the last day of 2019-2020, the first of 2020-2021, the last of
  // 2020-2021 and the first of 2021-2022; plus one in March 2020
  await q.query(
    `
    create table edge_lessons as
    with src as (select * from lessons where class_id = $1 and subject_id = $2 and not cancelled order by on_date limit 1),
    days(d) as (values ('2020-03-10'::date), ('2020-08-31'::date), ('2020-09-01'::date), ('2021-08-31'::date), ('2021-09-01'::date)),
    ins as (
      insert into lessons (organisation_id, term_id, class_id, subject_id, teacher_id, room_id, on_date, period_number, starts_at, ends_at, assessment, topic)
      select s.organisation_id, s.term_id, s.class_id, s.subject_id, s.teacher_id, s.room_id, days.d, 1,
        (days.d + time '08:30') at time zone 'Asia/Almaty', (days.d + time '09:15') at time zone 'Asia/Almaty', 'formative', 'edge ' || days.d
      from src s, days order by days.d returning id, on_date, class_id, organisation_id, term_id, subject_id, teacher_id)
    select * from ins`,
    [ids.class5a, ids.math],
  );
  await q.query(`
    insert into marks (lesson_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date, kind, score, max_score, teacher_id)
    select e.id, m.pupil_id, e.organisation_id, e.class_id, e.subject_id, e.term_id, e.on_date, 'formative', 7, 10, e.teacher_id
    from edge_lessons e join class_members m on m.class_id = e.class_id order by e.id, m.pupil_id`);
  await q.query(`
    insert into attendance (lesson_id, pupil_id, class_id, on_date, status, marked_by)
    select e.id, m.pupil_id, e.class_id, e.on_date, 'present', e.teacher_id
    from edge_lessons e join class_members m on m.class_id = e.class_id order by e.id, m.pupil_id`);
  await q.query(
    `
    insert into attendance_history (lesson_id, pupil_id, action, new_status, via, changed_by)
    select e.id, $1, 'set', 'present', 'journal', e.teacher_id from edge_lessons e`,
    [ids.pupil],
  );
  await q.query(
    `insert into lesson_materials (lesson_id, kind, url, title) select id, 'link', 'https://edu.example/' || on_date, 'edge material' from edge_lessons`,
  );
  await q.query(`
    insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, due_at)
    select id, organisation_id, class_id, subject_id, term_id, teacher_id, 'edge homework ' || on_date, on_date + 2 from edge_lessons`);
  await q.query(
    `
    with a as (
      insert into submission_attempts (homework_id, pupil_id, idempotency_key, request_hash, text, late, submitted_at)
      select h.id, $1, gen_random_uuid(), '\\x00', 'edge answer', false, h.due_at - interval '1 hour'
      from homework h where h.title like 'edge homework %' returning id, homework_id, pupil_id, submitted_at)
    insert into submissions (homework_id, pupil_id, status, current_attempt_id, late, first_submitted_at, submitted_at)
    select homework_id, pupil_id, 'submitted', id, false, submitted_at, submitted_at from a`,
    [ids.pupil],
  );
  // gate scans either side of midnight 1 September in Kazakhstan (+05)
  const gate = await q.query<{ id: number }>(`select id from access_gates order by id limit 1`);
  const guard = await q.query<{ id: number }>(`select person_id as id from accounts where login = 'demo.guard'`);
  await q.query(
    `
    insert into access_scans (client_id, gate_id, guard_id, direction, result, scanned_at, uploaded_at)
    select gen_random_uuid(), $1, $2, 'in', 'admitted', s::timestamptz, s::timestamptz + interval '1 minute'
    from unnest(array['2020-03-10 08:00:00+05', '2020-08-31 23:59:59+05', '2020-09-01 00:00:00+05', '2020-08-31 19:30:00+00',
                      '2021-08-31 23:59:59+05', '2021-09-01 00:00:00+05']) as s`,
    [gate.rows[0]!.id, guard.rows[0]!.id],
  );
  await q.query('drop table edge_lessons');
}

beforeAll(async () => {
  // a database at the migration before 0800
  migrationsBefore = mkdtempSync(path.join(tmpdir(), 'sabaq-migrations-before-'));
  for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql') && f < FIRST)) {
    copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(migrationsBefore, f));
  }
  name = `test_partitions_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  db = createDb(urlFor(name), 6);
  await migrate(db, migrationsBefore);
  expect(await db.query(`select to_regclass('lessons_default') as t`).then((r) => r.rows[0]!.t)).toBeNull();
  await copyDemoInto(db);
  ids = await demoIds(db);
  await addEdgeRows(db);

  for (const t of [...TABLES, ...NEIGHBOURS]) {
    const columns = await columnsOf(db, t);
    before.set(t, { ...(await digest(db, t, columns)), columns });
  }
  for (const t of ['lessons', 'marks', 'submissions', 'access_scans']) {
    const { rows } = await db.query<{ last_value: number; is_called: boolean }>(`select last_value, is_called from ${t}_id_seq`);
    sequencesBefore.set(t, rows[0]!);
  }

  const applied = await migrate(db); // 0800 and whatever follows it
  expect(applied[0]).toBe(FIRST);
  app = await buildApp({ db, config: loadConfig({ LOG_LEVEL: 'silent' }) });
  await app.ready();
}, 240_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (name) await admin(`drop database if exists ${name} with (force)`);
  if (migrationsBefore) rmSync(migrationsBefore, { recursive: true, force: true });
});

describe('migrating an existing database', () => {
  test('keeps every row of the partitioned tables and of the tables pointing at lessons, unchanged', async () => {
    for (const [t, b] of before) {
      expect(b.count, t).toBeGreaterThan(0);
      expect(await digest(db, t, b.columns), t).toEqual({ count: b.count, digest: b.digest });
    }
    const { rows } = await db.query<{ t: string }>(`select c.relname as t from pg_class c where c.relname = any($1) and c.relkind = 'p' order by 1`, [TABLES]);
    expect(rows.map((r) => r.t)).toEqual([...TABLES].sort());
    expect((await db.query(`select to_regclass('lessons_unpartitioned') as t`)).rows[0]!.t).toBeNull();
  });

  test("puts each row in its school year's partition; the edges of 31 August and 1 September fall either side", async () => {
    for (const [t, key] of [
      ['lessons', 'on_date'],
      ['marks', 'on_date'],
      ['attendance', 'on_date'],
    ] as const) {
      const wrong = await db.query(`select count(*)::int as n from ${t} where tableoid::regclass::text <> '${t}_y' || sabaq_school_year(${key})`);
      expect(wrong.rows[0]!.n, t).toBe(0);
      expect((await db.query(`select count(*)::int as n from ${t}_default`)).rows[0]!.n, `${t}_default`).toBe(0);
    }
    const part = async (sql: string) => (await db.query<{ p: string }>(sql)).rows.map((r) => r.p);
    expect(await part(`select tableoid::regclass::text as p from lessons where topic like 'edge %' order by on_date`)).toEqual([
      'lessons_y2019',
      'lessons_y2019',
      'lessons_y2020',
      'lessons_y2020',
      'lessons_y2021',
    ]);
    expect(await part(`select distinct tableoid::regclass::text as p from marks where on_date = '2020-08-31'`)).toEqual(['marks_y2019']);
    expect(await part(`select distinct tableoid::regclass::text as p from attendance where on_date = '2020-09-01'`)).toEqual(['attendance_y2020']);
    // a submission belongs to the year of its homework's lesson
    expect(
      await part(`select s.tableoid::regclass::text || ':' || l.on_date as p from submissions s join homework h on h.id = s.homework_id
                        join lessons l on l.id = h.lesson_id where h.title like 'edge homework %' order by l.on_date`),
    ).toEqual([
      'submissions_y2019:2020-03-10',
      'submissions_y2019:2020-08-31',
      'submissions_y2020:2020-09-01',
      'submissions_y2020:2021-08-31',
      'submissions_y2021:2021-09-01',
    ]);
    const wrongYear = await db.query(`select count(*)::int as n from submissions s join homework h on h.id = s.homework_id join lessons l on l.id = h.lesson_id
                                       where s.school_year <> sabaq_school_year(l.on_date) or s.tableoid::regclass::text <> 'submissions_y' || s.school_year`);
    expect(wrongYear.rows[0]!.n).toBe(0);
    // scans by Kazakhstan's midnight: 19:30 UTC on 31 August is already 1 September there
    expect(
      await part(
        `select tableoid::regclass::text || ' ' || to_char(scanned_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as p from access_scans order by scanned_at`,
      ),
    ).toEqual([
      'access_scans_y2019 2020-03-10 03:00',
      'access_scans_y2019 2020-08-31 18:59',
      'access_scans_y2020 2020-08-31 19:00',
      'access_scans_y2020 2020-08-31 19:30',
      'access_scans_y2020 2021-08-31 18:59',
      'access_scans_y2021 2021-08-31 19:00',
    ]);
  });

  test('identity sequences keep their values and names', async () => {
    for (const [t, s] of sequencesBefore) {
      const { rows } = await db.query<{ seq: string; last_value: number; is_called: boolean }>(
        `select pg_get_serial_sequence($1, 'id') as seq, last_value, is_called from ${t}_id_seq`,
        [t],
      );
      expect(rows[0], t).toEqual({ seq: `public.${t}_id_seq`, ...s });
    }
    const max = (await db.query<{ m: number }>('select max(id)::int as m from lessons')).rows[0]!.m;
    const next = await db.query<{ id: number }>(
      `insert into lessons (organisation_id, term_id, class_id, subject_id, teacher_id, on_date, starts_at, ends_at)
       select organisation_id, term_id, class_id, subject_id, teacher_id, on_date, starts_at, ends_at from lessons where id = $1 returning id`,
      [max],
    );
    expect(next.rows[0]!.id).toBeGreaterThan(max);
    await db.query('delete from lessons where id = $1', [next.rows[0]!.id]);
  });
});

describe('the constraints still refuse bad rows', () => {
  const code = async (sql: string, params: unknown[] = []) =>
    db.query(sql, params).then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );
  let lesson: { id: number; on_date: string; class_id: number; organisation_id: number; term_id: number; subject_id: number; teacher_id: number };
  beforeAll(async () => {
    lesson = (
      await db.query<typeof lesson>(
        `select id, on_date, class_id, organisation_id, term_id, subject_id, teacher_id from lessons where topic = 'edge 2020-08-31'`,
      )
    ).rows[0]!;
  });
  const mark = (lessonId: number, onDate: string, score = 5) =>
    code(
      `insert into marks (lesson_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date, kind, score, max_score, teacher_id)
          values ($1, $2, $3, $4, $5, $6, $7, 'formative', $8, 10, $9)`,
      [lessonId, ids.pupil, lesson.organisation_id, lesson.class_id, lesson.subject_id, lesson.term_id, onDate, score, lesson.teacher_id],
    );

  test("one classwork mark per pupil and lesson; a mark must sit on its lesson, on the lesson's date; scores are checked", async () => {
    expect(await mark(lesson.id, lesson.on_date)).toBe('23505'); // the edge rows gave every pupil a mark
    expect(await mark(lesson.id, '2020-09-01')).toBe('23503'); // not the lesson's date
    expect(await mark(999_999_999, lesson.on_date)).toBe('23503'); // no such lesson
    await db.query('delete from marks where lesson_id = $1 and pupil_id = $2', [lesson.id, ids.pupil]);
    expect(await mark(lesson.id, lesson.on_date, 11)).toBe('23514'); // score above the maximum
    expect(await mark(lesson.id, lesson.on_date)).toBe('ok');
  });

  test("attendance: one row per pupil and lesson, on the lesson's date", async () => {
    const att = (onDate: string, lessonId = lesson.id) =>
      code(`insert into attendance (lesson_id, pupil_id, class_id, on_date, status) values ($1, $2, $3, $4, 'present')`, [
        lessonId,
        ids.pupil,
        lesson.class_id,
        onDate,
      ]);
    expect(await att(lesson.on_date)).toBe('23505');
    expect(await att('2020-09-02')).toBe('23503');
    expect(await att(lesson.on_date, 999_999_999)).toBe('23503');
  });

  test('homework, materials and history must point at a lesson; a lesson they point at is not deleted (its materials go with it)', async () => {
    expect(
      await code(
        `insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, due_at)
                       values (999999999, $1, $2, $3, $4, $5, 'x', now())`,
        [lesson.organisation_id, lesson.class_id, lesson.subject_id, lesson.term_id, lesson.teacher_id],
      ),
    ).toBe('23503');
    expect(await code(`insert into lesson_materials (lesson_id, kind, url, title) values (999999999, 'link', 'https://x.example', 'x')`)).toBe('23503');
    expect(await code(`insert into attendance_history (lesson_id, pupil_id, action, via) values (999999999, $1, 'set', 'journal')`, [ids.pupil])).toBe('23503');
    expect(await code('delete from lessons where id = $1', [lesson.id])).toBe('23503'); // marks, attendance, homework point at it
    // a lesson with only a material: deleted, and its material with it
    const bare = (
      await db.query<{ id: number }>(
        `insert into lessons (organisation_id, term_id, class_id, subject_id, teacher_id, on_date, starts_at, ends_at)
       values ($1, $2, $3, $4, $5, '2021-02-02', '2021-02-02 03:00Z', '2021-02-02 03:45Z') returning id`,
        [lesson.organisation_id, lesson.term_id, lesson.class_id, lesson.subject_id, lesson.teacher_id],
      )
    ).rows[0]!.id;
    await db.query(`insert into lesson_materials (lesson_id, kind, url, title) values ($1, 'link', 'https://x.example', 'x')`, [bare]);
    expect(await code('delete from lessons where id = $1', [bare])).toBe('ok');
    expect((await db.query('select count(*)::int as n from lesson_materials where lesson_id = $1', [bare])).rows[0]!.n).toBe(0);
  });

  test('a lesson moved to another date takes its marks and attendance along (across years too)', async () => {
    const moved = (await db.query<{ id: number }>(`select id from lessons where topic = 'edge 2021-09-01'`)).rows[0]!.id;
    await db.query(`update lessons set on_date = '2021-08-30' where id = $1`, [moved]);
    const { rows } = await db.query<{ p: string }>(
      `select distinct tableoid::regclass::text || ' ' || on_date as p from marks where lesson_id = $1
       union select distinct tableoid::regclass::text || ' ' || on_date from attendance where lesson_id = $1 order by 1`,
      [moved],
    );
    expect(rows.map((r) => r.p)).toEqual(['attendance_y2020 2021-08-30', 'marks_y2020 2021-08-30']);
    await db.query(`update lessons set on_date = '2021-09-01' where id = $1`, [moved]);
  });

  test('submissions: one per pupil and homework; scans: one per scanner id and instant', async () => {
    const s = (
      await db.query<{ homework_id: number; pupil_id: number; current_attempt_id: number; school_year: number }>(
        `select homework_id, pupil_id, current_attempt_id, school_year from submissions where pupil_id = $1 order by id limit 1`,
        [ids.pupil],
      )
    ).rows[0]!;
    expect(
      await code(
        `insert into submissions (homework_id, pupil_id, status, current_attempt_id, late, first_submitted_at, submitted_at, school_year)
                       values ($1, $2, 'submitted', $3, false, now(), now(), $4)`,
        [s.homework_id, s.pupil_id, s.current_attempt_id, s.school_year],
      ),
    ).toBe('23505');
    const scan = (await db.query<{ client_id: string; scanned_at: Date }>('select client_id, scanned_at from access_scans limit 1')).rows[0]!;
    const again = await db.query(
      `insert into access_scans (client_id, gate_id, guard_id, direction, result, scanned_at, uploaded_at)
       select client_id, gate_id, guard_id, direction, result, scanned_at, now() from access_scans where client_id = $1
       on conflict (client_id, scanned_at) do nothing`,
      [scan.client_id],
    );
    expect(again.rowCount).toBe(0);
  });
});

describe("the app's routes on the partitioned tables", () => {
  const cookies: Record<string, string> = {};
  const call = (login: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object, headers: Record<string, string> = {}) =>
    app.inject({ method, url, payload, headers: { cookie: cookies[login]!, ...headers } });
  beforeAll(async () => {
    for (const login of ['demo.pupil', 'demo.teacher', 'demo.guard']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password: DEMO_PASSWORD } });
      expect(res.statusCode, login).toBe(200);
      cookies[login] = cookieHeader(res);
    }
  });

  test('the journal, marks and attendance of a lesson, homework and a submission sent twice, Today, gate scans', async () => {
    const grid = await call('demo.teacher', 'GET', `/api/learning/journal?classId=${ids.class5a}&subjectId=${ids.math}`);
    expect(grid.statusCode).toBe(200);
    expect(grid.json().lessons.length).toBeGreaterThan(20);

    const lesson = await lessonOf(db, ids.class5a, LEARNING_DEMO.today, ids.math);
    for (const score of [8, 9]) {
      // the second is an update through the upsert's conflict target
      const put = await call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/marks`, { entries: [{ pupilId: ids.pupil, score }] });
      expect(put.statusCode, put.body).toBe(200);
    }
    expect((await db.query('select score from marks where lesson_id = $1 and pupil_id = $2 and homework_id is null', [lesson, ids.pupil])).rows).toEqual([
      { score: 9 },
    ]);
    for (const status of ['absent', 'present']) {
      const put = await call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/attendance`, { entries: [{ pupilId: ids.pupil, status }] });
      expect(put.statusCode, put.body).toBe(200);
    }
    expect((await db.query('select status from attendance where lesson_id = $1 and pupil_id = $2', [lesson, ids.pupil])).rows).toEqual([{ status: 'present' }]);

    const hw = await call('demo.teacher', 'POST', `/api/learning/lessons/${lesson}/homework`, {
      title: 'After the migration',
      dueAt: new Date(Date.parse(LEARNING_DEMO.now) + 3 * 86_400_000).toISOString(),
    });
    expect(hw.statusCode, hw.body).toBe(201);
    for (const text of ['first', 'second']) {
      const sub = await call('demo.pupil', 'POST', `/api/learning/homework/${hw.json().id}/submissions`, { text }, { 'idempotency-key': randomUUID() });
      expect(sub.statusCode, sub.body).toBeLessThan(300);
    }
    expect(
      (await db.query('select attempts, school_year, tableoid::regclass::text as p from submissions where homework_id = $1', [hw.json().id])).rows,
    ).toEqual([{ attempts: 2, school_year: 2020, p: 'submissions_y2020' }]);

    expect((await call('demo.pupil', 'GET', `/api/learning/pupils/${ids.pupil}/diary`)).statusCode).toBe(200);
    expect((await call('demo.teacher', 'GET', '/api/learning/me/lessons')).statusCode).toBe(200);

    const gate = (await call('demo.guard', 'GET', '/api/access/guard')).json().gates[0];
    const scan = {
      clientId: randomUUID(),
      gateId: gate.id,
      direction: 'in',
      result: 'admitted',
      reason: null,
      holder: 'hx',
      replay: false,
      scannedAt: new Date().toISOString(),
    };
    expect((await call('demo.guard', 'POST', '/api/access/scans', { scans: [scan] })).json()).toEqual({ accepted: 1, duplicates: 0 });
    expect((await call('demo.guard', 'POST', '/api/access/scans', { scans: [scan] })).json()).toEqual({ accepted: 0, duplicates: 1 });
  });
});

describe('next year and archived years', () => {
  test("a year without a partition waits in the default partition and moves into the year's partition when it is made", async () => {
    const src = (await db.query<{ id: number }>(`select id from lessons where topic = 'edge 2020-09-01'`)).rows[0]!.id;
    const far = (
      await db.query<{ id: number }>(
        `insert into lessons (organisation_id, term_id, class_id, subject_id, teacher_id, on_date, starts_at, ends_at, topic)
       select organisation_id, term_id, class_id, subject_id, teacher_id, '2031-10-01', '2031-10-01 03:00Z', '2031-10-01 03:45Z', 'far'
       from lessons where id = $1 returning id`,
        [src],
      )
    ).rows[0]!.id;
    await db.query(
      `insert into marks (lesson_id, pupil_id, organisation_id, class_id, subject_id, term_id, on_date, kind, score, max_score, teacher_id)
                    select id, $2, organisation_id, class_id, subject_id, term_id, on_date, 'formative', 6, 10, teacher_id from lessons where id = $1`,
      [far, ids.pupil],
    );
    await db.query(
      `insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, due_at)
                    select id, organisation_id, class_id, subject_id, term_id, teacher_id, 'far', '2031-10-03' from lessons where id = $1`,
      [far],
    );
    const where = async () =>
      (
        await db.query<{ p: string }>(
          `select tableoid::regclass::text as p from lessons where id = $1 union all select tableoid::regclass::text from marks where lesson_id = $1`,
          [far],
        )
      ).rows.map((r) => r.p);
    expect(await where()).toEqual(['lessons_default', 'marks_default']);
    // the migration made the current and next year; a start makes them again (nothing to do)
    expect(await ensureYearPartitions(db)).toBe(0);
    await db.transaction(async (tx) => {
      await tx.query('select sabaq_ensure_year_partitions(2031)');
    });
    expect(await where()).toEqual(['lessons_y2031', 'marks_y2031']);
    expect((await db.query('select count(*)::int as n from lessons_default')).rows[0]!.n).toBe(0);
    // the foreign keys and the lesson references hold after the move
    expect(
      await db.query('delete from lessons where id = $1', [far]).then(
        () => 'ok',
        (e: { code: string }) => e.code,
      ),
    ).toBe('23503');
    // an academic year added makes its partitions
    await db.query(`insert into academic_years (name, starts_on, ends_on) values ('2032-2033', '2032-09-01', '2033-05-31')`);
    expect(
      (
        await db.query(`select count(*)::int as n from pg_inherits where inhrelid in
      ('lessons_y2032'::regclass, 'marks_y2032'::regclass, 'attendance_y2032'::regclass, 'submissions_y2032'::regclass, 'access_scans_y2032'::regclass)`)
      ).rows[0]!.n,
    ).toBe(5);
  });

  test('archiving a past year detaches its partitions; the rows stay in plain tables; the current year is refused', async () => {
    const counts = async () =>
      (
        await db.query<{ l: number; m: number; a: number; s: number; sc: number }>(
          `select (select count(*) from lessons)::int as l, (select count(*) from marks)::int as m, (select count(*) from attendance)::int as a,
              (select count(*) from submissions)::int as s, (select count(*) from access_scans)::int as sc`,
        )
      ).rows[0]!;
    const y2019 = (
      await db.query<{ l: number; m: number; a: number; s: number; sc: number }>(
        `select (select count(*) from lessons_y2019)::int as l, (select count(*) from marks_y2019)::int as m, (select count(*) from attendance_y2019)::int as a,
              (select count(*) from submissions_y2019)::int as s, (select count(*) from access_scans_y2019)::int as sc`,
      )
    ).rows[0]!;
    expect(y2019.l).toBe(2);
    expect(y2019.sc).toBe(2);
    const all = await counts();

    const detached = await db.transaction((tx) => archiveYear(tx, 2019));
    expect(detached).toEqual(['marks_y2019', 'attendance_y2019', 'submissions_y2019', 'access_scans_y2019', 'lessons_y2019']);
    const now = await counts();
    expect(now).toEqual({ l: all.l - y2019.l, m: all.m - y2019.m, a: all.a - y2019.a, s: all.s - y2019.s, sc: all.sc - y2019.sc });
    expect((await db.query(`select count(*)::int as n from lessons_y2019`)).rows[0]!.n).toBe(2); // kept, outside
    expect((await db.query(`select count(*)::int as n from lessons where on_date < '2020-09-01'`)).rows[0]!.n).toBe(0);
    expect(await db.transaction((tx) => archiveYear(tx, 2019))).toEqual([]); // again: nothing left
    const current = new Date().getUTCFullYear();
    await expect(db.transaction((tx) => archiveYear(tx, current))).rejects.toThrow(/not over yet/);
    // the app still reads and writes the remaining years
    const grid = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login: 'demo.teacher', password: DEMO_PASSWORD } });
    const res = await app.inject({
      method: 'GET',
      url: `/api/learning/journal?classId=${ids.class5a}&subjectId=${ids.math}`,
      headers: { cookie: cookieHeader(grid) },
    });
    expect(res.statusCode).toBe(200);
  });
});
