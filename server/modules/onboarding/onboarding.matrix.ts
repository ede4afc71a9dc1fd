/**
 * Onboarding's authorisation matrix as data (run by onboarding.matrix.test.ts). Inside: the city
 * school (demo.admin's); outside: a school of another region. The import is a dry run of one class.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';
import { multipart } from '../files/files.test-support.js';

interface Objects { org: number }

const classesCsv = Buffer.from('\uFEFFgrade;letter;shift\n11;Ж;1\n');

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'POST /api/organisations/:id/imports', name: 'a dry run', request: (o) => {
    const b = multipart('classes.csv', classesCsv);
    return { url: `/api/organisations/${o.org}/imports?kind=classes&dryRun=true`, payload: b.payload, headers: b.headers };
  }, inside: only({ admin: 200 }) },
  { route: 'GET /api/imports/templates/:kind', name: 'an empty sheet names no one', request: () => '/api/imports/templates/people', inside: all(200), outside: false, missing: false },
];

export const matrix: Matrix<Objects> = {
  module: 'onboarding',
  endpoints,
  async objects(t) {
    const city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const other = await t.one<number>('select id from organisations where region_id <> (select region_id from organisations where id = $1) order by id limit 1', [city]);
    return { inside: { org: city }, outside: { org: other }, missing: { org: 99_999_999 } };
  },
};
