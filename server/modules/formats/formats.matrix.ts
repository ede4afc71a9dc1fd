/**
 * The formats module's authorisation matrix as data (run by formats.matrix.test.ts). Inside: the city
 * school, its 5 А, Karasay district and Almaty region (demo.district's and demo.region's areas);
 * outside: a school, class, district and region of Karaganda region.
 */
import type { Matrix, MatrixEndpoint } from '../../../test/authz-matrix.js';
import { DEFAULT_RULE_SET } from './formats.defaults.js';

interface Objects {
  org: number;
  classId: number;
  district: number;
  region: number;
  override: number;
  ruleSet: number;
}
const N = 404;
const MISSING = 99_999_999;
const situation = (o: Objects) => ({
  area: { level: 'district', id: o.district },
  level: 'red',
  effectiveFrom: '2020-12-14',
  source: 'Бас санитарлық дәрігердің қаулысы',
});

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/formats/settings', request: () => '/api/formats/settings', inside: [N, N, N, N, N, 200, 200, 200, N], outside: false, missing: false },
  {
    route: 'GET /api/formats/areas',
    request: (o) => `/api/formats/areas?regionId=${o.region}`,
    inside: [N, N, N, N, N, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'GET /api/formats/situations',
    request: (o) => `/api/formats/situations?level=district&id=${o.district}`,
    inside: [N, N, N, N, N, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'GET /api/formats/rule-sets',
    request: (o) => `/api/formats/rule-sets?regionId=${o.region}`,
    inside: [N, N, N, N, N, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
    missing: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'GET /api/formats/rule-sets/current',
    name: "the country's",
    request: () => '/api/formats/rule-sets/current',
    inside: [N, N, N, N, N, 200, 200, 200, N],
    outside: false,
    missing: false,
  },
  {
    route: 'GET /api/formats/rule-sets/:id',
    request: (o) => `/api/formats/rule-sets/${o.ruleSet}`,
    inside: [N, N, N, N, N, 200, 200, 200, N],
    outside: [N, N, N, N, N, 200, 200, 200, N],
  },
  {
    route: 'GET /api/formats/decisions',
    request: (o) => `/api/formats/decisions?regionId=${o.region}`,
    inside: [N, N, N, N, N, 200, 200, 200, N],
    outside: [N, N, N, N, N, 200, 200, 200, N],
    missing: [N, N, N, N, N, 200, 200, 200, N],
  },
  {
    route: 'GET /api/formats/organisations/:id',
    request: (o) => `/api/formats/organisations/${o.org}?date=2020-12-09`,
    inside: [200, 200, 200, 200, 200, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'GET /api/formats/classes/:id',
    request: (o) => `/api/formats/classes/${o.classId}?date=2020-12-09`,
    inside: [200, 200, 200, 200, 200, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'POST /api/formats/situations/preview',
    request: (o) => ({ url: '/api/formats/situations/preview', payload: situation(o) }),
    inside: [N, N, N, N, N, 200, 200, 200, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'POST /api/formats/rule-sets/preview',
    request: (o) => ({ url: '/api/formats/rule-sets/preview', payload: { regionId: o.region, body: DEFAULT_RULE_SET } }),
    inside: [N, N, N, N, N, 403, 403, 403, N],
    outside: [N, N, N, N, N, N, N, 403, N],
  },
  {
    route: 'POST /api/formats/situations',
    request: (o) => ({ url: '/api/formats/situations', payload: situation(o) }),
    inside: [N, N, N, N, N, 201, 201, 201, N],
    outside: [N, N, N, N, N, N, N, 201, N],
  },
  {
    route: 'POST /api/formats/overrides',
    request: (o) => ({
      url: '/api/formats/overrides',
      payload: { organisationId: o.org, classId: o.classId, format: 'regular', reason: 'Штаб шешімі', effectiveFrom: '2020-12-15' },
    }),
    inside: [N, N, N, N, N, 201, 201, 201, N],
    outside: [N, N, N, N, N, N, N, 201, N],
  },
  {
    route: 'POST /api/formats/overrides/:id/revoke',
    request: (o) => ({ url: `/api/formats/overrides/${o.override}/revoke`, payload: { reason: 'Штаб тоқтатты' } }),
    inside: [N, N, N, N, N, 200, 409, 409, N],
    outside: [N, N, N, N, N, N, N, 200, N],
  },
  {
    route: 'POST /api/formats/rule-sets',
    name: "the region's own rules while regions may not edit them",
    request: (o) => ({ url: '/api/formats/rule-sets', payload: { regionId: o.region, body: DEFAULT_RULE_SET } }),
    inside: [N, N, N, N, N, 403, 403, 403, N],
    outside: [N, N, N, N, N, N, N, 403, N],
  },
  {
    route: 'PUT /api/formats/settings',
    name: 'unchanged',
    request: () => ({ url: '/api/formats/settings', payload: { situationScale: 'binary', regionsMayEditRules: false } }),
    inside: [N, N, N, N, N, 403, 403, 200, N],
    outside: false,
    missing: false,
  },
];

export const matrix: Matrix<Objects> = {
  module: 'formats',
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' },
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const node = (await t.db.query<{ district_id: number; region_id: number }>('select district_id, region_id from organisations where id = $1', [city]))
      .rows[0]!;
    const otherRegion = await one<number>("select id from regions where code = 'karaganda'");
    const otherOrg = await one<number>(
      'select id from organisations where region_id = $1 and id in (select organisation_id from classes) order by id limit 1',
      [otherRegion],
    );
    const otherDistrict = await one<number>('select district_id from organisations where id = $1', [otherOrg]);
    const override = async (org: number, cls: number) =>
      one<number>(
        `insert into format_overrides (organisation_id, class_id, format, reason, effective_from, created_by)
       values ($1, $2, 'regular', 'матрица', '2020-12-01', (select person_id from accounts where login = 'demo.ministry')) returning id`,
        [org, cls],
      );
    const ruleSet = await one<number>('select id from format_rule_sets where region_id is null order by version desc limit 1');
    const c5A = await one<number>("select id from classes where organisation_id = $1 and name = '5 А'", [city]);
    const otherClass = await one<number>('select id from classes where organisation_id = $1 order by id limit 1', [otherOrg]);
    return {
      inside: { org: city, classId: c5A, district: node.district_id, region: node.region_id, override: await override(city, c5A), ruleSet },
      outside: { org: otherOrg, classId: otherClass, district: otherDistrict, region: otherRegion, override: await override(otherOrg, otherClass), ruleSet },
      missing: { org: MISSING, classId: MISSING, district: MISSING, region: MISSING, override: MISSING, ruleSet: MISSING },
    };
  },
};
