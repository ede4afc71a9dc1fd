import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import { notify } from '../notifications/notifications.usecases.js';
import { classForLive, lessonFactsForLive, lessonForLive, namesForLive, parentsOfClass, pupilsOfClass, recordLivePresence } from '../learning/live.usecases.js';
import type { LiveConfig } from './live.config.js';
import { JanusClient, JanusRefused, JanusUnavailable, randomRoomNumber, randomSecret } from './live.janus.js';
import * as repo from './live.repository.js';
import { canOrganiseMeeting, lessonPart, meetingListScope, meetingPart, type RoomPart } from './live.policy.js';
import { closesAt, openWindow, publishersFor, ticketExpiry, turnCredentials } from './live.rules.js';
import {
  classNotFound,
  lessonNotFound,
  lessonOver,
  mediaServerUnavailable,
  meetingCancelled,
  meetingInPast,
  meetingNotFound,
  notInvited,
  notTheHost,
  notTheTeacher,
  participantNotFound,
  removedFromRoom,
  roomEnded,
  roomNotFound,
  tooEarly,
} from './live.errors.js';
import type { JoinTicket, LiveRoom, Meeting, RoomAttendance } from '../../../contracts/live.js';
import { acceptRecording, videoState } from '../video/video.usecases.js';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { postProcess, recordedPublishers } from './live.recording.js';

/** What the live use cases stand on: the media server (null when not configured) and the settings. */
export interface LiveDeps {
  janus: JanusClient | null;
  config: LiveConfig;
  log?: { warn: (obj: object, msg: string) => void };
  /** the last answer of the availability probe (kept 10 s: a lesson page does not ask Janus each time) */
  probe?: { at: number; ok: boolean };
}

export function liveDeps(config: LiveConfig, log?: LiveDeps['log']): LiveDeps {
  return { janus: config.janus ? new JanusClient(config.janus) : null, config, log };
}

/** Runs a media-server call; anything the server cannot do there answers 503 `live.media_server_unavailable`. */
async function onJanus<T>(live: LiveDeps, what: string, fn: (janus: JanusClient) => Promise<T>): Promise<T> {
  if (!live.janus) throw mediaServerUnavailable();
  try {
    return await fn(live.janus);
  } catch (err) {
    if (err instanceof JanusUnavailable || err instanceof JanusRefused) {
      live.log?.warn({ err: err.message, what }, 'live: media server call failed');
      throw mediaServerUnavailable();
    }
    throw err;
  }
}

/** Is the media server configured and answering with the VideoRoom plugin? (The web hides live features otherwise.) */
export async function mediaServerAvailable(live: LiveDeps): Promise<boolean> {
  if (!live.janus) return false;
  if (live.probe && Date.now() - live.probe.at < 10_000) return live.probe.ok;
  let ok = false;
  try {
    ok = (await live.janus.info()).videoroom;
  } catch {
    ok = false;
  }
  live.probe = { at: Date.now(), ok };
  return ok;
}

export function roomView(r: repo.RoomRow, defaultBitrate = 256_000): LiveRoom {
  return {
    id: r.id,
    kind: r.lessonId !== null ? 'lesson' : 'meeting',
    lessonId: r.lessonId,
    meetingId: r.meetingId,
    audioOnly: r.audioOnly,
    bitrate: r.bitrate ?? defaultBitrate,
    record: r.record,
    recording: r.recordingState ? { state: r.recordingState, videoId: r.recordingVideoId } : null,
    startedAt: new Date(r.startedAt).toISOString(),
    closesAt: new Date(r.closesAt).toISOString(),
    endedAt: r.endedAt ? new Date(r.endedAt).toISOString() : null,
  };
}

