/**
 * The training module's authorisation matrix as data (run by training.matrix.test.ts). Inside: the
 * city school of the demo district (demo.admin's), a completed enrolment of one of its teachers, the
 * demo district; outside: a school, an enrolment and a district of another region; missing: ids that
 * do not exist.
 */
import { randomUUID } from 'node:crypto';
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';
import { multipart, SAMPLES } from '../files/files.test-support.js';

interface Objects {
  org: number;
  course: number;
  enrolment: number;
  district: number;
  /** a course the ministry edits and publishes ("Online tools for the lesson") */
  editCourse: number;
  /** the quiz module of "Learning to teach remotely" */
  moduleId: number;
  /** a PDF among the materials of its published version */
  fileId: string;
  /** a certificate code (of another enrolment than `enrolment`) to withdraw */
  code: string;
}
const quiz = {
  passMark: 1,
  required: true,
  questions: [
    {
      kind: 'single',
      text: { kk: 'С', ru: 'В', en: 'Q' },
      options: [
        { text: { kk: 'И', ru: 'Д', en: 'Y' }, correct: true },
        { text: { kk: 'Ж', ru: 'Н', en: 'N' }, correct: false },
      ],
    },
  ],
};
const content = {
  quizMaxAttempts: 3,
  quizWaitMinutes: 0,
  modules: [{ title: { kk: 'Модуль', ru: 'Модуль', en: 'Module' }, materials: [{ kind: 'text', body: { kk: 'Мәтін', ru: 'Текст', en: 'Text' } }], quiz }],
};
const ministryOnly = { inside: only({ ministry: 200 }, 403), outside: false as const, missing: only({ ministry: 404 }, 403) };
const MISSING = 99_999_999;
const officers = { district: 200, region: 200, ministry: 200 } as const;
const newCourse = {
  title: { kk: 'Курс', ru: 'Курс', en: 'Course' },
  provider: 'Өрлеу',
  hours: 8,
  format: 'online',
  startsOn: '2020-12-01',
  endsOn: '2021-05-31',
};

