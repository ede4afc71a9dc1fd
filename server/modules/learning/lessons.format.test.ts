/**
 * Lessons follow the learning format (issue 4 item 5), on the demo dataset through the API: the
 * Karasay district officer records the situation, officers override the university, teachers and
 * admins edit lessons and slots. The e-journal's clock stands at noon (Almaty) on 9 December 2020.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import type { Queryable } from '../../platform/db.js';
import { ACTIVITIES, FORMATS, type ActivityKind, type FormatCode } from '../../../contracts/formats.js';
import { deliveryMode } from '../formats/formats.effective.js';
import { recompute } from '../formats/formats.recompute.js';
import { demoIds, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';
import { activityProblem, applyFormatsToLessons, defaultActivity, deliveryModeSql, liveBaseUrl } from './lessons.format.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;
const NOW = new Date(LEARNING_DEMO.now);

let t: TestApp;
let ids: DemoIds;
let karasay = 0;
const cookies: Record<string, string> = {};
const call = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[who]! } });

interface LessonState {
  id: number;
  date: string;
  startsAt: Date;
  classId: number;
  subjectId: number;
  slotId: number | null;
  activity: string;
  delivery: string;
  source: string;
  joinUrl: string | null;
  tvChannel: string | null;
  tvAirAt: Date | null;
  slotDelivery: string | null;
  slotTv: string | null;
  /** the slot of the national TV grid the lesson points at, with its channel and air time */
  tvSlotId: string | null;
  gridChannel: string | null;
  gridAt: Date | null;
}

