/**
 * The e-journal's authorisation matrix as data (run by `authorization-matrix.test.ts` through
 * `test/authz-matrix.ts`). Inside: the city school's 5 А and demo.pupil; outside: the school in
 * another region, its 5 А and one of its pupils. Order matters where a write changes what the next
 * one may do (the submission is marked late; deletions come last).
 */
import { randomUUID } from 'node:crypto';
import { all, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';
import type { TestApp } from '../../../test/app.js';
import { demoIds, lessonNear } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';
import { DEFAULT_SETTINGS } from './learning.rules.js';

interface Objects {
  pupil: number;
  classId: number;
  org: number;
  lesson: number;
  homework: number;
  submission: number;
  term: number;
  year: number;
  math: number;
  english: number;
  teacher: number;
  material: number;
  assignment: number;
  slot: number;
  spareHomework: number;
}

const N = 404;
const settingsBody = { ...DEFAULT_SETTINGS, gradingSystem: null };
const MISSING = 99_999_999;

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/learning/pupils/:id/diary', request: (o) => `/api/learning/pupils/${o.pupil}/diary`, inside: [200, 200, N, 200, 200, N, N, N, N] },
  { route: 'GET /api/learning/pupils/:id/summary', request: (o) => `/api/learning/pupils/${o.pupil}/summary`, inside: [200, 200, N, 200, 200, N, N, N, N] },
  {
    route: 'GET /api/learning/journal',
    request: (o) => `/api/learning/journal?classId=${o.classId}&subjectId=${o.math}`,
    inside: [N, N, 200, 200, 200, N, N, N, N],
  },
  { route: 'GET /api/learning/classes/:id/summary', request: (o) => `/api/learning/classes/${o.classId}/summary`, inside: [N, N, N, 200, 200, N, N, N, N] },
  { route: 'GET /api/learning/lessons/:id', request: (o) => `/api/learning/lessons/${o.lesson}`, inside: [200, 200, 200, 200, 200, N, N, N, N] },
  {
    route: 'GET /api/learning/lessons/:id/mark-history',
    request: (o) => `/api/learning/lessons/${o.lesson}/mark-history`,
    inside: [N, N, 200, 200, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/lessons/:id/attendance-history',
    request: (o) => `/api/learning/lessons/${o.lesson}/attendance-history`,
    inside: [N, N, 200, 200, 200, N, N, N, N],
  },
  { route: 'GET /api/learning/homework/:id', request: (o) => `/api/learning/homework/${o.homework}`, inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { route: 'GET /api/learning/submissions/:id', request: (o) => `/api/learning/submissions/${o.submission}`, inside: [200, 200, 200, 200, 200, N, N, N, N] },
  {
    route: 'GET /api/learning/classes/:id/announcements',
    request: (o) => `/api/learning/classes/${o.classId}/announcements`,
    inside: [200, 200, 200, 200, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/classes/:id/timetable',
    request: (o) => `/api/learning/classes/${o.classId}/timetable`,
    inside: [200, 200, 200, 200, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/organisations/:id/calendar',
    request: (o) => `/api/learning/organisations/${o.org}/calendar`,
    inside: [200, 200, 200, 200, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/organisations/:id/periods',
    request: (o) => `/api/learning/organisations/${o.org}/periods`,
    inside: [200, 200, 200, 200, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/organisations/:id/plan',
    request: (o) => `/api/learning/organisations/${o.org}/plan`,
    inside: [200, 200, 200, 200, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/organisations/:id/settings',
    request: (o) => `/api/learning/organisations/${o.org}/settings`,
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/organisations/:id/assignments',
    request: (o) => `/api/learning/organisations/${o.org}/assignments`,
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  // printable papers and the marks export: authorised like the screens they print
  { route: 'GET /api/learning/pupils/:id/diary.pdf', request: (o) => `/api/learning/pupils/${o.pupil}/diary.pdf`, inside: [200, 200, N, 200, 200, N, N, N, N] },
  {
    route: 'GET /api/learning/pupils/:id/report.pdf',
    request: (o) => `/api/learning/pupils/${o.pupil}/report.pdf`,
    inside: [200, 200, N, 200, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/journal.pdf',
    request: (o) => `/api/learning/journal.pdf?classId=${o.classId}&subjectId=${o.math}`,
    inside: [N, N, 200, 200, 200, N, N, N, N],
  },
  {
    route: 'GET /api/learning/classes/:id/marks/export',
    request: (o) => `/api/learning/classes/${o.classId}/marks/export?format=xlsx`,
    inside: [N, N, 200, 200, 200, N, N, N, N],
  },
  // the actor's own lists: no object, so no outside or missing
  { route: 'GET /api/learning/subjects', request: () => '/api/learning/subjects', inside: all(200), outside: false, missing: false },
  { route: 'GET /api/learning/inbox', request: () => '/api/learning/inbox', inside: all(200), outside: false, missing: false },
  { route: 'GET /api/learning/me/lessons', request: () => '/api/learning/me/lessons', inside: all(200), outside: false, missing: false },
  { route: 'GET /api/learning/me/teaching', request: () => '/api/learning/me/teaching', inside: all(200), outside: false, missing: false },
  { route: 'GET /api/learning/me/tv-lessons', request: () => '/api/learning/me/tv-lessons?date=2020-12-09', inside: all(200), outside: false, missing: false },
  {
    route: 'PUT /api/learning/lessons/:id/marks',
    request: (o) => ({ url: `/api/learning/lessons/${o.lesson}/marks`, payload: { entries: [{ pupilId: o.pupil, score: 8 }] } }),
    inside: [N, N, 200, 403, 403, N, N, N, N],
  },
  {
    route: 'PUT /api/learning/lessons/:id/attendance',
    request: (o) => ({ url: `/api/learning/lessons/${o.lesson}/attendance`, payload: { entries: [{ pupilId: o.pupil, status: 'present' }] } }),
    inside: [N, N, 200, 403, 403, N, N, N, N],
  },
  {
    route: 'PATCH /api/learning/lessons/:id',
    request: (o) => ({ url: `/api/learning/lessons/${o.lesson}`, payload: { topic: 'Қайталау' } }),
    inside: [N, N, 200, 403, 403, N, N, N, N],
  },
  {
    route: 'POST /api/learning/lessons',
    name: 'no such period',
    request: (o) => ({ url: '/api/learning/lessons', payload: { classId: o.classId, subjectId: o.math, date: '2020-12-10', periodNumber: 12 } }),
    inside: [N, N, 422, N, N, N, N, N, N],
  },
  {
    route: 'POST /api/learning/lessons/:id/join',
    name: 'lesson in person',
    request: (o) => `/api/learning/lessons/${o.lesson}/join`,
    inside: [409, 409, 409, 409, 409, N, N, N, N],
  },
  {
    route: 'POST /api/learning/lessons/:id/materials',
    request: (o) => ({ url: `/api/learning/lessons/${o.lesson}/materials`, payload: { kind: 'link', title: 'Сілтеме', url: 'https://okulyk.example/1' } }),
    inside: [N, N, 201, 403, 403, N, N, N, N],
  },
  {
    route: 'POST /api/learning/lessons/:id/homework',
    request: (o) => ({ url: `/api/learning/lessons/${o.lesson}/homework`, payload: { title: 'Жаттығу', dueAt: '2020-12-20T14:00:00Z' } }),
    inside: [N, N, 201, 403, 403, N, N, N, N],
  },
  {
    route: 'PATCH /api/learning/homework/:id',
    request: (o) => ({ url: `/api/learning/homework/${o.homework}`, payload: { instructions: 'Толығырақ' } }),
    inside: [N, N, 200, 403, 403, N, N, N, N],
  },
  {
    route: 'POST /api/learning/homework/:id/submissions',
    request: (o) => ({ url: `/api/learning/homework/${o.homework}/submissions`, payload: { text: 'жауап' }, headers: { 'idempotency-key': randomUUID() } }),
    inside: [201, N, N, N, N, N, N, N, N],
  },
  {
    route: 'PUT /api/learning/submissions/:id/mark',
    request: (o) => ({ url: `/api/learning/submissions/${o.submission}/mark`, payload: { score: 9 } }),
    inside: [403, 403, 200, 403, 403, N, N, N, N],
  },
  {
    route: 'DELETE /api/learning/submissions/:id/mark',
    request: (o) => `/api/learning/submissions/${o.submission}/mark`,
    inside: [403, 403, 200, 403, 403, N, N, N, N],
  },
  {
    route: 'POST /api/learning/classes/:id/announcements',
    request: (o) => ({ url: `/api/learning/classes/${o.classId}/announcements`, payload: { title: 'Хабарландыру', body: 'Мәтін' } }),
    inside: [403, 403, 201, 201, 403, N, N, N, N],
  },
  {
    route: 'POST /api/learning/classes/:id/timetable',
    name: 'no such period',
    request: (o) => ({ url: `/api/learning/classes/${o.classId}/timetable`, payload: { termId: o.term, weekday: 1, periodNumber: 12, subjectId: o.math } }),
    inside: [N, N, N, N, 422, N, N, N, N],
  },
  {
    route: 'POST /api/learning/classes/:id/timetable/check',
    name: 'no such period',
    request: (o) => ({
      url: `/api/learning/classes/${o.classId}/timetable/check`,
      payload: { termId: o.term, weekday: 1, periodNumber: 12, subjectId: o.math },
    }),
    inside: [N, N, N, N, 422, N, N, N, N],
  },
  {
    route: 'PATCH /api/learning/timetable/:id',
    name: 'dry run, no such period',
    request: (o) => ({ url: `/api/learning/timetable/${o.slot}`, payload: { weekday: 7, periodNumber: 12, dryRun: true } }),
    inside: [N, N, N, N, 422, N, N, N, N],
  },
  {
    route: 'GET /api/learning/organisations/:id/timetable',
    request: (o) => `/api/learning/organisations/${o.org}/timetable?termId=${o.term}`,
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  { route: 'GET /api/learning/organisations/:id/rooms', request: (o) => `/api/learning/organisations/${o.org}/rooms`, inside: [N, N, N, N, 200, N, N, N, N] },
  {
    route: 'POST /api/learning/terms/:id/lessons/preview',
    request: (o) => ({ url: `/api/learning/terms/${o.term}/lessons/preview`, payload: { classIds: [o.classId] } }),
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  {
    route: 'POST /api/learning/organisations/:id/terms',
    name: 'overlapping',
    request: (o) => ({
      url: `/api/learning/organisations/${o.org}/terms`,
      payload: { academicYearId: o.year, number: 4, startsOn: '2020-12-01', endsOn: '2021-05-20' },
    }),
    inside: [N, N, N, N, 422, N, N, N, N],
  },
  {
    route: 'POST /api/learning/organisations/:id/holidays',
    request: (o) => ({
      url: `/api/learning/organisations/${o.org}/holidays`,
      payload: { startsOn: '2021-03-23', endsOn: '2021-03-23', name: { kk: 'Демалыс', ru: 'Выходной', en: 'Day off' } },
    }),
    inside: [N, N, N, N, 201, N, N, N, N],
  },
  {
    route: 'PUT /api/learning/organisations/:id/periods',
    name: 'the third shift',
    request: (o) => ({
      url: `/api/learning/organisations/${o.org}/periods`,
      payload: { shift: 3, periods: [{ number: 1, startsAt: '18:00', endsAt: '18:40' }] },
    }),
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  {
    route: 'PUT /api/learning/organisations/:id/plan',
    name: 'back to the national plan',
    request: (o) => ({ url: `/api/learning/organisations/${o.org}/plan`, payload: { items: [] } }),
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  {
    route: 'POST /api/learning/organisations/:id/assignments',
    name: 'already assigned',
    request: (o) => ({ url: `/api/learning/organisations/${o.org}/assignments`, payload: { teacherId: o.teacher, classId: o.classId, subjectId: o.math } }),
    inside: [N, N, N, N, 409, N, N, N, N],
  },
  {
    route: 'POST /api/learning/organisations/:id/courses',
    name: 'English for 5 А',
    request: (o) => ({
      url: `/api/learning/organisations/${o.org}/courses`,
      payload: { subjectId: o.english, code: 'ENG-1', teacherId: o.teacher, classIds: [o.classId] },
    }),
    inside: [N, N, N, N, 201, N, N, N, N],
  },
  {
    route: 'PUT /api/learning/organisations/:id/settings',
    request: (o) => ({ url: `/api/learning/organisations/${o.org}/settings`, payload: settingsBody }),
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  {
    route: 'POST /api/learning/terms/:id/lessons',
    request: (o) => ({ url: `/api/learning/terms/${o.term}/lessons`, payload: { classIds: [o.classId] } }),
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  // deletions last: the first role allowed deletes, the later ones find nothing
  { route: 'DELETE /api/learning/materials/:id', request: (o) => `/api/learning/materials/${o.material}`, inside: [N, N, 204, N, N, N, N, N, N] },
  { route: 'DELETE /api/learning/homework/:id', request: (o) => `/api/learning/homework/${o.spareHomework}`, inside: [N, N, 204, N, N, N, N, N, N] },
  { route: 'DELETE /api/learning/timetable/:id', request: (o) => `/api/learning/timetable/${o.slot}`, inside: [N, N, N, N, 200, N, N, N, N] },
  { route: 'DELETE /api/learning/assignments/:id', request: (o) => `/api/learning/assignments/${o.assignment}`, inside: [N, N, N, N, 204, N, N, N, N] },
];

async function objectsOf(
  t: TestApp,
  ids: { math: number; english: number },
  orgId: number,
  classId: number,
  pupilId: number,
  homework: number,
  submission: number,
): Promise<Objects> {
  const lesson = await lessonNear(t.db, classId, ids.math, '2020-12-08', 'before');
  await t.db.query(`update lessons set delivery = 'in_person', join_url = null, video_url = null, tv_channel = null, tv_air_at = null where id = $1`, [
    lesson.id,
  ]);
  const term = (
    await t.db.query<{ id: number; year: number }>('select t.id, t.academic_year_id as year from lessons l join terms t on t.id = l.term_id where l.id = $1', [
      lesson.id,
    ])
  ).rows[0]!;
  const teacher = await t.one<number>('select teacher_id from teaching_assignments where class_id = $1 and subject_id = $2 order by id limit 1', [
    classId,
    ids.math,
  ]);
  const material = await t.one<number>(
    `insert into lesson_materials (lesson_id, kind, url, title) values ($1, 'link', 'https://okulyk.example/m', 'Матрица') returning id`,
    [lesson.id],
  );
  const spareHomework = await t.one<number>(
    `insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, due_at)
     select id, organisation_id, class_id, subject_id, term_id, teacher_id, 'Өшірілетін', '2020-12-20T14:00:00Z' from lessons where id = $1 returning id`,
    [lesson.id],
  );
  // a fresh assignment (English to 5 А's maths teacher) to delete, so the class's own stay
  const assignment = await t.one<number>(
    `insert into teaching_assignments (teacher_id, class_id, subject_id) values ($1, $2, $3)
     on conflict (teacher_id, class_id, subject_id) do update set teacher_id = excluded.teacher_id returning id`,
    [teacher, classId, ids.english],
  );
  const slot = await t.one<number>('select id from timetable_slots where class_id = $1 and term_id = $2 order by id limit 1', [classId, term.id]);
  return {
    pupil: pupilId,
    classId,
    org: orgId,
    lesson: lesson.id,
    homework,
    submission,
    term: term.id,
    year: term.year,
    math: ids.math,
    english: ids.english,
    teacher,
    material,
    assignment,
    slot,
    spareHomework,
  };
}

export const matrix: Matrix<Objects> = {
  module: 'learning',
  env: { LEARNING_TODAY: LEARNING_DEMO.now },
  endpoints,
  async objects(t) {
    const ids = await demoIds(t.db);
    const login = async (l: string) => t.login(l);
    // inside: fresh homework in 5 А maths and demo.pupil's submission to it
    const lesson = await lessonNear(t.db, ids.class5a, ids.math, LEARNING_DEMO.today, 'before');
    const teacher = await login('demo.teacher');
    const hw = await t.app.inject({
      method: 'POST',
      url: `/api/learning/lessons/${lesson.id}/homework`,
      headers: { cookie: teacher },
      payload: { title: 'Матрица', dueAt: '2020-12-20T14:00:00Z' },
    });
    const sub = await t.app.inject({
      method: 'POST',
      url: `/api/learning/homework/${hw.json().id}/submissions`,
      headers: { cookie: await login('demo.pupil'), 'idempotency-key': randomUUID() },
      payload: { text: 'бірінші' },
    });
    const inside = await objectsOf(t, ids, ids.cityId, ids.class5a, ids.pupil, hw.json().id, sub.json().id);
    // outside: the school in another region, its 5 А, one of its pupils with a seeded submission in maths
    const classOut = await t.one<number>(`select id from classes where organisation_id = $1 and name = '5 А'`, [ids.otherRegionSchoolId]);
    const subOut = (
      await t.db.query<{ id: number; homework_id: number; pupil_id: number }>(
        `select sb.id, sb.homework_id, sb.pupil_id from submissions sb join homework h on h.id = sb.homework_id
       where h.class_id = $1 and h.subject_id = $2 order by sb.id limit 1`,
        [classOut, ids.math],
      )
    ).rows[0]!;
    const outside = await objectsOf(t, ids, ids.otherRegionSchoolId, classOut, subOut.pupil_id, subOut.homework_id, subOut.id);
    const missing: Objects = {
      pupil: MISSING,
      classId: MISSING,
      org: MISSING,
      lesson: MISSING,
      homework: MISSING,
      submission: MISSING,
      term: MISSING,
      year: inside.year,
      math: ids.math,
      english: ids.english,
      teacher: inside.teacher,
      material: MISSING,
      assignment: MISSING,
      slot: MISSING,
      spareHomework: MISSING,
    };
    return { inside, outside, missing };
  },
};