const BOUNDARY = 'matrixboundary';
/** A multipart upload of a one-row completions sheet (checked only: dryRun). */
const csvUpload = {
  url: '/api/training/completions/import?dryRun=true',
  headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  payload:
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n` +
    `provider;teacher;course;completed on;certificate\nӨрлеу;nobody.here;Learning to teach remotely;2020-11-01;A-1\r\n--${BOUNDARY}--\r\n`,
};

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/training/courses', request: () => '/api/training/courses', inside: all(200), outside: false, missing: false },
  {
    route: 'POST /api/training/courses',
    request: () => ({ url: '/api/training/courses', payload: newCourse }),
    inside: only({ ministry: 201 }, 403),
    outside: false,
    missing: false,
  },
  { route: 'GET /api/training/me', request: () => '/api/training/me', inside: all(200), outside: false, missing: false },
  // courses are not scoped: a teacher (homeroom teachers are teachers) enrols in any; others are refused before the course is looked up
  {
    route: 'POST /api/training/courses/:id/enrol',
    request: (o) => ({ url: `/api/training/courses/${o.course}/enrol` }),
    inside: only({ teacher: 201, homeroom: 201 }, 403),
    outside: false,
    missing: only({ teacher: 404, homeroom: 404 }, 403),
  },
  {
    route: 'POST /api/training/enrolments/:id/complete',
    request: (o) => ({ url: `/api/training/enrolments/${o.enrolment}/complete` }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'GET /api/training/enrolments/:id/certificate',
    request: (o) => `/api/training/enrolments/${o.enrolment}/certificate`,
    inside: only({ admin: 200 }),
  },
  {
    route: 'GET /api/training/organisations/:id/teachers',
    request: (o) => `/api/training/organisations/${o.org}/teachers?courseId=${o.course}`,
    inside: only({ admin: 200 }),
  },
  {
    route: 'POST /api/training/organisations/:id/enrolments',
    request: (o) => ({ url: `/api/training/organisations/${o.org}/enrolments`, payload: { courseId: o.course, teachers: 'all' } }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'GET /api/training/coverage',
    name: 'a school',
    request: (o) => `/api/training/coverage?area=organisation:${o.org}`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/training/coverage',
    name: 'a district as CSV',
    request: (o) => `/api/training/coverage?area=district:${o.district}&format=csv`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  // GET /api/training/certificates/:code is public: listed in test/public-routes.ts
  // ── courses built in Sabaq: the ministry's editor (courses are not scoped: others are refused with 403) ──
  { route: 'GET /api/training/courses/:id/content', request: (o) => `/api/training/courses/${o.editCourse}/content`, ...ministryOnly },
  {
    route: 'PUT /api/training/courses/:id/content',
    request: (o) => ({ url: `/api/training/courses/${o.editCourse}/content`, payload: content }),
    ...ministryOnly,
  },
  {
    route: 'POST /api/training/courses/:id/publish',
    request: (o) => ({ url: `/api/training/courses/${o.editCourse}/publish` }),
    ...ministryOnly,
    inside: only({ ministry: 201 }, 403),
  },
  {
    route: 'POST /api/training/files',
    request: () => {
      const b = multipart('курс.pdf', SAMPLES.pdf);
      return { url: '/api/training/files', payload: b.payload, headers: b.headers };
    },
    inside: only({ ministry: 201 }, 403),
    outside: false,
    missing: false,
  },
  // the teacher's course page: the enrolled teacher (no demo role) or their admin sees it; only the teacher answers
  { route: 'GET /api/training/enrolments/:id/course', request: (o) => `/api/training/enrolments/${o.enrolment}/course`, inside: only({ admin: 200 }) },
  {
    route: 'POST /api/training/enrolments/:id/modules/:moduleId/read',
    request: (o) => ({ url: `/api/training/enrolments/${o.enrolment}/modules/${o.moduleId}/read` }),
    inside: only({ admin: 403 }),
  },
  {
    route: 'POST /api/training/enrolments/:id/modules/:moduleId/attempts',
    request: (o) => ({ url: `/api/training/enrolments/${o.enrolment}/modules/${o.moduleId}/attempts`, payload: { answers: [[0]] } }),
    inside: only({ admin: 403 }),
  },
  {
    route: 'GET /api/training/enrolments/:id/files/:fileId',
    request: (o) => `/api/training/enrolments/${o.enrolment}/files/${o.fileId}`,
    inside: only({ admin: 200 }),
  },
  {
    route: 'POST /api/training/areas/enrolments',
    request: (o) => ({ url: '/api/training/areas/enrolments', payload: { area: `district:${o.district}`, courseId: o.editCourse } }),
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/training/certificates/:code/withdraw',
    request: (o) => ({ url: `/api/training/certificates/${o.code}/withdraw`, payload: { reason: 'Matrix' } }),
    inside: only({ ministry: 200 }, 403),
    outside: only({ ministry: 200 }, 403),
    missing: only({ ministry: 404 }, 403),
  },
  { route: 'POST /api/training/completions/import', request: () => csvUpload, inside: only({ ministry: 200 }, 403), outside: false, missing: false },
];

export const matrix: Matrix<Objects> = {
  module: 'training',
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' },
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const district = await one<number>('select district_id from organisations where id = $1', [city]);
    const region = await one<number>('select region_id from organisations where id = $1', [city]);
    const course = await one<number>("select id from training_courses where title_en = 'Learning to teach remotely'");
    const enrolment = await one<number>('select id from training_enrolments where organisation_id = $1 and completed_at is not null order by id limit 1', [
      city,
    ]);
    const otherOrg = await one<number>(
      'select o.id from organisations o where o.region_id <> $1 and exists (select 1 from training_enrolments e where e.organisation_id = o.id and e.completed_at is not null) order by o.id limit 1',
      [region],
    );
    const otherDistrict = await one<number>('select district_id from organisations where id = $1', [otherOrg]);
    const otherEnrolment = await one<number>('select id from training_enrolments where organisation_id = $1 and completed_at is not null order by id limit 1', [
      otherOrg,
    ]);
    const editCourse = await one<number>("select id from training_courses where title_en = 'Online tools for the lesson'");
    const moduleId = await one<number>('select id from training_modules where course_id = $1 and quiz is not null', [course]);
    const codeOf = async (org: number) =>
      one<string>('select certificate_code from training_enrolments where organisation_id = $1 and certificate_code is not null order by id offset 1 limit 1', [
        org,
      ]);
    // a PDF the ministry uploaded, added to the published version's first module
    const b = multipart('памятка.pdf', SAMPLES.pdf);
    const up = await t.app.inject({
      method: 'POST',
      url: '/api/training/files',
      payload: b.payload,
      headers: { ...b.headers, cookie: await t.login('demo.ministry') },
    });
    if (up.statusCode !== 201) throw new Error(`training matrix fixture: ${up.statusCode} ${up.body}`);
    const fileId = up.json().id as string;
    await t.db.query(
      `update training_course_versions set content = jsonb_set(content, '{modules,0,materials}', content #> '{modules,0,materials}' || $2::jsonb)
        where course_id = $1 and version = (select max(version) from training_course_versions where course_id = $1)`,
      [course, JSON.stringify([{ kind: 'file', title: { kk: 'Памятка', ru: 'Памятка', en: 'Memo' }, fileId }])],
    );
    const shared = { course, editCourse, moduleId, fileId };
    return {
      inside: { ...shared, org: city, enrolment: Number(enrolment), district, code: await codeOf(city) },
      outside: { ...shared, org: otherOrg, enrolment: Number(otherEnrolment), district: otherDistrict, code: await codeOf(otherOrg) },
      missing: {
        org: MISSING,
        course: MISSING,
        enrolment: MISSING,
        district: MISSING,
        editCourse: MISSING,
        moduleId: MISSING,
        fileId: randomUUID(),
        code: 'ZZZZ-ZZZZ-ZZZZ',
      },
    };
  },
};
