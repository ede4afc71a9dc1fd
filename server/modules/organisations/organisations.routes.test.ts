import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function myClasses(login: string) {
  const res = await t.app.inject({ url: '/api/me/classes', headers: { cookie: await t.login(login) } });
  expect(res.statusCode).toBe(200);
  return res.json().items as { name: string; relations: string[]; subjects: { name: { en: string } }[] }[];
}

describe('GET /api/me/classes', () => {
  test('a teacher gets the classes they teach with their subjects, a homeroom teacher also their class', async () => {
    const teacher = await myClasses('demo.teacher');
    expect(teacher.map((c) => c.name).sort()).toEqual(['5 А', '6 Б']);
    expect(teacher.every((c) => c.relations.includes('teacher') && c.subjects.length > 0)).toBe(true);
    const homeroom = await myClasses('demo.homeroom');
    expect(homeroom.find((c) => c.name === '5 А')!.relations).toEqual(expect.arrayContaining(['homeroom', 'teacher']));
  });

  test("a pupil gets their class, a parent their children's, an officer none", async () => {
    expect((await myClasses('demo.pupil')).map((c) => [c.name, c.relations])).toEqual([['5 А', ['pupil']]]);
    const parent = await myClasses('demo.parent');
    expect(parent.map((c) => c.name).sort()).toEqual(['2 Ә', '5 А']);
    expect(parent.every((c) => c.relations.join() === 'child' && c.subjects.length === 0)).toBe(true);
    expect(await myClasses('demo.ministry')).toEqual([]);
  });
});

describe('GET /api/organisations search', () => {
  test('finds by part of the name in any language, within the scope only', async () => {
    const ministry = await t.login('demo.ministry');
    const { rows } = await t.db.query<{ name_ru: string; name_en: string; id: number }>(
      `select o.id, o.name_ru, o.name_en from organisations o join role_assignments r on r.organisation_id = o.id
        join accounts a on a.person_id = r.person_id where a.login = 'demo.admin' and r.role = 'org_admin'`,
    );
    const city = rows[0]!;
    for (const q of [city.name_ru.slice(0, 8), city.name_en.slice(-6).toUpperCase()]) {
      const res = await t.app.inject({ url: `/api/organisations?q=${encodeURIComponent(q)}`, headers: { cookie: ministry } });
      expect(res.statusCode).toBe(200);
      expect(
        res.json().items.map((o: { id: number }) => o.id),
        q,
      ).toContain(city.id);
    }
    const kinds = await t.app.inject({ url: '/api/organisations?kind=university', headers: { cookie: ministry } });
    expect(kinds.json().items.every((o: { kind: string }) => o.kind === 'university')).toBe(true);
    expect(kinds.json().total).toBeGreaterThan(0);
    // a district officer searching for everything still sees only the district
    const district = await t.login('demo.district');
    const all = await t.app.inject({ url: '/api/organisations?q=%25', headers: { cookie: district } });
    const { rows: inDistrict } = await t.db.query<{ n: number }>(
      `select count(*) as n from organisations where district_id = (select district_id from role_assignments r join accounts a on a.person_id = r.person_id where a.login = 'demo.district')`,
    );
    expect(all.json().total).toBeLessThanOrEqual(inDistrict[0]!.n);
    expect((await t.app.inject({ url: '/api/organisations?kind=castle', headers: { cookie: ministry } })).statusCode).toBe(400);
  });
});
