import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb } from '../../test/db.js';
import type { Db } from '../platform/db.js';
import { makeIin, parseIin } from '../modules/identity/iin.js';
import { verifyPassword } from '../modules/identity/passwords.js';
import { IinAllocator } from './context.js';
import { schoolSubjects } from './curriculum.js';
import {
  CITY_SCHOOL,
  DEMO_DISTRICT,
  DEMO_FAMILY,
  DEMO_LANGUAGES,
  DEMO_LOGINS,
  DEMO_PASSWORD,
  DEMO_REGION,
  KINDERGARTEN,
  RURAL_SCHOOL,
  UNIVERSITY,
} from './demo-facts.js';
import { seedFoundation } from './seed.js';
import { TABLE_COLUMNS, TABLES } from './writer.js';

// The foundation dataset alone: the module seeders that `seed` runs next are each module's to test
// (the t_demo template every other test file clones is built with the whole `seed`).
let db: Db;
let persons = 0;

beforeAll(async () => {
  db = await createTestDb('t_migrated');
  persons = (await seedFoundation({ db, size: 'demo', quiet: true })).persons.rows;
});
afterAll(async () => {
  await db?.close();
});

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await db.query(sql, params);
  return rows[0] as T;
}

/** The person id behind a demo login. */
async function personOf(login: string): Promise<number> {
  return (await one<{ person_id: number }>('select person_id from accounts where login = $1', [login])).person_id;
}

async function grantsOf(login: string) {
  const { rows } = await db.query<{ role: string; org: string | null; district: string | null; region: string | null }>(
    `select r.role, o.name_en as org, d.name_en as district, g.code as region
       from role_assignments r join accounts a on a.person_id = r.person_id
       left join organisations o on o.id = r.organisation_id left join districts d on d.id = r.district_id
       left join regions g on g.id = r.region_id
      where a.login = $1 order by r.role`,
    [login],
  );
  return rows;
}

test('the IIN allocator hands out what makeIin gives for serials 1, 2, 3… skipping those without a check digit', () => {
  const alloc = new IinAllocator();
  for (const [date, sex] of [
    ['2010-03-14', 'm'],
    ['1999-12-31', 'f'],
    ['2001-01-01', 'm'],
    ['1968-02-29', 'f'],
  ] as const) {
    const expected: string[] = [];
    for (let serial = 1; expected.length < 1500; serial++) {
      const iin = makeIin(date, sex, serial);
      if (iin) expected.push(iin);
    }
    expect(expected.map(() => alloc.next(date, sex))).toEqual(expected);
  }
});

