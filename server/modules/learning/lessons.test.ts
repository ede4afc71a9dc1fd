import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonNear, lessonOf, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;
const NOW = Date.parse(LEARNING_DEMO.now);
const at = (minutesFromNow: number) => new Date(NOW + minutesFromNow * 60_000).toISOString();

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (login: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[login]! } });

/** Moves a lesson to start `startOffset` minutes from the frozen now, online with a link. */
async function liveLesson(startOffset: number): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>(
    `select id from lessons where class_id = $1 and subject_id = $2 and on_date > $3 order by on_date, starts_at limit 1 offset $4`,
    [ids.class5a, ids.math, LEARNING_DEMO.today, Math.abs(startOffset) % 7],
  );
  const id = rows[0]!.id;
  await t.db.query(
    `update lessons set on_date = $2, starts_at = $3, ends_at = $4, delivery = 'online_live', join_url = 'https://live.sabaq.example/room/test', cancelled = false, slot_id = null where id = $1`,
    [id, LEARNING_DEMO.today, at(startOffset), at(startOffset + 45)],
  );
  await t.db.query('delete from attendance where lesson_id = $1', [id]);
  return id;
}

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.homeroom', 'demo.admin']) cookies[login] = await t.login(login);
});
afterAll(async () => t?.close());

describe('a lesson and how it is delivered', () => {
  test("the teacher sets each kind of delivery; the join link is the teacher's to see", async () => {
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const patch = (body: object) => call('demo.teacher', 'PATCH', `/api/learning/lessons/${lesson}`, body);
    const tv = await patch({ topic: 'Бөлшектерді қосу', delivery: { kind: 'tv', tvChannel: 'al_farabi', tvAirAt: '2020-12-09T04:00:00+06:00' } });
    expect(tv.json()).toMatchObject({
      topic: 'Бөлшектерді қосу',
      delivery: { kind: 'tv', tvChannel: 'al_farabi', tvAirAt: '2020-12-08T22:00:00.000Z', joinUrl: null },
    });
    const rec = await patch({ delivery: { kind: 'recorded', videoUrl: 'https://video.sabaq.example/lessons/1' } });
    expect(rec.json().delivery).toEqual({
      kind: 'recorded',
      videoUrl: 'https://video.sabaq.example/lessons/1',
      joinUrl: null,
      tvChannel: null,
      tvAirAt: null,
      tvSlot: null,
    });
    const live = await patch({ delivery: { kind: 'online_live', joinUrl: 'https://meet.sabaq.example/5a-math' } });
    expect(live.json()).toMatchObject({ joinable: true, canEdit: true, delivery: { kind: 'online_live', joinUrl: 'https://meet.sabaq.example/5a-math' } });
    const asPupil = (await call('demo.pupil', 'GET', `/api/learning/lessons/${lesson}`)).json();
    expect(asPupil).toMatchObject({ joinable: true, canEdit: false, delivery: { kind: 'online_live', joinUrl: null } });
    for (const bad of [
      { delivery: { kind: 'online_live', joinUrl: 'javascript:alert(1)' } },
      { delivery: { kind: 'online_live' } },
      { delivery: { kind: 'tv', tvChannel: 'mtv', tvAirAt: '2020-12-09T04:00:00Z' } },
      { topic: 'x'.repeat(301) },
      { colour: 'red' },
    ]) {
      const res = await patch(bad);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'request.invalid']);
    }
    const room = await patch({ roomId: 999_999 });
    expect([room.statusCode, room.json().error.code]).toEqual([404, 'learning.room_not_found']);
  });

  test("materials: a link added to a lesson shows in the pupils' day and can be removed", async () => {
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const added = await call('demo.teacher', 'POST', `/api/learning/lessons/${lesson}/materials`, {
      kind: 'link',
      title: 'Оқулық, 45-бет',
      url: 'https://okulyk.example/5/math/45',
    });
    expect(added.statusCode).toBe(201);
    const today = (await call('demo.pupil', 'GET', `/api/learning/pupils/${ids.pupil}/diary`)).json();
    expect(today.lessons.find((l: { id: number }) => l.id === lesson).materials).toContainEqual(
      expect.objectContaining({ id: added.json().id, title: 'Оқулық, 45-бет' }),
    );
    expect((await call('demo.homeroom', 'DELETE', `/api/learning/materials/${added.json().id}`)).statusCode).toBe(404);
    expect((await call('demo.teacher', 'DELETE', `/api/learning/materials/${added.json().id}`)).statusCode).toBe(204);
  });
});