/** Opens a room on Janus and records it; when another request opened one meanwhile, that one is kept. */
async function openRoom(
  db: Db,
  live: LiveDeps,
  args: {
    key: { lessonId: number } | { meetingId: number };
    kind: 'lesson' | 'meeting';
    organisationId: number;
    classId: number;
    endsAt: Date;
    audioOnly: boolean;
    actor: Actor;
    now: Date;
    bitrate?: number;
    record?: boolean;
  },
): Promise<repo.RoomRow> {
  const open = await repo.openRoomOf(db, args.key);
  if (open) return open;
  const spec = {
    room: randomRoomNumber(),
    secret: randomSecret(),
    pin: randomSecret(6),
    description: `sabaq ${args.kind} ${'lessonId' in args.key ? args.key.lessonId : args.key.meetingId}`,
    publishers: publishersFor(args.kind),
    bitrate: args.bitrate ?? live.config.bitrate,
    recDir: undefined as string | undefined,
  };
  if (args.record) {
    spec.recDir = path.join(live.config.recordingsDir, String(spec.room));
    await mkdir(spec.recDir, { recursive: true });
  }
  await onJanus(live, 'create room', (j) => j.createRoom(spec));
  const row = await repo.insertRoom(db, {
    lessonId: 'lessonId' in args.key ? args.key.lessonId : null,
    meetingId: 'meetingId' in args.key ? args.key.meetingId : null,
    organisationId: args.organisationId,
    classId: args.classId,
    janusRoom: spec.room,
    secret: spec.secret,
    pin: spec.pin,
    audioOnly: args.audioOnly,
    closesAt: closesAt(args.endsAt),
    startedBy: args.actor.personId,
    startedAt: args.now,
    bitrate: args.bitrate ?? live.config.bitrate,
    record: Boolean(args.record),
  });
  if (row) return row;
  // case: two starts at once: the other room is the lesson's, ours goes
  await live.janus!.destroyRoom(spec.room, spec.secret).catch(() => undefined);
  const winner = await repo.openRoomOf(db, args.key);
  if (!winner) throw new Error('live: room vanished after a lost race');
  return winner;
}

/** Destroys the room on Janus, takes back its tokens and marks it ended (whoever is still in leaves now). */
async function closeRoom(db: Db, live: LiveDeps, room: repo.RoomRow, now: Date): Promise<repo.RoomRow> {
  // a last look at who is there, so a stretch ends at the room's end and not at the last poll
  await trackRoom(db, live, room, now).catch(() => undefined);
  await onJanus(live, 'destroy room', (j) => j.destroyRoom(room.janusRoom, room.secret));
  const tokens = await db.transaction(async (tx) => {
    await repo.closeRoomPresence(tx, room.id, now);
    if (room.lessonId !== null) await syncLessonAttendance(tx, room.lessonId, now);
    return repo.endRoom(tx, room.id, now);
  });
  if (live.janus?.tokenAuth) await Promise.all(tokens.map((t) => live.janus!.removeToken(t).catch(() => undefined)));
  return { ...room, endedAt: now };
}

// ── lessons ──────────────────────────────────────────────────────────────────

async function lessonOrThrow(db: Queryable, actor: Actor, lessonId: number, now: Date) {
  const lesson = await lessonForLive(db, actor, lessonId, now);
  if (!lesson) throw lessonNotFound();
  return lesson;
}

/** The lesson's live state for its page: is the media server there, is the room open, may I start or join it. */
export async function lessonLive(db: Db, live: LiveDeps, actor: Actor, lessonId: number, now: Date) {
  const lesson = await lessonOrThrow(db, actor, lessonId, now);
  const room = await repo.openRoomOf(db, { lessonId });
  const part = lessonPart(lesson);
  const available = await mediaServerAvailable(live);
  const window = lesson.cancelled ? 'over' : openWindow(now, lesson.startsAt, lesson.endsAt);
  return {
    lessonId,
    available,
    room: room ? roomView(room) : null,
    canStart: part === 'host' && available && window === 'open',
    canJoin: room !== null && (part === 'host' || part === 'participant'),
    startsAt: lesson.startsAt.toISOString(),
    endsAt: lesson.endsAt.toISOString(),
    recordings: await lessonRecordings(db, lessonId),
  };
}

