/**
 * Live lessons against a REAL Janus started by the test (live.test-support.ts): a room is created on
 * Janus when the teacher starts the lesson, a pupil of the class gets a ticket whose token Janus
 * accepts (a wrong or missing token is refused by Janus itself), others get 404/403, and the room is
 * destroyed at the end with every token taken back.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonOf, type DemoIds } from '../learning/learning.fixtures.js';
import { janusBinary, startJanus, type TestJanus } from './live.test-support.js';
import { JanusClient } from './live.janus.js';
import { loadLiveConfig } from './live.config.js';

const NOW = '2020-12-09T09:00:00+06:00';
const hasJanus = janusBinary() !== null;
if (!hasJanus) console.warn('live.janus.test.ts: SKIPPED — the janus binary is not installed (apt-get install -y janus)');

/** A browser's first steps on Janus with a ticket: session (core token), attach VideoRoom, join as publisher; the event that answers. */
async function joinOnJanus(
  url: string,
  t: { janusRoom: number; pin: string; token: string; janusToken: string | null; display: string },
  override: { token?: string | null; pin?: string } = {},
) {
  const tx = () => Math.random().toString(36).slice(2);
  const post = async (u: string, body: object) =>
    (await fetch(u, { method: 'POST', body: JSON.stringify({ ...body, transaction: tx(), token: t.janusToken ?? undefined }) })).json() as Promise<
      Record<string, any>
    >;
  const session = await post(url, { janus: 'create' });
  if (session.janus !== 'success') return { refusedAt: 'session', error: session.error };
  const sid = session.data.id;
  const handle = await post(`${url}/${sid}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
  const hid = handle.data.id;
  const token = override.token === undefined ? t.token : override.token;
  await post(`${url}/${sid}/${hid}`, {
    janus: 'message',
    body: { request: 'join', ptype: 'publisher', room: t.janusRoom, pin: override.pin ?? t.pin, display: t.display, ...(token === null ? {} : { token }) },
  });
  for (let i = 0; i < 10; i++) {
    const qs = t.janusToken ? `&token=${encodeURIComponent(t.janusToken)}` : '';
    const ev = (await (await fetch(`${url}/${sid}?maxev=1&rid=${Date.now()}${qs}`)).json()) as Record<string, any>;
    const data = ev.plugindata?.data;
    if (data) {
      await post(`${url}/${sid}`, { janus: 'destroy' }).catch(() => undefined);
      return data.error_code ? { refusedAt: 'join', code: data.error_code as number } : { joined: data.videoroom as string };
    }
  }
  return { refusedAt: 'timeout' };
}

describe.skipIf(!hasJanus)('live lessons on a real Janus', () => {
  let janus: TestJanus;
  let t: TestApp;
  let ids: DemoIds;
  let lesson: number;
  let otherLesson: number;
  let admin: JanusClient;
  const saved: Record<string, string | undefined> = {};
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    janus = (await startJanus())!;
    const env = { ...janus.env, LEARNING_TODAY: NOW };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    t = await createTestApp({ env });
    ids = await demoIds(t.db);
    lesson = await lessonOf(t.db, ids.class5a, '2020-12-09', ids.math);
    otherLesson = await lessonOf(t.db, ids.class6b, '2020-12-09', ids.math);
    // the lessons run at the pinned time (whatever the seed's timetable says)
    await t.db.query(`update lessons set starts_at = '2020-12-09T08:50:00+06:00', ends_at = '2020-12-09T09:35:00+06:00', cancelled = false where id = $1`, [
      lesson,
    ]);
    await t.db.query(`update lessons set starts_at = '2020-12-09T09:20:00+06:00', ends_at = '2020-12-09T10:05:00+06:00', cancelled = false where id = $1`, [
      otherLesson,
    ]);
    for (const who of ['teacher', 'pupil', 'parent', 'homeroom', 'admin']) cookies[who] = await t.login(`demo.${who}`);
    admin = new JanusClient(loadLiveConfig(env).janus!);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await janus?.stop();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(method === 'POST' ? { payload: payload ?? {} } : {}) });

  test('the teacher starts a live lesson: a room exists on Janus; a pupil of the class joins with their own token; the end destroys it', async () => {
    const state = (await call('teacher', 'GET', `/api/live/lessons/${lesson}`)).json();
    expect(state).toMatchObject({ available: true, room: null, canStart: true });

    // a pupil cannot start it; the homeroom teacher sees it but is not its teacher
    expect((await call('pupil', 'POST', `/api/live/lessons/${lesson}/start`)).json().error.code).toBe('live.not_the_teacher');
    expect((await call('homeroom', 'POST', `/api/live/lessons/${lesson}/start`)).statusCode).toBe(403);

    const started = await call('teacher', 'POST', `/api/live/lessons/${lesson}/start`, { audioOnly: false });
    expect(started.statusCode, started.body).toBe(201);
    const room = started.json();
    // starting again answers the same room
    expect((await call('teacher', 'POST', `/api/live/lessons/${lesson}/start`)).json().id).toBe(room.id);
    const row = (await t.db.query<{ janus_room: number; secret: string }>('select janus_room, secret from live_media_rooms where id = $1', [room.id])).rows[0]!;
    expect(await admin.participants(row.janus_room)).toEqual([]);

    const pupilTicket = await call('pupil', 'POST', `/api/live/rooms/${room.id}/ticket`);
    expect(pupilTicket.statusCode, pupilTicket.body).toBe(201);
    const ticket = pupilTicket.json();
    expect(ticket).toMatchObject({ role: 'participant', janusRoom: row.janus_room, janusUrl: janus.url, kind: 'lesson', lessonId: lesson });
    expect(ticket.janusToken).toBe(ticket.token);

    // Janus itself enforces the ticket: the token and pin let the pupil in; no token, a wrong token or a wrong pin do not
    expect(await joinOnJanus(janus.url, ticket)).toEqual({ joined: 'joined' });
    expect(await joinOnJanus(janus.url, ticket, { token: null })).toMatchObject({ refusedAt: 'join' });
    expect(await joinOnJanus(janus.url, ticket, { token: 'not-a-ticket' })).toMatchObject({ refusedAt: 'join' });
    expect(await joinOnJanus(janus.url, ticket, { pin: 'wrong' })).toMatchObject({ refusedAt: 'join' });
    expect(await joinOnJanus(janus.url, { ...ticket, janusToken: 'forged' })).toMatchObject({ refusedAt: 'session' });

    const teacherTicket = (await call('teacher', 'POST', `/api/live/rooms/${room.id}/ticket`)).json();
    expect(teacherTicket.role).toBe('host');
    expect(await joinOnJanus(janus.url, teacherTicket)).toEqual({ joined: 'joined' });

    // the pupil sees the open room on the lesson and may join; the parent sees it runs but gets no ticket
    expect((await call('pupil', 'GET', `/api/live/lessons/${lesson}`)).json()).toMatchObject({ canJoin: true, canStart: false, room: { id: room.id } });
    expect((await call('parent', 'POST', `/api/live/rooms/${room.id}/ticket`)).json().error.code).toBe('live.not_invited');

    // only the teacher ends it
    expect((await call('pupil', 'POST', `/api/live/rooms/${room.id}/end`)).statusCode).toBe(403);
    const ended = await call('teacher', 'POST', `/api/live/rooms/${room.id}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().endedAt).not.toBeNull();
    expect(await admin.participants(row.janus_room)).toBeNull(); // destroyed on Janus
    expect((await call('pupil', 'POST', `/api/live/rooms/${room.id}/ticket`)).json().error.code).toBe('live.room_ended');
    // the tokens were taken back: Janus refuses them now
    expect(await joinOnJanus(janus.url, ticket)).toMatchObject({ refusedAt: 'session' });
    const tokens = await t.db.query('select 1 from live_tickets where room_id = $1 and token is not null', [room.id]);
    expect(tokens.rowCount).toBe(0);
  });

  test('a pupil of another class gets 404 for the room, exactly like a missing one', async () => {
    const room = (await call('teacher', 'POST', `/api/live/lessons/${otherLesson}/start`)).json();
    const res = await call('pupil', 'POST', `/api/live/rooms/${room.id}/ticket`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('live.room_not_found');
    expect((await call('pupil', 'POST', '/api/live/rooms/99999999/ticket')).json().error.code).toBe('live.room_not_found');
    expect((await call('pupil', 'GET', `/api/live/lessons/${otherLesson}`)).statusCode).toBe(404);
    expect((await call('teacher', 'POST', `/api/live/rooms/${room.id}/end`)).statusCode).toBe(200);
  });

  test('a lesson that has ended cannot be started', async () => {
    await t.db.query(`update lessons set starts_at = '2020-12-09T07:00:00+06:00', ends_at = '2020-12-09T07:45:00+06:00' where id = $1`, [otherLesson]);
    const res = await call('teacher', 'POST', `/api/live/lessons/${otherLesson}/start`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('live.lesson_over');
  });

  test('the homeroom teacher schedules a parent meeting: parents are notified, join its room on Janus; others cannot', async () => {
    const past = await call('homeroom', 'POST', `/api/live/classes/${ids.class5a}/meetings`, {
      topic: 'How to study at home?',
      startsAt: '2020-12-08T18:00:00+06:00',
    });
    expect(past.json().error.code).toBe('live.meeting_in_past');
    expect((await call('teacher', 'POST', `/api/live/classes/${ids.class5a}/meetings`, { topic: 'x', startsAt: '2020-12-09T09:10:00+06:00' })).statusCode).toBe(
      404,
    );
    const before = await t.one<number>("select count(*)::int from notifications where kind = 'live.meeting_scheduled' and person_id = $1", [ids.parent]);
    const made = await call('homeroom', 'POST', `/api/live/classes/${ids.class5a}/meetings`, {
      topic: 'How to study at home?',
      startsAt: '2020-12-09T09:10:00+06:00',
      minutes: 40,
    });
    expect(made.statusCode, made.body).toBe(201);
    const meeting = made.json();
    expect(meeting.invited).toBeGreaterThan(0);
    expect(await t.one<number>("select count(*)::int from notifications where kind = 'live.meeting_scheduled' and person_id = $1", [ids.parent])).toBe(
      before + 1,
    );

    const parentList = (await call('parent', 'GET', '/api/live/meetings')).json().items;
    expect(parentList.find((m: { id: number }) => m.id === meeting.id)).toMatchObject({ isHost: false, topic: 'How to study at home?' });
    expect((await call('parent', 'POST', `/api/live/meetings/${meeting.id}/start`)).statusCode).toBe(403);
    expect((await call('teacher', 'POST', `/api/live/meetings/${meeting.id}/start`)).statusCode).toBe(404);

    const room = (await call('homeroom', 'POST', `/api/live/meetings/${meeting.id}/start`)).json();
    expect(room.kind).toBe('meeting');
    const ticket = (await call('parent', 'POST', `/api/live/rooms/${room.id}/ticket`)).json();
    expect(ticket.role).toBe('participant');
    expect(await joinOnJanus(janus.url, ticket)).toEqual({ joined: 'joined' });
    expect((await call('pupil', 'POST', `/api/live/rooms/${room.id}/ticket`)).statusCode).toBe(404);
    expect((await call('homeroom', 'POST', `/api/live/rooms/${room.id}/end`)).statusCode).toBe(200);
  });

  test("a class hour invites the class's pupils, not their parents: they are told, list it and join its room; parents cannot", async () => {
    const count = (person: number) =>
      t.one<number>("select count(*)::int from notifications where kind = 'live.meeting_scheduled' and person_id = $1 and params->>'audience' = 'pupils'", [
        person,
      ]);
    const [pupilBefore, parentBefore] = [await count(ids.pupil), await count(ids.parent)];
    const made = await call('homeroom', 'POST', `/api/live/classes/${ids.class5a}/meetings`, {
      topic: 'Cyberculture',
      startsAt: '2020-12-09T09:20:00+06:00',
      minutes: 30,
      audience: 'pupils',
    });
    expect(made.statusCode, made.body).toBe(201);
    const hour = made.json();
    expect(hour).toMatchObject({ audience: 'pupils' });
    expect(hour.invited).toBeGreaterThan(0);
    expect([await count(ids.pupil), await count(ids.parent)]).toEqual([pupilBefore + 1, parentBefore]);
    expect((await call('pupil', 'GET', '/api/live/meetings')).json().items.find((m: { id: number }) => m.id === hour.id)).toMatchObject({
      audience: 'pupils',
      isHost: false,
    });
    expect((await call('parent', 'GET', '/api/live/meetings')).json().items.find((m: { id: number }) => m.id === hour.id)).toBeUndefined();
    const room = (await call('homeroom', 'POST', `/api/live/meetings/${hour.id}/start`)).json();
    expect((await call('pupil', 'POST', `/api/live/rooms/${room.id}/ticket`)).json().role).toBe('participant');
    expect((await call('parent', 'POST', `/api/live/rooms/${room.id}/ticket`)).statusCode).toBe(404);
    expect((await call('homeroom', 'POST', `/api/live/rooms/${room.id}/end`)).statusCode).toBe(200);
    // an audience that is neither: 400, nothing written
    const bad = await call('homeroom', 'POST', `/api/live/classes/${ids.class5a}/meetings`, {
      topic: 'x',
      startsAt: '2020-12-09T10:00:00+06:00',
      audience: 'teachers',
    });
    expect(bad.statusCode).toBe(400);
  });

  test('rooms past their closing time are destroyed by the sweep', async () => {
    const { closeOverdueRooms, liveDeps } = await import('./live.usecases.js');
    const room = (await call('teacher', 'POST', `/api/live/lessons/${lesson}/start`)).json();
    const row = (await t.db.query<{ janus_room: number }>('select janus_room from live_media_rooms where id = $1', [room.id])).rows[0]!;
    const closed = await closeOverdueRooms(t.db, liveDeps(loadLiveConfig(process.env)), new Date('2020-12-09T12:00:00+06:00'));
    expect(closed).toBeGreaterThanOrEqual(1);
    expect(await admin.participants(row.janus_room)).toBeNull();
  });
});
