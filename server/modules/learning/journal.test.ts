import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonNear, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';
import { DEFAULT_SETTINGS, subjectResult, type MarkValue } from './learning.rules.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (login: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[login]! } });

/** A past formative lesson of 5 А maths with no marks yet for the demo pupil. */
async function freshMathLesson(): Promise<number> {
  const { rows } = await t.db.query<{ id: number }>(
    `select l.id from lessons l where l.class_id = $1 and l.subject_id = $2 and l.on_date < $3 and l.assessment = 'formative' and not l.cancelled
       and not exists (select 1 from marks m where m.lesson_id = l.id and m.pupil_id = $4)
     order by l.on_date desc limit 1`,
    [ids.class5a, ids.math, LEARNING_DEMO.today, ids.pupil],
  );
  return rows[0]!.id;
}

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.homeroom', 'demo.admin']) cookies[login] = await t.login(login);
});
afterAll(async () => t?.close());

describe('the journal grid', () => {
  test("shows the term's lessons × the class's pupils with marks, attendance and results", async () => {
    const res = await call('demo.teacher', 'GET', `/api/learning/journal?classId=${ids.class5a}&subjectId=${ids.math}`);
    expect(res.statusCode).toBe(200);
    const j = res.json();
    expect(j).toMatchObject({ canEdit: true, grading: 'criteria', formativeMax: 10, term: { kind: 'quarter', number: 2 } });
    expect(j.pupils).toHaveLength(18);
    expect(j.lessons.length).toBeGreaterThan(20);
    expect(j.lessons.every((l: { date: string }) => l.date >= j.term.startsOn && l.date <= j.term.endsOn)).toBe(true);
    expect(j.attendance.length).toBeGreaterThan(0);
    // each pupil's result is the rules' result over their marks
    const pupil = j.pupils[0].id;
    const marks: MarkValue[] = j.marks.filter((m: { pupilId: number }) => m.pupilId === pupil);
    expect(j.results.find((r: { pupilId: number }) => r.pupilId === pupil).result).toEqual(
      subjectResult(
        { ...DEFAULT_SETTINGS, gradingSystem: 'criteria' },
        marks.map((m) => ({ kind: m.kind, score: m.score, max: m.max })),
      ),
    );
  });

  test('answers with a constant number of queries, whatever the size of the class', async () => {
    // demo.teacher also teaches maths in 10 А (10 pupils) for this test; 5 А has 18
    await t.db.query('insert into teaching_assignments (teacher_id, class_id, subject_id) values ($1, $2, $3)', [ids.teacher, ids.class10a, ids.math]);
    cookies['demo.teacher'] = await t.login('demo.teacher');
    const counts: Record<string, string[]> = { 'demo.teacher': [], 'demo.admin': [] };
    for (const login of ['demo.teacher', 'demo.admin']) {
      for (const classId of [ids.class5a, ids.class10a]) {
        const res = await call(login, 'GET', `/api/learning/journal?classId=${classId}&subjectId=${ids.math}`);
        expect(res.statusCode).toBe(200);
        counts[login]!.push(res.headers['x-query-count'] as string);
      }
    }
    // the session, the grid; an admin's class is looked up once more for its organisation
    expect(counts).toEqual({ 'demo.teacher': ['2', '2'], 'demo.admin': ['3', '3'] });
    await t.db.query('delete from teaching_assignments where teacher_id = $1 and class_id = $2', [ids.teacher, ids.class10a]);
  });

  test('the homeroom teacher and the admin read it; they cannot write in it', async () => {
    const lesson = await freshMathLesson();
    for (const login of ['demo.homeroom', 'demo.admin']) {
      const res = await call(login, 'GET', `/api/learning/journal?classId=${ids.class5a}&subjectId=${ids.math}`);
      expect(res.json().canEdit).toBe(false);
      const put = await call(login, 'PUT', `/api/learning/lessons/${lesson}/marks`, { entries: [{ pupilId: ids.pupil, score: 9 }] });
      expect(put.statusCode).toBe(403);
      expect(put.json().error.code).toBe('learning.not_the_teacher');
    }
  });
});

