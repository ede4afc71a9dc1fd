/**
 * The live module's authorisation matrix (run by live.matrix.test.ts), WITHOUT a media server: an
 * authorised request that needs Janus answers 503 `live.media_server_unavailable`, so the matrix
 * shows that authorisation (404 outside, 403 for onlookers) is decided before the media server is
 * asked. Inside: 5 А of the city school (demo.pupil's class, demo.teacher's maths, demo.homeroom's
 * class), a maths lesson running at the pinned time, an open room of another of its lessons, a
 * meeting demo.homeroom scheduled; outside: the same at a school of another region.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Matrix, MatrixEndpoint } from '../../../test/authz-matrix.js';
import { only } from '../../../test/authz-matrix.js';
import { OTHER_REGION_SCHOOL } from '../../seed/demo-facts.js';
import { demoIds } from '../learning/learning.fixtures.js';

interface Objects {
  lesson: number;
  room: number;
  cls: number;
  meeting: number;
  ticket: number;
  /** a school-wide broadcast meeting (the city school's admin organises, its parents watch), its school, a question in it */
  broadcast: number;
  school: number;
  question: number;
}
/** where the matrix's server reads the broadcasts' live HLS: each broadcast gets a master playlist there */
const BROADCAST_DIR = path.join(os.tmpdir(), `sabaq-matrix-broadcasts-${process.pid}`);
const MISSING = 99_999_999;
const U = 503; // needs the media server, which the matrix runs without

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/live/status', request: () => '/api/live/status', inside: only({}, 200), outside: false, missing: false },
  {
    route: 'GET /api/live/lessons/:id',
    request: (o) => `/api/live/lessons/${o.lesson}`,
    inside: only({ pupil: 200, parent: 200, teacher: 200, homeroom: 200, admin: 200 }),
  },
  {
    route: 'GET /api/live/rooms/:id',
    request: (o) => `/api/live/rooms/${o.room}`,
    inside: only({ pupil: 200, parent: 200, teacher: 200, homeroom: 200, admin: 200 }),
  },
  {
    route: 'POST /api/live/lessons/:id/start',
    request: (o) => ({ url: `/api/live/lessons/${o.lesson}/start`, payload: {} }),
    inside: only({ pupil: 403, parent: 403, teacher: U, homeroom: 403, admin: 403 }),
  },
  {
    route: 'POST /api/live/rooms/:id/ticket',
    request: (o) => `/api/live/rooms/${o.room}/ticket`,
    inside: only({ pupil: U, parent: 403, teacher: U, homeroom: U, admin: U }),
  },
  { route: 'GET /api/live/meetings', request: () => '/api/live/meetings', inside: only({}, 200), outside: false, missing: false },
  {
    route: 'POST /api/live/classes/:id/meetings',
    request: (o) => ({ url: `/api/live/classes/${o.cls}/meetings`, payload: { topic: 'Cyberculture', startsAt: '2020-12-10T18:00:00+06:00' } }),
    inside: only({ homeroom: 201, admin: 201 }),
  },
  {
    route: 'POST /api/live/meetings/:id/start',
    request: (o) => ({ url: `/api/live/meetings/${o.meeting}/start`, payload: {} }),
    inside: only({ parent: 403, homeroom: U, admin: U }),
  },
  {
    route: 'GET /api/live/rooms/:id/attendance',
    request: (o) => `/api/live/rooms/${o.room}/attendance`,
    inside: only({ pupil: 403, parent: 403, teacher: 200, homeroom: 403, admin: 403 }),
  },
  {
    route: 'POST /api/live/rooms/:id/participants/:ticketId/remove',
    request: (o) => `/api/live/rooms/${o.room}/participants/${o.ticket}/remove`,
    inside: only({ pupil: 403, parent: 403, teacher: U, homeroom: 403, admin: 403 }),
  },
  {
    route: 'POST /api/live/rooms/:id/participants/:ticketId/mute',
    request: (o) => ({ url: `/api/live/rooms/${o.room}/participants/${o.ticket}/mute`, payload: { mids: ['0'] } }),
    inside: only({ pupil: 403, parent: 403, teacher: U, homeroom: 403, admin: 403 }),
  },
  {
    route: 'POST /api/live/rooms/:id/participants/:ticketId/floor',
    request: (o) => ({ url: `/api/live/rooms/${o.room}/participants/${o.ticket}/floor`, payload: { speak: true } }),
    inside: only({ pupil: 403, parent: 403, teacher: 200, homeroom: 403, admin: 403 }),
  },
  {
    route: 'GET /api/live/rooms/:id/me',
    request: (o) => `/api/live/rooms/${o.room}/me`,
    inside: only({ pupil: 200, parent: 200, teacher: 200, homeroom: 200, admin: 200 }),
  },
  {
    route: 'POST /api/live/rooms/:id/end',
    request: (o) => `/api/live/rooms/${o.room}/end`,
    inside: only({ pupil: 403, parent: 403, teacher: U, homeroom: 403, admin: 403 }),
  },
  // ── broadcast meetings (school-wide here): the school's admin hosts, parents of its pupils watch ──
  {
    route: 'POST /api/live/broadcasts',
    request: (o) => ({
      url: '/api/live/broadcasts',
      payload: { scope: 'school', targetId: o.school, topic: 'Knowledge Day', startsAt: '2020-12-10T18:00:00+06:00' },
    }),
    inside: only({ admin: 201 }),
  },
  { route: 'GET /api/live/broadcasts', request: () => '/api/live/broadcasts', inside: only({}, 200), outside: false, missing: false },
  { route: 'GET /api/live/broadcasts/:id', request: (o) => `/api/live/broadcasts/${o.broadcast}`, inside: only({ parent: 200, admin: 200 }) },
  { route: 'POST /api/live/broadcasts/:id/open', request: (o) => `/api/live/broadcasts/${o.broadcast}/open`, inside: only({ parent: 403, admin: U }) },
  {
    route: 'POST /api/live/broadcasts/:id/on-air',
    request: (o) => ({ url: `/api/live/broadcasts/${o.broadcast}/on-air`, payload: { publisherId: 1, audioMid: '0', videoMid: '1' } }),
    // the room is not open (no media server here): 409 after the policy
    inside: only({ parent: 403, admin: 409 }),
  },
  {
    route: 'POST /api/live/broadcasts/:id/watching',
    request: (o) => `/api/live/broadcasts/${o.broadcast}/watching`,
    inside: only({ parent: 204, admin: 204 }),
  },
  {
    route: 'GET /api/live/broadcasts/:id/hls/*',
    request: (o) => `/api/live/broadcasts/${o.broadcast}/hls/master.m3u8`,
    inside: only({ parent: 200, admin: 200 }),
  },
  {
    route: 'GET /api/live/broadcasts/:id/questions',
    request: (o) => `/api/live/broadcasts/${o.broadcast}/questions`,
    inside: only({ parent: 200, admin: 200 }),
  },
  {
    route: 'POST /api/live/broadcasts/:id/questions',
    request: (o) => ({ url: `/api/live/broadcasts/${o.broadcast}/questions`, payload: { body: 'Will there be printed packs?' } }),
    inside: only({ parent: 201, admin: 201 }),
  },
  {
    route: 'POST /api/live/broadcasts/:id/questions/:questionId',
    request: (o) => ({ url: `/api/live/broadcasts/${o.broadcast}/questions/${o.question}`, payload: { state: 'shown' } }),
    inside: only({ parent: 403, admin: 200 }),
  },
  // last: it ends the broadcast
  { route: 'POST /api/live/broadcasts/:id/end', request: (o) => `/api/live/broadcasts/${o.broadcast}/end`, inside: only({ parent: 403, admin: 200 }) },
  // ended, but nothing was broadcast from this server: nothing to keep (the keeping itself: broadcast.test.ts)
  { route: 'POST /api/live/broadcasts/:id/keep', request: (o) => `/api/live/broadcasts/${o.broadcast}/keep`, inside: only({ parent: 403, admin: 409 }) },
];

