/**
 * Duty classes through the API on a real database (the demo dataset with the duty seed: a window at
 * the city school from 20.08.2020 to 25.05.2021, groups formed on 31.08.2020, three late applications).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';

// the school calendar's today (the clock every duty route reads)
process.env.LEARNING_TODAY = '2020-09-10';

let t: TestApp;
const cookie: Record<string, string> = {};
const ids = { city: 0, kindergarten: 0, window: 0, son: 0, daughter: 0, otherChild: 0, otherApplication: 0, karasay: 0 };

const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
const count = (sql: string, params: unknown[] = []) => one<number>(sql, params);

beforeAll(async () => {
  t = await createTestApp();
  for (const who of ['parent', 'admin', 'district', 'region', 'ministry', 'teacher']) cookie[who] = await t.login(`demo.${who}`);
  ids.city = await one("select id from organisations where name_en = 'Kaskelen Secondary School No. 1'");
  ids.kindergarten = await one("select id from organisations where kind = 'kindergarten' order by id limit 1");
  ids.karasay = await one("select id from districts where name_en = 'Karasay District'");
  ids.window = await one('select id from duty_windows where organisation_id = $1', [ids.city]);
  ids.son = await one(
    "select m.pupil_id from class_members m join classes c on c.id = m.class_id join parent_links l on l.child_id = m.pupil_id join accounts a on a.person_id = l.parent_id where a.login = 'demo.parent' and c.name = '5 А'",
  );
  ids.daughter = await one(
    "select m.pupil_id from class_members m join classes c on c.id = m.class_id join parent_links l on l.child_id = m.pupil_id join accounts a on a.person_id = l.parent_id where a.login = 'demo.parent' and c.name = '2 Ә'",
  );
  ids.otherChild = await one(
    `select m.pupil_id from class_members m join classes c on c.id = m.class_id where c.organisation_id = $1 and c.grade = 2
    and m.pupil_id <> $2 and not exists (select 1 from duty_applications a where a.child_id = m.pupil_id) order by m.pupil_id limit 1`,
    [ids.city, ids.daughter],
  );
  ids.otherApplication = await one('select id from duty_applications where window_id = $1 order by id limit 1', [ids.window]);
});
afterAll(async () => t.close());

const get = (url: string, who: string) => t.app.inject({ url, headers: { cookie: cookie[who]! } });
const send = (method: 'POST' | 'PUT', url: string, who: string, payload: unknown) =>
  t.app.inject({ method, url, payload: payload as object, headers: { cookie: cookie[who]! } });
const post = (url: string, who: string, payload: unknown = {}) => send('POST', url, who, payload);
const applications = () => count('select count(*) from duty_applications');

describe('a parent applies for their own child', () => {
  test('sees each child with the school window, eligible or not', async () => {
    const res = await get('/api/duty/my-children', 'parent');
    expect(res.statusCode).toBe(200);
    const children = res.json().children;
    const son = children.find((c: { child: { id: number } }) => c.child.id === ids.son);
    const daughter = children.find((c: { child: { id: number } }) => c.child.id === ids.daughter);
    expect(son.window).toMatchObject({ id: ids.window, isOpen: true, eligible: false });
    expect(daughter.window).toMatchObject({ id: ids.window, isOpen: true, eligible: true, eligibleGrades: [1, 2, 3, 4] });
    expect(daughter.window.reasons.length).toBeGreaterThan(3);
    expect(daughter.application).toBeNull();
  });

  test('bad input gets a clear error and writes nothing', async () => {
    const before = await applications();
    const base = { windowId: ids.window, childId: ids.daughter, reasons: ['both_parents_work'], preferredShift: 1 };
    const cases: [unknown, number, string][] = [
      [{ ...base, childId: ids.son }, 422, 'duty.grade_not_eligible'],
      [{ ...base, childId: ids.otherChild }, 404, 'duty.child_not_found'],
      [{ ...base, reasons: ['astrology'] }, 400, 'duty.unknown_reason'],
      [{ ...base, preferredShift: 3 }, 400, 'duty.unknown_shift'],
      [{ ...base, reasons: [] }, 400, 'request.invalid'],
      [{ ...base, extra: true }, 400, 'request.invalid'],
      [{ ...base, windowId: 999_999 }, 404, 'duty.window_not_found'],
    ];
    for (const [payload, status, code] of cases) {
      const res = await post('/api/duty/applications', 'parent', payload);
      expect({ status: res.statusCode, code: res.json().error?.code }).toEqual({ status, code });
    }
    // outside the window's dates
    await t.db.query("update duty_windows set opens_on = '2020-09-15' where id = $1", [ids.window]);
    const early = await post('/api/duty/applications', 'parent', base);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('duty.window_closed');
    await t.db.query("update duty_windows set opens_on = '2020-08-20' where id = $1", [ids.window]);
    expect(await applications()).toBe(before);
  });

  test('applies once; a duplicate is refused', async () => {
    const res = await post('/api/duty/applications', 'parent', {
      windowId: ids.window,
      childId: ids.daughter,
      reasons: ['both_parents_work', 'no_device'],
      preferredShift: 2,
      note: 'Ата-анасы екеуі де жұмыста',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'submitted', reasons: ['both_parents_work', 'no_device'], preferredShift: 2, group: null });
    const again = await post('/api/duty/applications', 'parent', { windowId: ids.window, childId: ids.daughter, reasons: ['other'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('duty.duplicate_application');
  });

  test("cannot see or withdraw another family's application", async () => {
    expect((await get(`/api/duty/applications/${ids.otherApplication}`, 'parent')).statusCode).toBe(404);
    expect((await post(`/api/duty/applications/${ids.otherApplication}/withdraw`, 'parent')).statusCode).toBe(404);
    expect((await get(`/api/duty/windows/${ids.window}/groups`, 'parent')).statusCode).toBe(404);
  });
});

describe('the admin forms the groups', () => {
  test('a run places the new applications and never moves a child already placed', async () => {
    const before = (await get(`/api/duty/windows/${ids.window}/groups`, 'admin')).json();
    const placedBefore = new Map<number, number>();
    for (const g of before.groups) for (const m of g.members) placedBefore.set(m.applicationId, g.id);
    const run = await post(`/api/duty/windows/${ids.window}/grouping`, 'admin', { reshuffle: false });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ moved: 0 });
    expect(run.json().newlyPlaced).toBeGreaterThanOrEqual(4); // three late applications and the demo daughter
    const after = (await get(`/api/duty/windows/${ids.window}/groups`, 'admin')).json();
    for (const g of after.groups) {
      expect(g.size).toBeLessThanOrEqual(g.capacity);
      for (const m of g.members) if (placedBefore.has(m.applicationId)) expect(placedBefore.get(m.applicationId)).toBe(g.id);
    }
    const again = await post(`/api/duty/windows/${ids.window}/grouping`, 'admin', {});
    expect(again.json()).toMatchObject({ newlyPlaced: 0, moved: 0, groupsCreated: 0, groupsRemoved: 0 });
  });

  test('the parent then sees the group, room, shift and days, and was notified', async () => {
    const daughter = (await get('/api/duty/my-children', 'parent')).json().children.find((c: { child: { id: number } }) => c.child.id === ids.daughter);
    expect(daughter.application.status).toBe('placed');
    expect(daughter.application.group).toMatchObject({
      label: expect.any(String),
      room: { name: expect.any(String) },
      shift: expect.any(Number),
      days: expect.stringMatching(/^[a-z-]+$/),
    });
    expect(daughter.application.group.teacher.lastName).toEqual(expect.any(String));
    const news = (await get('/api/notifications', 'parent')).json().items;
    expect(news.some((n: { kind: string; params: { childId: number } }) => n.kind === 'duty.placed' && n.params.childId === ids.daughter)).toBe(true);
  });

  test('moving by hand keeps the cap (409) and the grade (422); a child can go back to the waiting list', async () => {
    const { groups } = (await get(`/api/duty/windows/${ids.window}/groups`, 'admin')).json();
    const full = groups.find((g: { size: number; capacity: number }) => g.size >= g.capacity);
    const apps = (await get(`/api/duty/windows/${ids.window}/applications?status=placed`, 'admin')).json().items;
    const mover = apps.find((a: { groupId: number; grade: number }) => full && a.groupId !== full.id && full.grades.includes(a.grade));
    expect(full && mover).toBeTruthy();
    const res = await post(`/api/duty/applications/${mover.id}/move`, 'admin', { groupId: full.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('duty.group_full');
    const farGrade = apps.find((a: { grade: number }) => a.grade === 1);
    const farGroup = groups.find((g: { grades: number[] }) => g.grades.every((x: number) => x >= 3));
    expect(farGrade && farGroup).toBeTruthy();
    const mismatch = await post(`/api/duty/applications/${farGrade.id}/move`, 'admin', { groupId: farGroup.id });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.code).toBe('duty.grade_mismatch');
    const out = await post(`/api/duty/applications/${apps[0].id}/move`, 'admin', { groupId: null });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toMatchObject({ status: 'waiting', groupId: null, placedByHand: true, waitingPosition: expect.any(Number) });
    const back = await post(`/api/duty/applications/${apps[0].id}/move`, 'admin', { groupId: apps[0].groupId });
    expect(back.statusCode).toBe(200);
    expect(back.json()).toMatchObject({ status: 'placed', groupId: apps[0].groupId });
    expect((await post(`/api/duty/applications/${apps[0].id}/move`, 'district', { groupId: null })).statusCode).toBe(404);
  });

  test('windows: a cap below the minimum, grades outside the settings and overlapping dates are refused', async () => {
    const before = await count('select count(*) from duty_windows');
    const url = `/api/duty/organisations/${ids.city}/windows`;
    const below = await post(url, 'admin', { opensOn: '2021-01-10', closesOn: '2021-02-10', groupMax: 5, groupMin: 8 });
    expect(below.statusCode).toBe(422);
    expect(below.json().error.code).toBe('duty.cap_below_minimum');
    const above = await post(url, 'admin', { opensOn: '2021-01-10', closesOn: '2021-02-10', groupMax: 25 });
    expect(above.json().error.code).toBe('duty.cap_above_maximum');
    const grades = await post(url, 'admin', { opensOn: '2021-01-10', closesOn: '2021-02-10', eligibleGrades: [7] });
    expect(grades.json().error.code).toBe('duty.grades_not_allowed');
    const overlap = await post(url, 'admin', { opensOn: '2021-01-10', closesOn: '2021-02-10' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('duty.window_overlaps');
    const reversed = await post(url, 'admin', { opensOn: '2021-02-10', closesOn: '2021-01-10' });
    expect(reversed.json().error.code).toBe('duty.window_dates');
    expect((await post(`/api/duty/organisations/${ids.kindergarten}/windows`, 'admin', { opensOn: '2021-01-10', closesOn: '2021-02-10' })).statusCode).toBe(
      404,
    );
    expect(await count('select count(*) from duty_windows')).toBe(before);
  });
});

describe('officers see totals for their scope', () => {
  test('the district officer gets one row per organisation of Karasay; the ministry one per region', async () => {
    const district = await get('/api/duty/totals', 'district');
    expect(district.statusCode).toBe(200);
    expect(district.json().level).toBe('organisation');
    const names = district
      .json()
      .rows.map((r: { area: { name: { en: string } } }) => r.area.name.en)
      .sort();
    expect(names).toEqual(['Balapan Kindergarten, Kaskelen', 'Kaskelen Secondary School No. 1']);
    expect(district.json().totals.placed).toBeGreaterThan(50);
    const ministry = await get('/api/duty/totals', 'ministry');
    expect(ministry.json().level).toBe('region');
    expect(ministry.json().totals.applications).toBe(district.json().totals.applications);
    expect((await get('/api/duty/totals', 'parent')).statusCode).toBe(404);
    expect((await get(`/api/duty/windows/${ids.window}/groups`, 'district')).statusCode).toBe(404);
  });
});

describe('withdrawing and settings', () => {
  test('the parent withdraws once; the place is freed', async () => {
    const mine = (await get('/api/duty/my-children', 'parent')).json().children.find((c: { child: { id: number } }) => c.child.id === ids.daughter);
    const res = await post(`/api/duty/applications/${mine.application.id}/withdraw`, 'parent');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', group: null });
    expect((await post(`/api/duty/applications/${mine.application.id}/withdraw`, 'parent')).json().error.code).toBe('duty.already_withdrawn');
  });

  test('settings: the ministry edits the defaults; a cap below the minimum is refused', async () => {
    const current = (await get('/api/duty/settings?kind=school', 'ministry')).json();
    expect(current).toMatchObject({ groupMax: 15, eligibleGrades: [1, 2, 3, 4], inherited: false });
    const { inherited: _i, ...body } = current;
    const bad = await send('PUT', '/api/duty/settings', 'ministry', { ...body, groupMax: 5, groupMin: 10 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('duty.cap_below_minimum');
    const regionId = await one<number>("select id from regions where code = 'almaty-region'");
    const grade5 = await send('PUT', '/api/duty/settings', 'region', { ...body, regionId, eligibleGrades: [1, 2, 3, 4, 5] });
    expect(grade5.statusCode).toBe(200);
    expect(grade5.json()).toMatchObject({ regionId, eligibleGrades: [1, 2, 3, 4, 5], inherited: false });
    expect((await send('PUT', '/api/duty/settings', 'region', { ...body, regionId: null })).statusCode).toBe(403);
  });
});
