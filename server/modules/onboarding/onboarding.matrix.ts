/**
 * Onboarding's authorisation matrix as data (run by onboarding.matrix.test.ts). Inside: the city
 * school (demo.admin's); outside: a school of another region. The import is a dry run of one class.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';
import { multipart } from '../files/files.test-support.js';

interface Objects {
  org: number;
  person: number;
}

const classesCsv = Buffer.from('\uFEFFgrade;letter;shift\n11;Ж;1\n');

const endpoints: MatrixEndpoint<Objects>[] = [
  {
    route: 'POST /api/organisations/:id/imports',
    name: 'a dry run',
    request: (o) => {
      const b = multipart('classes.csv', classesCsv);
      return { url: `/api/organisations/${o.org}/imports?kind=classes&dryRun=true`, payload: b.payload, headers: b.headers };
    },
    inside: only({ admin: 200 }),
  },
  // a pupil of the organisation with no demo account (a new code ends that person's sessions)
  {
    route: 'POST /api/organisations/:id/people/:personId/activation-code',
    request: (o) => `/api/organisations/${o.org}/people/${o.person}/activation-code`,
    inside: only({ admin: 200 }),
  },
  {
    route: 'GET /api/imports/templates/:kind',
    name: 'an empty sheet names no one',
    request: () => '/api/imports/templates/people',
    inside: all(200),
    outside: false,
    missing: false,
  },
];

export const matrix: Matrix<Objects> = {
  module: 'onboarding',
  endpoints,
  async objects(t) {
    const city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const other = await t.one<number>(
      'select id from organisations where region_id <> (select region_id from organisations where id = $1) order by id limit 1',
      [city],
    );
    const pupilOf = (org: number) =>
      t.one<number>(
        `select r.person_id from role_assignments r where r.organisation_id = $1 and r.role = 'pupil'
      and not exists (select 1 from accounts a where a.person_id = r.person_id and a.login like 'demo.%')
      and not exists (select 1 from role_assignments x where x.person_id = r.person_id and x.organisation_id is distinct from $1)
      order by r.person_id limit 1`,
        [org],
      );
    return {
      inside: { org: city, person: await pupilOf(city) },
      outside: { org: other, person: await pupilOf(other) },
      missing: { org: 99_999_999, person: 99_999_999 },
    };
  },
};