describe('the demo dataset', () => {
  test('has the 17 top-level units of 2020 with their time zones (UTC+5 in the west)', async () => {
    const { rows } = await db.query<{ code: string; time_zone: string }>('select code, time_zone from regions order by code');
    expect(rows).toHaveLength(17);
    const west = ['aktobe', 'mangystau', 'west-kazakhstan', 'atyrau', 'kyzylorda'];
    for (const r of rows) {
      if (west.includes(r.code)) expect(r.time_zone).not.toBe('Asia/Almaty');
      else expect(r.time_zone).toBe('Asia/Almaty');
    }
    expect(persons).toBeGreaterThan(900);
  });

  test('every person has a valid IIN that agrees with their birth date and sex', async () => {
    const { rows } = await db.query<{ iin: string; birth_date: string; sex: string }>('select iin, birth_date, sex from persons');
    for (const p of rows) {
      const parsed = parseIin(p.iin);
      expect(parsed, p.iin).toMatchObject({ valid: true, birthDate: p.birth_date, sex: p.sex });
    }
    const phones = await one<{ bad: number }>(`select count(*) as bad from persons where phone is not null and phone !~ '^\\+77[0-9]{9}$'`);
    expect(phones.bad).toBe(0);
  });

  test('every pupil, parent and teacher can sign in (kindergarten children have no account)', async () => {
    const missing = await one<{ n: number }>(
      `select count(*) as n from role_assignments r join organisations o on o.id = r.organisation_id
        where r.role in ('pupil', 'parent', 'teacher') and not (r.role = 'pupil' and o.kind = 'kindergarten')
          and not exists (select 1 from accounts a where a.person_id = r.person_id)`,
    );
    expect(missing.n).toBe(0);
    const hashes = await one<{ n: number }>('select count(distinct password_hash) as n from accounts');
    expect(hashes.n).toBe(1);
  });

  test('demo accounts sign in with sabaq-demo and hold the roles and scopes of demo-facts', async () => {
    const { rows } = await db.query<{ login: string; language: string; password_hash: string }>(
      'select login, language, password_hash from accounts where login is not null order by login',
    );
    expect(rows.map((r) => r.login).sort()).toEqual(Object.values(DEMO_LOGINS).sort());
    for (const r of rows) expect(r.language).toBe(DEMO_LANGUAGES[r.login as keyof typeof DEMO_LANGUAGES]);
    expect(await verifyPassword(rows[0]!.password_hash, DEMO_PASSWORD)).toBe(true);

    const city = CITY_SCHOOL.names.en;
    expect(await grantsOf(DEMO_LOGINS.pupil)).toEqual([{ role: 'pupil', org: city, district: null, region: null }]);
    expect(await grantsOf(DEMO_LOGINS.parent)).toEqual([{ role: 'parent', org: city, district: null, region: null }]);
    expect(await grantsOf(DEMO_LOGINS.teacher)).toEqual([{ role: 'teacher', org: city, district: null, region: null }]);
    expect(await grantsOf(DEMO_LOGINS.homeroom)).toEqual([{ role: 'teacher', org: city, district: null, region: null }]);
    expect(await grantsOf(DEMO_LOGINS.admin)).toEqual([{ role: 'org_admin', org: city, district: null, region: null }]);
    expect(await grantsOf(DEMO_LOGINS.district)).toEqual([{ role: 'district_officer', org: null, district: DEMO_DISTRICT.en, region: null }]);
    expect(await grantsOf(DEMO_LOGINS.region)).toEqual([{ role: 'region_officer', org: null, district: null, region: DEMO_REGION.code }]);
    expect(await grantsOf(DEMO_LOGINS.ministry)).toEqual([{ role: 'ministry_officer', org: null, district: null, region: null }]);
    expect(await grantsOf(DEMO_LOGINS.guard)).toEqual([{ role: 'gate_guard', org: UNIVERSITY.names.en, district: null, region: null }]);
  });

  test('demo.pupil is in 5 А; demo.parent’s children are demo.pupil and the sibling in 2 Ә of the same school', async () => {
    const pupil = await personOf(DEMO_LOGINS.pupil);
    const parent = await personOf(DEMO_LOGINS.parent);
    const { rows } = await db.query<{ child_id: number; first_name: string; class: string; school: string }>(
      `select l.child_id, p.first_name, c.name as class, o.name_en as school from parent_links l
         join persons p on p.id = l.child_id join class_members m on m.pupil_id = l.child_id
         join classes c on c.id = m.class_id join organisations o on o.id = c.organisation_id
        where l.parent_id = $1 order by c.grade desc`,
      [parent],
    );
    expect(rows).toEqual([
      { child_id: pupil, first_name: DEMO_FAMILY.pupil.firstName, class: CITY_SCHOOL.pupilClass, school: CITY_SCHOOL.names.en },
      { child_id: expect.any(Number), first_name: DEMO_FAMILY.sibling.firstName, class: CITY_SCHOOL.siblingClass, school: CITY_SCHOOL.names.en },
    ]);
  });

  test('demo.teacher teaches exactly mathematics in 5 А and 6 Б and is nobody’s homeroom teacher; demo.homeroom leads 5 А', async () => {
    const taught = async (login: string) =>
      (
        await db.query<{ class: string; subject: string }>(
          `select c.name as class, s.code as subject from teaching_assignments t join classes c on c.id = t.class_id
         join subjects s on s.id = t.subject_id where t.teacher_id = $1 order by c.name`,
          [await personOf(login)],
        )
      ).rows;
    expect(await taught(DEMO_LOGINS.teacher)).toEqual(CITY_SCHOOL.teacherClasses.map((c) => ({ class: c, subject: CITY_SCHOOL.teacherSubject })));
    expect(await taught(DEMO_LOGINS.homeroom)).toEqual([{ class: CITY_SCHOOL.homeroomClass, subject: CITY_SCHOOL.homeroomSubject }]);
    const homerooms = async (login: string) =>
      (await db.query<{ name: string }>('select name from classes where homeroom_teacher_id = $1', [await personOf(login)])).rows.map((r) => r.name);
    expect(await homerooms(DEMO_LOGINS.teacher)).toEqual([]);
    expect(await homerooms(DEMO_LOGINS.homeroom)).toEqual([CITY_SCHOOL.homeroomClass]);
  });

  test('the city school has its classes and every class its curriculum, taught by teachers of the school', async () => {
    const { rows } = await db.query<{ name: string; grade: number; subjects: string[]; outsiders: number; pupils: number; homeroom: number | null }>(
      `select c.name, c.grade, c.homeroom_teacher_id as homeroom,
          (select count(*) from class_members m where m.class_id = c.id) as pupils,
          array(select s.code from teaching_assignments t join subjects s on s.id = t.subject_id where t.class_id = c.id) as subjects,
          (select count(*) from teaching_assignments t where t.class_id = c.id and not exists (
             select 1 from role_assignments r where r.person_id = t.teacher_id and r.role = 'teacher' and r.organisation_id = c.organisation_id)) as outsiders
         from classes c join organisations o on o.id = c.organisation_id where o.name_en = $1 order by c.id`,
      [CITY_SCHOOL.names.en],
    );
    expect(rows.map((r) => r.name)).toEqual(CITY_SCHOOL.classes.map((c) => c.name));
    expect(rows.reduce((s, r) => s + r.pupils, 0)).toBe(300);
    for (const [i, r] of rows.entries()) {
      const c = CITY_SCHOOL.classes[i]!;
      expect(r.subjects.sort(), r.name).toEqual(schoolSubjects(c.grade, c.language).sort());
      expect(r.outsiders).toBe(0);
      expect(r.homeroom).not.toBeNull();
    }
  });

  test('the rural school has at most 180 pupils and its village has slow internet (< 4 Mbit/s)', async () => {
    const r = await one<{ pupils: number; pupil_count: number; kind: string; internet: string; mbps: number }>(
      `select (select count(*) from class_members m join classes c on c.id = m.class_id where c.organisation_id = o.id) as pupils,
          o.pupil_count, s.kind, s.internet, s.internet_mbps as mbps
         from organisations o join settlements s on s.id = o.settlement_id where o.name_en = $1`,
      [RURAL_SCHOOL.names.en],
    );
    expect(r.pupils).toBe(RURAL_SCHOOL.pupils);
    expect(r.pupils).toBeLessThanOrEqual(180);
    expect(r).toMatchObject({ pupil_count: RURAL_SCHOOL.pupils, kind: 'rural', internet: 'slow' });
    expect(r.mbps).toBeLessThan(4);
    const noTv = await one<{ n: number }>('select count(*) as n from settlements where not tv_reception');
    expect(noTv.n).toBeGreaterThanOrEqual(1);
  });

  test('pupils are as old as their grade: born between (2014-g)-09-02 and (2015-g)-09-01 for grade g', async () => {
    const bad = await one<{ n: number }>(
      `select count(*) as n from class_members m join classes c on c.id = m.class_id join persons p on p.id = m.pupil_id
        where c.kind = 'class' and not (p.birth_date between make_date(2014 - c.grade, 9, 2) and make_date(2015 - c.grade, 9, 1))`,
    );
    expect(bad.n).toBe(0);
  });

  test('brothers and sisters share the same parents, who are parents at every organisation their children attend', async () => {
    // a child sharing one parent with another shares all of them
    const mismatched = await one<{ n: number }>(
      `with parents as (select child_id, array_agg(parent_id order by parent_id) as ps from parent_links group by child_id)
       select count(*) as n from parent_links a join parent_links b on a.parent_id = b.parent_id and a.child_id < b.child_id
         join parents pa on pa.child_id = a.child_id join parents pb on pb.child_id = b.child_id where pa.ps <> pb.ps`,
    );
    expect(mismatched.n).toBe(0);
    const families = await one<{ n: number }>(`select count(*) as n from (select parent_id from parent_links group by parent_id having count(*) >= 2) x`);
    expect(families.n).toBeGreaterThan(50);
    const withoutRole = await one<{ n: number }>(
      `select count(*) as n from parent_links l join class_members m on m.pupil_id = l.child_id join classes c on c.id = m.class_id
        where not exists (select 1 from role_assignments r where r.person_id = l.parent_id and r.role = 'parent' and r.organisation_id = c.organisation_id)`,
    );
    expect(withoutRole.n).toBe(0);
    // some kindergarten children are younger siblings of city school pupils
    const across = await one<{ n: number }>(
      `select count(distinct l.parent_id) as n from parent_links l join class_members m on m.pupil_id = l.child_id
         join classes c on c.id = m.class_id join organisations o on o.id = c.organisation_id
        where o.name_en = $1 and exists (select 1 from role_assignments r join organisations o2 on o2.id = r.organisation_id
          where r.person_id = l.parent_id and r.role = 'parent' and o2.name_en = $2)`,
      [KINDERGARTEN.names.en, CITY_SCHOOL.names.en],
    );
    expect(across.n).toBeGreaterThan(0);
  });

  test('two runs give identical rows, ids included', async () => {
    const second = await createTestDb('t_migrated');
    try {
      await seedFoundation({ db: second, size: 'demo', quiet: true });
      for (const table of TABLES) {
        // the password hash carries a random salt by design; everything else must match
        const cols = TABLE_COLUMNS[table].filter((c) => c !== 'password_hash').join(', ');
        const sql = `select count(*) as n, md5(coalesce(string_agg(x::text, E'\\n' order by x::text), '')) as digest from (select ${cols} from ${table}) x`;
        const [a, b] = await Promise.all([db.query(sql), second.query(sql)]);
        expect(b.rows[0], table).toEqual(a.rows[0]);
      }
    } finally {
      await second.close();
    }
  });
});
