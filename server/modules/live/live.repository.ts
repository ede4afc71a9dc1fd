import type { Queryable } from '../../platform/db.js';

export interface RoomRow {
  id: number;
  lessonId: number | null;
  meetingId: number | null;
  organisationId: number;
  classId: number;
  janusRoom: number;
  secret: string;
  pin: string;
  audioOnly: boolean;
  /** the room's own bandwidth cap (null: the configured default) */
  bitrate: number | null;
  record: boolean;
  recordingState: 'pending' | 'processing' | 'done' | 'failed' | null;
  recordingVideoId: number | null;
  closesAt: Date;
  startedBy: number;
  startedAt: Date;
  endedAt: Date | null;
}

const roomColumns = `id, lesson_id as "lessonId", meeting_id as "meetingId", organisation_id as "organisationId", class_id as "classId",
  janus_room as "janusRoom", secret, pin, audio_only as "audioOnly", bitrate, record, recording_state as "recordingState", recording_video_id as "recordingVideoId", closes_at as "closesAt", started_by as "startedBy",
  started_at as "startedAt", ended_at as "endedAt"`;

export async function findRoom(db: Queryable, id: number, lock = false): Promise<RoomRow | null> {
  const { rows } = await db.query<RoomRow & Record<string, unknown>>(`select ${roomColumns} from live_media_rooms where id = $1 ${lock ? 'for update' : ''}`, [
    id,
  ]);
  return rows[0] ?? null;
}

export async function openRoomOf(db: Queryable, key: { lessonId: number } | { meetingId: number }): Promise<RoomRow | null> {
  const [col, val] = 'lessonId' in key ? ['lesson_id', key.lessonId] : ['meeting_id', key.meetingId];
  const { rows } = await db.query<RoomRow & Record<string, unknown>>(`select ${roomColumns} from live_media_rooms where ${col} = $1 and ended_at is null`, [
    val,
  ]);
  return rows[0] ?? null;
}

/** Inserts an open room; null when another open room of the same lesson or meeting won the race. */
export async function insertRoom(db: Queryable, r: Omit<RoomRow, 'id' | 'endedAt' | 'recordingState' | 'recordingVideoId'>): Promise<RoomRow | null> {
  const { rows } = await db.query<RoomRow & Record<string, unknown>>(
    `insert into live_media_rooms (lesson_id, meeting_id, organisation_id, class_id, janus_room, secret, pin, audio_only, closes_at, started_by, started_at, bitrate, record)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) on conflict do nothing returning ${roomColumns}`,
    [
      r.lessonId,
      r.meetingId,
      r.organisationId,
      r.classId,
      r.janusRoom,
      r.secret,
      r.pin,
      r.audioOnly,
      r.closesAt,
      r.startedBy,
      r.startedAt,
      r.bitrate,
      r.record,
    ],
  );
  return rows[0] ?? null;
}

/** Marks the room ended and takes back its tokens; answers the tokens that were out (to remove them from Janus). */
export async function endRoom(db: Queryable, id: number, now: Date): Promise<string[]> {
  // a recorded room's files are now complete: its recording waits for processing
  await db.query(`update live_media_rooms set ended_at = $2, recording_state = case when record then 'pending' end where id = $1 and ended_at is null`, [
    id,
    now,
  ]);
  const { rows } = await db.query<{ token: string }>(
    'update live_tickets t set token = null from (select id, token from live_tickets where room_id = $1 and token is not null for update) old where t.id = old.id returning old.token',
    [id],
  );
  return rows.map((r) => r.token);
}

export async function overdueRooms(db: Queryable, now: Date, limit = 50): Promise<RoomRow[]> {
  const { rows } = await db.query<RoomRow & Record<string, unknown>>(
    `select ${roomColumns} from live_media_rooms where ended_at is null and closes_at < $1 order by closes_at limit $2`,
    [now, limit],
  );
  return rows;
}

