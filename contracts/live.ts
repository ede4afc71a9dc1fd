import { z } from 'zod';

/** Live lessons and parent meetings on the media server (server: server/modules/live; web: web/src/modules/live). */

export const liveStatus = z.object({
  /** false when no media server is configured or it does not answer: the web offers the recording or TV instead */
  available: z.boolean(),
});

export const liveRoom = z.object({
  id: z.number(),
  kind: z.enum(['lesson', 'meeting']),
  lessonId: z.number().nullable(),
  meetingId: z.number().nullable(),
  audioOnly: z.boolean(),
  /** the bandwidth cap per publisher in this room (bit/s) */
  bitrate: z.number(),
  /** Janus records the room; after the end its recording becomes a video in the archive */
  record: z.boolean(),
  recording: z.object({ state: z.enum(['pending', 'processing', 'done', 'failed']), videoId: z.number().nullable() }).nullable(),
  startedAt: z.string(),
  closesAt: z.string(),
  endedAt: z.string().nullable(),
});
export type LiveRoom = z.infer<typeof liveRoom>;

export const startBody = z
  .object({
    /** slow links: the teacher sends sound only, pupils' cameras stay off */
    audioOnly: z.boolean().default(false),
    /** bandwidth cap per publisher for this room (bit/s); default LIVE_ROOM_BITRATE */
    bitrate: z.number().int().min(32_000).max(2_000_000).optional(),
    /** record the room (Janus), then janus-pp-rec + ffmpeg → a video in the archive linked to the lesson */
    record: z.boolean().default(false),
  })
  .strict();

export const lessonLive = z.object({
  lessonId: z.number(),
  /** the media server is configured and answers */
  available: z.boolean(),
  /** the open room, if the teacher has started it */
  room: liveRoom.nullable(),
  canStart: z.boolean(),
  canJoin: z.boolean(),
  /** recordings of this lesson's live rooms, with their video's state (watch at /video/watch/:videoId once ready) */
  recordings: z
    .array(
      z.object({
        roomId: z.number(),
        state: z.enum(['pending', 'processing', 'done', 'failed']),
        videoId: z.number().nullable(),
        videoStatus: z.string().nullable(),
        failure: z.string().nullable(),
      }),
    )
    .optional(),
  startsAt: z.string(),
  endsAt: z.string(),
});

/**
 * What a browser needs to join a room on Janus: the public HTTP API address, the VideoRoom room
 * number, its pin, a token of this person only (the room's `allowed` list; with Janus `token_auth`
 * also the core token for every request), and whether they publish (host) or mostly listen.
 */
export const joinTicket = z.object({
  roomId: z.number(),
  kind: z.enum(['lesson', 'meeting']),
  janusUrl: z.string(),
  janusRoom: z.number(),
  pin: z.string(),
  token: z.string(),
  /** set when Janus runs with token_auth: send as `token` with every Janus request */
  janusToken: z.string().nullable(),
  role: z.enum(['host', 'participant']),
  display: z.string(),
  audioOnly: z.boolean(),
  bitrate: z.number(),
  expiresAt: z.string(),
  lessonId: z.number().nullable(),
  meetingId: z.number().nullable(),
  /** STUN/TURN for RTCPeerConnection (coturn credentials valid until expiresAt); empty without TURN */
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() })),
});
export type JoinTicket = z.infer<typeof joinTicket>;

export const meetingBody = z
  .object({
    topic: z.string().trim().min(1).max(200),
    startsAt: z.iso.datetime({ offset: true }),
    minutes: z.number().int().min(10).max(240).default(45),
    /** parents (a parent meeting, the default) or the class's pupils (a class hour) */
    audience: z.enum(['parents', 'pupils']).default('parents'),
  })
  .strict();

export const meeting = z.object({
  id: z.number(),
  classId: z.number(),
  className: z.string(),
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  cancelled: z.boolean(),
  room: liveRoom.nullable(),
  /** the organiser (homeroom teacher or the school's admin) starts and ends it */
  isHost: z.boolean(),
  audience: z.enum(['parents', 'pupils']),
  invited: z.number().optional(),
});
export type Meeting = z.infer<typeof meeting>;
export const meetingList = z.object({ items: z.array(meeting) });

/** Who was in a live room and for how long, from the media server's participant list (decision 0029). */
export const roomAttendance = z.object({
  roomId: z.number(),
  items: z.array(
    z.object({
      personId: z.number(),
      name: z.string(),
      role: z.enum(['host', 'participant']),
      /** their latest ticket in the room: the host's controls act on it */
      ticketId: z.number(),
      firstJoinedAt: z.string(),
      lastSeenAt: z.string(),
      /** whole minutes present over every stretch */
      minutes: z.number(),
      /** still in the room at the last look */
      present: z.boolean(),
    }),
  ),
});
export type RoomAttendance = z.infer<typeof roomAttendance>;

/** The host mutes a participant's streams on the media server (VideoRoom `moderate`); `mids` are the feed's stream mids. */
export const muteBody = z
  .object({
    mids: z
      .array(z.string().regex(/^[A-Za-z0-9_-]{1,16}$/))
      .min(1)
      .max(8),
    mute: z.boolean().default(true),
  })
  .strict();
/** The host gives a participant the floor (they may publish their microphone) or takes it back. */
export const floorBody = z.object({ speak: z.boolean() }).strict();
export const ticketParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
  ticketId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 53),
});
/** A participant's own standing in the room: given the floor, removed. */
export const myPlace = z.object({ roomId: z.number(), maySpeak: z.boolean(), removed: z.boolean(), endedAt: z.string().nullable() });
export const controlResult = z.object({
  ticketId: z.number(),
  personId: z.number(),
  done: z.enum(['removed', 'muted', 'unmuted', 'floor_given', 'floor_taken']),
  onMediaServer: z.number(),
});
