import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (login: string, method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[login]! } });
const admin = (method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH', url: string, payload?: object) => call('demo.admin', method, url, payload);

let q3: number;
let currentYear: number;
const classId = async (name: string) =>
  (await t.db.query<{ id: number }>('select id from classes where organisation_id = $1 and name = $2', [ids.cityId, name])).rows[0]!.id;
const teacherOf = async (cls: number, subject: number) =>
  (await t.db.query<{ id: number }>('select teacher_id as id from teaching_assignments where class_id = $1 and subject_id = $2', [cls, subject])).rows[0]!.id;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.teacher', 'demo.admin', 'demo.pupil']) cookies[login] = await t.login(login);
  const calendar = (await admin('GET', `/api/learning/organisations/${ids.cityId}/calendar`)).json();
  q3 = calendar.terms.find((x: { number: number }) => x.number === 3).id;
  currentYear = calendar.terms[0].academicYearId;
});
afterAll(async () => t?.close());

describe('the calendar', () => {
  test('four quarters a year, inside it, never overlapping; holidays national and own', async () => {
    const calendar = (await admin('GET', `/api/learning/organisations/${ids.cityId}/calendar`)).json();
    expect(calendar.terms.map((x: { kind: string; number: number }) => `${x.kind} ${x.number}`)).toEqual(['quarter 1', 'quarter 2', 'quarter 3', 'quarter 4']);
    expect(calendar.holidays.some((h: { name: { en: string } }) => h.name.en === 'Independence Day')).toBe(true);
    const overlap = await admin('POST', `/api/learning/organisations/${ids.cityId}/terms`, {
      academicYearId: currentYear,
      number: 4,
      startsOn: '2021-03-15',
      endsOn: '2021-05-25',
    });
    expect([overlap.statusCode, overlap.json().error.code]).toEqual([422, 'learning.term_invalid']);
    const years = (await t.db.query<{ id: number }>(`select id from academic_years where not is_current`)).rows;
    const outside = await admin('POST', `/api/learning/organisations/${ids.cityId}/terms`, {
      academicYearId: years[0]!.id,
      number: 1,
      startsOn: '2019-08-01',
      endsOn: '2019-10-31',
    });
    expect(outside.json().error).toMatchObject({ code: 'learning.term_invalid', details: { code: 'outside_year' } });
    const previous = await admin('POST', `/api/learning/organisations/${ids.cityId}/terms`, {
      academicYearId: years[0]!.id,
      number: 1,
      startsOn: '2019-09-02',
      endsOn: '2019-10-31',
    });
    expect(previous.statusCode).toBe(201);
    const semester = await admin('POST', `/api/learning/organisations/${ids.universityId}/terms`, {
      academicYearId: currentYear,
      number: 3,
      startsOn: '2021-06-01',
      endsOn: '2021-06-30',
    });
    expect(semester.statusCode).toBe(404); // demo.admin runs the city school only
    const holiday = await admin('POST', `/api/learning/organisations/${ids.cityId}/holidays`, {
      startsOn: '2021-02-01',
      endsOn: '2021-02-02',
      name: { kk: 'Карантин күндері', ru: 'Карантинные дни', en: 'Quarantine days' },
    });
    expect(holiday.statusCode).toBe(201);
    const reversed = await admin('POST', `/api/learning/organisations/${ids.cityId}/holidays`, {
      startsOn: '2021-02-03',
      endsOn: '2021-02-01',
      name: { kk: 'a', ru: 'b', en: 'c' },
    });
    expect(reversed.json().error.code).toBe('learning.holiday_invalid');
  });

  test('bells: a shift whose periods overlap is refused; a period the timetable uses cannot go', async () => {
    const bad = await admin('PUT', `/api/learning/organisations/${ids.cityId}/periods`, {
      shift: 1,
      periods: [
        { number: 1, startsAt: '08:30', endsAt: '09:15' },
        { number: 2, startsAt: '09:10', endsAt: '09:55' },
      ],
    });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'learning.periods_invalid']);
    const removing = await admin('PUT', `/api/learning/organisations/${ids.cityId}/periods`, {
      shift: 1,
      periods: [{ number: 1, startsAt: '08:30', endsAt: '09:15' }],
    });
    expect([removing.statusCode, removing.json().error.code]).toEqual([409, 'learning.period_in_use']);
    const shift3 = await admin('PUT', `/api/learning/organisations/${ids.cityId}/periods`, {
      shift: 3,
      periods: [{ number: 1, startsAt: '19:30', endsAt: '20:10' }],
    });
    expect(shift3.json().items).toContainEqual({ shift: 3, number: 1, startsAt: '19:30', endsAt: '20:10' });
  });
});