describe('joining an online lesson', () => {
  test('records the pupil present online and returns the link; a second join changes nothing', async () => {
    const lesson = await liveLesson(-5);
    const res = await call('demo.pupil', 'POST', `/api/learning/lessons/${lesson}/join`);
    expect(res.json()).toEqual({ url: 'https://live.sabaq.example/room/test', attendance: 'present' });
    expect((await call('demo.pupil', 'POST', `/api/learning/lessons/${lesson}/join`)).json().attendance).toBe('present');
    const rows = (await t.db.query('select status, online, marked_by from attendance where lesson_id = $1', [lesson])).rows;
    expect(rows).toEqual([{ status: 'present', online: true, marked_by: null }]);
    // the teacher and a parent get the link; nobody is recorded for them
    expect((await call('demo.teacher', 'POST', `/api/learning/lessons/${lesson}/join`)).json()).toEqual({
      url: 'https://live.sabaq.example/room/test',
      attendance: null,
    });
    expect((await call('demo.parent', 'POST', `/api/learning/lessons/${lesson}/join`)).json().attendance).toBeNull();
    expect((await t.db.query('select count(*)::int as n from attendance where lesson_id = $1', [lesson])).rows[0]!.n).toBe(1);
  });

  test('joining twenty minutes in is late; a teacher\'s "absent" yields to the join', async () => {
    const lesson = await liveLesson(-20);
    await call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/attendance`, { entries: [{ pupilId: ids.pupil, status: 'absent' }] });
    expect((await call('demo.pupil', 'POST', `/api/learning/lessons/${lesson}/join`)).json().attendance).toBe('late');
    expect((await t.db.query('select status, online from attendance where lesson_id = $1 and pupil_id = $2', [lesson, ids.pupil])).rows[0]).toEqual({
      status: 'late',
      online: true,
    });
  });

  test('is refused before the lesson opens, after it ends, and for a lesson not held online', async () => {
    const early = await liveLesson(30);
    expect((await call('demo.pupil', 'POST', `/api/learning/lessons/${early}/join`)).json().error.code).toBe('learning.join_too_early');
    const over = await liveLesson(-60);
    expect((await call('demo.pupil', 'POST', `/api/learning/lessons/${over}/join`)).json().error.code).toBe('learning.lesson_over');
    await t.db.query(`update lessons set delivery = 'in_person', join_url = null where id = $1`, [over]);
    const res = await call('demo.pupil', 'POST', `/api/learning/lessons/${over}/join`);
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'learning.not_online']);
    expect((await t.db.query('select count(*)::int as n from attendance where lesson_id = any($1::bigint[])', [[early, over]])).rows[0]!.n).toBe(0);
  });

  test('a lesson of another class is not found, and GET never joins', async () => {
    const other = await lessonOf(t.db, ids.ruralClass, LEARNING_DEMO.today);
    expect((await call('demo.pupil', 'POST', `/api/learning/lessons/${other}/join`)).statusCode).toBe(404);
    expect((await call('demo.pupil', 'GET', `/api/learning/lessons/${other}/join`)).statusCode).toBe(404);
  });
});

describe('one-off lessons', () => {
  const create = (body: object) => call('demo.teacher', 'POST', '/api/learning/lessons', body);
  test('dates outside every term, holidays and busy times are refused with the reason', async () => {
    const base = { classId: ids.class5a, subjectId: ids.math, periodNumber: 6 };
    const outside = await create({ ...base, date: '2020-11-03' }); // the autumn break
    expect([outside.statusCode, outside.json().error.code]).toEqual([422, 'learning.date_outside_term']);
    const holiday = await create({ ...base, date: '2020-12-16' });
    expect([holiday.statusCode, holiday.json().error.code]).toEqual([422, 'learning.date_is_holiday']);
    const noPeriod = await create({ ...base, date: '2020-12-12', periodNumber: 9 });
    expect(noPeriod.json().error.code).toBe('learning.unknown_period');
    // the teacher's own 5 А maths lesson on a later day: the same period is taken
    const taken = await lessonNear(t.db, ids.class5a, ids.math, '2020-12-10', 'after');
    const period = (await t.db.query<{ p: number }>('select period_number as p from lessons where id = $1', [taken.id])).rows[0]!.p;
    const clash = await create({ ...base, date: taken.date, periodNumber: period });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'learning.teacher_clash', details: { className: '5 А', periodNumber: period } });
    const ok = await create({
      ...base,
      date: '2020-12-12',
      periodNumber: 2,
      topic: 'Консультация',
      delivery: { kind: 'online_live', joinUrl: 'https://meet.sabaq.example/c' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ date: '2020-12-12', periodNumber: 2, topic: 'Консультация', startsAt: '2020-12-12T03:20:00.000Z' });
    const notMine = await call('demo.teacher', 'POST', '/api/learning/lessons', { ...base, subjectId: ids.english, date: '2020-12-12' });
    expect(notMine.statusCode).toBe(404);
  });
});

describe("the teacher's lists", () => {
  test('their lessons of a day, and what they teach with the work waiting to be marked', async () => {
    const lessons = await call('demo.teacher', 'GET', '/api/learning/me/lessons');
    expect(lessons.json().from).toBe(LEARNING_DEMO.today);
    expect(lessons.json().lessons.every((l: { date: string }) => l.date === LEARNING_DEMO.today)).toBe(true);
    expect(lessons.json().lessons.length).toBeGreaterThan(0);
    const teaching = (await call('demo.teacher', 'GET', '/api/learning/me/teaching')).json();
    expect(teaching.items.map((i: { class: { name: string }; subject: { code: string } }) => `${i.class.name}/${i.subject.code}`).sort()).toEqual([
      '5 А/math',
      '6 Б/math',
    ]);
    expect(teaching.items[0].currentTermId).toBeTruthy();
    expect(teaching.homeroomClasses).toEqual([]);
    const homeroom = (await call('demo.homeroom', 'GET', '/api/learning/me/teaching')).json();
    expect(homeroom.homeroomClasses).toEqual([{ id: ids.class5a, name: '5 А', organisationId: ids.cityId }]);
  });
});

describe('announcements', () => {
  test('a teacher posts to a class; its pupils and their parents see it', async () => {
    const post = await call('demo.teacher', 'POST', `/api/learning/classes/${ids.class5a}/announcements`, {
      title: 'Ертең БЖБ',
      body: 'Ертең бірінші сабақта математикадан БЖБ болады.',
    });
    expect(post.statusCode).toBe(201);
    expect(post.json()).toMatchObject({ class: { id: ids.class5a }, author: { id: ids.teacher } });
    for (const login of ['demo.pupil', 'demo.parent', 'demo.homeroom', 'demo.admin']) {
      const list = (await call(login, 'GET', `/api/learning/classes/${ids.class5a}/announcements`)).json();
      expect(list.items[0].id).toBe(post.json().id);
    }
    const today = (await call('demo.parent', 'GET', `/api/learning/pupils/${ids.pupil}/diary`)).json();
    expect(today.announcements[0].title).toBe('Ертең БЖБ');
    const pupilPosts = await call('demo.pupil', 'POST', `/api/learning/classes/${ids.class5a}/announcements`, { title: 'x', body: 'y' });
    expect([pupilPosts.statusCode, pupilPosts.json().error.code]).toEqual([403, 'learning.announcement_forbidden']);
    expect((await call('demo.parent', 'GET', `/api/learning/classes/${ids.class10a}/announcements`)).statusCode).toBe(404);
  });
});
