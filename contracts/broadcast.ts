import { z } from 'zod';
import { bodyId, idSchema } from './common.js';

/**
 * Broadcast meetings (server: server/modules/live/broadcast.*; web: web/src/modules/live/Broadcast*):
 * a school- or district-wide meeting whose presenter publishes into Janus and whose audience watches
 * the live HLS re-broadcast and asks questions in writing.
 */

export const broadcastBody = z
  .object({
    scope: z.enum(['school', 'district']),
    /** the school (scope school) or the district (scope district) */
    targetId: bodyId,
    topic: z.string().trim().min(1).max(200),
    startsAt: z.string().datetime({ offset: true }),
    minutes: z.number().int().min(10).max(240).default(60),
  })
  .strict();
export type BroadcastBody = z.infer<typeof broadcastBody>;

export const broadcastState = z.enum(['scheduled', 'open', 'starting', 'live', 'ended', 'failed']);

export const broadcast = z.object({
  id: z.number(),
  scope: z.enum(['school', 'district']),
  organisationId: z.number().nullable(),
  districtId: z.number(),
  topic: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** scheduled → open (the presenter's room exists) → starting (ffmpeg waits for the stream) → live (the playlist has segments) → ended; failed with `problem` */
  state: broadcastState,
  problem: z.string().nullable(),
  isHost: z.boolean(),
  /** the HLS master playlist while live (null otherwise) */
  hlsUrl: z.string().nullable(),
  /** can this server re-broadcast at all (Janus configured and answering, ffmpeg installed); what is missing otherwise */
  media: z.object({ available: z.boolean(), missing: z.array(z.enum(['janus', 'ffmpeg'])) }),
  /** hosts only: viewers seen in the last minute, and everyone who watched */
  viewers: z.object({ now: z.number(), total: z.number() }).nullable(),
  /** the video of the archive this meeting was kept as (its watch page: /video/watch/:id) */
  keptVideoId: z.number().nullable(),
  /** hosts of an ended school meeting whose recording is on this server and not kept yet */
  canKeep: z.boolean(),
});
export type Broadcast = z.infer<typeof broadcast>;
export const broadcastList = z.object({ items: z.array(broadcast) });

/** What the presenter's page needs to publish into its room on Janus. */
export const presenterTicket = z.object({
  broadcastId: z.number(),
  janusUrl: z.string(),
  janusRoom: z.number(),
  pin: z.string(),
  token: z.string(),
  janusToken: z.string().nullable(),
  display: z.string(),
  bitrate: z.number(),
  iceServers: z.array(z.object({ urls: z.array(z.string()), username: z.string().optional(), credential: z.string().optional() })),
});
export type PresenterTicket = z.infer<typeof presenterTicket>;

/** The presenter's page tells the server which publisher and streams to forward (from Janus's `configured` answer). */
export const onAirBody = z
  .object({
    publisherId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    audioMid: z.string().min(1).max(16),
    videoMid: z.string().min(1).max(16).nullable().default(null),
  })
  .strict();

export const questionBody = z.object({ body: z.string().trim().min(1).max(500) }).strict();
export const questionState = z.enum(['new', 'shown', 'answered', 'hidden']);
export const moderateBody = z.object({ state: z.enum(['shown', 'answered', 'hidden']) }).strict();
export const question = z.object({
  id: z.number(),
  body: z.string(),
  state: questionState,
  createdAt: z.string(),
  mine: z.boolean(),
  /** the asker's name: hosts only */
  asker: z.string().nullable(),
});
export type Question = z.infer<typeof question>;
export const questionList = z.object({ items: z.array(question) });
export const questionParams = z.object({ id: idSchema, questionId: idSchema }).strict();