describe('marks', () => {
  test('a teacher enters, changes and removes a mark; every change is kept in the history', async () => {
    const lesson = await freshMathLesson();
    const put = (score: number | null, comment?: string) =>
      call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/marks`, { entries: [{ pupilId: ids.pupil, score, ...(comment ? { comment } : {}) }] });
    expect((await put(7, 'Жақсы')).json()).toEqual({ changed: 1 });
    expect((await put(7)).json()).toEqual({ changed: 0 }); // the same mark again writes nothing
    expect((await put(9)).json()).toEqual({ changed: 1 });
    const grid = (await call('demo.teacher', 'GET', `/api/learning/journal?classId=${ids.class5a}&subjectId=${ids.math}`)).json();
    // an omitted comment keeps the one there
    expect(grid.marks.find((m: { lessonId: number; pupilId: number }) => m.lessonId === lesson && m.pupilId === ids.pupil)).toMatchObject({
      score: 9,
      max: 10,
      kind: 'formative',
      comment: 'Жақсы',
      homeworkId: null,
    });
    expect((await put(null)).json()).toEqual({ changed: 1 });
    const history = (await call('demo.teacher', 'GET', `/api/learning/lessons/${lesson}/mark-history`))
      .json()
      .items.filter((h: { pupilId: number }) => h.pupilId === ids.pupil);
    expect(history.map((h: { action: string; oldScore: number | null; newScore: number | null }) => [h.action, h.oldScore, h.newScore])).toEqual([
      ['set', null, 7],
      ['changed', 7, 9],
      ['removed', 9, null],
    ]);
    expect(history[0].changedBy.id).toBe(ids.teacher);
    // the pupil and the parent see the mark's removal too: no classwork mark on that lesson
    const summary = (await call('demo.parent', 'GET', `/api/learning/pupils/${ids.pupil}/summary`)).json();
    const math = summary.subjects.find((s: { subject: { id: number } }) => s.subject.id === ids.math);
    expect(math.marks.some((m: { lessonId: number; homeworkId: number | null }) => m.lessonId === lesson && m.homeworkId === null)).toBe(false);
  });

  test('marks outside the scale are refused with a clear error, and nothing of the batch is written', async () => {
    const lesson = await freshMathLesson();
    const before = (await t.db.query('select count(*)::int as n from marks where lesson_id = $1', [lesson])).rows[0]!.n;
    for (const score of [0, 11, 7.5, -1]) {
      const res = await call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/marks`, {
        entries: [
          { pupilId: ids.pupil, score: 8 },
          { pupilId: ids.pupil, score },
        ],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('learning.mark_out_of_scale');
      expect(res.json().error.message).toMatch(/1\.\.10/);
    }
    expect((await t.db.query('select count(*)::int as n from marks where lesson_id = $1', [lesson])).rows[0]!.n).toBe(before);
  });

  test("a summative score is out of the lesson's maximum, and the scale cannot change under marks", async () => {
    const lesson = await freshMathLesson();
    await t.db.query('delete from marks where lesson_id = $1', [lesson]);
    const patch = (body: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/learning/lessons/${lesson}`, payload: body, headers: { cookie: cookies['demo.teacher']! } });
    expect((await patch({ assessment: 'section' })).json().error.code).toBe('learning.assessment_needs_max');
    expect((await patch({ assessment: 'exam', assessmentMax: 50 })).json().error.code).toBe('learning.assessment_not_in_system');
    expect((await patch({ assessment: 'section', assessmentMax: 18 })).statusCode).toBe(200);
    const put = (score: number) => call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/marks`, { entries: [{ pupilId: ids.pupil, score }] });
    expect((await put(19)).statusCode).toBe(422);
    expect((await put(0)).statusCode).toBe(200);
    expect((await put(18)).statusCode).toBe(200);
    const res = await patch({ assessmentMax: 20 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('learning.lesson_has_marks');
  });

  test('a lesson that has not taken place takes no marks; a pupil of another class is not found', async () => {
    const future = await lessonNear(t.db, ids.class5a, ids.math, LEARNING_DEMO.today, 'after');
    const res = await call('demo.teacher', 'PUT', `/api/learning/lessons/${future.id}/marks`, { entries: [{ pupilId: ids.pupil, score: 8 }] });
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'learning.lesson_in_future']);
    const lesson = await freshMathLesson();
    const other = await call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/marks`, { entries: [{ pupilId: ids.sibling, score: 8 }] });
    expect([other.statusCode, other.json().error.code]).toEqual([404, 'learning.pupil_not_in_class']);
  });

  test('unknown fields and wrong types are refused at the edge', async () => {
    const lesson = await freshMathLesson();
    for (const body of [{ entries: [{ pupilId: ids.pupil, score: 8, extra: 1 }] }, { entries: [] }, { entries: [{ pupilId: 'x', score: 8 }] }]) {
      const res = await call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/marks`, body);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'request.invalid']);
    }
  });
});

