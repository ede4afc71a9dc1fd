import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, type DemoIds } from '../learning/learning.fixtures.js';

let t: TestApp;
let ids: DemoIds;
let admin: string;
beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  admin = await t.login('demo.admin');
});
afterAll(async () => t.close());

const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, cookie = admin) =>
  t.app.inject({ method, url, payload, headers: { cookie } });
const classCount = () => t.one<number>('select count(*)::int from classes where organisation_id = $1', [ids.cityId]);

async function newPupil(iin: string): Promise<number> {
  const id = await t.one<number>(
    `insert into persons (iin, last_name, first_name, birth_date, sex) values ($1, 'Әбілқасым', 'Іңкәр', '2010-03-04', 'f') returning id`,
    [iin],
  );
  await t.db.query(`insert into role_assignments (person_id, role, organisation_id) values ($1, 'pupil', $2)`, [id, ids.cityId]);
  return id;
}

describe('classes and groups', () => {
  test('the admin creates a class with a homeroom teacher; a duplicate name (any case, extra spaces) is a 409 and writes nothing', async () => {
    const res = await send('POST', `/api/organisations/${ids.cityId}/classes`, {
      name: '  7   Ғ ',
      grade: 7,
      letter: 'Ғ',
      shift: 2,
      homeroomTeacherId: ids.teacher,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: '7 Ғ', grade: 7, shift: 2, pupilCount: 0, homeroomTeacher: { id: ids.teacher } });
    const before = await classCount();
    const dup = await send('POST', `/api/organisations/${ids.cityId}/classes`, { name: '7 ғ', grade: 7 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('organisations.class_name_taken');
    const dupExisting = await send('POST', `/api/organisations/${ids.cityId}/classes`, { name: '5 А' });
    expect(dupExisting.json().error.code).toBe('organisations.class_name_taken');
    expect(await classCount()).toBe(before);
  });

  test('bad input is a 400 or 422 with a code, never a 500, and nothing is written', async () => {
    const before = await classCount();
    for (const body of [{ name: '' }, { name: 'x'.repeat(41) }, { name: '8 А', shift: 4 }, { name: '8 А', grade: 13 }, { name: '8 А', extra: 1 }]) {
      const res = await send('POST', `/api/organisations/${ids.cityId}/classes`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const pupilAsHomeroom = await send('POST', `/api/organisations/${ids.cityId}/classes`, { name: '8 Ө', homeroomTeacherId: ids.pupil });
    expect(pupilAsHomeroom.statusCode).toBe(422);
    expect(pupilAsHomeroom.json().error.code).toBe('organisations.not_a_teacher');
    expect((await send('PATCH', `/api/classes/${ids.class5a}`, {})).statusCode).toBe(400);
    expect(await classCount()).toBe(before);
  });

  test('editing: rename (not onto another class), change the homeroom teacher or remove it', async () => {
    const created = (await send('POST', `/api/organisations/${ids.cityId}/classes`, { name: '9 Ә', grade: 9 })).json();
    const taken = await send('PATCH', `/api/classes/${created.id}`, { name: '6 Б' });
    expect(taken.json().error.code).toBe('organisations.class_name_taken');
    const renamed = await send('PATCH', `/api/classes/${created.id}`, { name: '9 Б', letter: 'Б', homeroomTeacherId: ids.homeroom });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '9 Б', letter: 'Б', homeroomTeacher: { id: ids.homeroom } });
    const none = await send('PATCH', `/api/classes/${created.id}`, { homeroomTeacherId: null });
    expect(none.json().homeroomTeacher).toBeNull();
    // the name kept, only the case changes: allowed
    expect((await send('PATCH', `/api/classes/${created.id}`, { name: '9 б' })).statusCode).toBe(200);
  });
});

describe('members', () => {
  test('add a pupil, refuse a second class, move them, take them out; their marks stay', async () => {
    const pupil = await newPupil('100304600001');
    const classless = await send('GET', `/api/organisations/${ids.cityId}/people?role=pupil&classless=true&q=${encodeURIComponent('іңкәр')}`);
    expect(classless.json().items.map((p: { id: number }) => p.id)).toEqual([pupil]);
    expect(classless.json().items[0]).toMatchObject({ roles: ['pupil'], classes: [], account: 'none' });

    expect((await send('POST', `/api/classes/${ids.class5a}/members`, { pupilId: pupil })).statusCode).toBe(204);
    const again = await send('POST', `/api/classes/${ids.class5a}/members`, { pupilId: pupil });
    expect(again.json().error.code).toBe('organisations.already_member');
    const second = await send('POST', `/api/classes/${ids.class6b}/members`, { pupilId: pupil });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toMatchObject({ code: 'organisations.pupil_in_other_class', details: { classId: ids.class5a } });
    const teacherAsPupil = await send('POST', `/api/classes/${ids.class5a}/members`, { pupilId: ids.teacher });
    expect(teacherAsPupil.json().error.code).toBe('organisations.not_a_pupil');

    const badMove = await send('POST', `/api/classes/${ids.class5a}/members/${pupil}/move`, { toClassId: ids.ruralClass });
    expect(badMove.json().error.code).toBe('organisations.move_target_invalid');
    const moved = await send('POST', `/api/classes/${ids.class5a}/members/${pupil}/move`, { toClassId: ids.class6b });
    expect(moved.json()).toEqual({ pupilId: pupil, fromClassId: ids.class5a, toClassId: ids.class6b });
    const inClass = await send('GET', `/api/organisations/${ids.cityId}/people?classId=${ids.class6b}&q=${encodeURIComponent('Әбілқасым')}`);
    expect(inClass.json().items[0].classes).toEqual([{ id: ids.class6b, name: '6 Б' }]);
    expect((await send('POST', `/api/classes/${ids.class5a}/members/${pupil}/move`, { toClassId: ids.class6b })).json().error.code).toBe(
      'organisations.not_member',
    );

    expect((await send('DELETE', `/api/classes/${ids.class6b}/members/${pupil}`)).statusCode).toBe(204);
    expect((await send('DELETE', `/api/classes/${ids.class6b}/members/${pupil}`)).json().error.code).toBe('organisations.not_member');
    const actions = await t.db.query<{ action: string }>(`select action from audit_events where details->>'personId' = $1 order by id`, [String(pupil)]);
    expect(actions.rows.map((r) => r.action)).toEqual(['organisations.member_added', 'organisations.member_moved', 'organisations.member_removed']);
  });

  test('people: filtered by role and searched by name or IIN, paged; account state shown', async () => {
    const teachers = (await send('GET', `/api/organisations/${ids.cityId}/people?role=teacher&pageSize=200`)).json();
    expect(teachers.total).toBeGreaterThan(3);
    expect(teachers.items.every((p: { roles: string[] }) => p.roles.includes('teacher'))).toBe(true);
    const demoTeacher = teachers.items.find((p: { id: number }) => p.id === ids.teacher);
    expect(demoTeacher.account).toBe('active');
    const iin = await t.one<string>('select iin from persons where id = $1', [ids.pupil]);
    const byIin = (await send('GET', `/api/organisations/${ids.cityId}/people?q=${iin.slice(0, 12)}`)).json();
    expect(byIin.items.map((p: { id: number }) => p.id)).toEqual([ids.pupil]);
    const page2 = (await send('GET', `/api/organisations/${ids.cityId}/people?role=pupil&pageSize=2&page=2`)).json();
    expect(page2.items).toHaveLength(2);
    expect((await send('GET', `/api/organisations/${ids.cityId}/people?role=ghost`)).statusCode).toBe(400);
  });
});

describe('the printed class list', () => {
  test('is a PDF with the font embedded, named after the class, in the asked language', async () => {
    const res = await send('GET', `/api/classes/${ids.class5a}/list.pdf?lang=ru`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('5 А список класса'));
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toMatch(/DejaVuSans/);
    const homeroom = await t.login('demo.homeroom');
    expect((await send('GET', `/api/classes/${ids.class5a}/list.pdf`, undefined, homeroom)).statusCode).toBe(200);
    expect((await send('GET', `/api/classes/${ids.class5a}/list.pdf`, undefined, await t.login('demo.pupil'))).statusCode).toBe(404);
  });
});