/** The lesson's teacher opens its live room (30 minutes before the start at the earliest; the same room when already open). */
export async function startLesson(
  db: Db,
  live: LiveDeps,
  actor: Actor,
  lessonId: number,
  audioOnly: boolean,
  now: Date,
  bitrate?: number,
  record?: boolean,
): Promise<LiveRoom> {
  const lesson = await lessonOrThrow(db, actor, lessonId, now);
  if (lessonPart(lesson) !== 'host') throw notTheTeacher();
  if (lesson.cancelled) throw lessonOver();
  const window = openWindow(now, lesson.startsAt, lesson.endsAt);
  if (window === 'early') throw tooEarly();
  if (window === 'over') throw lessonOver();
  const room = await openRoom(db, live, {
    key: { lessonId },
    kind: 'lesson',
    organisationId: lesson.organisationId,
    classId: lesson.classId,
    endsAt: lesson.endsAt,
    audioOnly,
    actor,
    now,
    bitrate,
    record,
  });
  return roomView(room);
}

// ── meetings ─────────────────────────────────────────────────────────────────

/** A class's homeroom teacher (or the school's admin) schedules a parent meeting or a class hour; the invited are told. */
export async function scheduleMeeting(
  db: Db,
  actor: Actor,
  args: { classId: number; topic: string; startsAt: Date; minutes: number; audience?: 'parents' | 'pupils'; now: Date },
): Promise<Meeting> {
  const audience = args.audience ?? 'parents';
  const cls = await classForLive(db, args.classId);
  if (!cls || !canOrganiseMeeting(actor, { classId: cls.id, organisationId: cls.organisationId })) throw classNotFound();
  if (args.startsAt.getTime() < args.now.getTime()) throw meetingInPast();
  const endsAt = new Date(args.startsAt.getTime() + args.minutes * 60_000);
  return db.transaction(async (tx) => {
    const id = await repo.insertMeeting(tx, {
      organisationId: cls.organisationId,
      classId: cls.id,
      topic: args.topic,
      startsAt: args.startsAt,
      endsAt,
      createdBy: actor.personId,
      createdAt: args.now,
      audience,
    });
    const invited = audience === 'pupils' ? await pupilsOfClass(tx, cls.id) : await parentsOfClass(tx, cls.id);
    await notify(
      tx,
      invited.map((personId) => ({
        personId,
        kind: 'live.meeting_scheduled',
        params: { meetingId: id, classId: cls.id, className: cls.name, topic: args.topic, startsAt: args.startsAt.toISOString(), audience },
      })),
      args.now,
    );
    return {
      id,
      classId: cls.id,
      className: cls.name,
      topic: args.topic,
      startsAt: args.startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      cancelled: false,
      room: null,
      isHost: true,
      audience,
      invited: invited.length,
    };
  });
}

/** Meetings I organise or am invited to (my children's classes), from yesterday on. */
export async function myMeetings(db: Db, actor: Actor, now: Date): Promise<Meeting[]> {
  const rows = await repo.meetingsFor(db, meetingListScope(actor), now);
  return rows.flatMap((m) => {
    const part = meetingPart(actor, m);
    if (part === 'none') return [];
    return [
      {
        id: m.id,
        classId: m.classId,
        className: m.className,
        topic: m.topic,
        startsAt: new Date(m.startsAt).toISOString(),
        endsAt: new Date(m.endsAt).toISOString(),
        cancelled: m.cancelledAt !== null,
        room: m.room ? roomView(m.room) : null,
        isHost: part === 'host',
        audience: m.audience,
      },
    ];
  });
}

async function meetingOrThrow(db: Queryable, actor: Actor, meetingId: number) {
  const m = await repo.findMeeting(db, meetingId);
  if (!m) throw meetingNotFound();
  const part = meetingPart(actor, m);
  if (part === 'none') throw meetingNotFound();
  return { meeting: m, part };
}

/** The organiser opens the meeting's room (30 minutes before at the earliest). */
export async function startMeeting(
  db: Db,
  live: LiveDeps,
  actor: Actor,
  meetingId: number,
  audioOnly: boolean,
  now: Date,
  bitrate?: number,
  record?: boolean,
): Promise<LiveRoom> {
  const { meeting, part } = await meetingOrThrow(db, actor, meetingId);
  if (part !== 'host') throw notTheHost();
  if (meeting.cancelledAt) throw meetingCancelled();
  const window = openWindow(now, new Date(meeting.startsAt), new Date(meeting.endsAt));
  if (window === 'early') throw tooEarly();
  if (window === 'over') throw lessonOver();
  const room = await openRoom(db, live, {
    key: { meetingId },
    kind: 'meeting',
    organisationId: meeting.organisationId,
    classId: meeting.classId,
    endsAt: new Date(meeting.endsAt),
    audioOnly,
    actor,
    now,
    bitrate,
    record,
  });
  return roomView(room);
}

