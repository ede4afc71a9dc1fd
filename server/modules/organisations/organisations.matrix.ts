/**
 * The foundation's organisation endpoints as matrix data (run by organisations.matrix.test.ts; the
 * detailed checks of what each role sees are in authorization-matrix.test.ts). Inside: the city
 * school and its 5 А; outside: a school of another region and one of its classes.
 */
import { all, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  org: number;
  classId: number;
}
const N = 404;

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/organisations', request: () => '/api/organisations', inside: all(200), outside: false, missing: false },
  {
    route: 'GET /api/organisations/:id',
    request: (o) => `/api/organisations/${o.org}`,
    inside: [200, 200, 200, 200, 200, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'GET /api/organisations/:id/classes',
    request: (o) => `/api/organisations/${o.org}/classes`,
    inside: [200, 200, 200, 200, 200, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'GET /api/classes/:id',
    request: (o) => `/api/classes/${o.classId}`,
    inside: [200, 200, 200, 200, 200, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  { route: 'GET /api/me/classes', request: () => '/api/me/classes', inside: all(200), outside: false, missing: false },
];

export const matrix: Matrix<Objects> = {
  module: 'organisations',
  endpoints,
  async objects(t) {
    const city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const c5A = await t.one<number>("select id from classes where organisation_id = $1 and name = '5 А'", [city]);
    const other = await t.one<number>(
      `select id from organisations where region_id <> (select region_id from organisations where id = $1)
      and id in (select organisation_id from classes) order by id limit 1`,
      [city],
    );
    const otherClass = await t.one<number>('select id from classes where organisation_id = $1 order by id limit 1', [other]);
    return { inside: { org: city, classId: c5A }, outside: { org: other, classId: otherClass }, missing: { org: 99_999_999, classId: 99_999_999 } };
  },
};