describe('attendance', () => {
  test('present, absent, late and excused with its reason; null removes the record', async () => {
    const lesson = await freshMathLesson();
    const put = (entries: object[]) => call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson}/attendance`, { entries });
    const noReason = await put([{ pupilId: ids.pupil, status: 'excused' }]);
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([422, 'learning.attendance_invalid']);
    expect((await put([{ pupilId: ids.pupil, status: 'excused', reason: 'Ауырды' }])).statusCode).toBe(200);
    const row = async () =>
      (await t.db.query('select status, reason, marked_by from attendance where lesson_id = $1 and pupil_id = $2', [lesson, ids.pupil])).rows[0];
    expect(await row()).toEqual({ status: 'excused', reason: 'Ауырды', marked_by: ids.teacher });
    expect((await put([{ pupilId: ids.pupil, status: 'late' }])).statusCode).toBe(200);
    expect(await row()).toMatchObject({ status: 'late', reason: null });
    expect((await put([{ pupilId: ids.pupil, status: null }])).json()).toEqual({ changed: 1 });
    expect(await row()).toBeUndefined();
  });

  test('a future lesson takes only an excused absence, announced ahead', async () => {
    const future = await lessonNear(t.db, ids.class5a, ids.math, LEARNING_DEMO.today, 'after');
    const put = (status: string, reason?: string) =>
      call('demo.teacher', 'PUT', `/api/learning/lessons/${future.id}/attendance`, { entries: [{ pupilId: ids.pupil, status, reason }] });
    expect((await put('absent')).statusCode).toBe(422);
    expect((await put('excused', 'Отбасылық жағдай')).statusCode).toBe(200);
  });
});

describe("the homeroom teacher's class summary", () => {
  test("shows this week's attendance of every lesson and each pupil's term results, in two queries", async () => {
    const res = await call('demo.homeroom', 'GET', `/api/learning/classes/${ids.class5a}/summary`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-query-count']).toBe('2');
    const s = res.json();
    expect(s).toMatchObject({ from: LEARNING_DEMO.weekStart, to: '2020-12-13', grading: 'criteria' });
    expect(s.pupils).toHaveLength(18);
    expect(s.lessons.length).toBeGreaterThan(15);
    expect(s.totals).toHaveLength(18);
    const recorded = s.totals.reduce(
      (n: number, x: { present: number; absent: number; late: number; excused: number }) => n + x.present + x.absent + x.late + x.excused,
      0,
    );
    expect(recorded).toBe(s.attendance.length);
    expect(s.results.length).toBeGreaterThan(18);
  });

  test('a longer range is refused, and a teacher who is not the homeroom teacher sees nothing', async () => {
    const long = await call('demo.homeroom', 'GET', `/api/learning/classes/${ids.class5a}/summary?from=2020-11-01&to=2020-12-29`);
    expect([long.statusCode, long.json().error.code]).toEqual([400, 'learning.range_too_long']);
    expect((await call('demo.teacher', 'GET', `/api/learning/classes/${ids.class5a}/summary`)).statusCode).toBe(404);
    expect((await call('demo.admin', 'GET', `/api/learning/classes/${ids.class5a}/summary`)).statusCode).toBe(200);
  });
});

describe('unassignment', () => {
  test('a teacher loses the class on the very next request after being unassigned', async () => {
    const url = `/api/learning/journal?classId=${ids.class6b}&subjectId=${ids.math}`;
    expect((await call('demo.teacher', 'GET', url)).statusCode).toBe(200);
    const list = (await call('demo.admin', 'GET', `/api/learning/organisations/${ids.cityId}/assignments`)).json().items;
    const assignment = list.find(
      (a: { teacher: { id: number }; class: { id: number }; subject: { id: number } }) =>
        a.teacher.id === ids.teacher && a.class.id === ids.class6b && a.subject.id === ids.math,
    );
    expect((await call('demo.admin', 'DELETE', `/api/learning/assignments/${assignment.id}`)).statusCode).toBe(204);
    const after = await call('demo.teacher', 'GET', url);
    expect([after.statusCode, after.json().error.code]).toEqual([404, 'learning.class_not_found']);
    const lesson = await lessonNear(t.db, ids.class6b, ids.math, LEARNING_DEMO.today, 'before');
    expect((await call('demo.teacher', 'PUT', `/api/learning/lessons/${lesson.id}/marks`, { entries: [{ pupilId: ids.pupil, score: 5 }] })).statusCode).toBe(
      404,
    );
    const back = await call('demo.admin', 'POST', `/api/learning/organisations/${ids.cityId}/assignments`, {
      teacherId: ids.teacher,
      classId: ids.class6b,
      subjectId: ids.math,
    });
    expect(back.statusCode).toBe(201);
    expect((await call('demo.teacher', 'GET', url)).statusCode).toBe(200);
  });
});

describe('universities: the credit system', () => {
  test('points out of 100 in the journal, a letter and GPA points as the result', async () => {
    const { rows } = await t.db.query<{ iin: string; class_id: number; subject_id: number }>(
      `select p.iin, ta.class_id, ta.subject_id from teaching_assignments ta join classes c on c.id = ta.class_id
       join persons p on p.id = ta.teacher_id join accounts a on a.person_id = p.id
       where c.organisation_id = $1 order by ta.id limit 1`,
      [ids.universityId],
    );
    const a = rows[0]!;
    cookies.lecturer = await t.login(a.iin);
    const grid = (await call('lecturer', 'GET', `/api/learning/journal?classId=${a.class_id}&subjectId=${a.subject_id}`)).json();
    expect(grid).toMatchObject({ grading: 'credit', term: { kind: 'semester', number: 1 } });
    const withMarks = grid.results.find((r: { result: { score: number | null } }) => r.result.score !== null);
    expect(withMarks.result).toMatchObject({ system: 'credit', letter: expect.stringMatching(/^[A-DF][+-]?$/), gpa: expect.any(Number) });
    const lesson = grid.lessons.filter((l: { date: string; assessment: string }) => l.date < LEARNING_DEMO.today && l.assessment === 'rating').at(-1);
    const pupil = grid.pupils[0].id;
    const put = (score: number) => call('lecturer', 'PUT', `/api/learning/lessons/${lesson.id}/marks`, { entries: [{ pupilId: pupil, score }] });
    expect((await put(101)).json().error.code).toBe('learning.mark_out_of_scale');
    expect((await put(95)).statusCode).toBe(200);
    const after = (await call('lecturer', 'GET', `/api/learning/journal?classId=${a.class_id}&subjectId=${a.subject_id}`)).json();
    expect(after.marks).toContainEqual(expect.objectContaining({ lessonId: lesson.id, pupilId: pupil, kind: 'rating', score: 95, max: 100 }));
  });
});
