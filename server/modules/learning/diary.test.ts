import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';
import { diaryResponse } from '../../../contracts/learning.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const get = (login: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: cookies[login]! } });

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.homeroom', 'demo.admin', 'demo.district']) cookies[login] = await t.login(login);
});
afterAll(async () => t?.close());

describe("the pupil's Today", () => {
  test("is the school's today: lessons in order with how to join each, and the homework due", async () => {
    // one of today's lessons on TV and one recorded, so both checks below always run
    const today = (
      await t.db.query<{ id: number }>('select id from lessons where class_id = $1 and on_date = $2 and not cancelled order by starts_at', [
        ids.class5a,
        LEARNING_DEMO.today,
      ])
    ).rows;
    expect(today.length).toBeGreaterThan(3);
    await t.db.query(
      `update lessons set delivery = 'tv', delivery_source = 'teacher', tv_channel = 'el_arna', tv_air_at = starts_at, join_url = null, video_url = null where id = $1`,
      [today[1]!.id],
    );
    await t.db.query(
      `update lessons set delivery = 'recorded', delivery_source = 'teacher', video_url = 'https://video.example/5a', join_url = null, tv_channel = null, tv_air_at = null where id = $1`,
      [today[2]!.id],
    );
    const res = await get('demo.pupil', `/api/learning/pupils/${ids.pupil}/diary`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ today: LEARNING_DEMO.today, from: LEARNING_DEMO.today, to: LEARNING_DEMO.today, timeZone: 'Asia/Almaty' });
    expect(d.lessons.length).toBeGreaterThan(3);
    const starts = d.lessons.map((l: { startsAt: string }) => l.startsAt);
    expect([...starts].sort()).toEqual(starts);
    for (const l of d.lessons) {
      expect(l.class.id).toBe(ids.class5a);
      // the link is handed out by POST …/join, which records presence
      expect(l.delivery.joinUrl).toBeNull();
      expect(l.joinable).toBe(l.delivery.kind === 'online_live');
    }
    const tv = d.lessons.find((l: { id: number }) => l.id === today[1]!.id);
    expect(tv.delivery).toMatchObject({ kind: 'tv', tvChannel: 'el_arna' });
    const recorded = d.lessons.find((l: { id: number }) => l.id === today[2]!.id);
    expect(recorded.delivery).toMatchObject({ kind: 'recorded', videoUrl: 'https://video.example/5a' });
    // every TV lesson names its channel, every recording its https address
    for (const l of d.lessons.filter((x: { delivery: { kind: string } }) => x.delivery.kind === 'tv')) expect(l.delivery.tvChannel).toBeTruthy();
    for (const l of d.lessons.filter((x: { delivery: { kind: string } }) => x.delivery.kind === 'recorded')) expect(l.delivery.videoUrl).toMatch(/^https:\/\//);
    expect(d.homework.length).toBeGreaterThan(0);
  });

  test('the JSON PostgreSQL builds is exactly the declared shape: every field, nothing more', async () => {
    for (const url of [`/api/learning/pupils/${ids.pupil}/diary`, `/api/learning/pupils/${ids.pupil}/diary?from=2020-11-23&to=2020-12-13`]) {
      const res = await get('demo.parent', url);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const body = res.json();
      // zod drops undeclared keys and fails on missing or mistyped ones: equal means exact
      expect(diaryResponse.parse(body)).toEqual(body);
      if (url.includes('from=')) expect(body.lessons.some((l: { mark: unknown }) => l.mark !== null)).toBe(true);
    }
  });

  test("answers with at most two queries (session + the pupil's own part), the classes' day once per process (decision 0026)", async () => {
    for (const url of [`/api/learning/pupils/${ids.pupil}/diary`, `/api/learning/pupils/${ids.pupil}/diary?from=${LEARNING_DEMO.weekStart}&to=2020-12-13`]) {
      const cold = await get('demo.pupil', url);
      const warm = await get('demo.pupil', url);
      expect([cold.statusCode, warm.statusCode]).toEqual([200, 200]);
      expect(Number(warm.headers['x-query-count'])).toBeLessThanOrEqual(2);
      expect(Number(cold.headers['x-query-count'])).toBeLessThanOrEqual(3);
      expect(warm.json()).toEqual(cold.json());
    }
  });
});