// ── rooms ────────────────────────────────────────────────────────────────────

/** The actor's part in a room (through its lesson or meeting); 404 when outside their scope. */
async function roomPart(db: Queryable, actor: Actor, room: repo.RoomRow, now: Date): Promise<RoomPart> {
  if (room.lessonId !== null) {
    const lesson = await lessonForLive(db, actor, room.lessonId, now);
    return lesson ? lessonPart(lesson) : 'none';
  }
  const m = await repo.findMeeting(db, room.meetingId!);
  return m ? meetingPart(actor, m) : 'none';
}

async function roomOrThrow(db: Queryable, actor: Actor, roomId: number, now: Date) {
  const room = await repo.findRoom(db, roomId);
  if (!room) throw roomNotFound();
  const part = await roomPart(db, actor, room, now);
  if (part === 'none') throw roomNotFound();
  return { room, part };
}

export async function getRoom(db: Db, actor: Actor, roomId: number, now: Date): Promise<LiveRoom> {
  return roomView((await roomOrThrow(db, actor, roomId, now)).room);
}

/**
 * A join ticket for one person: a fresh token is added to the room's `allowed` list on Janus (and,
 * with Janus token_auth, as a core token for the VideoRoom plugin), so only the people Sabaq let in
 * can join, each with their own token. Hosts publish; participants listen and may be given the floor.
 */
export async function issueTicket(db: Db, live: LiveDeps, actor: Actor, roomId: number, now: Date): Promise<JoinTicket> {
  const { room, part } = await roomOrThrow(db, actor, roomId, now);
  if (part === 'onlooker') throw notInvited();
  if (room.endedAt) throw roomEnded();
  if (part !== 'host' && (await repo.isRemoved(db, room.id, actor.personId))) throw removedFromRoom();
  if (new Date(room.closesAt).getTime() <= now.getTime()) {
    await closeRoom(db, live, room, now).catch(() => undefined);
    throw roomEnded();
  }
  const token = randomSecret();
  const role = part === 'host' ? 'host' : 'participant';
  await onJanus(live, 'allow token', async (j) => {
    await j.addToken(token);
    await j.allow(room.janusRoom, room.secret, [token]);
  });
  const expiresAt = ticketExpiry(now, new Date(room.closesAt), live.config.ticketMinutes);
  const ticketId = await repo.insertTicket(db, { roomId: room.id, personId: actor.personId, role, token, issuedAt: now, expiresAt });
  return {
    roomId: room.id,
    kind: room.lessonId !== null ? 'lesson' : 'meeting',
    janusUrl: live.config.janus!.publicUrl,
    janusRoom: room.janusRoom,
    pin: room.pin,
    token,
    janusToken: live.janus!.tokenAuth ? token : null,
    role,
    // no names go to the media server: a role and the ticket number are enough to tell feeds apart
    display: `${role}-${ticketId}`,
    audioOnly: room.audioOnly,
    bitrate: room.bitrate ?? live.config.bitrate,
    expiresAt: expiresAt.toISOString(),
    lessonId: room.lessonId,
    meetingId: room.meetingId,
    iceServers: live.config.turn ? [{ urls: live.config.turn.urls, ...turnCredentials(live.config.turn.secret, expiresAt, `t${ticketId}`) }] : [],
  };
}

/** The host ends the room: Janus destroys it (everyone is hung up) and the tokens are taken back. */
export async function endRoom(db: Db, live: LiveDeps, actor: Actor, roomId: number, now: Date): Promise<LiveRoom> {
  const { room, part } = await roomOrThrow(db, actor, roomId, now);
  if (part !== 'host') throw room.lessonId !== null ? notTheTeacher() : notTheHost();
  if (room.endedAt) return roomView(room);
  return roomView(await closeRoom(db, live, room, now));
}