describe('the timetable', () => {
  test('a teacher cannot be in two places at once: refused with a 409 naming the class, period and day', async () => {
    const c5a = ids.class5a;
    const c5b = await classId('5 Ә');
    // demo.teacher takes maths in 5 Ә too, then both classes want her on Monday, period 1 of quarter 3
    expect(
      (await admin('POST', `/api/learning/organisations/${ids.cityId}/assignments`, { teacherId: ids.teacher, classId: c5b, subjectId: ids.math })).statusCode,
    ).toBe(201);
    const first = await admin('POST', `/api/learning/classes/${c5a}/timetable`, { termId: q3, weekday: 1, periodNumber: 1, subjectId: ids.math, roomId: null });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      weekday: 1,
      periodNumber: 1,
      startsAt: '08:30',
      endsAt: '09:15',
      teacher: { id: ids.teacher },
      delivery: { kind: 'in_person' },
    });
    const clash = await admin('POST', `/api/learning/classes/${c5b}/timetable`, {
      termId: q3,
      weekday: 1,
      periodNumber: 1,
      subjectId: ids.math,
      teacherId: ids.teacher,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({ code: 'learning.teacher_clash', details: { className: '5 А', weekday: 1, periodNumber: 1 } });
    expect(clash.json().error.message).toMatch(/5 А.*period 1.*Monday/);
    // the same class twice at one time
    const twice = await admin('POST', `/api/learning/classes/${c5a}/timetable`, { termId: q3, weekday: 1, periodNumber: 1, subjectId: ids.kazakh });
    expect([twice.statusCode, twice.json().error.code]).toEqual([409, 'learning.class_busy']);
    // several teachers for one class and subject: name one
    const unassigned = await admin('POST', `/api/learning/classes/${c5b}/timetable`, { termId: q3, weekday: 2, periodNumber: 1, subjectId: ids.math });
    expect(unassigned.json().error.code).toBe('learning.teacher_required');
  });

  test('a room is in one class at a time', async () => {
    const room = (await t.db.query<{ id: number }>(`select id from rooms where organisation_id = $1 and name = '101'`, [ids.cityId])).rows[0]!.id;
    const c9 = await classId('9 А');
    const c10 = ids.class10a;
    const english9 = await teacherOf(c9, ids.english);
    expect(
      (
        await admin('POST', `/api/learning/classes/${c9}/timetable`, {
          termId: q3,
          weekday: 3,
          periodNumber: 2,
          subjectId: ids.english,
          teacherId: english9,
          roomId: room,
        })
      ).statusCode,
    ).toBe(201);
    const other = (
      await t.db.query<{ subject_id: number; teacher_id: number }>(
        'select subject_id, teacher_id from teaching_assignments where class_id = $1 and teacher_id <> $2 limit 1',
        [c10, english9],
      )
    ).rows[0]!;
    const res = await admin('POST', `/api/learning/classes/${c10}/timetable`, {
      termId: q3,
      weekday: 3,
      periodNumber: 2,
      subjectId: other.subject_id,
      teacherId: other.teacher_id,
      roomId: room,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'learning.room_clash', details: { className: '9 А' } });
  });

  test('generating lessons makes one per school day of the weekday, skipping holidays, and never twice', async () => {
    const c11 = await classId('11 А');
    const algebra = (await t.db.query<{ id: number }>(`select id from subjects where code = 'algebra'`)).rows[0]!.id;
    const teacher = await teacherOf(c11, algebra);
    // Mondays of quarter 3 (11 January – 19 March 2021): ten, less 8 March (Women's Day, national)
    // and 1 February (the school's own quarantine days, added above)
    expect(
      (await admin('POST', `/api/learning/classes/${c11}/timetable`, { termId: q3, weekday: 1, periodNumber: 3, subjectId: algebra, teacherId: teacher }))
        .statusCode,
    ).toBe(201);
    const first = await admin('POST', `/api/learning/terms/${q3}/lessons`, { classIds: [c11] });
    expect(first.json()).toMatchObject({ created: 8 });
    const dates = (
      await t.db.query<{ d: string }>('select on_date as d from lessons where class_id = $1 and term_id = $2 order by on_date', [c11, q3])
    ).rows.map((r) => r.d);
    expect(dates).not.toContain('2021-03-08');
    expect(dates).not.toContain('2021-02-01');
    expect(dates[0]).toBe('2021-01-11');
    const times = (
      await t.db.query<{ s: string }>(
        `select to_char(starts_at at time zone 'Asia/Almaty', 'HH24:MI') as s from lessons where class_id = $1 and term_id = $2 limit 1`,
        [c11, q3],
      )
    ).rows[0]!.s;
    expect(times).toBe('10:20');
    expect((await admin('POST', `/api/learning/terms/${q3}/lessons`, { classIds: [c11] })).json().created).toBe(0);
    const removed = await admin(
      'DELETE',
      `/api/learning/timetable/${(await admin('GET', `/api/learning/classes/${c11}/timetable?termId=${q3}`)).json().slots[0].id}`,
    );
    expect(removed.json()).toEqual({ lessonsRemoved: 8 });
  });

  test('a clash is shown before saving: the check answers the same 409 and reason as the save, and writes nothing', async () => {
    const c7 = await classId('7 А');
    const physics = (await t.db.query<{ id: number }>(`select id from subjects where code = 'physics'`)).rows[0]!.id;
    const teacher = await teacherOf(c7, physics);
    const slot = { termId: q3, weekday: 4, periodNumber: 4, subjectId: physics, teacherId: teacher };
    const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from timetable_slots where class_id = $1', [c7])).rows[0]!.n;
    const before = await count();
    const ok = await admin('POST', `/api/learning/classes/${c7}/timetable/check`, slot);
    expect([ok.statusCode, ok.json()]).toEqual([200, { ok: true }]);
    expect(await count()).toBe(before);
    expect((await admin('POST', `/api/learning/classes/${c7}/timetable`, slot)).statusCode).toBe(201);
    const busy = await admin('POST', `/api/learning/classes/${c7}/timetable/check`, slot);
    expect([busy.statusCode, busy.json().error.code]).toEqual([409, 'learning.class_busy']);
    expect(await count()).toBe(before + 1);
    // outside the admin's organisation it answers like a missing class
    const other = (await t.db.query<{ id: number }>('select id from classes where organisation_id <> $1 limit 1', [ids.cityId])).rows[0]!.id;
    expect((await admin('POST', `/api/learning/classes/${other}/timetable/check`, slot)).statusCode).toBe(404);
    expect((await call('demo.teacher', 'POST', `/api/learning/classes/${c7}/timetable/check`, slot)).statusCode).toBe(404);
  });

  test('moving a weekly lesson checks every clash in one step; a refused move changes nothing', async () => {
    const c8 = await classId('8 А');
    const subjects = (
      await t.db.query<{ subject_id: number; teacher_id: number }>(
        'select subject_id, teacher_id from teaching_assignments where class_id = $1 order by subject_id limit 2',
        [c8],
      )
    ).rows;
    const [a, b] = subjects as [{ subject_id: number; teacher_id: number }, { subject_id: number; teacher_id: number }];
    const first = (
      await admin('POST', `/api/learning/classes/${c8}/timetable`, {
        termId: q3,
        weekday: 5,
        periodNumber: 1,
        subjectId: a.subject_id,
        teacherId: a.teacher_id,
      })
    ).json();
    expect(
      (
        await admin('POST', `/api/learning/classes/${c8}/timetable`, {
          termId: q3,
          weekday: 5,
          periodNumber: 2,
          subjectId: b.subject_id,
          teacherId: b.teacher_id,
        })
      ).statusCode,
    ).toBe(201);
    // onto the class's own other lesson: refused, the first stays where it was
    const onto = await admin('PATCH', `/api/learning/timetable/${first.id}`, { weekday: 5, periodNumber: 2 });
    expect([onto.statusCode, onto.json().error.code]).toEqual([409, 'learning.class_busy']);
    const still = (await admin('GET', `/api/learning/classes/${c8}/timetable?termId=${q3}`)).json().slots;
    expect(still.find((x: { id: number }) => x.id === first.id)).toMatchObject({ weekday: 5, periodNumber: 1 });
    // a dry run writes nothing
    const dry = await admin('PATCH', `/api/learning/timetable/${first.id}`, { weekday: 5, periodNumber: 3, dryRun: true });
    expect(dry.json()).toMatchObject({ slot: null, dryRun: true });
    expect((await admin('GET', `/api/learning/classes/${c8}/timetable?termId=${q3}`)).json().slots.some((x: { id: number }) => x.id === first.id)).toBe(true);
    const moved = await admin('PATCH', `/api/learning/timetable/${first.id}`, { weekday: 5, periodNumber: 3 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().slot).toMatchObject({ weekday: 5, periodNumber: 3, subject: { id: a.subject_id }, teacher: { id: a.teacher_id } });
    const all = (await admin('GET', `/api/learning/organisations/${ids.cityId}/timetable?termId=${q3}`)).json();
    expect(all.term.id).toBe(q3);
    expect(
      all.slots
        .filter((x: { class: { id: number } }) => x.class.id === c8)
        .map((x: { periodNumber: number }) => x.periodNumber)
        .sort(),
    ).toEqual([2, 3]);
    expect((await call('demo.teacher', 'PATCH', `/api/learning/timetable/${first.id}`, { weekday: 5, periodNumber: 4 })).statusCode).toBe(404);
    expect((await call('demo.teacher', 'GET', `/api/learning/organisations/${ids.cityId}/timetable`)).statusCode).toBe(404);
  });

  test('the generation preview says what would be added and that recorded lessons stay, and writes nothing', async () => {
    const c6 = await classId('6 Б');
    const lessons = async () =>
      (await t.db.query<{ n: number }>('select count(*)::int as n from lessons where class_id = $1 and term_id = $2', [c6, q3])).rows[0]!.n;
    const before = await lessons();
    const sub = (
      await t.db.query<{ subject_id: number; teacher_id: number }>('select subject_id, teacher_id from teaching_assignments where class_id = $1 limit 1', [c6])
    ).rows[0]!;
    expect(
      (
        await admin('POST', `/api/learning/classes/${c6}/timetable`, {
          termId: q3,
          weekday: 2,
          periodNumber: 6,
          subjectId: sub.subject_id,
          teacherId: sub.teacher_id,
        })
      ).statusCode,
    ).toBe(201);
    const preview = await admin('POST', `/api/learning/terms/${q3}/lessons/preview`, { classIds: [c6], from: '2021-03-01' });
    expect(preview.statusCode).toBe(200);
    // Tuesdays from 1 March to 19 March 2021: 2, 9 and 16 March
    expect(preview.json()).toMatchObject({ created: 3, existing: before });
    expect(await lessons()).toBe(before);
    const done = await admin('POST', `/api/learning/terms/${q3}/lessons`, { classIds: [c6], from: '2021-03-01' });
    expect(done.json()).toMatchObject({ created: 3 });
    expect((await admin('POST', `/api/learning/terms/${q3}/lessons/preview`, { classIds: [c6] })).json()).toMatchObject({ existing: before + 3 });
    expect((await call('demo.teacher', 'POST', `/api/learning/terms/${q3}/lessons/preview`, {})).statusCode).toBe(404);
  });

  test('rooms of the organisation for the pickers, for its admin only', async () => {
    const rooms = (await admin('GET', `/api/learning/organisations/${ids.cityId}/rooms`)).json().items;
    expect(rooms.some((r: { name: string }) => r.name === '101')).toBe(true);
    expect((await call('demo.pupil', 'GET', `/api/learning/organisations/${ids.cityId}/rooms`)).statusCode).toBe(404);
    expect((await admin('GET', `/api/learning/organisations/${ids.universityId}/rooms`)).statusCode).toBe(404);
  });

  test('the groups of one course may share a joint lecture; other teachers still clash', async () => {
    const groups = (await t.db.query<{ id: number }>('select id from classes where organisation_id = $1 order by id limit 2', [ids.universityId])).rows.map(
      (r) => r.id,
    );
    const teacher = (
      await t.db.query<{ id: number }>(`select person_id as id from role_assignments where organisation_id = $1 and role = 'teacher' limit 1`, [
        ids.universityId,
      ])
    ).rows[0]!.id;
    const uniAdmin = (
      await t.db.query<{ id: number }>(`select person_id as id from role_assignments where organisation_id = $1 and role = 'org_admin' limit 1`, [
        ids.universityId,
      ])
    ).rows[0]!.id;
    const iin = (await t.db.query<{ iin: string }>('select iin from persons where id = $1', [uniAdmin])).rows[0]!.iin;
    cookies.uni = await t.login(iin);
    const philosophy = (await t.db.query<{ id: number }>(`select id from subjects where code = 'philosophy'`)).rows[0]!.id;
    const course = await call('uni', 'POST', `/api/learning/organisations/${ids.universityId}/courses`, {
      subjectId: philosophy,
      code: 'PHIL-101',
      credits: 5,
      teacherId: teacher,
      classIds: groups,
    });
    expect(course.statusCode).toBe(201);
    expect(course.json().assignments).toHaveLength(2);
    const s2 = (await call('uni', 'GET', `/api/learning/organisations/${ids.universityId}/calendar`))
      .json()
      .terms.find((x: { number: number }) => x.number === 2).id;
    for (const group of groups) {
      const res = await call('uni', 'POST', `/api/learning/classes/${group}/timetable`, {
        termId: s2,
        weekday: 6,
        periodNumber: 1,
        subjectId: philosophy,
        teacherId: teacher,
      });
      expect(res.statusCode).toBe(201);
    }
    const again = await call('uni', 'POST', `/api/learning/organisations/${ids.universityId}/courses`, {
      subjectId: philosophy,
      code: 'PHIL-101',
      teacherId: teacher,
      classIds: groups,
    });
    expect(again.json().error.code).toBe('learning.course_code_taken');
  });

  test('assignments: a teacher of the organisation, once per class and subject', async () => {
    const dup = await admin('POST', `/api/learning/organisations/${ids.cityId}/assignments`, {
      teacherId: ids.teacher,
      classId: ids.class5a,
      subjectId: ids.math,
    });
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'learning.assignment_exists']);
    const pupilAsTeacher = await admin('POST', `/api/learning/organisations/${ids.cityId}/assignments`, {
      teacherId: ids.pupil,
      classId: ids.class5a,
      subjectId: ids.english,
    });
    expect(pupilAsTeacher.json().error.code).toBe('learning.teacher_not_found');
    const otherClass = await admin('POST', `/api/learning/organisations/${ids.cityId}/assignments`, {
      teacherId: ids.teacher,
      classId: ids.ruralClass,
      subjectId: ids.math,
    });
    expect(otherClass.statusCode).toBe(404);
  });
});