export async function insertTicket(
  db: Queryable,
  t: { roomId: number; personId: number; role: 'host' | 'participant'; token: string; issuedAt: Date; expiresAt: Date },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into live_tickets (room_id, person_id, role, token, issued_at, expires_at) values ($1, $2, $3, $4, $5, $6) returning id`,
    [t.roomId, t.personId, t.role, t.token, t.issuedAt, t.expiresAt],
  );
  return rows[0]!.id;
}

// ── meetings ─────────────────────────────────────────────────────────────────

export interface MeetingRow {
  id: number;
  organisationId: number;
  classId: number;
  topic: string;
  startsAt: Date;
  endsAt: Date;
  createdBy: number;
  cancelledAt: Date | null;
  /** who is invited: the class's parents (a parent meeting) or its pupils (a class hour) */
  audience: 'parents' | 'pupils';
}

const meetingColumns = `m.id, m.organisation_id as "organisationId", m.class_id as "classId", m.topic, m.starts_at as "startsAt",
  m.ends_at as "endsAt", m.created_by as "createdBy", m.cancelled_at as "cancelledAt", m.audience`;

export async function findMeeting(db: Queryable, id: number): Promise<MeetingRow | null> {
  const { rows } = await db.query<MeetingRow & Record<string, unknown>>(`select ${meetingColumns} from live_meetings m where m.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function insertMeeting(db: Queryable, m: Omit<MeetingRow, 'id' | 'cancelledAt'> & { createdAt: Date }): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into live_meetings (organisation_id, class_id, topic, starts_at, ends_at, created_by, created_at, audience)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [m.organisationId, m.classId, m.topic, m.startsAt, m.endsAt, m.createdBy, m.createdAt, m.audience],
  );
  return rows[0]!.id;
}

/** Meetings of these classes or organisations that have not ended more than a day ago, soonest first, with the open room. */
export async function meetingsFor(
  db: Queryable,
  scope: { classIds: number[]; organisationIds: number[] },
  now: Date,
): Promise<(MeetingRow & { className: string; room: RoomRow | null })[]> {
  const { rows } = await db.query<MeetingRow & { className: string; room: RoomRow | null } & Record<string, unknown>>(
    `select ${meetingColumns}, c.name as "className",
        (select row_to_json(r) from (select ${roomColumns} from live_media_rooms where meeting_id = m.id and ended_at is null) r) as room
       from live_meetings m join classes c on c.id = m.class_id
      where (m.class_id = any($1::bigint[]) or m.organisation_id = any($2::int[])) and m.ends_at > $3::timestamptz - interval '1 day'
      order by m.starts_at, m.id limit 100`,
    [scope.classIds, scope.organisationIds, now],
  );
  return rows.map((r) => ({
    ...r,
    room: r.room ? { ...r.room, closesAt: new Date(r.room.closesAt), startedAt: new Date(r.room.startedAt), endedAt: null } : null,
  }));
}

// ── presence (attendance from the media server's participant list) ─────────

export interface PresenceRow {
  id: number;
  ticketId: number;
  personId: number;
  janusId: number;
  joinedAt: Date;
  lastSeenAt: Date;
}

/** Open rooms (started, not ended) whose participants are to be looked at. */
export async function openRooms(db: Queryable, limit = 500): Promise<RoomRow[]> {
  const { rows } = await db.query<RoomRow & Record<string, unknown>>(
    `select ${roomColumns} from live_media_rooms where ended_at is null order by id limit $1`,
    [limit],
  );
  return rows;
}

export async function openPresence(db: Queryable, roomId: number): Promise<PresenceRow[]> {
  const { rows } = await db.query<PresenceRow & Record<string, unknown>>(
    `select id, ticket_id as "ticketId", person_id as "personId", janus_id as "janusId", joined_at as "joinedAt", last_seen_at as "lastSeenAt"
       from live_presence where room_id = $1 and left_at is null`,
    [roomId],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), ticketId: Number(r.ticketId), personId: Number(r.personId), janusId: Number(r.janusId) }));
}

/** The room's tickets by id (to tell who a Janus participant `role-<ticket id>` is). */
export async function ticketsOfRoom(db: Queryable, roomId: number, ids: number[]): Promise<Map<number, { personId: number; role: 'host' | 'participant' }>> {
  if (!ids.length) return new Map();
  const { rows } = await db.query<{ id: string; person_id: string; role: 'host' | 'participant' }>(
    'select id, person_id, role from live_tickets where room_id = $1 and id = any($2::bigint[])',
    [roomId, ids],
  );
  return new Map(rows.map((r) => [Number(r.id), { personId: Number(r.person_id), role: r.role }]));
}

