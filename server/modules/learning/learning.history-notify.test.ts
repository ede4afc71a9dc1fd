/** Attendance history (who changed what and when) and what the e-journal tells families through notify(). */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonOf, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (login: string, method: 'GET' | 'PUT' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[login]! } });
const notes = (person: number, kind: string) =>
  t.db
    .query<{ params: Record<string, unknown> }>('select params from notifications where person_id = $1 and kind = $2 order by id', [person, kind])
    .then((r) => r.rows);

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.homeroom', 'demo.admin']) cookies[login] = await t.login(login);
});
afterAll(async () => t?.close());

describe('attendance history', () => {
  test('every change is kept with who made it and when; re-entering the same status adds nothing', async () => {
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const put = (entries: object[]) => call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/attendance`, { entries });
    await t.db.query('delete from attendance where lesson_id = $1 and pupil_id = $2', [lesson, ids.pupil]);
    expect((await put([{ pupilId: ids.pupil, status: 'absent' }])).statusCode).toBe(200);
    expect((await put([{ pupilId: ids.pupil, status: 'absent' }])).statusCode).toBe(200);
    expect((await put([{ pupilId: ids.pupil, status: 'excused', reason: 'Ауырды' }])).statusCode).toBe(200);
    expect((await put([{ pupilId: ids.pupil, status: null }])).statusCode).toBe(200);
    const res = await call('demo.teacher', 'GET', `/api/learning/lessons/${lesson}/attendance-history`);
    expect(res.statusCode).toBe(200);
    const mine = res.json().items.filter((h: { pupilId: number }) => h.pupilId === ids.pupil);
    expect(mine.map((h: Record<string, unknown>) => [h.action, h.oldStatus, h.newStatus, h.newReason, h.via])).toEqual([
      ['set', null, 'absent', null, 'journal'],
      ['changed', 'absent', 'excused', 'Ауырды', 'journal'],
      ['removed', 'excused', null, null, 'journal'],
    ]);
    expect(mine[0].changedBy.id).toBe(ids.teacher);
    expect(Date.parse(mine[0].changedAt)).not.toBeNaN();
    // the homeroom teacher and the admin read it; the pupil and the parent do not (404 like a missing lesson)
    expect((await call('demo.homeroom', 'GET', `/api/learning/lessons/${lesson}/attendance-history`)).statusCode).toBe(200);
    expect((await call('demo.parent', 'GET', `/api/learning/lessons/${lesson}/attendance-history`)).statusCode).toBe(404);
    expect((await call('demo.teacher', 'GET', '/api/learning/lessons/99999999/attendance-history')).statusCode).toBe(404);
  });

  test('a refused batch writes no history', async () => {
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const before = await t.one<number>('select count(*)::int from attendance_history');
    const res = await call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/attendance`, {
      entries: [
        { pupilId: ids.pupil, status: 'present' },
        { pupilId: ids.sibling, status: 'present' },
      ],
    });
    expect(res.statusCode).toBe(404); // the sibling is not in this class
    expect(await t.one<number>('select count(*)::int from attendance_history')).toBe(before);
  });
});

describe('families are told through notify()', () => {
  test('homework set and changed reach the pupil and the parent', async () => {
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const dueAt = new Date(Date.parse(LEARNING_DEMO.now) + 2 * 86_400_000).toISOString();
    const res = await call('demo.teacher', 'POST', `/api/learning/lessons/${lesson}/homework`, { title: 'Бөлшектер', dueAt });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const toParent = await notes(ids.parent, 'homework.set');
    expect(toParent.at(-1)!.params).toMatchObject({ homeworkId: id, title: 'Бөлшектер', childId: ids.pupil, subject: { en: 'Mathematics' } });
    expect((await notes(ids.pupil, 'homework.set')).at(-1)!.params).toMatchObject({ homeworkId: id });
    expect((await call('demo.teacher', 'PATCH', `/api/learning/homework/${id}`, { title: 'Бөлшектер 2' })).statusCode).toBe(200);
    expect((await notes(ids.parent, 'homework.changed')).at(-1)!.params).toMatchObject({ homeworkId: id, title: 'Бөлшектер 2' });
  });

  test('a mark given reaches the pupil and the parent, not the other pupils', async () => {
    const { rows } = await t.db.query<{ id: number }>(
      `select l.id from lessons l where l.class_id = $1 and l.subject_id = $2 and l.on_date < $3 and l.assessment = 'formative' and not l.cancelled
         and not exists (select 1 from marks m where m.lesson_id = l.id and m.pupil_id = $4) order by l.on_date desc limit 1`,
      [ids.class5a, ids.math, LEARNING_DEMO.today, ids.pupil],
    );
    const before = await t.one<number>(`select count(*)::int from notifications where kind = 'marks.given'`);
    const res = await call('demo.teacher', 'PUT', `/api/learning/lessons/${rows[0]!.id}/marks`, { entries: [{ pupilId: ids.pupil, score: 9 }] });
    expect(res.statusCode).toBe(200);
    expect((await notes(ids.parent, 'marks.given')).at(-1)!.params).toMatchObject({ score: 9, max: 10, childId: ids.pupil, lessonId: rows[0]!.id });
    const fresh = await t.db.query<{ child: number; person: number }>(
      `select (params->>'childId')::int as child, person_id as person from notifications where kind = 'marks.given' order by id offset $1`,
      [before],
    );
    expect(fresh.rows.every((r) => r.child === ids.pupil)).toBe(true);
    expect(fresh.rows.map((r) => r.person)).toEqual(expect.arrayContaining([ids.pupil, ids.parent]));
  });

  test('a lesson moved to TV reaches the families; a topic change does not', async () => {
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const before = (await notes(ids.parent, 'lessons.delivery_changed')).length;
    expect((await call('demo.teacher', 'PATCH', `/api/learning/lessons/${lesson}`, { topic: 'Жаңа тақырып' })).statusCode).toBe(200);
    expect((await notes(ids.parent, 'lessons.delivery_changed')).length).toBe(before);
    const tv = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${lesson}`, {
      delivery: { kind: 'tv', tvChannel: 'balapan', tvAirAt: '2020-12-09T04:00:00+06:00' },
    });
    expect(tv.statusCode).toBe(200);
    const after = await notes(ids.parent, 'lessons.delivery_changed');
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.params).toMatchObject({ lessonId: lesson, to: 'tv', childId: ids.pupil });
  });

  test('a class announcement reaches the class families', async () => {
    const res = await call('demo.homeroom', 'POST', `/api/learning/classes/${ids.class5a}/announcements`, {
      title: 'Ата-аналар жиналысы',
      body: 'Жұма, 18:00',
    });
    expect(res.statusCode).toBe(201);
    expect((await notes(ids.parent, 'announcement')).at(-1)!.params).toMatchObject({ title: 'Ата-аналар жиналысы', classId: ids.class5a });
  });
});
