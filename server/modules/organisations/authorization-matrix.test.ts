/**
 * The foundation's authorisation matrix: every role against every endpoint, with objects inside and
 * outside its scope. Outside scope answers 404 — the same as an object that does not exist.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

let t: TestApp;
const cookies: Record<string, string> = {};
const ROLES = ['pupil', 'parent', 'teacher', 'homeroom', 'admin', 'district', 'region', 'ministry', 'guard'] as const;
type R = (typeof ROLES)[number];

const org = { city: 0, otherDistrict: 0, otherRegion: 0, university: 0, missing: 99_999_999 };
const cls = { c5A: 0, c6B: 0, c2Ae: 0, cityOther: 0, otherDistrict: 0, uniGroup: 0, missing: 99_999_999 };

const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);

beforeAll(async () => {
  t = await createTestApp();
  for (const r of ROLES) cookies[r] = await t.login(`demo.${r}`);
  org.city = await one(`select r.organisation_id from role_assignments r join accounts a on a.person_id = r.person_id
    where a.login = 'demo.admin' and r.role = 'org_admin'`);
  org.university = await one(`select r.organisation_id from role_assignments r join accounts a on a.person_id = r.person_id
    where a.login = 'demo.guard' and r.role = 'gate_guard'`);
  const city = await t.db.query<{ district_id: number; region_id: number }>('select district_id, region_id from organisations where id = $1', [org.city]);
  const { district_id: districtId, region_id: regionId } = city.rows[0]!;
  org.otherDistrict = await one('select id from organisations where region_id = $1 and district_id <> $2 order by id limit 1', [regionId, districtId]);
  org.otherRegion = await one('select id from organisations where region_id <> $1 order by id limit 1', [regionId]);
  const classByName = (o: number, name: string) => one<number>('select id from classes where organisation_id = $1 and name = $2', [o, name]);
  cls.c5A = await classByName(org.city, '5 А');
  cls.c6B = await classByName(org.city, '6 Б');
  cls.c2Ae = await classByName(org.city, '2 Ә');
  cls.cityOther = await one(
    `select id from classes where organisation_id = $1 and name not in ('5 А', '6 Б', '2 Ә')
    and id not in (select class_id from teaching_assignments t join accounts a on a.person_id = t.teacher_id where a.login in ('demo.teacher', 'demo.homeroom'))
    order by id limit 1`,
    [org.city],
  );
  cls.otherDistrict = await one('select id from classes where organisation_id = $1 order by id limit 1', [org.otherDistrict]);
  cls.uniGroup = await one('select id from classes where organisation_id = $1 order by id limit 1', [org.university]);
});
afterAll(async () => t.close());

const get = (url: string, role?: R) => t.app.inject({ url, headers: role ? { cookie: cookies[role]! } : {} });

describe('without a session', () => {
  test.each(['/api/me', '/api/me/children', '/api/organisations', '/api/organisations/1', '/api/organisations/1/classes', '/api/classes/1'])(
    '%s answers 401',
    async (url) => {
      const res = await get(url);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('auth.required');
    },
  );
});

// which organisations each role may read
const orgAllowed: Record<R, (keyof typeof org)[]> = {
  pupil: ['city'],
  parent: ['city'],
  teacher: ['city'],
  homeroom: ['city'],
  admin: ['city'],
  district: ['city', 'university'],
  region: ['city', 'otherDistrict', 'university'],
  ministry: ['city', 'otherDistrict', 'otherRegion', 'university'],
  guard: ['university'],
};

describe('GET /api/organisations/:id', () => {
  for (const role of ROLES) {
    for (const key of Object.keys(org) as (keyof typeof org)[]) {
      const expected = orgAllowed[role].includes(key) ? 200 : 404;
      test(`${role} × ${key} → ${expected}`, async () => {
        const res = await get(`/api/organisations/${org[key]}`, role);
        expect(res.statusCode).toBe(expected);
        if (expected === 404) expect(res.json().error.code).toBe('organisations.not_found');
      });
    }
  }
});

describe('GET /api/organisations (the list is exactly the scope)', () => {
  test.each(ROLES)('%s', async (role) => {
    const res = await get('/api/organisations?pageSize=200', role);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const ids: number[] = body.items.map((o: { id: number }) => o.id);
    const { rows } = await t.db.query<{ id: number }>(
      `with me as (select r.* from role_assignments r join accounts a on a.person_id = r.person_id where a.login = $1)
       select o.id from organisations o where
         exists (select 1 from me where me.role = 'ministry_officer') or
         o.region_id in (select region_id from me where role = 'region_officer') or
         o.district_id in (select district_id from me where role = 'district_officer') or
         o.id in (select organisation_id from me)
       order by o.id`,
      [`demo.${role}`],
    );
    expect(body.total).toBe(rows.length);
    expect(ids).toEqual(rows.map((r) => r.id).slice(0, 200));
  });

  test('pages are stable and bounded', async () => {
    const p1 = (await get('/api/organisations?page=1&pageSize=2', 'ministry')).json();
    const p2 = (await get('/api/organisations?page=2&pageSize=2', 'ministry')).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.items[1].id).toBeLessThan(p2.items[0].id);
    expect((await get('/api/organisations?pageSize=1000', 'ministry')).statusCode).toBe(400);
    expect((await get('/api/organisations?page=0', 'ministry')).statusCode).toBe(400);
    expect((await get('/api/organisations?sort=name', 'ministry')).statusCode).toBe(400);
  });
});

describe('GET /api/organisations/:id/classes', () => {
  const cityClasses: Record<R, 'all' | (keyof typeof cls)[] | 404> = {
    pupil: ['c5A'],
    parent: ['c5A', 'c2Ae'],
    teacher: ['c5A', 'c6B'],
    homeroom: ['c5A'],
    admin: 'all',
    district: 'all',
    region: 'all',
    ministry: 'all',
    guard: 404,
  };
  test.each(ROLES)('%s sees the classes of the city school it may see', async (role) => {
    const res = await get(`/api/organisations/${org.city}/classes`, role);
    const expected = cityClasses[role];
    if (expected === 404) {
      expect(res.statusCode).toBe(404);
      return;
    }
    expect(res.statusCode).toBe(200);
    const ids = res
      .json()
      .items.map((c: { id: number }) => c.id)
      .sort((a: number, b: number) => a - b);
    if (expected === 'all') {
      const { rows } = await t.db.query<{ id: number }>('select id from classes where organisation_id = $1 order by id', [org.city]);
      expect(ids).toEqual(rows.map((r) => r.id));
    } else {
      expect(ids).toEqual(expected.map((k) => cls[k]).sort((a, b) => a - b));
    }
  });

  test.each(ROLES)('%s × classes of organisations outside its scope → 404', async (role) => {
    // a gate guard reads its organisation but never lists classes
    const outside = (Object.keys(org) as (keyof typeof org)[]).filter((k) => role === 'guard' || !orgAllowed[role].includes(k));
    for (const key of outside) {
      expect((await get(`/api/organisations/${org[key]}/classes`, role)).statusCode, `${role} ${key}`).toBe(404);
    }
  });
});

describe('GET /api/classes/:id', () => {
  type A = 'roster' | 'summary' | 404;
  const R_ = 'roster' as const,
    S = 'summary' as const,
    N = 404 as const;
  //                 c5A c6B c2Ae cityOther otherDistrict uniGroup
  const table: Record<R, A[]> = {
    pupil: [R_, N, N, N, N, N],
    parent: [R_, N, R_, N, N, N],
    teacher: [R_, R_, N, N, N, N],
    homeroom: [R_, N, N, N, N, N],
    admin: [R_, R_, R_, R_, N, N],
    district: [S, S, S, S, N, S],
    region: [S, S, S, S, S, S],
    ministry: [S, S, S, S, S, S],
    guard: [N, N, N, N, N, N],
  };
  const keys = ['c5A', 'c6B', 'c2Ae', 'cityOther', 'otherDistrict', 'uniGroup'] as const;
  for (const role of ROLES) {
    keys.forEach((key, i) => {
      const expected = table[role][i]!;
      test(`${role} × ${key} → ${expected}`, async () => {
        const res = await get(`/api/classes/${cls[key]}`, role);
        if (expected === 404) {
          expect(res.statusCode).toBe(404);
          expect(res.json().error.code).toBe('organisations.class_not_found');
          return;
        }
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.id).toBe(cls[key]);
        if (expected === 'roster') {
          expect(body.pupils.length).toBe(body.pupilCount);
          expect(Object.keys(body.pupils[0] ?? { id: 0, lastName: '', firstName: '', middleName: null }).sort()).toEqual([
            'firstName',
            'id',
            'lastName',
            'middleName',
          ]); // names only: no IIN, no birth date
        } else {
          expect(body.pupils).toBeNull();
        }
      });
    });
    test(`${role} × a class that does not exist → 404`, async () => {
      expect((await get(`/api/classes/${cls.missing}`, role)).statusCode).toBe(404);
    });
  }

  test('a teacher unassigned from a class loses it on the very next request', async () => {
    const cookie = await t.login('demo.teacher');
    const before = await t.app.inject({ url: `/api/classes/${cls.c6B}`, headers: { cookie } });
    expect(before.statusCode).toBe(200);
    await t.db.query(`delete from teaching_assignments where class_id = $1 and teacher_id = (select person_id from accounts where login = 'demo.teacher')`, [
      cls.c6B,
    ]);
    const after = await t.app.inject({ url: `/api/classes/${cls.c6B}`, headers: { cookie } });
    expect(after.statusCode).toBe(404);
  });

  test('ids that are not positive integers are refused with 400', async () => {
    for (const bad of ['abc', '-1', '0', '1.5', '99999999999999999999']) {
      const res = await get(`/api/classes/${bad}`, 'ministry');
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('request.invalid');
    }
  });
});

describe('GET /api/me/children', () => {
  test.each(ROLES)('%s sees only their own children', async (role) => {
    const res = await get('/api/me/children', role);
    expect(res.statusCode).toBe(200);
    const { rows } = await t.db.query<{ child_id: number }>(
      `select child_id from parent_links where parent_id = (select person_id from accounts where login = $1)`,
      [`demo.${role}`],
    );
    expect(
      res
        .json()
        .children.map((c: { id: number }) => c.id)
        .sort(),
    ).toEqual(rows.map((r) => r.child_id).sort());
  });
});