export async function insertPresence(db: Queryable, p: { roomId: number; ticketId: number; personId: number; janusId: number; at: Date }): Promise<void> {
  await db.query(
    `insert into live_presence (room_id, ticket_id, person_id, janus_id, joined_at, last_seen_at) values ($1, $2, $3, $4, $5, $5)
     on conflict (room_id, ticket_id, janus_id) where left_at is null do update set last_seen_at = greatest(live_presence.last_seen_at, excluded.last_seen_at)`,
    [p.roomId, p.ticketId, p.personId, p.janusId, p.at],
  );
}

export async function seenPresence(db: Queryable, ids: number[], at: Date): Promise<void> {
  if (ids.length) await db.query('update live_presence set last_seen_at = greatest(last_seen_at, $2) where id = any($1::bigint[])', [ids, at]);
}

/** Stretches that ended: gone since they were last seen. */
export async function leavePresence(db: Queryable, ids: number[]): Promise<void> {
  if (ids.length) await db.query('update live_presence set left_at = last_seen_at where id = any($1::bigint[]) and left_at is null', [ids]);
}

/** When the room ends everyone still in it leaves at that moment. */
export async function closeRoomPresence(db: Queryable, roomId: number, at: Date): Promise<void> {
  await db.query(
    'update live_presence set last_seen_at = greatest(last_seen_at, $2), left_at = greatest(last_seen_at, $2) where room_id = $1 and left_at is null',
    [roomId, at],
  );
}

export interface PresenceSummary {
  personId: number;
  ticketId: number;
  role: 'host' | 'participant';
  firstJoinedAt: Date;
  lastSeenAt: Date;
  seconds: number;
  present: boolean;
}

/** Per person: first join, last seen, seconds present over every stretch in these rooms. */
export async function presenceSummary(db: Queryable, roomIds: number[]): Promise<PresenceSummary[]> {
  const { rows } = await db.query<{
    person_id: string;
    ticket_id: string;
    role: 'host' | 'participant';
    first: Date;
    last: Date;
    seconds: string;
    present: boolean;
  }>(
    `select p.person_id, max(p.ticket_id) as ticket_id, case when bool_or(t.role = 'host') then 'host' else 'participant' end as role, min(p.joined_at) as first, max(coalesce(p.left_at, p.last_seen_at)) as last,
            sum(extract(epoch from coalesce(p.left_at, p.last_seen_at) - p.joined_at))::bigint as seconds, bool_or(p.left_at is null) as present
       from live_presence p join live_tickets t on t.id = p.ticket_id
      where p.room_id = any($1::bigint[]) group by p.person_id order by min(p.joined_at), p.person_id`,
    [roomIds],
  );
  return rows.map((r) => ({
    personId: Number(r.person_id),
    ticketId: Number(r.ticket_id),
    role: r.role,
    firstJoinedAt: r.first,
    lastSeenAt: r.last,
    seconds: Number(r.seconds),
    present: r.present,
  }));
}

export async function roomIdsOfLesson(db: Queryable, lessonId: number): Promise<number[]> {
  const { rows } = await db.query<{ id: string }>('select id from live_media_rooms where lesson_id = $1', [lessonId]);
  return rows.map((r) => Number(r.id));
}

// ── the host's controls ─────────────────────────────────────────────────────

export interface TicketRow {
  id: number;
  roomId: number;
  personId: number;
  role: 'host' | 'participant';
  removedAt: Date | null;
  maySpeak: boolean;
}

export async function findTicket(db: Queryable, roomId: number, ticketId: number): Promise<TicketRow | null> {
  const { rows } = await db.query<{
    id: string;
    room_id: string;
    person_id: string;
    role: 'host' | 'participant';
    removed_at: Date | null;
    may_speak: boolean;
  }>('select id, room_id, person_id, role, removed_at, may_speak from live_tickets where id = $1 and room_id = $2', [ticketId, roomId]);
  const r = rows[0];
  return r
    ? { id: Number(r.id), roomId: Number(r.room_id), personId: Number(r.person_id), role: r.role, removedAt: r.removed_at, maySpeak: r.may_speak }
    : null;
}

