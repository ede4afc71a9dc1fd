/**
 * The privacy module's authorisation matrix as data (run by privacy.matrix.test.ts). Inside: demo.pupil
 * (a child of demo.parent) and the city school; outside: a pupil and the school of another region.
 * Consents and erasure requests are about the actor and their children only; the organisation's admin
 * decides its requests.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  person: number;
  org: number;
  consent: number;
  request: number;
}
const N = 404;
const own = { outside: false, missing: false } as const;

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/me/export', request: () => '/api/me/export', inside: all(200), ...own },
  { route: 'GET /api/me/consents', request: () => '/api/me/consents', inside: all(200), ...own },
  { route: 'GET /api/me/erasure-requests', request: () => '/api/me/erasure-requests', inside: all(200), ...own },
  {
    route: 'POST /api/me/consents',
    request: (o) => ({ url: '/api/me/consents', payload: { personId: o.person, purpose: 'photo_in_class_materials' } }),
    inside: [201, 409, N, N, N, N, N, N, N],
  },
  { route: 'POST /api/me/consents/:id/withdraw', request: (o) => `/api/me/consents/${o.consent}/withdraw`, inside: [200, 409, N, N, N, N, N, N, N] },
  {
    route: 'GET /api/privacy/organisations/:id/erasure-requests',
    request: (o) => `/api/privacy/organisations/${o.org}/erasure-requests`,
    inside: only({ admin: 200 }),
  },
  {
    route: 'POST /api/privacy/erasure-requests/:id/decide',
    name: 'refused',
    request: (o) => ({ url: `/api/privacy/erasure-requests/${o.request}/decide`, payload: { decision: 'refuse', note: 'Матрица' } }),
    inside: only({ admin: 200 }),
  },
  {
    route: 'POST /api/me/erasure-requests',
    name: 'a new one after the refusal',
    request: (o) => ({ url: '/api/me/erasure-requests', payload: { personId: o.person } }),
    inside: [201, 409, N, N, N, N, N, N, N],
  },
];

export const matrix: Matrix<Objects> = {
  module: 'privacy',
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const pupil = await one<number>("select person_id from accounts where login = 'demo.pupil'");
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const otherPupil = await one<number>(
      `select m.pupil_id from class_members m join classes c on c.id = m.class_id join organisations o on o.id = c.organisation_id
      where o.region_id <> (select region_id from organisations where id = $1) order by m.pupil_id limit 1`,
      [city],
    );
    const otherOrg = await one<number>('select c.organisation_id from class_members m join classes c on c.id = m.class_id where m.pupil_id = $1 limit 1', [
      otherPupil,
    ]);
    const consent = (person: number) =>
      one<number>(`insert into consents (person_id, purpose, given_by) values ($1, 'health_status_for_access', $1) returning id`, [person]);
    const request = (person: number, org: number) =>
      one<number>('insert into erasure_requests (person_id, requested_by, organisation_id) values ($1, $1, $2) returning id', [person, org]);
    return {
      inside: { person: pupil, org: city, consent: await consent(pupil), request: await request(pupil, city) },
      outside: { person: otherPupil, org: otherOrg, consent: await consent(otherPupil), request: await request(otherPupil, otherOrg) },
      missing: { person: 99_999_999, org: 99_999_999, consent: 99_999_999, request: 99_999_999 },
    };
  },
};
