/**
 * The duty module's authorisation matrix as data (run by duty.matrix.test.ts). Inside: the city
 * school's window (the demo seed), demo.parent's application for the younger child, a seeded
 * application of another family; outside: a copy of the window at a school of another region with an
 * application of one of its pupils.
 */
import type { Matrix, MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  org: number;
  window: number;
  ownApplication: number;
  application: number;
  child: number;
  region: number;
  settings: Record<string, unknown>;
}
const N = 404;
const MISSING = 99_999_999;

const endpoints: MatrixEndpoint<Objects>[] = [
  {
    route: 'GET /api/duty/my-children',
    request: () => '/api/duty/my-children',
    inside: [200, 200, 200, 200, 200, 200, 200, 200, 200],
    outside: false,
    missing: false,
  },
  { route: 'GET /api/duty/applications/:id', request: (o) => `/api/duty/applications/${o.ownApplication}`, inside: [N, 200, N, N, N, N, N, N, N] },
  {
    route: 'POST /api/duty/applications',
    name: 'the child already has one',
    request: (o) => ({ url: '/api/duty/applications', payload: { windowId: o.window, childId: o.child, reasons: ['both_parents_work'] } }),
    inside: [N, 409, N, N, N, N, N, N, N],
  },
  { route: 'GET /api/duty/organisations/:id/windows', request: (o) => `/api/duty/organisations/${o.org}/windows`, inside: [N, N, N, N, 200, N, N, N, N] },
  {
    route: 'POST /api/duty/organisations/:id/windows',
    request: (o) => ({ url: `/api/duty/organisations/${o.org}/windows`, payload: { opensOn: '2021-01-11', closesOn: '2021-01-20' } }),
    inside: [N, N, N, N, 409, N, N, N, N],
  },
  { route: 'GET /api/duty/windows/:id', request: (o) => `/api/duty/windows/${o.window}`, inside: [N, N, N, N, 200, N, N, N, N] },
  { route: 'GET /api/duty/windows/:id/applications', request: (o) => `/api/duty/windows/${o.window}/applications`, inside: [N, N, N, N, 200, N, N, N, N] },
  { route: 'GET /api/duty/windows/:id/groups', request: (o) => `/api/duty/windows/${o.window}/groups`, inside: [N, N, N, N, 200, N, N, N, N] },
  {
    route: 'POST /api/duty/windows/:id/grouping',
    request: (o) => ({ url: `/api/duty/windows/${o.window}/grouping`, payload: {} }),
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  {
    route: 'POST /api/duty/applications/:id/move',
    name: 'back to the waiting list',
    request: (o) => ({ url: `/api/duty/applications/${o.application}/move`, payload: { groupId: null } }),
    inside: [N, N, N, N, 200, N, N, N, N],
  },
  // a region filter outside the officer's area narrows to nothing (an empty answer), never another area's figures
  {
    route: 'GET /api/duty/totals',
    request: (o) => `/api/duty/totals?regionId=${o.region}`,
    inside: [N, N, N, N, N, 200, 200, 200, N],
    outside: [N, N, N, N, N, 200, 200, 200, N],
    missing: [N, N, N, N, N, 200, 200, 200, N],
  },
  {
    route: 'GET /api/duty/settings',
    request: (o) => `/api/duty/settings?regionId=${o.region}`,
    inside: [N, N, N, N, 200, 200, 200, 200, N],
    outside: [N, N, N, N, 200, 200, 200, 200, N],
  },
  {
    route: 'PUT /api/duty/settings',
    name: "the region's own, unchanged",
    request: (o) => ({ url: '/api/duty/settings', payload: { ...o.settings, regionId: o.region } }),
    inside: [N, N, N, N, N, 403, 200, 200, N],
    outside: [N, N, N, N, N, 403, 403, 200, N],
  },
  // state changes last
  {
    route: 'POST /api/duty/applications/:id/withdraw',
    request: (o) => `/api/duty/applications/${o.ownApplication}/withdraw`,
    inside: [N, 200, N, N, N, N, N, N, N],
  },
  { route: 'POST /api/duty/windows/:id/close', request: (o) => `/api/duty/windows/${o.window}/close`, inside: [N, N, N, N, 200, N, N, N, N] },
];

export const matrix: Matrix<Objects> = {
  module: 'duty',
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00' },
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const region = await one<number>('select region_id from organisations where id = $1', [city]);
    const window = await one<number>('select id from duty_windows where organisation_id = $1 order by id limit 1', [city]);
    const daughter =
      await one<number>(`select m.pupil_id from class_members m join classes c on c.id = m.class_id join parent_links l on l.child_id = m.pupil_id
      join accounts a on a.person_id = l.parent_id where a.login = 'demo.parent' and c.name = '2 Ә'`);
    const parent = await t.login('demo.parent');
    const applied = await t.app.inject({
      method: 'POST',
      url: '/api/duty/applications',
      headers: { cookie: parent },
      payload: { windowId: window, childId: daughter, reasons: ['both_parents_work'] },
    });
    if (applied.statusCode !== 201) throw new Error(`duty matrix fixture: ${applied.statusCode} ${applied.body}`);
    const application = await one<number>('select id from duty_applications where window_id = $1 and child_id <> $2 order by id limit 1', [window, daughter]);
    const ministry = await t.login('demo.ministry');
    const settings = (await t.app.inject({ url: '/api/duty/settings', headers: { cookie: ministry } })).json() as Record<string, unknown>;
    delete settings.inherited;
    // outside: the same window copied to a school of another region, with one of its grade 1-4 pupils applying
    const otherOrg = await one<number>(
      `select o.id from organisations o join classes c on c.organisation_id = o.id and c.grade between 1 and 4
      where o.region_id <> $1 order by o.id limit 1`,
      [region],
    );
    const otherRegion = await one<number>('select region_id from organisations where id = $1', [otherOrg]);
    const otherWindow = await one<number>(
      `insert into duty_windows (organisation_id, academic_year_id, opens_on, closes_on, eligible_grades, group_max, group_min,
        join_adjacent_grades, shifts, day_patterns, reasons)
      select $2, academic_year_id, opens_on, closes_on, eligible_grades, group_max, group_min, join_adjacent_grades, shifts, day_patterns, reasons
        from duty_windows where id = $1 returning id`,
      [window, otherOrg],
    );
    const pupil = (
      await t.db.query<{ pupil_id: number; class_id: number; grade: number; academic_year_id: number }>(
        `select m.pupil_id, c.id as class_id, c.grade, c.academic_year_id from class_members m join classes c on c.id = m.class_id
       where c.organisation_id = $1 and c.grade between 1 and 4 order by m.pupil_id limit 1`,
        [otherOrg],
      )
    ).rows[0]!;
    const otherApplication = await one<number>(
      `insert into duty_applications (window_id, organisation_id, academic_year_id, child_id, class_id, grade, applicant_id, reasons, priority)
      values ($1, $2, $3, $4, $5, $6, $4, '{both_parents_work}', 1) returning id`,
      [otherWindow, otherOrg, pupil.academic_year_id, pupil.pupil_id, pupil.class_id, pupil.grade],
    );
    return {
      inside: { org: city, window, ownApplication: applied.json().id, application, child: daughter, region, settings },
      outside: {
        org: otherOrg,
        window: otherWindow,
        ownApplication: otherApplication,
        application: otherApplication,
        child: pupil.pupil_id,
        region: otherRegion,
        settings,
      },
      missing: { org: MISSING, window: MISSING, ownApplication: MISSING, application: MISSING, child: MISSING, region: MISSING, settings },
    };
  },
};