/** Destroys rooms past their closing time (run every minute by the routes' timer). */
export async function closeOverdueRooms(db: Db, live: LiveDeps, now: Date): Promise<number> {
  if (!live.janus) return 0;
  let closed = 0;
  for (const room of await repo.overdueRooms(db, now)) {
    try {
      await closeRoom(db, live, room, now);
      closed++;
    } catch {
      // the media server is away: the next run tries again
    }
  }
  return closed;
}

/** The one start-up line when live lessons are off (null when Janus answers): `npm start` goes on either way. */
export async function liveStartupProblem(config: LiveConfig): Promise<string | null> {
  if (!config.janus) return 'Live lessons are off: JANUS_URL is not set (lesson pages offer the recording or TV instead; see docs/decisions/0024)';
  try {
    const info = await new JanusClient(config.janus).info();
    return info.videoroom ? null : `Live lessons are off: Janus at ${config.janus.url} has no VideoRoom plugin`;
  } catch {
    return `Live lessons are off: Janus at ${config.janus.url} does not answer (live features answer 503 until it does)`;
  }
}

// ── attendance from the media server (decision 0029) ────────────────────────

/** `host-12` / `participant-12`: the display a ticket gives names its ticket. */
function ticketOfDisplay(display: string | undefined): number | null {
  const m = /^(?:host|participant)-(\d{1,15})$/.exec(display ?? '');
  return m ? Number(m[1]) : null;
}

/**
 * Looks at one open room's participant list on Janus and records presence: someone newly listed
 * starts a stretch (joined now), someone still listed is seen now, someone no longer listed left when
 * last seen. A lesson's pupils go into the journal (present online, minutes). Idempotent: two
 * processes looking at once are serialised per room and agree.
 */
export async function trackRoom(db: Db, live: LiveDeps, room: repo.RoomRow, now: Date): Promise<number | null> {
  if (!live.janus || room.endedAt) return null;
  const list = await live.janus.participants(room.janusRoom);
  if (list === null) return null; // gone from Janus: the sweep ends it
  const listed = list.flatMap((p) => {
    const ticketId = ticketOfDisplay(p.display);
    return ticketId === null ? [] : [{ ticketId, janusId: Number(p.id) }];
  });
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1::int, $2::int)', [0x11fe, room.id % 2 ** 31]);
    const tickets = await repo.ticketsOfRoom(tx, room.id, [...new Set(listed.map((l) => l.ticketId))]);
    const here = listed.filter((l) => tickets.has(l.ticketId));
    const key = (ticketId: number, janusId: number) => `${ticketId}:${janusId}`;
    const hereKeys = new Set(here.map((l) => key(l.ticketId, l.janusId)));
    const open = await repo.openPresence(tx, room.id);
    const openKeys = new Set(open.map((o) => key(o.ticketId, o.janusId)));
    await repo.seenPresence(
      tx,
      open.filter((o) => hereKeys.has(key(o.ticketId, o.janusId))).map((o) => o.id),
      now,
    );
    await repo.leavePresence(
      tx,
      open.filter((o) => !hereKeys.has(key(o.ticketId, o.janusId))).map((o) => o.id),
    );
    for (const l of here) {
      if (!openKeys.has(key(l.ticketId, l.janusId))) {
        await repo.insertPresence(tx, { roomId: room.id, ticketId: l.ticketId, personId: tickets.get(l.ticketId)!.personId, janusId: l.janusId, at: now });
      }
    }
    if (room.lessonId !== null) await syncLessonAttendance(tx, room.lessonId, now);
    return here.length;
  });
}

/** Every pupil seen in any room of the lesson: present online in the journal, with whole minutes present. */
async function syncLessonAttendance(db: Queryable, lessonId: number, now: Date): Promise<void> {
  for (const s of await repo.presenceSummary(db, await repo.roomIdsOfLesson(db, lessonId))) {
    if (s.role !== 'participant') continue;
    await recordLivePresence(db, { lessonId, pupilId: s.personId, firstJoinedAt: new Date(s.firstJoinedAt), minutes: Math.floor(s.seconds / 60), now });
  }
}

