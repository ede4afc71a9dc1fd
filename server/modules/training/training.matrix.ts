/**
 * The training module's authorisation matrix as data (run by training.matrix.test.ts). Inside: the
 * city school of the demo district (demo.admin's), a completed enrolment of one of its teachers, the
 * demo district; outside: a school, an enrolment and a district of another region; missing: ids that
 * do not exist.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  org: number;
  course: number;
  enrolment: number;
  district: number;
}
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
    return {
      inside: { org: city, course, enrolment: Number(enrolment), district },
      outside: { org: otherOrg, course, enrolment: Number(otherEnrolment), district: otherDistrict },
      missing: { org: MISSING, course: MISSING, enrolment: MISSING, district: MISSING },
    };
  },
};
