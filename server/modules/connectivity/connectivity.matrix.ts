/**
 * The connectivity module's authorisation matrix as data (run by connectivity.matrix.test.ts).
 * Inside: the demo district (Karasay), its village Zhandosov, the demo city school (demo.admin's,
 * demo.homeroom's class), Almaty region; outside: a district, settlement, school and region of
 * Karaganda region; missing: ids that do not exist.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  district: number;
  settlement: number;
  org: number;
  region: number;
}
const MISSING = 99_999_999;
const officers = { district: 200, region: 200, ministry: 200 } as const;

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/connectivity/areas', request: () => '/api/connectivity/areas', inside: all(200), outside: false, missing: false },
  {
    route: 'GET /api/connectivity/settlements',
    request: (o) => `/api/connectivity/settlements?districtId=${o.district}`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/connectivity/settlements',
    name: 'as XLSX',
    request: (o) => `/api/connectivity/settlements?districtId=${o.district}&filter=no_tv&format=xlsx`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/connectivity/settlements/:id',
    request: (o) => `/api/connectivity/settlements/${o.settlement}`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'PUT /api/connectivity/settlements/:id',
    request: (o) => ({
      url: `/api/connectivity/settlements/${o.settlement}`,
      payload: { internet: 'slow', internetMbps: 2, measuredOn: '2020-08-20', reception: [{ code: 'al_farabi', received: true }], reason: 'Matrix check' },
    }),
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/connectivity/organisations/:id/isolated-pupils',
    request: (o) => `/api/connectivity/organisations/${o.org}/isolated-pupils`,
    inside: only({ homeroom: 200, admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/connectivity/organisations/:id/isolated-pupils',
    name: 'as CSV',
    request: (o) => `/api/connectivity/organisations/${o.org}/isolated-pupils?format=csv`,
    inside: only({ homeroom: 200, admin: 200, ...officers }),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/connectivity/districts/:id/isolated-pupils',
    request: (o) => `/api/connectivity/districts/${o.district}/isolated-pupils`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/connectivity/without-reception',
    name: 'a district',
    request: (o) => `/api/connectivity/without-reception?districtId=${o.district}`,
    inside: only(officers),
    outside: only({ ministry: 200 }),
  },
  {
    route: 'GET /api/connectivity/without-reception',
    name: 'a region as CSV',
    request: (o) => `/api/connectivity/without-reception?regionId=${o.region}&channel=el_arna&format=csv`,
    inside: only({ region: 200, ministry: 200 }),
    outside: only({ ministry: 200 }),
  },
];

export const matrix: Matrix<Objects> = {
  module: 'connectivity',
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' },
  endpoints,
  async objects(t) {
    const city = await t.one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const district = await t.one<number>('select district_id from organisations where id = $1', [city]);
    const region = await t.one<number>('select region_id from organisations where id = $1', [city]);
    const settlement = await t.one<number>("select id from settlements where name_en = 'Zhandosov village'");
    const otherOrg = await t.one<number>('select id from organisations where region_id <> $1 order by id limit 1', [region]);
    const other = await t.one<{ district_id: number; region_id: number; settlement_id: number }>(
      "select json_build_object('district_id', district_id, 'region_id', region_id, 'settlement_id', settlement_id) from organisations where id = $1",
      [otherOrg],
    );
    return {
      inside: { district, settlement, org: city, region },
      outside: { district: other.district_id, settlement: other.settlement_id, org: otherOrg, region: other.region_id },
      missing: { district: MISSING, settlement: MISSING, org: MISSING, region: MISSING },
    };
  },
};
