/**
 * Transfers' authorisation matrix as data (run by transfers.matrix.test.ts). Inside: the city school
 * (demo.admin's) asks for a pupil of another school, and two pending requests take pupils of the city
 * school to a school of the same district (demo.admin answers as the current school; demo.district
 * sees them but may decide only once overdue). Outside: a request between schools of another region.
 */
import { all, only, type Matrix, type MatrixEndpoint } from '../../../test/authz-matrix.js';

interface Objects {
  org: number;
  classId: number;
  iin: string;
  approve: number;
  reject: number;
}

const endpoints: MatrixEndpoint<Objects>[] = [
  {
    route: 'POST /api/organisations/:id/transfers',
    request: (o) => ({ url: `/api/organisations/${o.org}/transfers`, payload: { iin: o.iin, classId: o.classId } }),
    inside: only({ admin: 201 }),
  },
  { route: 'GET /api/organisations/:id/transfers', request: (o) => `/api/organisations/${o.org}/transfers?direction=out`, inside: only({ admin: 200 }) },
  // every officer gets a list: empty for anyone who is no district officer
  { route: 'GET /api/transfers/overdue', request: () => '/api/transfers/overdue', inside: all(200), outside: false, missing: false },
  // the district officer sees the request but the school may still answer (409 transfers.not_overdue, then already_decided)
  { route: 'POST /api/transfers/:id/approve', request: (o) => `/api/transfers/${o.approve}/approve`, inside: only({ admin: 200, district: 409 }) },
  {
    route: 'POST /api/transfers/:id/reject',
    request: (o) => ({ url: `/api/transfers/${o.reject}/reject`, payload: { reason: 'Матрица' } }),
    inside: only({ admin: 200, district: 409 }),
  },
];

export const matrix: Matrix<Objects> = {
  module: 'transfers',
  endpoints,
  async objects(t) {
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    const city = await one<number>("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
    const requester = await one<number>("select id from accounts where login = 'demo.admin'");
    const currentClass = (org: number) =>
      one<number>(
        `select c.id from classes c join academic_years y on y.id = c.academic_year_id and y.is_current
      where c.organisation_id = $1 and c.kind = 'class' order by c.grade, c.name limit 1`,
        [org],
      );
    const schoolBeside = (org: number) =>
      one<number>(
        `select o.id from organisations o join organisations c on c.id = $1 and c.district_id = o.district_id
      where o.id <> c.id and o.kind = 'school' and exists (select 1 from classes k where k.organisation_id = o.id) order by o.id limit 1`,
        [org],
      );
    // pupils of an organisation with no account and no parent among the demo accounts, so no matrix session is touched
    const pupils = async (org: number, n: number) =>
      (
        await t.db.query<{ id: number; iin: string; class_id: number }>(
          `select p.id, p.iin, m.class_id from class_members m join classes c on c.id = m.class_id and c.kind = 'class'
         join academic_years y on y.id = c.academic_year_id and y.is_current join persons p on p.id = m.pupil_id
        where c.organisation_id = $1 and not exists (select 1 from accounts a where a.person_id = p.id and a.login like 'demo.%')
          and not exists (select 1 from parent_links l join accounts a on a.person_id = l.parent_id where l.child_id = p.id and a.login like 'demo.%')
        order by p.id limit $2`,
          [org, n],
        )
      ).rows;
    const transfer = async (p: { id: number; class_id: number }, from: number, to: number) =>
      one<number>(
        `insert into pupil_transfers (pupil_id, from_organisation_id, from_class_id, to_organisation_id, to_class_id, requested_by, answer_due_at)
       values ($1, $2, $3, $4, $5, $6, now() + interval '3 days') returning id`,
        [p.id, from, p.class_id, to, await currentClass(to), requester],
      );

    const beside = await schoolBeside(city);
    const [a, b] = await pupils(city, 2);
    const [wanted] = await pupils(beside, 1);
    // another region: two of its schools
    const far = (
      await t.db.query<{ id: number }>(
        `select o.id from organisations o where o.kind = 'school'
      and o.region_id <> (select region_id from organisations where id = $1)
      and exists (select 1 from classes k where k.organisation_id = o.id) order by o.id limit 1`,
        [city],
      )
    ).rows[0]!.id;
    const farOther = await one<number>(
      `select o.id from organisations o where o.kind = 'school' and o.id not in ($1, $2)
      and o.district_id <> (select district_id from organisations where id = $2)
      and exists (select 1 from classes k where k.organisation_id = o.id) order by o.id limit 1`,
      [city, far],
    );
    const [farA, farB] = await pupils(far, 2);
    const [farWanted] = await pupils(city, 3).then((r) => r.slice(2));
    return {
      inside: {
        org: city,
        classId: await currentClass(city),
        iin: wanted!.iin,
        approve: await transfer(a!, city, beside),
        reject: await transfer(b!, city, beside),
      },
      outside: {
        org: farOther,
        classId: await currentClass(farOther),
        iin: farWanted!.iin,
        approve: await transfer(farA!, far, farOther),
        reject: await transfer(farB!, far, farOther),
      },
      missing: { org: 99_999_999, classId: 99_999_999, iin: '000000000000', approve: 99_999_999, reject: 99_999_999 },
    };
  },
};
