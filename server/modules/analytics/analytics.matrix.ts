/**
 * The analytics module's authorisation matrix as data (run by analytics.matrix.test.ts). Inside: the
 * city school of the demo district, a class demo.teacher teaches there, the demo district, an export
 * demo.ministry asked for; outside: a school, a class and a district of another region, an export of
 * another person; missing: ids that do not exist.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  org: number;
  klass: number;
  district: number;
  exportId: string;
  subscriptionId: number;
  reportId: number;
}
const MISSING = 99_999_999;
const officers = { district: 200, region: 200, ministry: 200 } as const;

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/analytics/scope', request: () => '/api/analytics/scope', inside: only({}, 200), outside: false, missing: false },
  {
    route: 'GET /api/analytics/overview',
    name: 'a school',
    request: (o) => `/api/analytics/overview?area=organisation:${o.org}`,
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/analytics/overview',
    name: 'a class',
    request: (o) => `/api/analytics/overview?area=class:${o.klass}`,
    inside: only({ teacher: 200, homeroom: 200, admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/analytics/overview',
    name: 'a district as CSV',
    request: (o) => `/api/analytics/overview?area=district:${o.district}&format=csv`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/analytics/exports',
    request: (o) => ({ url: '/api/analytics/exports', payload: { area: `organisation:${o.org}`, format: 'csv' } }),
    inside: only({ admin: 202, ...{ district: 202, region: 202, ministry: 202 } }),
    outside: only({ ministry: 202 }),
  },
  { route: 'GET /api/analytics/exports/:id', request: (o) => `/api/analytics/exports/${o.exportId}`, inside: only({ ministry: 200 }) },
  { route: 'GET /api/analytics/exports/:id/file', request: (o) => `/api/analytics/exports/${o.exportId}/file`, inside: only({ ministry: 200 }) },
  { route: 'GET /api/analytics/report-subscriptions', request: () => '/api/analytics/report-subscriptions', inside: all(200), outside: false, missing: false },
  {
    route: 'PUT /api/analytics/report-subscriptions',
    name: "a school's weekly report",
    request: (o) => ({ url: '/api/analytics/report-subscriptions', payload: { area: `organisation:${o.org}`, formats: ['csv'], lang: 'ru', weekday: 1 } }),
    inside: only({ admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'DELETE /api/analytics/report-subscriptions/:id',
    request: (o) => `/api/analytics/report-subscriptions/${o.subscriptionId}`,
    inside: only({ ministry: 204 }),
  },
  { route: 'GET /api/analytics/reports', request: () => '/api/analytics/reports', inside: all(200), outside: false, missing: false },
  {
    route: 'GET /api/analytics/reports/:id/files/:format',
    request: (o) => `/api/analytics/reports/${o.reportId}/files/csv`,
    inside: only({ ministry: 200 }),
  },
];

export const matrix: Matrix<Objects> = {
  module: 'analytics',
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' },
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const district = await one<number>('select district_id from organisations where id = $1', [city]);
    const region = await one<number>('select region_id from organisations where id = $1', [city]);
    const klass = await one<number>(
      `select t.class_id from teaching_assignments t join accounts a on a.person_id = t.teacher_id
      join classes c on c.id = t.class_id where a.login = 'demo.teacher' and c.organisation_id = $1 order by t.class_id limit 1`,
      [city],
    );
    const otherOrg = await one<number>('select id from organisations where region_id <> $1 order by id limit 1', [region]);
    const otherDistrict = await one<number>('select district_id from organisations where id = $1', [otherOrg]);
    const otherClass = await one<number>(
      `select c.id from classes c join academic_years y on y.id = c.academic_year_id and y.is_current
      where c.organisation_id = $1 order by c.id limit 1`,
      [otherOrg],
    );
    const ministry = await t.login('demo.ministry');
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/analytics/exports',
      headers: { cookie: ministry },
      payload: { area: 'country', format: 'csv' },
    });
    if (started.statusCode !== 202) throw new Error(`analytics matrix fixture: ${started.statusCode} ${started.body}`);
    const exportId = started.json().id as string;
    for (let i = 0; i < 50; i++) {
      const s = await t.app.inject({ url: `/api/analytics/exports/${exportId}`, headers: { cookie: ministry } });
      if (s.json().status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const otherExport = await one<string>(
      `insert into analytics_exports (requested_by, area, format, status, content, content_type, file_name)
      select person_id, 'country', 'csv', 'done', '\\x00', 'text/csv', 'x.csv' from role_assignments where role = 'teacher' and organisation_id = $1 limit 1 returning id`,
      [otherOrg],
    );
    // a weekly report subscription and a built report each: demo.ministry's (inside) and a teacher's of another region (outside)
    const reportOf = async (person: string) => {
      const subscriptionId = await one<number>(
        `insert into analytics_report_subscriptions (person_id, area, formats, lang, weekday) values ($1, 'country', '{csv}', 'ru', 1) returning id::int`,
        [person],
      );
      const reportId = await one<number>(
        `insert into analytics_reports (subscription_id, person_id, area, formats, lang, week_start, week_end, status)
         values ($1, $2, 'country', '{csv}', 'ru', '2020-11-30', '2020-12-06', 'done') returning id::int`,
        [subscriptionId, person],
      );
      await t.one(
        `insert into analytics_report_files (report_id, format, file_name, content_type, content) values ($1, 'csv', 'r.csv', 'text/csv', '\\x00') returning report_id`,
        [reportId],
      );
      return { subscriptionId, reportId };
    };
    const mine = await reportOf(await one<string>("select person_id::text from accounts where login = 'demo.ministry'"));
    const theirs = await reportOf(
      await one<string>("select person_id::text from role_assignments where role = 'teacher' and organisation_id = $1 limit 1", [otherOrg]),
    );
    return {
      inside: { org: city, klass, district, exportId, ...mine },
      outside: { org: otherOrg, klass: otherClass, district: otherDistrict, exportId: otherExport, ...theirs },
      missing: {
        org: MISSING,
        klass: MISSING,
        district: MISSING,
        exportId: '00000000-0000-4000-8000-000000000000',
        subscriptionId: MISSING,
        reportId: MISSING,
      },
    };
  },
};
