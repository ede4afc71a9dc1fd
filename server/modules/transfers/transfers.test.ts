import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { hashPassword } from '../identity/passwords.js';
import { validIin } from '../onboarding/onboarding.fixtures.js';
import { addSchoolDays, deciderFor } from './transfers.rules.js';

/**
 * Transfers (issue 7 §1): the receiving school asks, the current school (or the district once the
 * answer is overdue) decides, the pupil moves, the family is told, history stays where it was written.
 */
let t: TestApp;
let admin: string; // demo.admin: the Kaskelen city school, the receiving school here
let district: string;
let otherAdmin: string; // the admin of another school of the same district: the current school
const org = { city: 0, other: 0 };
let class1A = 0;

type Pupil = { id: number; iin: string; classId: number } & Record<string, unknown>;

async function pupilOfOther(skip: number[]): Promise<Pupil> {
  const { rows } = await t.db.query<Pupil>(
    `select p.id, p.iin, c.id as "classId" from class_members m join classes c on c.id = m.class_id and c.kind = 'class'
       join academic_years y on y.id = c.academic_year_id and y.is_current join persons p on p.id = m.pupil_id
      where c.organisation_id = $1 and exists (select 1 from parent_links l where l.child_id = p.id)
        and exists (select 1 from marks k where k.pupil_id = p.id) and exists (select 1 from attendance a where a.pupil_id = p.id)
        and not (p.id = any($2::bigint[]))
      order by p.id limit 1`,
    [org.other, skip],
  );
  return rows[0]!;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('demo.admin');
  district = await t.login('demo.district');
  org.city = await t.one(`select r.organisation_id from role_assignments r join accounts a on a.person_id = r.person_id
    where a.login = 'demo.admin' and r.role = 'org_admin'`);
  org.other = await t.one(
    `select o.id from organisations o join organisations c on c.id = $1 and c.district_id = o.district_id
    where o.id <> c.id and o.kind = 'school' and exists (select 1 from classes k join class_members m on m.class_id = k.id
      join marks mk on mk.pupil_id = m.pupil_id where k.organisation_id = o.id) order by o.id limit 1`,
    [org.city],
  );
  class1A = await t.one(
    `select c.id from classes c join academic_years y on y.id = c.academic_year_id and y.is_current
    where c.organisation_id = $1 and c.name = '1 А'`,
    [org.city],
  );
  // the other school's admin
  const iin = validIin('1979-04-04', 'f', 9900);
  const personId = await t.one<number>(
    `insert into persons (iin, last_name, first_name, birth_date, sex) values ($1, 'Директорова', 'Гүлмира', '1979-04-04', 'f') returning id`,
    [iin],
  );
  await t.db.query('insert into accounts (person_id, password_hash) values ($1, $2)', [personId, await hashPassword('other-admin-pass')]);
  await t.db.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'org_admin', $2)`, [personId, org.other]);
  otherAdmin = await t.login(iin, 'other-admin-pass');
});
afterAll(async () => t.close());

const post = (url: string, cookie: string, payload?: object) => t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const ask = (p: Pupil, cookie = admin, classId = class1A) => post(`/api/organisations/${org.city}/transfers`, cookie, { iin: p.iin, classId });

describe('rules', () => {
  test('the answer is due after school days: weekends do not count', () => {
    expect(addSchoolDays(new Date('2020-11-13T09:00:00Z'), 3).toISOString()).toBe('2020-11-18T09:00:00.000Z'); // Fri → Wed
    expect(addSchoolDays(new Date('2020-11-16T09:00:00Z'), 3).toISOString()).toBe('2020-11-19T09:00:00.000Z'); // Mon → Thu
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), fc.integer({ min: 1, max: 30 }), (d, n) => {
        const due = addSchoolDays(d, n);
        expect(due.getUTCDay()).not.toBe(0);
        expect(due.getUTCDay()).not.toBe(6);
        // n school days span at least n and at most n + 2 * ceil(n / 5) + 2 calendar days
        const days = Math.round((due.getTime() - d.getTime()) / 86_400_000);
        expect(days).toBeGreaterThanOrEqual(n);
        expect(days).toBeLessThanOrEqual(n + 2 * Math.ceil(n / 5) + 2);
      }),
    );
  });

  test('the current school answers any time, the district only once overdue, the receiving school never', () => {
    expect(deciderFor({ isFromAdmin: true, isFromDistrictOfficer: false, overdue: false })).toBe('school');
    expect(deciderFor({ isFromAdmin: false, isFromDistrictOfficer: true, overdue: false })).toBeNull();
    expect(deciderFor({ isFromAdmin: false, isFromDistrictOfficer: true, overdue: true })).toBe('district');
    expect(deciderFor({ isFromAdmin: false, isFromDistrictOfficer: false, overdue: true })).toBeNull();
  });
});

describe('a transfer from request to the new class', () => {
  test('request → the current school approves → the pupil is in the new class, the family is told, history stays', async () => {
    const p = await pupilOfOther([]);
    const marksBefore = await t.one<number>('select count(*)::int from marks where pupil_id = $1', [p.id]);
    const req = await ask(p);
    expect(req.statusCode).toBe(201);
    const asked = req.json();
    // the receiving school does not learn the child's name or whereabouts before the answer
    expect(asked).toMatchObject({ status: 'pending', pupil: null, from: null, canDecide: false, to: { classId: class1A, className: '1 А' } });
    expect((await ask(p)).json().error.code).toBe('transfers.already_requested');
    // the current school's admin was notified and sees it, with the pupil
    expect(
      await t.one<number>(`select count(*)::int from notifications n join accounts a on a.person_id = n.person_id
      where n.kind = 'transfers.requested' and a.id = (select a2.id from accounts a2 join persons p2 on p2.id = a2.person_id where p2.last_name = 'Директорова')`),
    ).toBe(1);
    const out = (await t.app.inject({ url: `/api/organisations/${org.other}/transfers?direction=out&status=pending`, headers: { cookie: otherAdmin } })).json();
    expect(out.items).toEqual([expect.objectContaining({ id: asked.id, canDecide: true, pupil: expect.objectContaining({ id: p.id }) })]);
    // who may not answer
    expect((await post(`/api/transfers/${asked.id}/approve`, admin)).json().error.code).toBe('transfers.not_allowed');
    expect((await post(`/api/transfers/${asked.id}/approve`, district)).json().error.code).toBe('transfers.not_overdue');
    expect((await post(`/api/transfers/${asked.id}/approve`, await t.login('demo.teacher'))).statusCode).toBe(404);

    const ok = await post(`/api/transfers/${asked.id}/approve`, otherAdmin);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'approved', decidedAs: 'school' });
    expect((await post(`/api/transfers/${asked.id}/reject`, otherAdmin, {})).json().error.code).toBe('transfers.already_decided');

    // the pupil left the old class and is in the new one
    const classes = await t.db.query<{ class_id: number }>('select class_id from class_members where pupil_id = $1', [p.id]);
    expect(classes.rows.map((r) => Number(r.class_id))).toContain(class1A);
    expect(classes.rows.map((r) => Number(r.class_id))).not.toContain(p.classId);
    const roles = await t.db.query<{ organisation_id: number }>(`select organisation_id from role_assignments where person_id = $1 and role = 'pupil'`, [p.id]);
    expect(roles.rows.map((r) => r.organisation_id)).toEqual([org.city]);
    // the family is told
    const told = await t.db.query<{ person_id: number }>(
      `select person_id from notifications where kind = 'transfers.moved' and (params->>'transferId')::int = $1`,
      [asked.id],
    );
    const parents = await t.db.query<{ parent_id: number }>('select parent_id from parent_links where child_id = $1', [p.id]);
    expect(told.rows.map((r) => Number(r.person_id)).sort()).toEqual([p.id, ...parents.rows.map((r) => Number(r.parent_id))].sort());
    // the receiving school now sees who came
    const inList = (await t.app.inject({ url: `/api/organisations/${org.city}/transfers?direction=in`, headers: { cookie: admin } })).json();
    expect(inList.items.find((x: { id: number }) => x.id === asked.id)).toMatchObject({ pupil: { id: p.id }, from: { organisationId: org.other } });

    // history stays with the school that wrote it: nothing deleted, and the new school does not read the old marks or register
    expect(await t.one<number>('select count(*)::int from marks where pupil_id = $1', [p.id])).toBe(marksBefore);
    // the new school's term that covers the days the old school took the register
    const termId = await t.one<number>(
      `select t.id from terms t where t.organisation_id = $1
      and exists (select 1 from attendance a where a.pupil_id = $2 and a.on_date between t.starts_on and t.ends_on) order by t.id limit 1`,
      [org.city, p.id],
    );
    const summary = await t.app.inject({ url: `/api/learning/pupils/${p.id}/summary?termId=${termId}`, headers: { cookie: admin } });
    expect(summary.statusCode).toBe(200);
    const body = summary.json();
    const a = body.attendance;
    expect(a.present + a.absent + a.late + a.excused).toBe(0);
    expect(a.recent).toEqual([]);
    for (const subject of body.subjects) expect(subject.marks).toEqual([]);
    // and the old school no longer reads the pupil who left
    expect((await t.app.inject({ url: `/api/learning/pupils/${p.id}/summary`, headers: { cookie: otherAdmin } })).statusCode).toBe(404);
    // audited by id with who did it
    const audit = await t.db.query<{ action: string }>(`select action from audit_events where details->>'transferId' = $1 order by id`, [String(asked.id)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['transfers.requested', 'transfers.approved']);
  });

  test('the district decides once the school has not answered in time; a rejection moves nobody', async () => {
    const q = await pupilOfOther([]);
    const req = (await ask(q)).json();
    expect((await t.app.inject({ url: '/api/transfers/overdue', headers: { cookie: district } })).json().items.map((x: { id: number }) => x.id)).not.toContain(
      req.id,
    );
    await t.db.query(`update pupil_transfers set answer_due_at = now() - interval '1 minute' where id = $1`, [req.id]);
    const overdue = (await t.app.inject({ url: '/api/transfers/overdue', headers: { cookie: district } })).json();
    expect(overdue.items).toEqual([expect.objectContaining({ id: req.id, overdue: true, canDecide: true })]);
    // the region and the ministry do not decide
    expect((await t.app.inject({ url: '/api/transfers/overdue', headers: { cookie: await t.login('demo.region') } })).json().items).toEqual([]);
    const rejected = await post(`/api/transfers/${req.id}/reject`, district, { reason: 'Құжаттар толық емес' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', decidedAs: 'district', reason: 'Құжаттар толық емес' });
    expect(await t.one<number>('select count(*)::int from class_members where pupil_id = $1 and class_id = $2', [q.id, q.classId])).toBe(1);
    // the receiving school still does not learn who or where after a rejection
    expect(
      (await t.app.inject({ url: `/api/organisations/${org.city}/transfers?direction=in`, headers: { cookie: admin } }))
        .json()
        .items.find((x: { id: number }) => x.id === req.id),
    ).toMatchObject({ pupil: null, from: null, status: 'rejected' });
    // asked again, overdue, approved by the district
    const again = (await ask(q)).json();
    await t.db.query(`update pupil_transfers set answer_due_at = now() - interval '1 minute' where id = $1`, [again.id]);
    expect((await post(`/api/transfers/${again.id}/approve`, district)).json()).toMatchObject({ status: 'approved', decidedAs: 'district' });
    expect(await t.one<number>('select count(*)::int from class_members where pupil_id = $1 and class_id = $2', [q.id, class1A])).toBe(1);
  });

  test('bad requests: an unknown IIN, a pupil already here, a class of another school', async () => {
    expect(
      (await post(`/api/organisations/${org.city}/transfers`, admin, { iin: validIin('2012-01-01', 'm', 9950), classId: class1A })).json().error.code,
    ).toBe('transfers.pupil_not_found');
    const here = await t.one<string>(
      `select p.iin from persons p join class_members m on m.pupil_id = p.id join classes c on c.id = m.class_id
      where c.organisation_id = $1 limit 1`,
      [org.city],
    );
    expect((await post(`/api/organisations/${org.city}/transfers`, admin, { iin: here, classId: class1A })).json().error.code).toBe('transfers.already_here');
    const p = await pupilOfOther([]);
    expect((await ask(p, admin, p.classId)).json().error.code).toBe('transfers.class_not_found');
    expect((await post(`/api/organisations/${org.city}/transfers`, admin, { iin: '12', classId: class1A })).statusCode).toBe(400);
  });
});