/** Looks at every open room (run every LIVE_ATTENDANCE_SECONDS by the routes' timer); a room Janus does not answer for is skipped. */
export async function trackPresence(db: Db, live: LiveDeps, now: Date): Promise<number> {
  if (!live.janus) return 0;
  let seen = 0;
  for (const room of await repo.openRooms(db)) {
    try {
      seen += (await trackRoom(db, live, room, now)) ?? 0;
    } catch (err) {
      live.log?.warn({ err: err instanceof Error ? err.message : String(err), roomId: room.id }, 'live: presence not read');
    }
  }
  return seen;
}

/** Who was in the room and for how long (the lesson's or meeting's hosts only). */
export async function roomAttendance(db: Db, actor: Actor, roomId: number, now: Date): Promise<RoomAttendance> {
  const { room, part } = await roomOrThrow(db, actor, roomId, now);
  if (part !== 'host') throw room.lessonId !== null ? notTheTeacher() : notTheHost();
  const rows = await repo.presenceSummary(db, [room.id]);
  const names = await namesForLive(
    db,
    rows.map((r) => r.personId),
  );
  return {
    roomId: room.id,
    items: rows.map((r) => ({
      personId: r.personId,
      ticketId: r.ticketId,
      name: names.get(r.personId) ?? '',
      role: r.role,
      firstJoinedAt: new Date(r.firstJoinedAt).toISOString(),
      lastSeenAt: new Date(r.lastSeenAt).toISOString(),
      minutes: Math.floor(r.seconds / 60),
      present: r.present,
    })),
  };
}

// ── the host's controls ─────────────────────────────────────────────────────

async function hostRoom(db: Db, actor: Actor, roomId: number, now: Date) {
  const { room, part } = await roomOrThrow(db, actor, roomId, now);
  if (part !== 'host') throw room.lessonId !== null ? notTheTeacher() : notTheHost();
  if (room.endedAt) throw roomEnded();
  return room;
}

async function targetOf(db: Db, room: repo.RoomRow, ticketId: number) {
  const ticket = await repo.findTicket(db, room.id, ticketId);
  if (!ticket || ticket.role === 'host') throw participantNotFound();
  return ticket;
}

/** The Janus participant ids of every ticket this person holds in the room. */
async function janusIdsOf(db: Db, janus: JanusClient, room: repo.RoomRow, personId: number): Promise<number[]> {
  const tickets = new Set((await repo.ticketsOfPerson(db, room.id, personId)).map((t) => t.id));
  const list = (await janus.participants(room.janusRoom)) ?? [];
  return list
    .filter((p) => {
      const id = ticketOfDisplay(p.display);
      return id !== null && tickets.has(id);
    })
    .map((p) => Number(p.id));
}

/**
 * The host removes a participant: every token of theirs for the room is taken back (out of the room's
 * `allowed` list and, with token_auth, the Janus core token), they are hung up on Janus (`kick`), and
 * no new ticket is issued to them for this room (403 `live.removed`).
 */
export async function removeParticipant(db: Db, live: LiveDeps, actor: Actor, roomId: number, ticketId: number, now: Date) {
  const room = await hostRoom(db, actor, roomId, now);
  const target = await targetOf(db, room, ticketId);
  const tokens = (await repo.ticketsOfPerson(db, room.id, target.personId)).flatMap((t) => (t.token ? [t.token] : []));
  // the media server first: if it is away nothing is written and the host tries again
  const kicked = await onJanus(live, 'remove participant', async (j) => {
    await j.disallow(room.janusRoom, room.secret, tokens);
    await Promise.all(tokens.map((t) => j.removeToken(t)));
    const ids = await janusIdsOf(db, j, room, target.personId);
    for (const id of ids) await j.kick(room.janusRoom, room.secret, id);
    return ids.length;
  });
  await db.transaction((tx) => repo.removePerson(tx, room.id, target.personId, now));
  await trackRoom(db, live, room, now).catch(() => undefined);
  return { ticketId, personId: target.personId, done: 'removed' as const, onMediaServer: kicked };
}

