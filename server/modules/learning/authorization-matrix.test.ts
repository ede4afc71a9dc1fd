import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonNear, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';
import { DEFAULT_SETTINGS } from './learning.rules.js';

/**
 * Every role against every e-journal endpoint, with objects inside its scope (the city school's 5 А,
 * demo.pupil) and outside it (a school in another region). Outside answers 404 for everyone.
 */
process.env.LEARNING_TODAY = LEARNING_DEMO.now;

const ROLES = ['pupil', 'parent', 'teacher', 'homeroom', 'admin', 'district', 'region', 'ministry', 'guard'] as const;
type Role = (typeof ROLES)[number];

interface Objects {
  pupil: number; classId: number; org: number; lesson: number; homework: number; submission: number; term: number; year: number; math: number;
  slot: number;
}
interface Endpoint {
  name: string;
  request: (o: Objects) => { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; url: string; payload?: object; headers?: Record<string, string> };
  /** statuses for the inside objects, in ROLES order */
  inside: number[];
}

const N = 404;
const settingsBody = { ...DEFAULT_SETTINGS, gradingSystem: null };

// Order matters where a write changes what the next one may do (the submission is marked last).
const ENDPOINTS: Endpoint[] = [
  { name: 'GET diary', request: (o) => ({ method: 'GET', url: `/api/learning/pupils/${o.pupil}/diary` }), inside: [200, 200, N, 200, 200, N, N, N, N] },
  { name: 'GET summary', request: (o) => ({ method: 'GET', url: `/api/learning/pupils/${o.pupil}/summary` }), inside: [200, 200, N, 200, 200, N, N, N, N] },
  { name: 'GET journal', request: (o) => ({ method: 'GET', url: `/api/learning/journal?classId=${o.classId}&subjectId=${o.math}` }), inside: [N, N, 200, 200, 200, N, N, N, N] },
  { name: 'GET class summary', request: (o) => ({ method: 'GET', url: `/api/learning/classes/${o.classId}/summary` }), inside: [N, N, N, 200, 200, N, N, N, N] },
  { name: 'GET lesson', request: (o) => ({ method: 'GET', url: `/api/learning/lessons/${o.lesson}` }), inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { name: 'GET mark history', request: (o) => ({ method: 'GET', url: `/api/learning/lessons/${o.lesson}/mark-history` }), inside: [N, N, 200, 200, 200, N, N, N, N] },
  { name: 'GET homework', request: (o) => ({ method: 'GET', url: `/api/learning/homework/${o.homework}` }), inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { name: 'GET submission', request: (o) => ({ method: 'GET', url: `/api/learning/submissions/${o.submission}` }), inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { name: 'GET announcements', request: (o) => ({ method: 'GET', url: `/api/learning/classes/${o.classId}/announcements` }), inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { name: 'GET timetable', request: (o) => ({ method: 'GET', url: `/api/learning/classes/${o.classId}/timetable` }), inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { name: 'GET calendar', request: (o) => ({ method: 'GET', url: `/api/learning/organisations/${o.org}/calendar` }), inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { name: 'GET periods', request: (o) => ({ method: 'GET', url: `/api/learning/organisations/${o.org}/periods` }), inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { name: 'GET plan', request: (o) => ({ method: 'GET', url: `/api/learning/organisations/${o.org}/plan` }), inside: [200, 200, 200, 200, 200, N, N, N, N] },
  { name: 'GET settings', request: (o) => ({ method: 'GET', url: `/api/learning/organisations/${o.org}/settings` }), inside: [N, N, N, N, 200, N, N, N, N] },
  { name: 'GET assignments', request: (o) => ({ method: 'GET', url: `/api/learning/organisations/${o.org}/assignments` }), inside: [N, N, N, N, 200, N, N, N, N] },
  { name: 'PUT marks', request: (o) => ({ method: 'PUT', url: `/api/learning/lessons/${o.lesson}/marks`, payload: { entries: [{ pupilId: o.pupil, score: 8 }] } }), inside: [N, N, 200, 403, 403, N, N, N, N] },
  { name: 'PUT attendance', request: (o) => ({ method: 'PUT', url: `/api/learning/lessons/${o.lesson}/attendance`, payload: { entries: [{ pupilId: o.pupil, status: 'present' }] } }), inside: [N, N, 200, 403, 403, N, N, N, N] },
  { name: 'PATCH lesson', request: (o) => ({ method: 'PATCH', url: `/api/learning/lessons/${o.lesson}`, payload: { topic: 'Қайталау' } }), inside: [N, N, 200, 403, 403, N, N, N, N] },
  { name: 'POST join (lesson in person)', request: (o) => ({ method: 'POST', url: `/api/learning/lessons/${o.lesson}/join` }), inside: [409, 409, 409, 409, 409, N, N, N, N] },
  { name: 'POST material', request: (o) => ({ method: 'POST', url: `/api/learning/lessons/${o.lesson}/materials`, payload: { kind: 'link', title: 'Сілтеме', url: 'https://okulyk.example/1' } }), inside: [N, N, 201, 403, 403, N, N, N, N] },
  { name: 'POST homework', request: (o) => ({ method: 'POST', url: `/api/learning/lessons/${o.lesson}/homework`, payload: { title: 'Жаттығу', dueAt: '2020-12-20T14:00:00Z' } }), inside: [N, N, 201, 403, 403, N, N, N, N] },
  { name: 'POST submission', request: (o) => ({ method: 'POST', url: `/api/learning/homework/${o.homework}/submissions`, payload: { text: 'жауап' }, headers: { 'idempotency-key': randomUUID() } }), inside: [201, N, N, N, N, N, N, N, N] },
  { name: 'PUT submission mark', request: (o) => ({ method: 'PUT', url: `/api/learning/submissions/${o.submission}/mark`, payload: { score: 9 } }), inside: [403, 403, 200, 403, 403, N, N, N, N] },
  { name: 'POST announcement', request: (o) => ({ method: 'POST', url: `/api/learning/classes/${o.classId}/announcements`, payload: { title: 'Хабарландыру', body: 'Мәтін' } }), inside: [403, 403, 201, 201, 403, N, N, N, N] },
  { name: 'POST timetable slot (no such period)', request: (o) => ({ method: 'POST', url: `/api/learning/classes/${o.classId}/timetable`, payload: { termId: o.term, weekday: 1, periodNumber: 12, subjectId: o.math } }), inside: [N, N, N, N, 422, N, N, N, N] },
  { name: 'POST timetable check (no such period)', request: (o) => ({ method: 'POST', url: `/api/learning/classes/${o.classId}/timetable/check`, payload: { termId: o.term, weekday: 1, periodNumber: 12, subjectId: o.math } }), inside: [N, N, N, N, 422, N, N, N, N] },
  { name: 'PATCH timetable slot (dry run, no such period)', request: (o) => ({ method: 'PATCH', url: `/api/learning/timetable/${o.slot}`, payload: { weekday: 7, periodNumber: 12, dryRun: true } }), inside: [N, N, N, N, 422, N, N, N, N] },
  { name: 'GET organisation timetable', request: (o) => ({ method: 'GET', url: `/api/learning/organisations/${o.org}/timetable?termId=${o.term}` }), inside: [N, N, N, N, 200, N, N, N, N] },
  { name: 'GET rooms', request: (o) => ({ method: 'GET', url: `/api/learning/organisations/${o.org}/rooms` }), inside: [N, N, N, N, 200, N, N, N, N] },
  { name: 'POST generation preview', request: (o) => ({ method: 'POST', url: `/api/learning/terms/${o.term}/lessons/preview`, payload: { classIds: [o.classId] } }), inside: [N, N, N, N, 200, N, N, N, N] },
  { name: 'POST term (overlapping)', request: (o) => ({ method: 'POST', url: `/api/learning/organisations/${o.org}/terms`, payload: { academicYearId: o.year, number: 4, startsOn: '2020-12-01', endsOn: '2021-05-20' } }), inside: [N, N, N, N, 422, N, N, N, N] },
  { name: 'PUT settings', request: (o) => ({ method: 'PUT', url: `/api/learning/organisations/${o.org}/settings`, payload: settingsBody }), inside: [N, N, N, N, 200, N, N, N, N] },
  { name: 'POST generate lessons', request: (o) => ({ method: 'POST', url: `/api/learning/terms/${o.term}/lessons`, payload: { classIds: [o.classId] } }), inside: [N, N, N, N, 200, N, N, N, N] },
];

let t: TestApp;
let ids: DemoIds;
const cookies = {} as Record<Role, string>;
let inside: Objects;
let outside: Objects;

async function objectsOf(orgId: number, classId: number, pupilId: number, homework: number, submission: number): Promise<Objects> {
  const lesson = await lessonNear(t.db, classId, ids.math, '2020-12-08', 'before');
  await t.db.query(`update lessons set delivery = 'in_person', join_url = null, video_url = null, tv_channel = null, tv_air_at = null where id = $1`, [lesson.id]);
  const term = (await t.db.query<{ id: number; year: number }>(
    'select t.id, t.academic_year_id as year from lessons l join terms t on t.id = l.term_id where l.id = $1', [lesson.id])).rows[0]!;
  const slot = (await t.db.query<{ id: number }>('select id from timetable_slots where class_id = $1 order by id limit 1', [classId])).rows[0]!.id;
  return { pupil: pupilId, classId, org: orgId, lesson: lesson.id, homework, submission, term: term.id, year: term.year, math: ids.math, slot };
}

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const role of ROLES) cookies[role] = await t.login(`demo.${role}`);
  // inside: fresh homework in 5 А maths and demo.pupil's submission to it
  const lesson = await lessonNear(t.db, ids.class5a, ids.math, LEARNING_DEMO.today, 'before');
  const hw = await t.app.inject({ method: 'POST', url: `/api/learning/lessons/${lesson.id}/homework`, headers: { cookie: cookies.teacher },
    payload: { title: 'Матрица', dueAt: '2020-12-20T14:00:00Z' } });
  const sub = await t.app.inject({ method: 'POST', url: `/api/learning/homework/${hw.json().id}/submissions`,
    headers: { cookie: cookies.pupil, 'idempotency-key': randomUUID() }, payload: { text: 'бірінші' } });
  inside = await objectsOf(ids.cityId, ids.class5a, ids.pupil, hw.json().id, sub.json().id);
  // outside: the school in another region, its 5 А, one of its pupils with a seeded submission in maths
  const classOut = (await t.db.query<{ id: number }>(`select id from classes where organisation_id = $1 and name = '5 А'`, [ids.otherRegionSchoolId])).rows[0]!.id;
  const subOut = (await t.db.query<{ id: number; homework_id: number; pupil_id: number }>(
    `select sb.id, sb.homework_id, sb.pupil_id from submissions sb join homework h on h.id = sb.homework_id
     where h.class_id = $1 and h.subject_id = $2 order by sb.id limit 1`, [classOut, ids.math])).rows[0]!;
  outside = await objectsOf(ids.otherRegionSchoolId, classOut, subOut.pupil_id, subOut.homework_id, subOut.id);
});
afterAll(async () => t?.close());

describe('the e-journal authorisation matrix', () => {
  for (const endpoint of ENDPOINTS) {
    test(`${endpoint.name}: each role inside its scope, 404 outside, 401 signed out`, async () => {
      const got: Record<string, number[]> = { inside: [], outside: [] };
      for (const [where, objects] of [['inside', inside], ['outside', outside]] as const) {
        for (const role of ROLES) {
          const r = endpoint.request(objects);
          const res = await t.app.inject({ method: r.method, url: r.url, payload: r.payload, headers: { cookie: cookies[role], ...r.headers } });
          got[where]!.push(res.statusCode);
        }
      }
      expect(got).toEqual({ inside: endpoint.inside, outside: ROLES.map(() => 404) });
      const r = endpoint.request(inside);
      expect((await t.app.inject({ method: r.method, url: r.url, payload: r.payload, headers: r.headers })).statusCode).toBe(401);
    });
  }
});
