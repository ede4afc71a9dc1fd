import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonOf, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;
const NOW = Date.parse(LEARNING_DEMO.now);
const inHours = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (login: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[login]!, ...headers } });
const submit = (homeworkId: number, body: object, key: string | null = randomUUID(), login = 'demo.pupil') =>
  call(login, 'POST', `/api/learning/homework/${homeworkId}/submissions`, body, key === null ? {} : { 'idempotency-key': key });
const attempts = async (homeworkId: number) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from submission_attempts where homework_id = $1', [homeworkId])).rows[0]!.n;

/** Today's first maths lesson of 5 А (08:30 Almaty, before the frozen noon). */
let todayMath: number;
async function newHomework(dueAt: string, title = 'Бөлшектер: №512, №515'): Promise<number> {
  const res = await call('demo.teacher', 'POST', `/api/learning/lessons/${todayMath}/homework`, {
    title,
    instructions: 'Оқулықтың 512 және 515 есептерін шығарыңыз.',
    dueAt,
    materials: [{ kind: 'link', title: 'Бейнесабақ', url: 'https://bilimland.example/video/512' }],
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.homeroom', 'demo.admin']) cookies[login] = await t.login(login);
  todayMath = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
});
afterAll(async () => t?.close());

describe('setting homework', () => {
  test('homework is due within its term and not before its lesson', async () => {
    const lesson = (await call('demo.teacher', 'GET', `/api/learning/lessons/${todayMath}`)).json();
    const early = await call('demo.teacher', 'POST', `/api/learning/lessons/${todayMath}/homework`, {
      title: 'x',
      dueAt: new Date(Date.parse(lesson.startsAt) - 60_000).toISOString(),
    });
    expect([early.statusCode, early.json().error.code]).toEqual([422, 'learning.due_before_lesson']);
    const late = await call('demo.teacher', 'POST', `/api/learning/lessons/${todayMath}/homework`, { title: 'x', dueAt: '2021-01-15T12:00:00Z' });
    expect([late.statusCode, late.json().error.code]).toEqual([422, 'learning.date_outside_term']);
    const id = await newHomework(inHours(48));
    const view = (await call('demo.pupil', 'GET', `/api/learning/homework/${id}`)).json();
    expect(view).toMatchObject({
      canSubmit: true,
      canEdit: false,
      mySubmission: null,
      pupils: null,
      homework: { title: 'Бөлшектер: №512, №515', submitted: null },
    });
    expect(view.homework.materials[0]).toMatchObject({ kind: 'link', url: 'https://bilimland.example/video/512' });
    // it appears in the pupil's Today as homework due
    const today = (await call('demo.pupil', 'GET', `/api/learning/pupils/${ids.pupil}/diary`)).json();
    expect(today.homework.some((h: { id: number }) => h.id === id)).toBe(true);
  });
});

describe('submitting work', () => {
  test('a retry with the same Idempotency-Key returns the original result and never a duplicate', async () => {
    const hw = await newHomework(inHours(30));
    const key = randomUUID();
    const body = { text: '512: 3/4; 515: 1 1/2' };
    const first = await submit(hw, body, key);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'submitted', late: false, attempts: 1, text: body.text, pupil: { id: ids.pupil } });
    const retries = await Promise.all([submit(hw, body, key), submit(hw, body, key.toUpperCase())]);
    for (const r of retries) {
      expect(r.statusCode).toBe(201);
      expect(r.headers['idempotent-replayed']).toBe('true');
      expect(r.json()).toEqual(first.json());
    }
    expect(await attempts(hw)).toBe(1);
    // the same key for different work is a client bug, said plainly
    const reused = await submit(hw, { text: 'басқа жауап' }, key);
    expect([reused.statusCode, reused.json().error.code]).toEqual([422, 'learning.idempotency_key_reused']);
  });

  test('concurrent first sends with one key make one attempt', async () => {
    const hw = await newHomework(inHours(30));
    const key = randomUUID();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(hw, { text: 'бір рет' }, key)));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((r) => r.json().id)).size).toBe(1);
    expect(await attempts(hw)).toBe(1);
  });

  test('a missing or malformed Idempotency-Key is refused and nothing is written', async () => {
    const hw = await newHomework(inHours(30));
    const missing = await submit(hw, { text: 'x' }, null);
    expect([missing.statusCode, missing.json().error.code]).toEqual([400, 'learning.idempotency_key_required']);
    for (const key of ['12345', 'not-a-uuid-at-all-xxxxxxxxxxxxxxxxxx', `${randomUUID()}x`]) {
      const bad = await submit(hw, { text: 'x' }, key);
      expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'learning.idempotency_key_invalid']);
    }
    expect(await attempts(hw)).toBe(0);
  });

  test('a pupil resubmits until the work is marked; the teacher marks it from the inbox; the parent sees the mark', async () => {
    const hw = await newHomework(inHours(30), 'Пропорция есептері');
    expect((await submit(hw, { text: 'бірінші нұсқа' })).json().attempts).toBe(1);
    const second = (await submit(hw, { text: 'түзетілген нұсқа' })).json();
    expect(second).toMatchObject({ attempts: 2, text: 'түзетілген нұсқа' });
    const inbox = (await call('demo.teacher', 'GET', `/api/learning/inbox?classId=${ids.class5a}`)).json();
    const item =
      inbox.items.find((i: { submissionId: number }) => i.submissionId === second.id) ??
      (await call('demo.teacher', 'GET', `/api/learning/inbox?classId=${ids.class5a}&limit=200`))
        .json()
        .items.find((i: { submissionId: number }) => i.submissionId === second.id);
    expect(item).toMatchObject({ homework: { id: hw }, pupil: { id: ids.pupil }, late: false, attempts: 2 });

    const outOfScale = await call('demo.teacher', 'PUT', `/api/learning/submissions/${second.id}/mark`, { score: 11 });
    expect([outOfScale.statusCode, outOfScale.json().error.code]).toEqual([422, 'learning.mark_out_of_scale']);
    const marked = await call('demo.teacher', 'PUT', `/api/learning/submissions/${second.id}/mark`, { score: 8, comment: 'Жарайсың!' });
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toMatchObject({ status: 'marked', mark: { kind: 'formative', score: 8, max: 10, comment: 'Жарайсың!' } });
    const after = (await call('demo.teacher', 'GET', `/api/learning/inbox?classId=${ids.class5a}&limit=200`)).json();
    expect(after.items.some((i: { submissionId: number }) => i.submissionId === second.id)).toBe(false);
    expect(after.total).toBe(inbox.total - 1);

    const again = await submit(hw, { text: 'үшінші' });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'learning.submission_marked']);

    // the parent: the submission with its mark, the mark in the term summary, and in the journal's homework column
    const seen = (await call('demo.parent', 'GET', `/api/learning/homework/${hw}`)).json();
    expect(seen.mySubmission).toMatchObject({ id: second.id, mark: { score: 8 } });
    const summary = (await call('demo.parent', 'GET', `/api/learning/pupils/${ids.pupil}/summary`)).json();
    const math = summary.subjects.find((s: { subject: { id: number } }) => s.subject.id === ids.math);
    expect(math.marks).toContainEqual(expect.objectContaining({ homeworkId: hw, score: 8, max: 10, comment: 'Жарайсың!' }));
    const grid = (await call('demo.teacher', 'GET', `/api/learning/journal?classId=${ids.class5a}&subjectId=${ids.math}`)).json();
    expect(grid.marks).toContainEqual(expect.objectContaining({ homeworkId: hw, pupilId: ids.pupil, lessonId: todayMath, score: 8 }));

    // removing the mark hands the work back
    const back = await call('demo.teacher', 'DELETE', `/api/learning/submissions/${second.id}/mark`);
    expect(back.json()).toMatchObject({ status: 'submitted', mark: null });
    expect((await submit(hw, { text: 'үшінші нұсқа' })).json().attempts).toBe(3);
  });

  test('late work is accepted and flagged, unless the organisation refuses it', async () => {
    const lesson = (await call('demo.teacher', 'GET', `/api/learning/lessons/${todayMath}`)).json();
    const hw = await newHomework(new Date(Date.parse(lesson.endsAt) + 60_000).toISOString(), 'Кешіккен жұмыс');
    const late = await submit(hw, { text: 'кеш болса да' });
    expect(late.json()).toMatchObject({ late: true, status: 'submitted' });

    const settings = (await call('demo.admin', 'GET', `/api/learning/organisations/${ids.cityId}/settings`)).json();
    const { effectiveGradingSystem: _e, own: _o, ...body } = settings;
    expect((await call('demo.admin', 'PUT', `/api/learning/organisations/${ids.cityId}/settings`, { ...body, acceptLateSubmissions: false })).statusCode).toBe(
      200,
    );
    const hw2 = await newHomework(new Date(Date.parse(lesson.endsAt) + 60_000).toISOString(), 'Мерзімі өткен');
    const refused = await submit(hw2, { text: 'кеш' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'learning.late_refused']);
    expect(await attempts(hw2)).toBe(0);
    await call('demo.admin', 'PUT', `/api/learning/organisations/${ids.cityId}/settings`, { ...body, acceptLateSubmissions: true });
  });

  test("work for homework that is not the pupil's class is not found; empty work is refused", async () => {
    const { rows } = await t.db.query<{ id: number }>('select id from homework where class_id = $1 limit 1', [ids.class6b]);
    const before = await attempts(rows[0]!.id);
    const other = await submit(rows[0]!.id, { text: 'x' });
    expect([other.statusCode, other.json().error.code]).toEqual([404, 'learning.homework_not_found']);
    expect(await attempts(rows[0]!.id)).toBe(before); // nothing was recorded for it
    expect(await t.one<number>('select count(*)::int from submission_attempts where homework_id = $1 and pupil_id = $2', [rows[0]!.id, ids.pupil])).toBe(0);
    const hw = await newHomework(inHours(30));
    for (const login of ['demo.parent', 'demo.teacher']) {
      expect((await submit(hw, { text: 'x' }, randomUUID(), login)).statusCode).toBe(404);
    }
    const empty = await submit(hw, { text: '   ', fileIds: [] });
    expect([empty.statusCode, empty.json().error.code]).toEqual([422, 'learning.submission_empty']);
    const notMine = await submit(hw, { fileIds: [randomUUID()] });
    expect([notMine.statusCode, notMine.json().error.code]).toEqual([404, 'files.not_found']);
    expect(await attempts(hw)).toBe(0);
  });

  test('homework with submissions cannot be withdrawn; without, it can', async () => {
    const hw = await newHomework(inHours(30));
    expect((await call('demo.teacher', 'PATCH', `/api/learning/homework/${hw}`, { title: 'Жаңа атау' })).json().title).toBe('Жаңа атау');
    await submit(hw, { text: 'дайын' });
    expect((await call('demo.teacher', 'DELETE', `/api/learning/homework/${hw}`)).statusCode).toBe(409);
    const empty = await newHomework(inHours(30));
    expect((await call('demo.teacher', 'DELETE', `/api/learning/homework/${empty}`)).statusCode).toBe(204);
    expect((await call('demo.teacher', 'GET', `/api/learning/homework/${empty}`)).statusCode).toBe(404);
  });

  test("the teacher's homework page lists every pupil of the class with their submission", async () => {
    const hw = await newHomework(inHours(30));
    await submit(hw, { text: 'жауап' });
    const view = (await call('demo.teacher', 'GET', `/api/learning/homework/${hw}`)).json();
    expect(view.pupils).toHaveLength(18);
    expect(view.pupils.filter((p: { submission: unknown }) => p.submission !== null)).toHaveLength(1);
    expect(view.homework).toMatchObject({ submitted: 1, toMark: 1 });
    expect(view.canEdit).toBe(true);
  });
});