/** The host mutes (or unmutes) a participant's streams for everyone, on the media server. */
export async function muteParticipant(
  db: Db,
  live: LiveDeps,
  actor: Actor,
  roomId: number,
  ticketId: number,
  body: { mids: string[]; mute: boolean },
  now: Date,
) {
  const room = await hostRoom(db, actor, roomId, now);
  const target = await targetOf(db, room, ticketId);
  const done = await onJanus(live, 'mute participant', async (j) => {
    const ids = await janusIdsOf(db, j, room, target.personId);
    for (const id of ids) for (const mid of body.mids) await j.moderate(room.janusRoom, room.secret, id, mid, body.mute);
    return ids.length;
  });
  return { ticketId, personId: target.personId, done: body.mute ? ('muted' as const) : ('unmuted' as const), onMediaServer: done };
}

/** The host gives a participant the floor (their page then publishes their microphone) or takes it back. */
export async function setFloor(db: Db, actor: Actor, roomId: number, ticketId: number, speak: boolean, now: Date) {
  const room = await hostRoom(db, actor, roomId, now);
  const target = await targetOf(db, room, ticketId);
  if (target.removedAt) throw participantNotFound();
  await repo.setFloor(db, room.id, target.personId, speak);
  return { ticketId, personId: target.personId, done: speak ? ('floor_given' as const) : ('floor_taken' as const), onMediaServer: 0 };
}

/** A participant's own standing (polled by their page): given the floor, removed, the room ended. */
export async function myPlace(db: Db, actor: Actor, roomId: number, now: Date) {
  const { room } = await roomOrThrow(db, actor, roomId, now);
  const place = await repo.myPlace(db, room.id, actor.personId);
  return { roomId: room.id, ...place, endedAt: room.endedAt ? new Date(room.endedAt).toISOString() : null };
}

// ── recordings (janus-pp-rec + ffmpeg → the video pipeline) ────────────────

/**
 * Processes one ended room's recording, if one waits: its Janus files become one video that the
 * video module judges, stores and queues for the HLS ladder (with the audio-only rung), linked to
 * the room (and so to its lesson). Run by the routes' minute timer and right after a room ends;
 * never in a request. A failure is kept with its reason (retried up to 3 times if a process died).
 */
export async function processRecordings(db: Db, live: LiveDeps, now: Date): Promise<number | null> {
  const room = await db.transaction((tx) => repo.claimRecording(tx, new Date(now.getTime() - 30 * 60_000)));
  if (!room) return null;
  const dir = path.join(live.config.recordingsDir, String(room.janusRoom));
  try {
    const publishers = await recordedPublishers(dir);
    if (!publishers.length) throw new Error('Janus recorded nothing in this room (nobody published)');
    const file = await postProcess(dir, publishers[0]!);
    const l = room.lessonId !== null ? await lessonFactsForLive(db, room.lessonId) : null;
    const title = room.lessonId !== null ? `Live lesson ${l?.onDate ?? ''}${l?.topic ? ` — ${l.topic}` : ''}` : `Meeting ${room.meetingId}`;
    const videoId = await acceptRecording(db, {
      path: file,
      ownerId: room.startedBy,
      organisationId: room.organisationId,
      title,
      topic: l?.topic ?? null,
      subjectId: l?.subjectId ?? null,
      // attached to its lesson: the class finds it there (Today, the lesson page) once transcoded
      lessonId: room.lessonId,
    });
    await repo.finishRecording(db, room.id, { videoId });
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    return videoId;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    live.log?.warn({ roomId: room.id, err: message }, 'live: recording not processed');
    await repo.finishRecording(db, room.id, { failure: message });
    return null;
  }
}

/** The lesson's recordings with their video's state (for the lesson page). */
export async function lessonRecordings(db: Queryable, lessonId: number) {
  const out = [];
  for (const r of await repo.recordingsOfLesson(db, lessonId)) {
    const v = r.videoId !== null ? await videoState(db, r.videoId) : null;
    out.push({
      roomId: r.roomId,
      state: r.state as 'pending' | 'processing' | 'done' | 'failed',
      videoId: r.videoId,
      videoStatus: v?.status ?? null,
      failure: r.failure,
    });
  }
  return out;
}