/** Every lesson of an organisation with how it is delivered (and what its weekly slot plans). */
async function lessonsOf(orgId: number): Promise<Map<number, LessonState>> {
  const { rows } = await t.db.query<LessonState & Record<string, unknown>>(
    `select l.id, l.on_date as date, l.starts_at as "startsAt", l.class_id as "classId", l.subject_id as "subjectId", l.slot_id as "slotId",
       l.activity, l.delivery, l.delivery_source as source, l.join_url as "joinUrl", l.tv_channel as "tvChannel", l.tv_air_at as "tvAirAt",
       ts.delivery as "slotDelivery", ts.tv_channel as "slotTv", l.tv_slot_id as "tvSlotId", gc.code as "gridChannel", gs.starts_at as "gridAt"
     from lessons l left join timetable_slots ts on ts.id = l.slot_id
     left join video_tv_slots gs on gs.id = l.tv_slot_id left join video_tv_channels gc on gc.id = gs.channel_id
     where l.organisation_id = $1 order by l.id`,
    [orgId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
const begun = (l: LessonState) => l.startsAt.getTime() <= NOW.getTime();
const shape = (l: LessonState) => `${l.delivery}|${l.source}|${l.joinUrl}|${l.tvChannel}|${l.tvAirAt?.toISOString() ?? null}`;

async function loginAs(iinSql: string, params: unknown[]): Promise<string> {
  const { rows } = await t.db.query<{ iin: string }>(iinSql, params);
  return t.login(rows[0]!.iin.trim());
}

async function situation(level: 'green' | 'red', effectiveFrom: string) {
  return call('demo.district', 'POST', '/api/formats/situations', {
    area: { level: 'district', id: karasay },
    level,
    effectiveFrom,
    source: `Қарасай ауданының бас санитарлық дәрігерінің қаулысы (${level}, ${effectiveFrom})`,
  });
}

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  karasay = (await t.db.query<{ id: number }>("select id from districts where name_en = 'Karasay District'")).rows[0]!.id;
  for (const login of ['demo.district', 'demo.teacher', 'demo.admin']) cookies[login] = await t.login(login);
  // the teacher of the rural school's 5 А maths, and the university's admin, sign in with their IIN
  cookies.ruralTeacher = await loginAs(
    `select p.iin from lessons l join persons p on p.id = l.teacher_id where l.class_id = $1 and l.subject_id = $2 limit 1`,
    [ids.ruralClass, ids.math],
  );
  cookies.universityAdmin = await loginAs(
    `select p.iin from role_assignments r join persons p on p.id = r.person_id where r.role = 'org_admin' and r.organisation_id = $1 limit 1`,
    [ids.universityId],
  );
});
afterAll(async () => t?.close());

describe('pure decisions', () => {
  test('a new lesson is a school lesson, or a lecture at colleges and universities; a university holds no school lessons', () => {
    expect(defaultActivity('school')).toBe('lesson');
    expect(defaultActivity('college')).toBe('lecture');
    expect(defaultActivity('university')).toBe('lecture');
    expect(activityProblem('university', 'lesson')).toMatch(/university/);
    expect(activityProblem('college', 'lesson')).toBeNull();
    expect(activityProblem('school', 'lab')).toBeNull();
    expect(activityProblem('university', 'lab')).toBeNull();
  });

  test('LIVE_BASE_URL: default, a trailing slash added, anything but http(s) refused', () => {
    expect(liveBaseUrl({})).toBe('https://live.sabaq.example/');
    expect(liveBaseUrl({ LIVE_BASE_URL: 'https://meet.edu.kz/rooms' })).toBe('https://meet.edu.kz/rooms/');
    expect(() => liveBaseUrl({ LIVE_BASE_URL: 'javascript:alert(1)' })).toThrow(/LIVE_BASE_URL/);
  });

  test("the SQL rule says what formats' deliveryMode says, for every format, on-site list and activity", async () => {
    const onSites: (ActivityKind[] | null)[] = [null, ['lab', 'practice'], ['lab'], ['lecture', 'seminar', 'lab', 'practice']];
    const cases: { format: FormatCode | null; onSite: ActivityKind[] | null; activity: string }[] = [];
    for (const format of [null, ...FORMATS])
      for (const onSite of onSites) for (const activity of [...ACTIVITIES, 'lesson']) cases.push({ format, onSite, activity });
    const { rows } = await t.db.query<{ mode: string }>(
      `select ${deliveryModeSql('x.format', 'x.on_site', 'x.activity')} as mode from (
         select c.n, c.format, c.activity, string_to_array(c.on_site, ',') as on_site
           from unnest($1::text[], $2::text[], $3::text[]) with ordinality as c(format, on_site, activity, n)) x
        order by x.n`,
      [cases.map((c) => c.format), cases.map((c) => c.onSite?.join(',') ?? null), cases.map((c) => c.activity)],
    );
    const expected = cases.map((c) =>
      deliveryMode(
        c.format ? { format: c.format, onSite: c.onSite } : null,
        (ACTIVITIES as readonly string[]).includes(c.activity) ? (c.activity as ActivityKind) : null,
      ),
    );
    expect(rows.map((r) => r.mode)).toEqual(expected);
  });
});

describe('formats tells learning which classes to switch', () => {
  const preview = (level: 'green' | 'red') =>
    recompute(
      t.db,
      {
        scope: { regionId: null, districtId: karasay, settlementId: null },
        from: '2020-12-14',
        write: false,
        extraSituation: {
          id: -1,
          areaLevel: 'district',
          areaId: karasay,
          level,
          effectiveFrom: '2020-12-14',
          recordedAt: NOW.toISOString(),
          source: 'preview',
        },
      },
      NOW,
    );
  const classesOf = async (orgId: number) =>
    (await t.db.query<{ id: number }>('select id from classes where organisation_id = $1', [orgId])).rows.map((r) => r.id);

  test("a format that changes: the rural school's classes, not the city school's (at a distance either way)", async () => {
    const changed = (await preview('red')).lessonClassIds;
    expect(changed).toEqual(expect.arrayContaining(await classesOf(ids.ruralId)));
    expect(changed.filter((id) => id === ids.class5a)).toEqual([]);
  });

  test('a new reason alone (favourable again, from a later date) switches no school lessons', async () => {
    const result = await preview('green');
    expect(result.written.inserted).toBeGreaterThan(0); // the decisions are rewritten: "favourable since 14.12.2020"
    const changed = new Set(result.lessonClassIds);
    expect([...(await classesOf(ids.ruralId)), ...(await classesOf(ids.cityId))].filter((id) => changed.has(id))).toEqual([]);
  });
});

describe('a district turning unfavourable', () => {
  let before: Map<number, LessonState>;
  let cityBefore: Map<number, LessonState>;
  let universityBefore: Map<number, LessonState>;
  let teacherSet = 0;

  beforeAll(async () => {
    // the rural teacher decided their 5 А maths lesson of 15 December is held in person whatever happens
    teacherSet = (
      await t.db.query<{ id: number }>("select id from lessons where class_id = $1 and subject_id = $2 and on_date = '2020-12-15' order by starts_at limit 1", [
        ids.ruralClass,
        ids.math,
      ])
    ).rows[0]!.id;
    const res = await call('ruralTeacher', 'PATCH', `/api/learning/lessons/${teacherSet}`, { delivery: { kind: 'in_person' } });
    expect(res.json()).toMatchObject({ deliverySource: 'teacher', delivery: { kind: 'in_person' } });
    before = await lessonsOf(ids.ruralId);
    cityBefore = await lessonsOf(ids.cityId);
    universityBefore = await lessonsOf(ids.universityId);
    // recorded late: unfavourable since Monday 7 December
    const res2 = await situation('red', '2020-12-07');
    expect(res2.statusCode).toBe(201);
  });

  test("the rural school's lessons not yet begun go remote: TV where a channel is planned (slow internet, TV received), else online", async () => {
    const after = await lessonsOf(ids.ruralId);
    expect([...before.values()].every((l) => l.delivery === 'in_person')).toBe(true);
    const future = [...after.values()].filter((l) => !begun(l) && l.id !== teacherSet);
    expect(future.length).toBeGreaterThan(500);
    const tv = future.filter((l) => l.delivery === 'tv');
    const online = future.filter((l) => l.delivery === 'online_live');
    expect(tv.length + online.length).toBe(future.length);
    expect(tv.length).toBeGreaterThan(100);
    expect(online.length).toBeGreaterThan(100);
    // the national grid's slot for the grade and subject that day (its channel, its air time), else the timetable's channel at the lesson's time
    for (const l of tv) {
      if (l.tvSlotId !== null) {
        expect([l.tvChannel, l.tvAirAt?.getTime(), l.joinUrl, l.source]).toEqual([l.gridChannel, l.gridAt!.getTime(), null, 'format']);
      } else {
        expect(l.slotTv).not.toBeNull();
        expect([l.tvChannel, l.tvAirAt?.getTime(), l.joinUrl, l.source]).toEqual([l.slotTv, l.startsAt.getTime(), null, 'format']);
      }
    }
    expect(tv.filter((l) => l.tvSlotId !== null).length).toBeGreaterThan(0);
    // no standing link in the timetable: a generated, unguessable room per class × subject, the same all term
    const rooms = new Map<string, Set<string>>();
    for (const l of online) {
      expect(l.joinUrl).toMatch(/^https:\/\/live\.sabaq\.example\/[0-9a-f]{32}$/);
      const key = `${l.classId}:${l.subjectId}`;
      rooms.set(key, (rooms.get(key) ?? new Set()).add(l.joinUrl!));
    }
    expect([...rooms.values()].every((s) => s.size === 1)).toBe(true);
    expect(new Set([...rooms.values()].map((s) => [...s][0])).size).toBe(rooms.size);
  });

  test("lessons already begun (the morning of 9 December, the days before) and the teacher's choice stay as they were", async () => {
    const after = await lessonsOf(ids.ruralId);
    const past = [...after.values()].filter(begun);
    expect(past.some((l) => l.date === LEARNING_DEMO.today)).toBe(true);
    expect(past.every((l) => shape(l) === shape(before.get(l.id)!))).toBe(true);
    expect(shape(after.get(teacherSet)!)).toBe(shape(before.get(teacherSet)!));
    // the afternoon shift of the same day had not begun: it goes remote
    expect([...after.values()].some((l) => l.date === LEARNING_DEMO.today && !begun(l) && l.delivery !== 'in_person')).toBe(true);
  });

  test('the lesson page says the rules decided, and flags a lesson left online where TV would reach the village', async () => {
    const after = await lessonsOf(ids.ruralId);
    const online = [...after.values()].find((l) => l.classId === ids.ruralClass && !begun(l) && l.delivery === 'online_live' && l.id !== teacherSet)!;
    const tv = [...after.values()].find((l) => l.classId === ids.ruralClass && !begun(l) && l.delivery === 'tv')!;
    const asTeacher = async (id: number) => {
      const { rows } = await t.db.query<{ teacher_id: number }>('select teacher_id from lessons where id = $1', [id]);
      return (
        await t.app.inject({
          url: `/api/learning/lessons/${id}`,
          headers: { cookie: await loginAs('select iin from persons where id = $1', [rows[0]!.teacher_id]) },
        })
      ).json();
    };
    expect(await asTeacher(online.id)).toMatchObject({ deliverySource: 'format', tvFallback: true, activity: 'lesson', delivery: { kind: 'online_live' } });
    expect(await asTeacher(tv.id)).toMatchObject({ deliverySource: 'format', tvFallback: false, delivery: { kind: 'tv' } });
  });

  test('the city school was at a distance already: nothing of it changes; the university keeps labs on campus, lectures online', async () => {
    const city = await lessonsOf(ids.cityId);
    expect([...city.values()].every((l) => shape(l) === shape(cityBefore.get(l.id)!))).toBe(true);
    const university = [...(await lessonsOf(ids.universityId)).values()];
    expect(university.every((l) => shape(l) === shape(universityBefore.get(l.id)!))).toBe(true);
    const future = university.filter((l) => !begun(l) && l.source === 'format');
    expect(future.filter((l) => l.activity === 'lab').every((l) => l.delivery === 'in_person')).toBe(true);
    expect(future.filter((l) => l.activity === 'lecture').every((l) => l.delivery === 'online_live' && l.joinUrl !== null)).toBe(true);
    expect(future.some((l) => l.activity === 'lab') && future.some((l) => l.activity === 'lecture')).toBe(true);
  });
});

describe("the university's format changes by an officer's override", () => {
  test('regular from 14 December brings its lectures on campus; revoked, lectures go online again and the lab stays', async () => {
    const before = await lessonsOf(ids.universityId);
    const res = await call('demo.district', 'POST', '/api/formats/overrides', {
      organisationId: ids.universityId,
      format: 'regular',
      reason: 'Кампус толық ашылды: аудандық штабтың шешімі',
      effectiveFrom: '2020-12-14',
    });
    expect(res.statusCode).toBe(201);
    const during = await lessonsOf(ids.universityId);
    for (const l of during.values()) {
      const was = before.get(l.id)!;
      if (l.source === 'format' && l.date >= '2020-12-14') expect(l.delivery).toBe('in_person');
      else expect(shape(l)).toBe(shape(was)); // before the 14th, and the teachers' recordings
    }
    expect([...during.values()].some((l) => l.activity === 'lecture' && l.date >= '2020-12-14' && l.delivery === 'in_person')).toBe(true);

    const revoked = await call('demo.district', 'POST', `/api/formats/overrides/${res.json().id}/revoke`, { reason: 'Шешім қайта қаралды' });
    expect(revoked.statusCode).toBe(200);
    const after = await lessonsOf(ids.universityId);
    // back to combined: every lesson exactly as before, lectures on their standing links, labs in person
    expect([...after.values()].every((l) => shape(l) === shape(before.get(l.id)!))).toBe(true);
    const future = [...after.values()].filter((l) => l.date >= '2020-12-14' && l.source === 'format');
    expect(future.some((l) => l.activity === 'lab' && l.delivery === 'in_person')).toBe(true);
    expect(future.some((l) => l.activity === 'lecture' && l.delivery === 'online_live' && l.joinUrl?.startsWith('https://live.sabaq.example/room/'))).toBe(
      true,
    );
  });
});

describe('a district favourable again', () => {
  test("from its date the rural school's rule-set lessons return in person; the teachers' choices stay", async () => {
    // after the red decision the teacher moved one lesson of 22 December online with their own link
    const own = (
      await t.db.query<{ id: number }>("select id from lessons where class_id = $1 and subject_id = $2 and on_date = '2020-12-22' order by starts_at limit 1", [
        ids.ruralClass,
        ids.math,
      ])
    ).rows[0]!.id;
    const set = await call('ruralTeacher', 'PATCH', `/api/learning/lessons/${own}`, {
      delivery: { kind: 'online_live', joinUrl: 'https://meet.example.kz/zhandosov-5a' },
    });
    expect(set.statusCode).toBe(200);
    const before = await lessonsOf(ids.ruralId);
    expect((await situation('green', '2020-12-21')).statusCode).toBe(201);
    const after = await lessonsOf(ids.ruralId);
    for (const l of after.values()) {
      const was = before.get(l.id)!;
      if (l.source === 'teacher' || l.date < '2020-12-21') expect(shape(l)).toBe(shape(was));
      else expect([l.delivery, l.joinUrl, l.tvChannel, l.tvAirAt]).toEqual(['in_person', null, null, null]);
    }
    expect(after.get(own)).toMatchObject({ delivery: 'online_live', joinUrl: 'https://meet.example.kz/zhandosov-5a', source: 'teacher' });
    // 14-18 December stay remote
    expect(
      [...after.values()].filter((l) => l.date >= '2020-12-14' && l.date <= '2020-12-18' && l.source === 'format').every((l) => l.delivery !== 'in_person'),
    ).toBe(true);
  });
});

describe('one transaction', () => {
  test('when switching the lessons fails, the situation, the decisions, the notifications and the lessons stay as they were', async () => {
    const state = async () =>
      (
        await t.db.query<{ s: string }>(
          `select concat_ws('/', (select count(*) from epidemic_situations), (select count(*) from format_decisions),
         (select count(*) from format_decisions where superseded_at is null), (select count(*) from notifications),
         (select md5(string_agg(id || delivery || coalesce(join_url, '') || coalesce(tv_channel, ''), ',' order by id)) from lessons)) as s`,
        )
      ).rows[0]!.s;
    const before = await state();
    await t.db.query(`create function test_refuse_lesson_update() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$`);
    await t.db.query('create trigger test_refuse before update on lessons for each row execute function test_refuse_lesson_update()');
    try {
      const res = await situation('red', '2020-12-23');
      expect(res.statusCode).toBe(500);
    } finally {
      await t.db.query('drop trigger test_refuse on lessons');
      await t.db.query('drop function test_refuse_lesson_update()');
    }
    expect(await state()).toBe(before);
  });
});

describe('queries', () => {
  test('bringing lessons in line is one statement, for one class or for every lesson', async () => {
    const counts: { n: number; considered: number }[] = [];
    await t.db.transaction(async (tx) => {
      for (const scope of [{ classIds: [ids.ruralClass] }, { organisationId: ids.ruralId }, 'all' as const]) {
        let n = 0;
        const counting: Queryable = {
          query: (text, params) => {
            n += 1;
            return tx.query(text, params);
          },
        };
        const r = await applyFormatsToLessons({ tx: counting, scope, from: LEARNING_DEMO.today, now: NOW });
        counts.push({ n, considered: r.considered });
        expect(r.changed).toBe(0); // everything already follows the formats
      }
    });
    expect(counts.map((c) => c.n)).toEqual([1, 1, 1]);
    expect(counts[0]!.considered).toBeLessThan(counts[1]!.considered);
    expect(counts[1]!.considered).toBeLessThan(counts[2]!.considered);
  });
});

describe('teachers and admins', () => {
  test('the teacher takes a lesson over and hands it back to the format; the activity is validated', async () => {
    const { rows } = await t.db.query<{ id: number }>(
      "select id from lessons where class_id = $1 and subject_id = $2 and on_date = '2020-12-10' and delivery_source = 'format' order by starts_at limit 1",
      [ids.class5a, ids.math],
    );
    const id = rows[0]!.id;
    const original = (await call('demo.teacher', 'GET', `/api/learning/lessons/${id}`)).json();
    expect(original).toMatchObject({ deliverySource: 'format', activity: 'lesson', tvFallback: false });
    const mine = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${id}`, { delivery: { kind: 'in_person' } });
    expect(mine.json()).toMatchObject({ deliverySource: 'teacher', delivery: { kind: 'in_person' } });
    const back = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${id}`, { deliverySource: 'format' });
    expect(back.json()).toMatchObject({ deliverySource: 'format', delivery: original.delivery });
    const lab = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${id}`, { activity: 'lab' });
    expect(lab.json()).toMatchObject({ activity: 'lab', delivery: original.delivery }); // 5 А learns at a distance: a lab too
    for (const bad of [{ activity: 'workshop' }, { deliverySource: 'format', delivery: { kind: 'in_person' } }, { deliverySource: 'rules' }]) {
      const res = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${id}`, bad);
      expect([res.statusCode, res.json().error.code]).toEqual([400, 'request.invalid']);
    }
  });

  test("a one-off lesson without a delivery follows the format; with one it is the teacher's", async () => {
    const base = { classId: ids.class5a, subjectId: ids.math, date: '2020-12-12' };
    const free = await call('demo.teacher', 'POST', '/api/learning/lessons', { ...base, periodNumber: 5, activity: 'practice' });
    expect(free.statusCode).toBe(201);
    expect(free.json()).toMatchObject({ deliverySource: 'format', activity: 'practice', delivery: { kind: 'online_live' } });
    expect(free.json().delivery.joinUrl).toMatch(/^https:\/\/live\.sabaq\.example\//);
    const chosen = await call('demo.teacher', 'POST', '/api/learning/lessons', { ...base, periodNumber: 6, delivery: { kind: 'in_person' } });
    expect(chosen.json()).toMatchObject({ deliverySource: 'teacher', activity: 'lesson', delivery: { kind: 'in_person' } });
  });

  test("a university's admin plans a lab slot; its generated lessons follow the format: on campus", async () => {
    const { rows } = await t.db.query<{ class_id: number; subject_id: number; teacher_id: number; term_id: number }>(
      `select ta.class_id, ta.subject_id, ta.teacher_id, t.id as term_id from teaching_assignments ta join classes c on c.id = ta.class_id
         join terms t on t.organisation_id = c.organisation_id and t.number = 2
        where c.organisation_id = $1 order by ta.id limit 1`,
      [ids.universityId],
    );
    const a = rows[0]!;
    const slot = (body: object) =>
      call('universityAdmin', 'POST', `/api/learning/classes/${a.class_id}/timetable`, {
        termId: a.term_id,
        weekday: 6,
        subjectId: a.subject_id,
        teacherId: a.teacher_id,
        ...body,
      });
    const refused = await slot({ periodNumber: 1, activity: 'lesson' });
    expect([refused.statusCode, refused.json().error.code]).toEqual([422, 'learning.activity_not_for_organisation']);
    const lab = await slot({ periodNumber: 1, activity: 'lab' });
    expect(lab.statusCode).toBe(201);
    expect(lab.json()).toMatchObject({ activity: 'lab', delivery: { kind: 'in_person' } });
    const lecture = await slot({ periodNumber: 2 });
    expect(lecture.json()).toMatchObject({ activity: 'lecture' });
    const gen = await call('universityAdmin', 'POST', `/api/learning/terms/${a.term_id}/lessons`, { classIds: [a.class_id] });
    expect(gen.statusCode).toBe(200);
    const made = (
      await t.db.query<{ activity: string; delivery: string; source: string; join_url: string | null; n: number }>(
        `select l.activity, l.delivery, l.delivery_source as source, l.join_url, count(*) as n from lessons l
        where l.slot_id = any($1::bigint[]) group by 1, 2, 3, 4`,
        [[lab.json().id, lecture.json().id]],
      )
    ).rows;
    expect(made).toHaveLength(2);
    expect(made.find((m) => m.activity === 'lab')).toMatchObject({ delivery: 'in_person', source: 'format', join_url: null });
    expect(made.find((m) => m.activity === 'lecture')).toMatchObject({ delivery: 'online_live', source: 'format' });
  });
});
