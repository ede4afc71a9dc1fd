/**
 * Course endpoints as matrix data (run by courses.matrix.test.ts): a course of the city school
 * (inside) and one of a school in another region (outside), made for the run.
 */
import type { Matrix, MatrixEndpoint } from '../../../test/authz-matrix.js';
import { demoIds } from './learning.fixtures.js';

interface Objects {
  org: number;
  course: number;
}
const N = 404;
const MISSING = 99_999_999;
const members = [200, 200, 200, 200, 200, N, N, N, N];

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/learning/organisations/:id/courses', request: (o) => `/api/learning/organisations/${o.org}/courses`, inside: members },
  { route: 'GET /api/learning/courses/:id', request: (o) => `/api/learning/courses/${o.course}`, inside: members },
  {
    route: 'PATCH /api/learning/courses/:id',
    request: (o) => ({ url: `/api/learning/courses/${o.course}`, payload: { credits: 5 } }),
    inside: [N, N, N, N, 200, N, N, N, N],
  },
];

export const matrix: Matrix<Objects> = {
  module: 'learning (courses)',
  endpoints,
  async objects(t) {
    const ids = await demoIds(t.db);
    const course = (org: number) =>
      t.one<number>(`insert into courses (organisation_id, subject_id, code, title, credits) values ($1, $2, 'MTX-1', 'Матрица', 3) returning id`, [
        org,
        ids.math,
      ]);
    return {
      inside: { org: ids.cityId, course: await course(ids.cityId) },
      outside: { org: ids.otherRegionSchoolId, course: await course(ids.otherRegionSchoolId) },
      missing: { org: MISSING, course: MISSING },
    };
  },
};
