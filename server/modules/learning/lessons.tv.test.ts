import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonOf, type DemoIds } from './learning.fixtures.js';
import { LEARNING_DEMO } from './learning.seed.js';

process.env.LEARNING_TODAY = LEARNING_DEMO.now;

/** Issue 10, item 3: a TV lesson points at its slot in the broadcast grid; Today says channel, time, recording. */
let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const call = (login: string, method: 'GET' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[login]! } });

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.teacher', 'demo.district']) cookies[login] = await t.login(login);
});
afterAll(async () => t?.close());

const version = async (classId: number) =>
  Number((await t.db.query<{ version: string }>('select version from class_day_versions where class_id = $1', [classId])).rows[0]?.version ?? 0);

describe('a TV lesson on a slot of the grid', () => {
  test('the teacher points the lesson at a slot; Today and the lesson page show the channel, its clock and the recording once ready', async () => {
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const { rows: v } = await t.db.query<{ id: number }>(
      `insert into video_videos (owner_id, visibility, title, status, source_key, source_bytes)
       values ((select person_id from accounts where login = 'demo.teacher'), 'public', 'Бөлшектер', 'transcoding', 'video/x/source', 1) returning id`,
    );
    const videoId = Number(v[0]!.id);
    // 10:20 on Al-Farabi's clock (Asia/Almaty, +05:00 since March 2024; the demo year is 2020: +06:00)
    const startsAt = `${LEARNING_DEMO.today}T10:20:00+06:00`;
    const { rows: s } = await t.db.query<{ id: number }>(
      `insert into video_tv_slots (channel_id, starts_at, ends_at, grade, language, topic, video_id)
       values ((select id from video_tv_channels where code = 'al_farabi'), $1, $1::timestamptz + interval '30 minutes', 5, 'kk', 'Бөлшектерді қосу', $2) returning id`,
      [startsAt, videoId],
    );
    const slotId = Number(s[0]!.id);

    const before = await t.db.query('select delivery, tv_channel, tv_slot_id from lessons where id = $1', [lesson]);
    // a slot that does not exist: 404 with a clear code, nothing written
    const missing = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${lesson}`, { topic: 'жаңа', delivery: { kind: 'tv', tvSlotId: 999_999_999 } });
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'learning.tv_slot_not_found']);
    // a slot of a local retransmission channel, which a lesson cannot name: the same 404, nothing written (never a 500)
    const { rows: local } = await t.db.query<{ id: number }>(
      `with c as (insert into video_tv_channels (code, name) values ('local_kaskelen', 'Kaskelen TV') returning id)
       insert into video_tv_slots (channel_id, starts_at, ends_at, grade, language, topic)
       select c.id, $1::timestamptz + interval '2 hours', $1::timestamptz + interval '150 minutes', 5, 'kk', 'Жергілікті' from c returning id`,
      [startsAt],
    );
    const onLocal = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${lesson}`, { delivery: { kind: 'tv', tvSlotId: Number(local[0]!.id) } });
    expect([onLocal.statusCode, onLocal.json().error.code]).toEqual([404, 'learning.tv_slot_not_found']);
    // neither a slot nor a channel and a time: 400
    const empty = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${lesson}`, { delivery: { kind: 'tv' } });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'request.invalid']);
    const after = await t.db.query('select delivery, tv_channel, tv_slot_id, topic from lessons where id = $1', [lesson]);
    expect(after.rows[0]).toMatchObject(before.rows[0]!);
    expect(after.rows[0]!.topic).not.toBe('жаңа');
    // a pupil cannot set it
    expect(
      (await call('demo.pupil', 'PATCH', `/api/learning/lessons/${lesson}`, { delivery: { kind: 'tv', tvSlotId: slotId } })).statusCode,
    ).toBeGreaterThanOrEqual(403);

    const set = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${lesson}`, { delivery: { kind: 'tv', tvSlotId: slotId } });
    expect(set.statusCode).toBe(200);
    expect(set.json().delivery).toMatchObject({
      kind: 'tv',
      tvChannel: 'al_farabi',
      tvAirAt: new Date(startsAt).toISOString(),
      tvSlot: { id: slotId, channelName: 'Al-Farabi', timeZone: 'Asia/Almaty', startsAt: new Date(startsAt).toISOString(), videoId: null },
    });

    // the slot's side: the lessons it serves, to whoever may see their class (the teacher, the pupil), and to nobody else
    const served = async (login: string) => {
      const res = await call(login, 'GET', `/api/learning/me/tv-lessons?date=${LEARNING_DEMO.today}`);
      expect(res.statusCode, res.body).toBe(200);
      return res
        .json()
        .items.filter((i: { slotId: number }) => i.slotId === slotId)
        .map((i: { lessonId: number }) => i.lessonId);
    };
    expect(await served('demo.teacher')).toEqual([lesson]);
    expect(await served('demo.pupil')).toEqual([lesson]);
    expect(await served('demo.district')).toEqual([]);
    expect((await call('demo.pupil', 'GET', '/api/learning/me/tv-lessons?date=9.12.2020')).statusCode).toBe(400);

    const todayLesson = async () =>
      (await call('demo.pupil', 'GET', `/api/learning/pupils/${ids.pupil}/diary`)).json().lessons.find((l: { id: number }) => l.id === lesson);
    expect((await todayLesson()).delivery.tvSlot).toMatchObject({ id: slotId, channelName: 'Al-Farabi', videoId: null });

    // the recording becomes ready: the class's day changes (cache version bumped) and Today links it
    const v0 = await version(ids.class5a);
    await t.db.query(`update video_videos set progress = 0.5 where id = $1`, [videoId]);
    expect(await version(ids.class5a)).toBe(v0); // a heartbeat changes nothing Today shows
    await t.db.query(`update video_videos set status = 'ready', progress = 1, ready_at = now() where id = $1`, [videoId]);
    expect(await version(ids.class5a)).toBeGreaterThan(v0);
    expect((await todayLesson()).delivery.tvSlot).toMatchObject({ id: slotId, videoId });
    const page = (await call('demo.pupil', 'GET', `/api/learning/lessons/${lesson}`)).json();
    expect(page.delivery.tvSlot).toMatchObject({ id: slotId, channelName: 'Al-Farabi', videoId });

    // back to a channel and time by hand: the slot is dropped
    const manual = await call('demo.teacher', 'PATCH', `/api/learning/lessons/${lesson}`, {
      delivery: { kind: 'tv', tvChannel: 'el_arna', tvAirAt: `${LEARNING_DEMO.today}T11:00:00+06:00` },
    });
    expect(manual.json().delivery).toMatchObject({ tvChannel: 'el_arna', tvSlot: null });
  });
});
