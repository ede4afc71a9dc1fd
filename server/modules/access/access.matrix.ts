/**
 * The access module's authorisation matrix (run by access.matrix.test.ts). Inside: the demo
 * university (campus, gates, the reported record, its region); outside: a school of another region;
 * missing: ids that do not exist. demo.admin runs the city school, not the university, so the
 * university's admin pages answer 404 to every matrix role; the health officer (demo.health) is
 * checked in access.routes.test.ts (inside and outside their organisation). A guard sees no health data.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  org: number;
  region: number;
  record: number;
  building: number;
  room: number;
  gate: number;
  key: number;
  exemption: number;
}
const N = 404;
const MISSING = 99_999_999;
const none = all(N);

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/access/me', request: () => '/api/access/me', inside: all(200), outside: false, missing: false },
  { route: 'GET /api/access/me/records', request: () => '/api/access/me/records', inside: all(200), outside: false, missing: false },
  { route: 'GET /api/access/me/pass', request: () => '/api/access/me/pass', inside: only({ guard: 200 }), outside: false, missing: false },
  {
    route: 'POST /api/access/me/reports',
    request: (o) => ({ url: '/api/access/me/reports', payload: { organisationId: o.org, kind: 'recovery', occurredAt: '2021-05-01' } }),
    inside: only({ guard: 201 }),
  },
  { route: 'GET /api/access/records/:id/document', request: (o) => `/api/access/records/${o.record}/document`, inside: none },
  {
    route: 'POST /api/access/organisations/:id/imports',
    request: (o) => ({ url: `/api/access/organisations/${o.org}/imports`, payload: { format: 'csv', source: 'x', content: 'iin,kind,date\n' } }),
    inside: none,
  },
  {
    route: 'POST /api/access/organisations/:id/records',
    request: (o) => ({ url: `/api/access/organisations/${o.org}/records`, payload: { personId: 1, kind: 'recovery', occurredAt: '2021-05-01' } }),
    inside: none,
  },
  { route: 'GET /api/access/organisations/:id/records', request: (o) => `/api/access/organisations/${o.org}/records?personId=1`, inside: none },
  { route: 'GET /api/access/organisations/:id/imports', request: (o) => `/api/access/organisations/${o.org}/imports`, inside: none },
  { route: 'GET /api/access/organisations/:id/reports', request: (o) => `/api/access/organisations/${o.org}/reports`, inside: none },
  {
    route: 'POST /api/access/reports/:id/decision',
    request: (o) => ({ url: `/api/access/reports/${o.record}/decision`, payload: { decision: 'reject' } }),
    inside: none,
  },
  { route: 'GET /api/access/organisations/:id/exemptions', request: (o) => `/api/access/organisations/${o.org}/exemptions`, inside: none },
  {
    route: 'POST /api/access/organisations/:id/exemptions',
    request: (o) => ({
      url: `/api/access/organisations/${o.org}/exemptions`,
      payload: { personId: 1, reason: 'x', validFrom: '2021-09-01', validUntil: '2021-09-30' },
    }),
    inside: none,
  },
  { route: 'POST /api/access/exemptions/:id/revoke', request: (o) => `/api/access/exemptions/${o.exemption}/revoke`, inside: none },
  { route: 'GET /api/access/organisations/:id/overview', request: (o) => `/api/access/organisations/${o.org}/overview`, inside: none },
  {
    route: 'GET /api/access/rules',
    request: (o) => `/api/access/rules?regionId=${o.region}`,
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
    missing: only({ ministry: 200 }),
  },
  {
    route: 'POST /api/access/rules/preview',
    request: (o) => ({ url: '/api/access/rules/preview', payload: { regionId: o.region, params: PARAMS } }),
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
    missing: only({ ministry: 200 }),
  },
  { route: 'GET /api/access/guard', request: () => '/api/access/guard', inside: only({ admin: 200, guard: 200 }), outside: false, missing: false },
  {
    route: 'POST /api/access/verify',
    request: () => ({ url: '/api/access/verify', payload: { pass: 'SBQ1:NOT-A-PASS' } }),
    inside: only({ admin: 200, guard: 200 }),
    outside: false,
    missing: false,
  },
  {
    route: 'POST /api/access/scans',
    request: (o) => ({
      url: '/api/access/scans',
      payload: {
        scans: [
          {
            clientId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
            gateId: o.gate,
            direction: 'in',
            result: 'refused',
            reason: 'malformed',
            holder: null,
            replay: false,
            scannedAt: '2021-09-01T08:00:00Z',
          },
        ],
      },
    }),
    inside: only({ guard: 200 }),
  },
  { route: 'GET /api/access/organisations/:id/buildings', request: (o) => `/api/access/organisations/${o.org}/buildings`, inside: none },
  {
    route: 'POST /api/access/organisations/:id/buildings',
    request: (o) => ({ url: `/api/access/organisations/${o.org}/buildings`, payload: { name: 'Sports hall', kind: 'sports', capacity: 100 } }),
    inside: none,
  },
  {
    route: 'POST /api/access/buildings/:id/gates',
    request: (o) => ({ url: `/api/access/buildings/${o.building}/gates`, payload: { name: 'East gate' } }),
    inside: none,
  },
  { route: 'GET /api/access/buildings/:id/rooms', request: (o) => `/api/access/buildings/${o.building}/rooms`, inside: none },
  {
    route: 'POST /api/access/buildings/:id/rooms',
    request: (o) => ({ url: `/api/access/buildings/${o.building}/rooms`, payload: { number: '999', beds: 2 } }),
    inside: none,
  },
  {
    route: 'POST /api/access/rooms/:id/residents',
    request: (o) => ({ url: `/api/access/rooms/${o.room}/residents`, payload: { personId: 1, fromDate: '2021-09-01' } }),
    inside: none,
  },
  { route: 'GET /api/access/organisations/:id/entrances', request: (o) => `/api/access/organisations/${o.org}/entrances`, inside: none },
  { route: 'GET /api/access/organisations/:id/occupancy', request: (o) => `/api/access/organisations/${o.org}/occupancy`, inside: none },
  { route: 'GET /api/access/organisations/:id/keys', request: (o) => `/api/access/organisations/${o.org}/keys`, inside: none },
  { route: 'POST /api/access/organisations/:id/keys/rotate', request: (o) => `/api/access/organisations/${o.org}/keys/rotate`, inside: none },
  { route: 'POST /api/access/keys/:id/revoke', request: (o) => ({ url: `/api/access/keys/${o.key}/revoke`, payload: { reason: 'x' } }), inside: none },
  {
    route: 'POST /api/access/organisations/:id/revoked-holders',
    request: (o) => ({ url: `/api/access/organisations/${o.org}/revoked-holders`, payload: { personId: 1, reason: 'x' } }),
    inside: none,
  },
  // gate photos and fevers (decision 0030): nobody of the matrix has a photo or is the university's admin or health officer
  { route: 'GET /api/access/me/photo', request: () => '/api/access/me/photo', inside: all(200), outside: false, missing: false },
  {
    route: 'PUT /api/access/me/photo',
    request: () => ({ url: '/api/access/me/photo', payload: { fileId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' } }),
    inside: none,
    outside: false,
    missing: false,
  },
  { route: 'GET /api/access/me/photo/image', request: () => '/api/access/me/photo/image', inside: none, outside: false, missing: false },
  { route: 'GET /api/access/guard/photos', request: () => '/api/access/guard/photos', inside: only({ guard: 200 }), outside: false, missing: false },
  { route: 'GET /api/access/guard/photos/:holder', request: () => '/api/access/guard/photos/AAAAAAAAAAAAAAAA', inside: none, outside: false, missing: false },
  { route: 'GET /api/access/organisations/:id/fevers', request: (o) => `/api/access/organisations/${o.org}/fevers`, inside: none },
  { route: 'GET /api/access/organisations/:id/people', request: (o) => `/api/access/organisations/${o.org}/people`, inside: none },
  {
    route: 'PUT /api/access/organisations/:id/photos',
    request: (o) => ({ url: `/api/access/organisations/${o.org}/photos`, payload: { personId: 1, fileId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f' } }),
    inside: none,
  },
  { route: 'DELETE /api/access/me/photo', request: () => '/api/access/me/photo', inside: all(200), outside: false, missing: false },
  // state changes last
  { route: 'POST /api/access/me/consent', request: () => '/api/access/me/consent', inside: all(200), outside: false, missing: false },
  {
    route: 'POST /api/access/rules',
    request: (o) => ({ url: '/api/access/rules', payload: { regionId: o.region, params: PARAMS } }),
    inside: only({ region: 201, ministry: 201 }),
    outside: only({ ministry: 201 }),
    missing: none,
  },
];

const PARAMS = {
  fullVaccinationAfterDays: 14,
  vaccinationValidDays: null,
  pcrValidHours: 72,
  antigenValidHours: 0,
  recoveryValidDays: 180,
  isolationDays: 10,
  passValidHours: 24,
};

export const matrix: Matrix<Objects> = {
  module: 'access',
  endpoints,
  async objects(t) {
    const org = await t.one<number>("select id from organisations where kind = 'university' and name_en like 'Karasay%'");
    const region = await t.one<number>('select region_id from organisations where id = $1', [org]);
    const record = await t.one<number>("select id from access_health_records where organisation_id = $1 and state = 'reported' order by id limit 1", [org]);
    const building = await t.one<number>("select id from access_buildings where organisation_id = $1 and kind = 'dormitory'", [org]);
    const room = await t.one<number>('select id from access_dorm_rooms where building_id = $1 order by id limit 1', [building]);
    const gate = await t.one<number>(
      'select g.id from access_gates g join access_buildings b on b.id = g.building_id where b.organisation_id = $1 order by g.id limit 1',
      [org],
    );
    const exemption = await t.one<number>('select id from access_exemptions where organisation_id = $1 order by id limit 1', [org]);
    const guard = await t.login('demo.guard');
    await t.app.inject({ url: '/api/access/me/pass', headers: { cookie: guard } }); // creates the university's key
    const key = await t.one<number>('select id from access_signing_keys where organisation_id = $1', [org]);
    // outside: a school of another region with a building and gate of its own
    const other = await t.one<number>('select id from organisations where region_id <> $1 order by id limit 1', [region]);
    const otherRegion = await t.one<number>('select region_id from organisations where id = $1', [other]);
    const ob = await t.one<number>("insert into access_buildings (organisation_id, name, kind, capacity) values ($1, 'Dorm', 'dormitory', 10) returning id", [
      other,
    ]);
    const og = await t.one<number>("insert into access_gates (building_id, name) values ($1, 'Gate') returning id", [ob]);
    const or = await t.one<number>("insert into access_dorm_rooms (building_id, number, beds) values ($1, '1', 2) returning id", [ob]);
    return {
      inside: { org, region, record, building, room, gate, key, exemption },
      outside: { org: other, region: otherRegion, record, building: ob, room: or, gate: og, key, exemption },
      missing: { org: MISSING, region: MISSING, record: MISSING, building: MISSING, room: MISSING, gate: MISSING, key: MISSING, exemption: MISSING },
    };
  },
};