describe("the teacher's inbox: filters and pages", () => {
  test('by homework, not yet marked or all, a page at a time', async () => {
    const hw = await newHomework(inHours(40), 'Сүзгі үшін');
    const work = (await submit(hw, { text: 'жауап' })).json();
    const only = (await call('demo.teacher', 'GET', `/api/learning/inbox?homeworkId=${hw}`)).json();
    expect(only).toMatchObject({ total: 1, page: 1, items: [{ submissionId: work.id, marked: false }] });
    expect(only.homeworks.some((h: { id: number; count: number }) => h.id === hw && h.count === 1)).toBe(true);
    expect((await call('demo.teacher', 'PUT', `/api/learning/submissions/${work.id}/mark`, { score: 9 })).statusCode).toBe(200);
    expect((await call('demo.teacher', 'GET', `/api/learning/inbox?homeworkId=${hw}`)).json().total).toBe(0);
    const all = (await call('demo.teacher', 'GET', `/api/learning/inbox?homeworkId=${hw}&state=all`)).json();
    expect(all.items).toMatchObject([{ submissionId: work.id, marked: true }]);
    // pages: two at a time over everything waiting, no item twice
    const first = (await call('demo.teacher', 'GET', '/api/learning/inbox?limit=2&page=1')).json();
    const second = (await call('demo.teacher', 'GET', '/api/learning/inbox?limit=2&page=2')).json();
    expect(first.total).toBe(second.total);
    if (first.total > 2) expect(second.items.map((i: { submissionId: number }) => i.submissionId)).not.toContain(first.items[0].submissionId);
    // a homework of a class the teacher does not teach lists nothing (no leak)
    expect((await call('demo.homeroom', 'GET', `/api/learning/inbox?homeworkId=${hw}&state=all`)).json().total).toBe(0);
    expect((await call('demo.teacher', 'GET', '/api/learning/inbox?state=some')).statusCode).toBe(400);
  });
});