describe('settings and the teaching plan', () => {
  test('the national defaults until the organisation sets its own; nonsense is refused', async () => {
    const get = (await admin('GET', `/api/learning/organisations/${ids.cityId}/settings`)).json();
    expect(get).toMatchObject({ own: false, gradingSystem: null, effectiveGradingSystem: 'criteria', weights: { formative: 25, section: 25, term: 50 } });
    const { own: _o, effectiveGradingSystem: _e, ...body } = get;
    const bad = await admin('PUT', `/api/learning/organisations/${ids.cityId}/settings`, { ...body, weights: { formative: 30, section: 30, term: 30 } });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'learning.settings_invalid']);
    expect(bad.json().error.message).toMatch(/add up to 90/);
    const bands = await admin('PUT', `/api/learning/organisations/${ids.cityId}/settings`, {
      ...body,
      termGradeBands: [
        { grade: 2, min: 10 },
        { grade: 5, min: 80 },
      ],
    });
    expect(bands.json().error.message).toMatch(/start at 0/);
    const ok = await admin('PUT', `/api/learning/organisations/${ids.cityId}/settings`, { ...body, weights: { formative: 40, section: 30, term: 30 } });
    expect(ok.json()).toMatchObject({ own: true, weights: { formative: 40, section: 30, term: 30 } });
    // the university's defaults are the credit system
    const uni = (await t.db.query('select kind from organisations where id = $1', [ids.universityId])).rows[0];
    expect(uni).toEqual({ kind: 'university' });
  });

  test('subjects per grade: the national plan until the school sets its own', async () => {
    const put = await admin('PUT', `/api/learning/organisations/${ids.cityId}/plan`, {
      items: [
        { grade: 5, subjectId: ids.math, hoursPerWeek: 5 },
        { grade: 5, subjectId: ids.kazakh, hoursPerWeek: 3 },
      ],
    });
    expect(put.json()).toMatchObject({ own: true });
    expect(put.json().items).toHaveLength(2);
    const read = (await call('demo.teacher', 'GET', `/api/learning/organisations/${ids.cityId}/plan`)).json();
    expect(read.items[0]).toMatchObject({ grade: 5, hoursPerWeek: expect.any(Number) });
    expect((await admin('PUT', `/api/learning/organisations/${ids.cityId}/plan`, { items: [] })).json().own).toBe(false);
  });
});
