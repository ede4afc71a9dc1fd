/**
 * The quality module's authorisation matrix as data (run by quality.matrix.test.ts). Inside: the
 * demo school (demo.admin's) with its 2020-2021 draft holding an evidence file, and a submitted
 * assessment of another school of the demo district (its latest submission given the same file); outside: a school of another region with a
 * submitted assessment (made here); missing: ids that do not exist.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';
import { multipart, SAMPLES } from '../files/files.test-support.js';

interface Objects {
  org: number;
  year: number;
  /** the demo school's assessment (with an evidence file) */
  assessment: number;
  /** a submitted assessment (inside: another school of the demo district) */
  submitted: number;
  file: string;
  framework: number;
}
const MISSING = 99_999_999;
const MISSING_FILE = '00000000-0000-4000-8000-000000000000';
const officers = { district: 200, region: 200, ministry: 200 } as const;
const readers = { admin: 200, ...officers } as const;
const version = {
  areas: [
    {
      key: 'delivery',
      title: { kk: 'Оқытуды жүргізу', ru: 'Проведение обучения', en: 'Course delivery' },
      criteria: [{ key: 'feedback', title: { kk: 'Кері байланыс', ru: 'Обратная связь', en: 'Feedback' }, evidence: ['markedShare'] }],
    },
  ],
};

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/quality/framework', request: () => '/api/quality/framework', inside: all(200), outside: false, missing: false },
  { route: 'GET /api/quality/frameworks', request: () => '/api/quality/frameworks', inside: all(200), outside: false, missing: false },
  { route: 'GET /api/quality/frameworks/:id', request: (o) => `/api/quality/frameworks/${o.framework}`, inside: all(200), outside: false },
  {
    route: 'POST /api/quality/frameworks',
    request: () => ({ url: '/api/quality/frameworks', payload: version }),
    inside: only({ ministry: 201 }, 403),
    outside: false,
    missing: false,
  },
  {
    route: 'GET /api/quality/organisations/:id',
    request: (o) => `/api/quality/organisations/${o.org}`,
    inside: only(readers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/quality/organisations/:id/years/:yearId',
    request: (o) => `/api/quality/organisations/${o.org}/years/${o.year}`,
    inside: only(readers),
    outside: only({ ministry: 200 }),
  },
  // an empty draft: the admin saves it; officers see the school but may not fill it in
  {
    route: 'PUT /api/quality/organisations/:id/years/:yearId',
    request: (o) => ({ url: `/api/quality/organisations/${o.org}/years/${o.year}`, payload: { answers: [] } }),
    inside: only({ admin: 200, district: 403, region: 403, ministry: 403 }),
    outside: only({ ministry: 403 }),
  },
  // the draft has no levels: the admin gets past authorisation to 400 (missing answers), nothing is written
  {
    route: 'POST /api/quality/organisations/:id/years/:yearId/submit',
    request: (o) => ({ url: `/api/quality/organisations/${o.org}/years/${o.year}/submit` }),
    inside: only({ admin: 400, district: 403, region: 403, ministry: 403 }),
    outside: only({ ministry: 403 }),
  },
  { route: 'GET /api/quality/reviews', request: () => '/api/quality/reviews', inside: only(officers, 403), outside: false, missing: false },
  {
    route: 'GET /api/quality/assessments/:id',
    request: (o) => `/api/quality/assessments/${o.assessment}`,
    inside: only(readers),
    outside: only({ ministry: 200 }),
  },
  // "returned" without a comment: reviewers get past authorisation to 400, nothing is written
  {
    route: 'POST /api/quality/assessments/:id/review',
    request: (o) => ({ url: `/api/quality/assessments/${o.submitted}/review`, payload: { verdict: 'returned' } }),
    inside: only({ district: 400, region: 403, ministry: 400 }),
    outside: only({ ministry: 400 }),
  },
  // a file of the draft: the school's own until it is submitted
  {
    route: 'GET /api/quality/assessments/:id/files/:fileId',
    name: "a file of the admin's draft",
    request: (o) => `/api/quality/assessments/${o.assessment}/files/${o.file}`,
    inside: only({ admin: 200 }),
    // the outside object is a submitted assessment: its file is the ministry's to read
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/quality/assessments/:id/files/:fileId',
    name: 'a file of a submission',
    request: (o) => `/api/quality/assessments/${o.submitted}/files/${o.file}`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/quality/assessments/:id/pdf',
    request: (o) => `/api/quality/assessments/${o.assessment}/pdf?lang=kk`,
    inside: only(readers),
    outside: only({ ministry: 200 }),
  },
];

export const matrix: Matrix<Objects> = {
  module: 'quality',
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' },
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const region = await one<number>('select region_id from organisations where id = $1', [city]);
    const year = await one<number>("select id from academic_years where name = '2020-2021'");
    const framework = await one<number>('select max(id) from quality_frameworks');
    const submitted = await one<number>(
      "select a.id from quality_assessments a join organisations o on o.id = a.organisation_id where a.status = 'submitted' and o.district_id = (select district_id from organisations where id = $1) order by a.id limit 1",
      [city],
    );
    // the demo admin uploads a file and gives it as evidence in the school's draft
    const admin = await t.login('demo.admin');
    const b = multipart('ереже.pdf', SAMPLES.pdf);
    const up = await t.app.inject({ method: 'POST', url: '/api/files', payload: b.payload, headers: { ...b.headers, cookie: admin } });
    const file = up.json<{ id: string }>().id;
    const criterion = await one<string>("select areas->0->'criteria'->0->>'key' from quality_frameworks where id = $1", [framework]);
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/quality/organisations/${city}/years/${year}`,
      payload: { answers: [{ criterion, fileIds: [file] }] },
      headers: { cookie: admin },
    });
    if (saved.statusCode !== 200) throw new Error(`draft not saved: ${saved.body}`);
    const assessment = saved.json<{ id: number }>().id;
    // another region's school with a submitted assessment holding the same file
    const otherOrg = await one<number>('select id from organisations where region_id <> $1 order by id limit 1', [region]);
    const other = await one<number>(
      "insert into quality_assessments (organisation_id, academic_year_id, framework_id, status) values ($1, $2, $3, 'submitted') returning id",
      [otherOrg, year, framework],
    );
    // the file is evidence in the latest submission of the inside and the outside submitted assessments
    const answers = JSON.stringify([{ criterion, level: 'fully', comment: '', evidence: '', links: [], fileIds: [file] }]);
    await t.db.query("insert into quality_submissions (assessment_id, n, answers) values ($1, 1, '[]')", [other]);
    for (const id of [submitted, other]) {
      await t.db.query(
        'update quality_submissions set answers = $2::jsonb where assessment_id = $1 and n = (select max(n) from quality_submissions where assessment_id = $1)',
        [id, answers],
      );
      await t.db.query('insert into quality_files (assessment_id, file_id) values ($1, $2)', [id, file]);
    }
    return {
      inside: { org: city, year, assessment, submitted, file, framework },
      outside: { org: otherOrg, year, assessment: other, submitted: other, file, framework },
      missing: { org: MISSING, year: MISSING, assessment: MISSING, submitted: MISSING, file: MISSING_FILE, framework: MISSING },
    };
  },
};
