import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestDb } from '../../test/db.js';
import type { Db } from '../platform/db.js';
import { bulkPlan, COUNTRY_PUPILS, COUNTRY_SCHOOLS } from './bulk.js';
import { DEMO_LOGINS } from './demo-facts.js';
import { CLUB_GROUP_MAX } from './institutions.js';
import { apportion, type InstitutionCounts } from './institutions-plan.js';
import { seed } from './seed.js';

// The plan is checked at the country's full size (numbers only); the generator at 4 % of the
// `region` size (Kostanay region), with every module's seeder after it.
const total = (k: keyof InstitutionCounts) => bulkPlan('country').reduce((s, r) => s + r.institutions[k], 0);
const unit = (code: string) => bulkPlan('country').find((r) => r.target.def.code === code)!;

describe('the plan of the country (SEED-FACTS)', () => {
  test('schools and pupils as before: 7,391 schools, 3.3 million pupils', () => {
    const rows = bulkPlan('country');
    expect(rows).toHaveLength(17);
    expect(rows.reduce((s, r) => s + r.target.schools, 0)).toBe(COUNTRY_SCHOOLS);
    expect(rows.reduce((s, r) => s + r.target.pupils, 0)).toBe(COUNTRY_PUPILS);
  });

  test('139 universities with 0.5 million students; about 800 colleges; Karaganda 69 and Almaty region 76', () => {
    expect(total('universities')).toBe(139);
    expect(total('universityStudents')).toBe(500_000);
    expect(total('colleges')).toBe(800);
    expect(unit('karaganda').institutions.colleges).toBe(69);
    expect(unit('almaty-region').institutions.colleges).toBe(76);
    expect(unit('almaty-region').institutions.collegeStudents).toBe(28_758);
    expect(unit('mangystau').institutions).toMatchObject({ colleges: 27, collegeStudents: 19_422, kindergartens: 304, preschoolChildren: 36_315 });
    // every unit has colleges and universities
    for (const r of bulkPlan('country')) expect(r.institutions.colleges * r.institutions.universities, r.target.def.code).toBeGreaterThan(0);
  });

  test('kindergartens: East Kazakhstan 345 plus 446 mini-centres with 56,993 children; about 0.9 million children in the country', () => {
    expect(unit('east-kazakhstan').institutions).toMatchObject({
      kindergartens: 345,
      miniCentres: 446,
      preschoolChildren: 56_993,
      specialSchools: 12,
      specialPupils: 1_633,
    });
    expect(total('preschoolChildren')).toBeGreaterThan(800_000);
    expect(total('preschoolChildren')).toBeLessThan(1_000_000);
    expect(total('kindergartens') + total('miniCentres')).toBeGreaterThan(8_000);
  });

  test('clubs and special schools: Kostanay and West Kazakhstan as the documents say, every unit has some', () => {
    expect(unit('kostanay').institutions).toMatchObject({
      clubs: 45,
      clubMembers: 39_000,
      specialSchools: 6,
      specialPupils: 765,
      kindergartens: 186,
      miniCentres: 399,
    });
    expect(unit('west-kazakhstan').institutions).toMatchObject({ clubs: 40, clubMembers: 18_621, specialSchools: 7, specialPupils: 854 });
    for (const r of bulkPlan('country')) {
      expect(r.institutions.clubs).toBeGreaterThan(0);
      expect(r.institutions.specialSchools).toBeGreaterThan(0);
      // club places are taken by the unit's own pupils, at most one club each
      expect(r.institutions.clubMembers).toBeLessThan(r.target.pupils);
    }
  });

  test('the region size is Kostanay region exactly as in the country', () => {
    const [region] = bulkPlan('region');
    expect(bulkPlan('region')).toHaveLength(1);
    expect(region).toEqual(unit('kostanay'));
  });

  test('apportion shares a total exactly', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(500_000, [40, 17, 12]).reduce((a, b) => a + b, 0)).toBe(500_000);
  });
});