describe("the week's diary and the parent's view", () => {
  test('a week runs Monday to Sunday with every lesson of the days', async () => {
    const res = await get('demo.pupil', `/api/learning/pupils/${ids.pupil}/diary?from=${LEARNING_DEMO.weekStart}&to=2020-12-13`);
    const d = res.json();
    expect(d).toMatchObject({ from: LEARNING_DEMO.weekStart, to: '2020-12-13' });
    const days = new Set(d.lessons.map((l: { date: string }) => l.date));
    expect([...days].sort()).toEqual(['2020-12-07', '2020-12-08', '2020-12-09', '2020-12-10', '2020-12-11']);
    // past lessons carry the pupil's attendance, and marks where given
    const past = d.lessons.filter((l: { date: string }) => l.date < LEARNING_DEMO.today);
    expect(past.every((l: { attendance: unknown }) => l.attendance !== null)).toBe(true);
  });

  test("a parent reads each child's day and term in two queries; another family's child is not found", async () => {
    for (const child of [ids.pupil, ids.sibling]) {
      await get('demo.parent', `/api/learning/pupils/${child}/diary`); // the classes' day into the cache
      const day = await get('demo.parent', `/api/learning/pupils/${child}/diary`);
      expect(day.statusCode).toBe(200);
      expect(Number(day.headers['x-query-count'])).toBeLessThanOrEqual(2);
      expect(day.json().pupil.id).toBe(child);
      const term = await get('demo.parent', `/api/learning/pupils/${child}/summary`);
      expect(term.statusCode).toBe(200);
      expect(Number(term.headers['x-query-count'])).toBeLessThanOrEqual(2);
    }
    const stranger = (
      await t.db.query<{ id: number }>('select pupil_id as id from class_members where class_id = $1 and pupil_id <> $2 limit 1', [ids.class5a, ids.pupil])
    ).rows[0]!.id;
    expect((await get('demo.parent', `/api/learning/pupils/${stranger}/diary`)).statusCode).toBe(404);
    expect((await get('demo.pupil', `/api/learning/pupils/${stranger}/summary`)).statusCode).toBe(404);
  });

  test("the term summary: each subject's marks and result, attendance counts and the latest absences", async () => {
    const s = (await get('demo.parent', `/api/learning/pupils/${ids.pupil}/summary`)).json();
    expect(s).toMatchObject({ grading: 'criteria', term: { number: 2, kind: 'quarter' } });
    expect(s.terms).toHaveLength(4);
    const math = s.subjects.find((x: { subject: { code: string } }) => x.subject.code === 'math');
    expect(math.marks.length).toBeGreaterThan(0);
    expect(math.result).toMatchObject({ system: 'criteria', percent: expect.any(Number), grade: expect.any(Number) });
    // the section summative (БЖБ) of 23 November is in, the term summative (ТЖБ) is not yet: provisional
    expect(math.result.components.section).not.toBeNull();
    expect(math.result.complete).toBe(false);
    const total = s.attendance.present + s.attendance.absent + s.attendance.late + s.attendance.excused;
    expect(total).toBeGreaterThan(50);
    expect(s.attendance.recent.every((a: { status: string }) => a.status !== 'present')).toBe(true);
    const q1 = s.terms[0].id;
    const first = (await get('demo.parent', `/api/learning/pupils/${ids.pupil}/summary?termId=${q1}`)).json();
    expect(first.term.number).toBe(1);
    expect((await get('demo.parent', `/api/learning/pupils/${ids.pupil}/summary?termId=999999`)).statusCode).toBe(404);
  });

  test("the homeroom teacher and the admin read a pupil of theirs (one more query to find the pupil's class)", async () => {
    const res = await get('demo.homeroom', `/api/learning/pupils/${ids.pupil}/diary`);
    expect([res.statusCode, res.headers['x-query-count']]).toEqual([200, '3']);
    expect((await get('demo.homeroom', `/api/learning/pupils/${ids.sibling}/diary`)).statusCode).toBe(404);
    expect((await get('demo.admin', `/api/learning/pupils/${ids.sibling}/diary`)).statusCode).toBe(200);
    expect((await get('demo.district', `/api/learning/pupils/${ids.pupil}/diary`)).statusCode).toBe(404);
  });

  test('bad ranges are refused before any query', async () => {
    const cases: [string, string][] = [
      ['?from=2020-12-13&to=2020-12-07', 'learning.range_reversed'],
      ['?to=2020-12-07', 'learning.range_reversed'],
      ['?from=2020-11-01&to=2020-12-31', 'learning.range_too_long'],
      ['?from=2020-13-01', 'request.invalid'],
      ['?day=2020-12-01', 'request.invalid'],
    ];
    for (const [query, code] of cases) {
      const res = await get('demo.pupil', `/api/learning/pupils/${ids.pupil}/diary${query}`);
      expect([res.statusCode, res.json().error.code]).toEqual([400, code]);
    }
  });
});
