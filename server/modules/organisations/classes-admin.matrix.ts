/**
 * The admin's class and people endpoints as matrix data (run by classes-admin.matrix.test.ts).
 * Inside: the city school, its 5 А and 6 Б, pupils made for the run (one without a class, two in
 * 5 А); outside: a school of another region and its classes and pupils.
 */
import type { Queryable } from '../../platform/db.js';
import type { Matrix, MatrixEndpoint } from '../../../test/authz-matrix.js';
import { demoIds } from '../learning/learning.fixtures.js';

interface Objects {
  org: number;
  classId: number;
  target: number;
  free: number;
  moving: number;
  leaving: number;
}
const N = 404;
const MISSING = 99_999_999;
const adminOnly = (ok: number) => [N, N, N, N, ok, N, N, N, N];

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/organisations/:id/people', request: (o) => `/api/organisations/${o.org}/people?role=pupil&pageSize=5`, inside: adminOnly(200) },
  { route: 'GET /api/organisations/:id/academic-years', request: (o) => `/api/organisations/${o.org}/academic-years`, inside: adminOnly(200) },
  {
    route: 'POST /api/organisations/:id/classes',
    request: (o) => ({ url: `/api/organisations/${o.org}/classes`, payload: { name: '11 Матрица', grade: 11, shift: 1 } }),
    inside: adminOnly(201),
  },
  { route: 'PATCH /api/classes/:id', request: (o) => ({ url: `/api/classes/${o.classId}`, payload: { shift: 1 } }), inside: adminOnly(200) },
  {
    route: 'POST /api/classes/:id/members',
    request: (o) => ({ url: `/api/classes/${o.classId}/members`, payload: { pupilId: o.free } }),
    inside: adminOnly(204),
  },
  {
    route: 'POST /api/classes/:id/members/:pupilId/move',
    request: (o) => ({ url: `/api/classes/${o.classId}/members/${o.moving}/move`, payload: { toClassId: o.target } }),
    inside: adminOnly(200),
  },
  { route: 'GET /api/classes/:id/list.pdf', request: (o) => `/api/classes/${o.classId}/list.pdf`, inside: [N, N, 200, 200, 200, N, N, N, N] },
  { route: 'DELETE /api/classes/:id/members/:pupilId', request: (o) => `/api/classes/${o.classId}/members/${o.leaving}`, inside: adminOnly(204) },
];

let iin = 990_101_400_000;
/** A pupil of the organisation made for the run, optionally in a class. */
async function pupil(db: Queryable, organisationId: number, classId: number | null): Promise<number> {
  iin += 1;
  const { rows } = await db.query<{ id: number }>(
    `insert into persons (iin, last_name, first_name, birth_date, sex) values ($1, 'Матрица', 'Оқушы', '2010-01-01', 'f') returning id`,
    [String(iin)],
  );
  const id = rows[0]!.id;
  await db.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'pupil', $2)`, [id, organisationId]);
  if (classId) await db.query('insert into class_members (class_id, pupil_id) values ($1, $2)', [classId, id]);
  return id;
}

export const matrix: Matrix<Objects> = {
  module: 'organisations (classes and people)',
  endpoints,
  async objects(t) {
    const ids = await demoIds(t.db);
    const inside = {
      org: ids.cityId,
      classId: ids.class5a,
      target: ids.class6b,
      free: await pupil(t.db, ids.cityId, null),
      moving: await pupil(t.db, ids.cityId, ids.class5a),
      leaving: await pupil(t.db, ids.cityId, ids.class5a),
    };
    const outOrg = ids.otherRegionSchoolId;
    const [c1, c2] = (await t.db.query<{ id: number }>('select id from classes where organisation_id = $1 order by id limit 2', [outOrg])).rows.map(
      (r) => r.id,
    );
    const outside = {
      org: outOrg,
      classId: c1!,
      target: c2!,
      free: await pupil(t.db, outOrg, null),
      moving: await pupil(t.db, outOrg, c1!),
      leaving: await pupil(t.db, outOrg, c1!),
    };
    const missing = { org: MISSING, classId: MISSING, target: MISSING, free: MISSING, moving: MISSING, leaving: MISSING };
    return { inside, outside, missing };
  },
};