export const matrix: Matrix<Objects> = {
  module: 'live',
  env: { LEARNING_TODAY: '2020-12-09T09:00:00+06:00', JANUS_URL: '', LIVE_BROADCAST_DIR: BROADCAST_DIR },
  endpoints,
  async objects(t) {
    const ids = await demoIds(t.db);
    const one = <T>(sql: string, params: unknown[] = []) => t.one<T>(sql, params);
    // a maths lesson of 5 А running at the pinned time, and an open room of another of its lessons
    const lesson = await one<number>(`select id from lessons where class_id = $1 and subject_id = $2 and on_date = '2020-12-09' order by starts_at limit 1`, [
      ids.class5a,
      ids.math,
    ]);
    await t.db.query(`update lessons set starts_at = '2020-12-09T08:50:00+06:00', ends_at = '2020-12-09T09:35:00+06:00', cancelled = false where id = $1`, [
      lesson,
    ]);
    const roomOf = async (lessonId: number) =>
      one<number>(
        `insert into live_media_rooms (lesson_id, organisation_id, class_id, janus_room, secret, pin, closes_at, started_by, started_at)
       select id, organisation_id, class_id, 1000 + id, 's', 'p', '2030-01-01', teacher_id, '2020-12-09T08:50:00+06:00' from lessons where id = $1 returning id`,
        [lessonId],
      );
    const other5a = await one<number>('select id from lessons where class_id = $1 and subject_id = $2 and id <> $3 order by starts_at limit 1', [
      ids.class5a,
      ids.math,
      lesson,
    ]);
    const room = await roomOf(other5a);
    const homeroom = await t.login('demo.homeroom');
    const made = await t.app.inject({
      method: 'POST',
      url: `/api/live/classes/${ids.class5a}/meetings`,
      headers: { cookie: homeroom },
      payload: { topic: 'How to study at home?', startsAt: '2020-12-09T09:10:00+06:00' },
    });
    if (made.statusCode !== 201) throw new Error(`live matrix fixture: ${made.statusCode} ${made.body}`);

    // outside: a school of another region
    const otherOrg = await one<number>('select id from organisations where name_en = $1', [OTHER_REGION_SCHOOL.names.en]);
    const otherLesson = await one<number>('select id from lessons where organisation_id = $1 order by on_date desc, starts_at limit 1', [otherOrg]);
    const otherClass = await one<number>('select class_id from lessons where id = $1', [otherLesson]);
    const otherRoom = await roomOf(otherLesson);
    const otherMeeting = await one<number>(
      `insert into live_meetings (organisation_id, class_id, topic, starts_at, ends_at, created_by, created_at)
       select organisation_id, class_id, 'Cyberculture', '2020-12-09T09:10:00+06:00', '2020-12-09T09:55:00+06:00', teacher_id, now() from lessons where id = $1 returning id`,
      [otherLesson],
    );
    // a participant's ticket in each room (the host's controls act on it)
    const ticketIn = (roomId: number, personSql: string, params: unknown[]) =>
      one<number>(
        `insert into live_tickets (room_id, person_id, role, token, issued_at, expires_at) select $1, (${personSql}), 'participant', 'matrix-token', now(), '2030-01-01' returning id`,
        [roomId, ...params],
      );
    const ticket = await ticketIn(room, 'select $2::bigint', [ids.pupil]);
    const otherTicket = await ticketIn(otherRoom, 'select pupil_id from class_members where class_id = $2 limit 1', [otherClass]);
    // broadcasts: the city school's (scheduled by its admin, a parent's question in it) and the other region school's
    const admin = await t.login('demo.admin');
    const parent = await t.login('demo.parent');
    const scheduled = await t.app.inject({
      method: 'POST',
      url: '/api/live/broadcasts',
      headers: { cookie: admin },
      payload: { scope: 'school', targetId: ids.cityId, topic: 'How to study at home?', startsAt: '2020-12-09T09:10:00+06:00' },
    });
    if (scheduled.statusCode !== 201) throw new Error(`live matrix fixture: ${scheduled.statusCode} ${scheduled.body}`);
    const broadcast = scheduled.json().id as number;
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/live/broadcasts/${broadcast}/questions`,
      headers: { cookie: parent },
      payload: { body: 'When do classes start again?' },
    });
    if (asked.statusCode !== 201) throw new Error(`live matrix fixture: ${asked.statusCode} ${asked.body}`);
    const otherBroadcast = await one<number>(
      `insert into live_broadcasts (scope, organisation_id, district_id, topic, starts_at, ends_at, created_by, created_at)
       select 'school', o.id, o.district_id, 'Cyberculture', '2020-12-09T09:10:00+06:00', '2020-12-09T10:10:00+06:00', $2, now() from organisations o where o.id = $1 returning id`,
      [otherOrg, ids.admin],
    );
    // the outside broadcast's creator must not be a matrix role: hand it to a person of that school
    await t.db.query(`update live_broadcasts set created_by = (select pupil_id from class_members where class_id = $2 limit 1) where id = $1`, [
      otherBroadcast,
      otherClass,
    ]);
    const otherQuestion = await one<number>(
      `insert into live_broadcast_questions (broadcast_id, person_id, body, created_at) select $1, created_by, 'Outside?', now() from live_broadcasts where id = $1 returning id`,
      [otherBroadcast],
    );
    for (const id of [broadcast, otherBroadcast]) {
      mkdirSync(path.join(BROADCAST_DIR, String(id)), { recursive: true });
      writeFileSync(path.join(BROADCAST_DIR, String(id), 'master.m3u8'), '#EXTM3U\n');
    }
    return {
      inside: { lesson, room, cls: ids.class5a, meeting: made.json().id, ticket, broadcast, school: ids.cityId, question: asked.json().id },
      outside: {
        lesson: otherLesson,
        room: otherRoom,
        cls: otherClass,
        meeting: otherMeeting,
        ticket: otherTicket,
        broadcast: otherBroadcast,
        school: otherOrg,
        question: otherQuestion,
      },
      missing: { lesson: MISSING, room: MISSING, cls: MISSING, meeting: MISSING, ticket: MISSING, broadcast: MISSING, school: MISSING, question: MISSING },
    };
  },
};
