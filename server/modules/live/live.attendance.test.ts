/**
 * Attendance from the media server (decision 0029) against a REAL Janus: a teacher and two pupils of
 * the class join the lesson's room on Janus with their tickets and stay; the server reads the room's
 * participant list (trackPresence, run on a timer in the app) at chosen instants; a pupil who leaves
 * is gone at the next look; the end of the room closes the rest. Minutes present go into the
 * journal's online presence (attendance.online, online_minutes) and the host's attendance list.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, lessonOf, type DemoIds } from '../learning/learning.fixtures.js';
import { janusBinary, startJanus, type TestJanus } from './live.test-support.js';
import { JanusClient } from './live.janus.js';
import { loadLiveConfig } from './live.config.js';
import { liveDeps, trackPresence } from './live.usecases.js';

const NOW = '2020-12-09T09:00:00+06:00';
const hasJanus = janusBinary() !== null;
if (!hasJanus) console.warn('live.attendance.test.ts: SKIPPED — the janus binary is not installed (apt-get install -y janus)');

/** Joins the room on Janus as a browser would (publisher, not publishing) and stays until leave(). */
async function stayOnJanus(url: string, t: { janusRoom: number; pin: string; token: string; janusToken: string | null; display: string }) {
  const tx = () => Math.random().toString(36).slice(2);
  const post = async (u: string, body: object) =>
    (await fetch(u, { method: 'POST', body: JSON.stringify({ ...body, transaction: tx(), token: t.janusToken ?? undefined }) })).json() as Promise<
      Record<string, any>
    >;
  const session = await post(url, { janus: 'create' });
  const sid = session.data.id;
  const handle = await post(`${url}/${sid}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
  await post(`${url}/${sid}/${handle.data.id}`, {
    janus: 'message',
    body: { request: 'join', ptype: 'publisher', room: t.janusRoom, pin: t.pin, display: t.display, token: t.token },
  });
  for (let i = 0; i < 20; i++) {
    const qs = t.janusToken ? `&token=${encodeURIComponent(t.janusToken)}` : '';
    const ev = (await (await fetch(`${url}/${sid}?maxev=1&rid=${Date.now()}${qs}`)).json()) as Record<string, any>;
    if (ev.plugindata?.data?.videoroom === 'joined') break;
    if (ev.plugindata?.data?.error_code) throw new Error(`join refused: ${JSON.stringify(ev.plugindata.data)}`);
  }
  return { leave: () => post(`${url}/${sid}`, { janus: 'destroy' }) };
}

describe.skipIf(!hasJanus)('attendance from the participants on a real Janus', () => {
  let janus: TestJanus;
  let t: TestApp;
  let ids: DemoIds;
  let lesson: number;
  let admin: JanusClient;
  const saved: Record<string, string | undefined> = {};
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    janus = (await startJanus())!;
    // the app's own timer stays out of the way: the test looks at chosen instants
    const env = { ...janus.env, LEARNING_TODAY: NOW, LIVE_ATTENDANCE_SECONDS: '600' };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    t = await createTestApp({ env });
    ids = await demoIds(t.db);
    lesson = await lessonOf(t.db, ids.class5a, '2020-12-09', ids.math);
    await t.db.query(`update lessons set starts_at = '2020-12-09T08:50:00+06:00', ends_at = '2020-12-09T09:35:00+06:00', cancelled = false where id = $1`, [
      lesson,
    ]);
    for (const who of ['teacher', 'pupil', 'parent']) cookies[who] = await t.login(`demo.${who}`);
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
  const at = (hhmm: string) => new Date(`2020-12-09T${hhmm}:00+06:00`);

  test('a teacher and two pupils join; minutes present come from the participant list; a leave and the end close the stretches', async () => {
    const live = liveDeps(loadLiveConfig(process.env));
    const room = (await call('teacher', 'POST', `/api/live/lessons/${lesson}/start`)).json();
    const janusRoom = await t.one<number>('select janus_room from live_media_rooms where id = $1', [room.id]);
    const teacherTicket = (await call('teacher', 'POST', `/api/live/rooms/${room.id}/ticket`)).json();
    const pupilTicket = (await call('pupil', 'POST', `/api/live/rooms/${room.id}/ticket`)).json();
    // a second pupil of 5 А: their ticket as the ticket use case makes it (token allowed on Janus)
    const pupil2 = await t.one<number>('select pupil_id from class_members where class_id = $1 and pupil_id <> $2 order by pupil_id limit 1', [
      ids.class5a,
      ids.pupil,
    ]);
    const token2 = `second-pupil-${Date.now()}`;
    await admin.addToken(token2);
    await admin.allow(janusRoom, await t.one<string>('select secret from live_media_rooms where id = $1', [room.id]), [token2]);
    const ticket2 = await t.one<number>(
      `insert into live_tickets (room_id, person_id, role, token, issued_at, expires_at) values ($1, $2, 'participant', $3, $4, $4::timestamptz + interval '2 hours') returning id`,
      [room.id, pupil2, token2, at('09:00')],
    );

    const teacher = await stayOnJanus(janus.url, teacherTicket);
    const pupil = await stayOnJanus(janus.url, pupilTicket);
    const second = await stayOnJanus(janus.url, { ...pupilTicket, token: token2, janusToken: token2, display: `participant-${ticket2}` });
    // someone on Janus without a Sabaq ticket's display is not counted
    expect((await admin.participants(janusRoom))!.map((p) => p.display).sort()).toEqual(
      [`host-${teacherTicket.display.split('-')[1]}`, pupilTicket.display, `participant-${ticket2}`].sort(),
    );

    expect(await trackPresence(t.db, live, at('09:00'))).toBe(3);
    expect(await trackPresence(t.db, live, at('09:12'))).toBe(3);
    // the journal already shows both pupils online, with the minutes so far
    const journal = async () =>
      (
        await t.db.query<{ pupil_id: string; online: boolean; online_minutes: number | null; status: string }>(
          'select pupil_id, online, online_minutes, status from attendance where lesson_id = $1 and pupil_id = any($2::bigint[]) order by pupil_id',
          [lesson, [ids.pupil, pupil2]],
        )
      ).rows.map((r) => ({ pupil: Number(r.pupil_id), online: r.online, minutes: r.online_minutes, status: r.status }));
    expect(await journal()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pupil: ids.pupil, online: true, minutes: 12 }),
        expect.objectContaining({ pupil: pupil2, online: true, minutes: 12 }),
      ]),
    );

    await second.leave();
    for (let i = 0; i < 50 && (await admin.participants(janusRoom))!.length > 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await trackPresence(t.db, live, at('09:20'))).toBe(2);
    // the host's list while the room runs: the second pupil left when last seen (09:12)
    const list = await call('teacher', 'GET', `/api/live/rooms/${room.id}/attendance`);
    expect(list.statusCode, list.body).toBe(200);
    const byPerson = new Map(list.json().items.map((i: { personId: number }) => [i.personId, i]));
    expect(byPerson.get(pupil2)).toMatchObject({ role: 'participant', minutes: 12, present: false, firstJoinedAt: at('09:00').toISOString() });
    expect(byPerson.get(ids.pupil)).toMatchObject({ minutes: 20, present: true });
    expect(byPerson.get(ids.teacher)).toMatchObject({ role: 'host', present: true });
    expect((await call('pupil', 'GET', `/api/live/rooms/${room.id}/attendance`)).statusCode).toBe(403);
    expect((await call('parent', 'GET', `/api/live/rooms/${room.id}/attendance`)).statusCode).toBe(403);

    // the end (the pinned clock says 09:00; a stretch never ends before it was last seen)
    expect((await call('teacher', 'POST', `/api/live/rooms/${room.id}/end`)).statusCode).toBe(200);
    await pupil.leave().catch(() => undefined);
    await teacher.leave().catch(() => undefined);
    expect(await t.one<number>('select count(*)::int from live_presence where room_id = $1 and left_at is null', [room.id])).toBe(0);
    expect(await journal()).toEqual(
      expect.arrayContaining([expect.objectContaining({ pupil: ids.pupil, minutes: 20 }), expect.objectContaining({ pupil: pupil2, minutes: 12 })]),
    );
    // the teacher is not a pupil: no journal row for them
    expect(await t.one<number>('select count(*)::int from attendance where lesson_id = $1 and pupil_id = $2', [lesson, ids.teacher])).toBe(0);
    // what people see: the teacher's journal grid and the pupil's and parent's diary say present online, with the minutes
    const grid = await call('teacher', 'GET', `/api/learning/journal?classId=${ids.class5a}&subjectId=${ids.math}`);
    expect(grid.statusCode, grid.body).toBe(200);
    expect(grid.json().attendance).toEqual(
      expect.arrayContaining([expect.objectContaining({ lessonId: lesson, pupilId: ids.pupil, online: true, onlineMinutes: 20 })]),
    );
    for (const who of ['pupil', 'parent']) {
      const diary = await call(who, 'GET', `/api/learning/pupils/${ids.pupil}/diary?from=2020-12-09&to=2020-12-09`);
      expect(diary.statusCode, diary.body).toBe(200);
      const seen = diary.json().lessons.find((l: { id: number }) => l.id === lesson);
      expect(seen.attendance).toMatchObject({ status: 'present', online: true, onlineMinutes: 20 });
    }
    // the ended room answers nothing more on Janus; a later look changes nothing
    expect(await trackPresence(t.db, live, at('09:30'))).toBe(0);
    expect(await journal()).toEqual(expect.arrayContaining([expect.objectContaining({ pupil: ids.pupil, minutes: 20 })]));
  });

  test("the host's controls on Janus: a bandwidth cap per room, the floor, removing a pupil (hung up, token dead, no new ticket)", async () => {
    const started = await call('teacher', 'POST', `/api/live/lessons/${lesson}/start`, { audioOnly: true, bitrate: 96_000 });
    expect(started.statusCode, started.body).toBe(201);
    const room = started.json();
    expect(room).toMatchObject({ audioOnly: true, bitrate: 96_000 });
    expect((await call('teacher', 'POST', `/api/live/lessons/${lesson}/start`, { bitrate: 10 })).statusCode).toBe(400);
    const janusRoom = await t.one<number>('select janus_room from live_media_rooms where id = $1', [room.id]);
    const pupilTicket = (await call('pupil', 'POST', `/api/live/rooms/${room.id}/ticket`)).json();
    expect(pupilTicket.bitrate).toBe(96_000);
    const ticketId = Number(pupilTicket.display.split('-')[1]);
    const pupil = await stayOnJanus(janus.url, pupilTicket);
    expect((await admin.participants(janusRoom))!.map((p) => p.display)).toEqual([pupilTicket.display]);

    // the floor: the pupil's page learns it from /me
    expect((await call('pupil', 'GET', `/api/live/rooms/${room.id}/me`)).json()).toMatchObject({ maySpeak: false, removed: false, endedAt: null });
    expect((await call('teacher', 'POST', `/api/live/rooms/${room.id}/participants/${ticketId}/floor`, { speak: true })).json()).toMatchObject({
      done: 'floor_given',
    });
    expect((await call('pupil', 'GET', `/api/live/rooms/${room.id}/me`)).json().maySpeak).toBe(true);
    expect((await call('pupil', 'POST', `/api/live/rooms/${room.id}/participants/${ticketId}/floor`, { speak: true })).statusCode).toBe(403);
    expect((await call('teacher', 'POST', `/api/live/rooms/${room.id}/participants/99999999/floor`, { speak: true })).json().error.code).toBe(
      'live.participant_not_found',
    );

    // removal: Janus hangs the pupil up, the token no longer opens a session, no new ticket
    const removed = await call('teacher', 'POST', `/api/live/rooms/${room.id}/participants/${ticketId}/remove`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({ done: 'removed', personId: ids.pupil, onMediaServer: 1 });
    for (let i = 0; i < 50 && (await admin.participants(janusRoom))!.length > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await admin.participants(janusRoom)).toEqual([]);
    const again = (await fetch(janus.url, { method: 'POST', body: JSON.stringify({ janus: 'create', transaction: 'x', token: pupilTicket.token }) }).then((r) =>
      r.json(),
    )) as { janus: string };
    expect(again.janus).toBe('error');
    const refused = await call('pupil', 'POST', `/api/live/rooms/${room.id}/ticket`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('live.removed');
    expect((await call('pupil', 'GET', `/api/live/rooms/${room.id}/me`)).json()).toMatchObject({ removed: true, maySpeak: false });
    await pupil.leave().catch(() => undefined);
    expect((await call('teacher', 'POST', `/api/live/rooms/${room.id}/end`)).statusCode).toBe(200);
  });
});