/** Every ticket a person holds in a room (a rejoin makes a new one). */
export async function ticketsOfPerson(db: Queryable, roomId: number, personId: number): Promise<{ id: number; token: string | null }[]> {
  const { rows } = await db.query<{ id: string; token: string | null }>('select id, token from live_tickets where room_id = $1 and person_id = $2', [
    roomId,
    personId,
  ]);
  return rows.map((r) => ({ id: Number(r.id), token: r.token }));
}

/** Removes a person from a room: their tickets are marked and their tokens cleared (answers the tokens to take back on Janus). */
export async function removePerson(db: Queryable, roomId: number, personId: number, now: Date): Promise<string[]> {
  const { rows } = await db.query<{ token: string }>(
    `update live_tickets t set removed_at = coalesce(t.removed_at, $3), token = null, may_speak = false
       from (select id, token from live_tickets where room_id = $1 and person_id = $2 for update) old
      where t.id = old.id returning old.token`,
    [roomId, personId, now],
  );
  return rows.map((r) => r.token).filter((x): x is string => x !== null);
}

export async function isRemoved(db: Queryable, roomId: number, personId: number): Promise<boolean> {
  const { rows } = await db.query('select 1 from live_tickets where room_id = $1 and person_id = $2 and removed_at is not null limit 1', [roomId, personId]);
  return rows.length > 0;
}

export async function setFloor(db: Queryable, roomId: number, personId: number, speak: boolean): Promise<void> {
  await db.query('update live_tickets set may_speak = $3 where room_id = $1 and person_id = $2 and removed_at is null', [roomId, personId, speak]);
}

export async function myPlace(db: Queryable, roomId: number, personId: number): Promise<{ maySpeak: boolean; removed: boolean }> {
  const { rows } = await db.query<{ may_speak: boolean | null; removed: boolean | null }>(
    'select bool_or(may_speak) as may_speak, bool_or(removed_at is not null) as removed from live_tickets where room_id = $1 and person_id = $2',
    [roomId, personId],
  );
  return { maySpeak: rows[0]?.may_speak ?? false, removed: rows[0]?.removed ?? false };
}

// ── recordings ──────────────────────────────────────────────────────────────

/** Claims one ended room whose recording waits (or whose processing was abandoned), marking it processing. */
export async function claimRecording(db: Queryable, staleBefore: Date): Promise<RoomRow | null> {
  const { rows } = await db.query<RoomRow & Record<string, unknown>>(
    `update live_media_rooms set recording_state = 'processing', recording_attempts = recording_attempts + 1, recording_failure = null
      where id = (select id from live_media_rooms
                   where (recording_state = 'pending' or (recording_state = 'processing' and ended_at < $1)) and recording_attempts < 3
                   order by ended_at limit 1 for update skip locked)
      returning ${roomColumns}`,
    [staleBefore],
  );
  return rows[0] ?? null;
}

export async function finishRecording(db: Queryable, id: number, result: { videoId: number } | { failure: string }): Promise<void> {
  if ('videoId' in result) await db.query(`update live_media_rooms set recording_state = 'done', recording_video_id = $2 where id = $1`, [id, result.videoId]);
  else await db.query(`update live_media_rooms set recording_state = 'failed', recording_failure = $2 where id = $1`, [id, result.failure.slice(0, 500)]);
}

export async function recordingsOfLesson(
  db: Queryable,
  lessonId: number,
): Promise<{ roomId: number; state: string; videoId: number | null; failure: string | null }[]> {
  const { rows } = await db.query<{ id: string; recording_state: string; recording_video_id: string | null; recording_failure: string | null }>(
    `select id, recording_state, recording_video_id, recording_failure from live_media_rooms where lesson_id = $1 and recording_state is not null order by started_at`,
    [lessonId],
  );
  return rows.map((r) => ({
    roomId: Number(r.id),
    state: r.recording_state,
    videoId: r.recording_video_id === null ? null : Number(r.recording_video_id),
    failure: r.recording_failure,
  }));
}