describe('the generator at 4 % of the region size', () => {
  let db: Db;
  beforeAll(async () => {
    db = await createTestDb('t_migrated');
    await seed({ db, size: 'region', quiet: true, scale: 0.04 });
  }, 240_000);
  afterAll(async () => {
    await db?.close();
  });
  const q = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];
  const kostanay = `(select id from regions where code = 'kostanay')`;

  test('every kind of organisation is there, in the planned numbers', async () => {
    const plan = bulkPlan('region', 0.04)[0]!.institutions;
    const rows = await q<{ kind: string; n: number; learners: number }>(
      `select kind, count(*)::int as n, sum(pupil_count)::int as learners from organisations where region_id = ${kostanay} group by kind`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.kind, r]));
    expect(by.college).toMatchObject({ n: plan.colleges, learners: plan.collegeStudents });
    expect(by.university).toMatchObject({ n: plan.universities, learners: plan.universityStudents });
    expect(by.kindergarten).toMatchObject({ n: plan.kindergartens + plan.miniCentres, learners: plan.preschoolChildren });
    expect(by.additional?.n).toBe(plan.clubs);
    expect(by.school!.n).toBe(bulkPlan('region', 0.04)[0]!.target.schools + plan.specialSchools);
    const special = await q<{ n: number; pupils: number; biggest: number }>(
      `select count(distinct o.id)::int as n, sum(o.pupil_count)::int / count(distinct o.id) * count(distinct o.id) as pupils,
              max((select count(*) from class_members m where m.class_id = c.id))::int as biggest
         from organisations o join classes c on c.organisation_id = o.id where o.region_id = ${kostanay} and o.name_en like '%Special%'`,
    );
    expect(special[0]!.n).toBe(plan.specialSchools);
    expect(special[0]!.biggest).toBeLessThanOrEqual(12);
  });

  test('college and university groups carry the specialty groups of the format rules and study years', async () => {
    const rows = await q<{ kind: string; specialty: string | null; study_year: number | null }>(
      `select distinct o.kind, c.specialty, c.study_year from classes c join organisations o on o.id = c.organisation_id
        where o.region_id = ${kostanay} and o.kind in ('college', 'university')`,
    );
    expect(rows.every((r) => r.specialty !== null && r.study_year !== null && r.study_year >= 1 && r.study_year <= 4)).toBe(true);
    const specialties = new Set(rows.map((r) => r.specialty));
    for (const s of ['technical', 'pedagogical', 'agricultural']) expect(specialties).toContain(s);
  });

  test("every learner is in a group or class of their organisation, and clubs hold at most five of the region's own pupils", async () => {
    // every pupil grant has a class membership in that organisation
    const [orphans] = await q<{ n: number }>(
      `select count(*)::int as n from role_assignments r join organisations o on o.id = r.organisation_id
        where r.role = 'pupil' and o.region_id = ${kostanay}
          and not exists (select 1 from class_members m join classes c on c.id = m.class_id where m.pupil_id = r.person_id and c.organisation_id = r.organisation_id)`,
    );
    expect(orphans!.n).toBe(0);
    const clubs = await q<{ max: number; min: number; members: number; from_schools: number; groups: number }>(
      `select max(n)::int as max, min(n)::int as min, sum(n)::int as members, count(*)::int as groups,
              sum((select count(*) from class_members m2 join class_members ms on ms.pupil_id = m2.pupil_id
                     join classes cs on cs.id = ms.class_id join organisations os on os.id = cs.organisation_id
                    where m2.class_id = g.id and os.kind = 'school' and os.region_id = ${kostanay}))::int as from_schools
         from (select c.id, (select count(*) from class_members m where m.class_id = c.id) as n
                 from classes c join organisations o on o.id = c.organisation_id where o.kind = 'additional' and o.region_id = ${kostanay}) g`,
    );
    expect(clubs[0]!.max).toBeLessThanOrEqual(CLUB_GROUP_MAX);
    expect(clubs[0]!.min).toBeGreaterThanOrEqual(1);
    expect(clubs[0]!.members).toBe(bulkPlan('region', 0.04)[0]!.institutions.clubMembers);
    expect(clubs[0]!.from_schools).toBe(clubs[0]!.members);
    // each pupil in at most one club
    const [twice] = await q<{ n: number }>(
      `select count(*)::int as n from (select m.pupil_id from class_members m join classes c on c.id = m.class_id join organisations o on o.id = c.organisation_id
        where o.kind = 'additional' group by m.pupil_id having count(*) > 1) x`,
    );
    expect(twice!.n).toBe(0);
  });

  test('kindergarten children have parents, some shared with the village or town school', async () => {
    const [r] = await q<{ children: number; with_parents: number; siblings: number }>(
      `select count(*)::int as children,
              count(*) filter (where exists (select 1 from parent_links l where l.child_id = m.pupil_id))::int as with_parents,
              count(*) filter (where exists (select 1 from parent_links l join parent_links l2 on l2.parent_id = l.parent_id and l2.child_id <> l.child_id
                                              join class_members m2 on m2.pupil_id = l2.child_id join classes c2 on c2.id = m2.class_id
                                              join organisations o2 on o2.id = c2.organisation_id and o2.kind = 'school'
                                             where l.child_id = m.pupil_id))::int as siblings
         from class_members m join classes c on c.id = m.class_id join organisations o on o.id = c.organisation_id
        where o.kind = 'kindergarten' and o.region_id = ${kostanay}`,
    );
    expect(r!.with_parents).toBe(r!.children);
    expect(r!.siblings).toBeGreaterThan(0);
  });

  test('universities have lecture, seminar and lab slots; clubs meet twice a week', async () => {
    const rows = await q<{ activity: string; n: number }>(
      `select ts.activity, count(*)::int as n from timetable_slots ts join organisations o on o.id = ts.organisation_id
        where o.kind = 'university' and o.region_id = ${kostanay} group by ts.activity`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.activity, r.n]));
    for (const a of ['lecture', 'seminar', 'lab']) expect(by[a], a).toBeGreaterThan(0);
    const onSite = (by.lab ?? 0) + (by.practice ?? 0);
    const all = rows.reduce((s, r) => s + r.n, 0);
    expect(onSite / all).toBeGreaterThan(0.2);
    expect(onSite / all).toBeLessThan(0.4);
    const [club] = await q<{ max: number }>(
      `select max(n)::int as max from (select count(*) as n from timetable_slots ts join organisations o on o.id = ts.organisation_id
        where o.kind = 'additional' group by ts.class_id) x`,
    );
    expect(club!.max).toBe(2);
  });

  test('duty windows at schools and kindergartens only; format decisions for every kind', async () => {
    const windows = await q<{ kind: string }>(`select distinct o.kind from duty_windows w join organisations o on o.id = w.organisation_id`);
    expect(windows.map((w) => w.kind).sort()).toEqual(['kindergarten', 'school']);
    const [apps] = await q<{ n: number }>(
      `select count(*)::int as n from duty_applications a join organisations o on o.id = a.organisation_id where o.kind = 'kindergarten' and o.region_id = ${kostanay}`,
    );
    expect(apps!.n).toBeGreaterThan(0);
    const decided = await q<{ kind: string }>(
      `select distinct o.kind from format_decisions d join organisations o on o.id = d.organisation_id where o.region_id = ${kostanay}`,
    );
    expect(decided.map((d) => d.kind).sort()).toEqual(['additional', 'college', 'kindergarten', 'school', 'university']);
  });

  test('the demo accounts are untouched', async () => {
    const rows = await q<{ login: string }>('select login from accounts where login is not null order by login');
    const logins = rows.map((r) => r.login);
    for (const l of Object.values(DEMO_LOGINS)) expect(logins).toContain(l);
    expect(logins.filter((l) => !l.startsWith('demo.'))).toEqual([]);
  });
});
