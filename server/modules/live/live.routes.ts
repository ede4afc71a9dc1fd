import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  controlResult,
  floorBody,
  joinTicket,
  lessonLive,
  liveRoom,
  liveStatus,
  meeting,
  meetingBody,
  meetingList,
  muteBody,
  myPlace,
  roomAttendance,
  startBody,
  ticketParams,
} from '../../../contracts/live.js';
import { requireActor } from '../identity/identity.http.js';
// live lessons follow the school calendar's clock (LEARNING_TODAY pins it for the demo and tests)
import { clockFromEnv } from '../../platform/clock.js';
import { loadLiveConfig } from './live.config.js';
import * as uc from './live.usecases.js';
import { broadcastRoutes } from './broadcast.routes.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody, 503: errorBody };

/** Live lessons and parent meetings: rooms on Janus VideoRoom, join tickets, the meeting schedule (decision 0024). */
export async function liveRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { db } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['live'];
  const clock = clockFromEnv();
  const live = uc.liveDeps(loadLiveConfig(), app.log);

  // rooms past their lesson's or meeting's end (plus a grace) are destroyed on Janus, once a minute
  let sweeper: NodeJS.Timeout | undefined;
  // attendance: every open room's participant list is read on Janus every LIVE_ATTENDANCE_SECONDS (decision 0029)
  let tracker: NodeJS.Timeout | undefined;
  let tracking = false;
  app.addHook('onReady', async () => {
    if (!live.janus) return;
    sweeper = setInterval(() => {
      void uc
        .closeOverdueRooms(db, live, clock())
        .catch(() => undefined)
        .then(() => uc.processRecordings(db, live, clock()))
        .catch(() => undefined);
    }, 60_000);
    sweeper.unref();
    tracker = setInterval(() => {
      if (tracking) return;
      tracking = true;
      void uc
        .trackPresence(db, live, clock())
        .catch(() => undefined)
        .finally(() => {
          tracking = false;
        });
    }, live.config.attendanceSeconds * 1000);
    tracker.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    clearInterval(tracker);
  });
  await broadcastRoutes(app, deps, live, clock);

  r.get(
    '/api/live/status',
    {
      schema: { tags, summary: 'Is the media server configured and answering (live lessons on or off)', response: { 200: liveStatus, ...errors } },
    },
    async (request) => {
      requireActor(request);
      return { available: await uc.mediaServerAvailable(live) };
    },
  );

  r.get(
    '/api/live/lessons/:id',
    {
      schema: { tags, summary: "A lesson's live room: open or not, may I start or join it", params: idParam, response: { 200: lessonLive, ...errors } },
    },
    async (request) => uc.lessonLive(db, live, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/live/lessons/:id/start',
    {
      schema: {
        tags,
        summary: "The lesson's teacher opens its live room on the media server (same room when already open)",
        params: idParam,
        body: startBody,
        response: { 201: liveRoom, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await uc.startLesson(db, live, requireActor(request), request.params.id, request.body.audioOnly, clock(), request.body.bitrate, request.body.record),
        ),
  );

  r.post(
    '/api/live/classes/:id/meetings',
    {
      schema: {
        tags,
        summary: "Schedule a parent meeting for a class (its homeroom teacher or the school's admin); the parents are notified",
        params: idParam,
        body: meetingBody,
        response: { 201: meeting, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await uc.scheduleMeeting(db, requireActor(request), {
          classId: request.params.id,
          topic: request.body.topic,
          startsAt: new Date(request.body.startsAt),
          minutes: request.body.minutes,
          audience: request.body.audience,
          now: clock(),
        }),
      ),
  );

  r.get(
    '/api/live/meetings',
    {
      schema: { tags, summary: 'Meetings I organise or am invited to', response: { 200: meetingList, ...errors } },
    },
    async (request) => ({ items: await uc.myMeetings(db, requireActor(request), clock()) }),
  );

  r.post(
    '/api/live/meetings/:id/start',
    {
      schema: { tags, summary: "The organiser opens the meeting's room", params: idParam, body: startBody, response: { 201: liveRoom, ...errors } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await uc.startMeeting(db, live, requireActor(request), request.params.id, request.body.audioOnly, clock(), request.body.bitrate, request.body.record),
        ),
  );

  r.get(
    '/api/live/rooms/:id',
    {
      schema: { tags, summary: 'A live room (lesson or meeting)', params: idParam, response: { 200: liveRoom, ...errors } },
    },
    async (request) => uc.getRoom(db, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/live/rooms/:id/ticket',
    {
      schema: {
        tags,
        summary: 'A join ticket for me: room, pin and my own token on the media server',
        params: idParam,
        response: { 201: joinTicket, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.issueTicket(db, live, requireActor(request), request.params.id, clock())),
  );

  r.post(
    '/api/live/rooms/:id/end',
    {
      schema: {
        tags,
        summary: 'The host ends the room: it is destroyed on the media server and every token taken back',
        params: idParam,
        response: { 200: liveRoom, ...errors },
      },
    },
    async (request) => {
      const ended = await uc.endRoom(db, live, requireActor(request), request.params.id, clock());
      // a recorded room's files are processed in the background (never in the request)
      if (ended.record) setImmediate(() => void uc.processRecordings(db, live, clock()).catch(() => undefined));
      return ended;
    },
  );

  r.get(
    '/api/live/rooms/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Who was in the room and for how long, from the media server (hosts)',
        params: idParam,
        response: { 200: roomAttendance, ...errors },
      },
    },
    async (request) => uc.roomAttendance(db, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/live/rooms/:id/participants/:ticketId/remove',
    {
      schema: {
        tags,
        summary: 'The host removes a participant: hung up on the media server, tokens taken back, no new ticket for this room',
        params: ticketParams,
        response: { 200: controlResult, ...errors },
      },
    },
    async (request) => uc.removeParticipant(db, live, requireActor(request), request.params.id, request.params.ticketId, clock()),
  );

  r.post(
    '/api/live/rooms/:id/participants/:ticketId/mute',
    {
      schema: {
        tags,
        summary: "The host mutes or unmutes a participant's streams on the media server",
        params: ticketParams,
        body: muteBody,
        response: { 200: controlResult, ...errors },
      },
    },
    async (request) => uc.muteParticipant(db, live, requireActor(request), request.params.id, request.params.ticketId, request.body, clock()),
  );

  r.post(
    '/api/live/rooms/:id/participants/:ticketId/floor',
    {
      schema: {
        tags,
        summary: 'The host gives a participant the floor (they may speak) or takes it back',
        params: ticketParams,
        body: floorBody,
        response: { 200: controlResult, ...errors },
      },
    },
    async (request) => uc.setFloor(db, requireActor(request), request.params.id, request.params.ticketId, request.body.speak, clock()),
  );

  r.get(
    '/api/live/rooms/:id/me',
    {
      schema: {
        tags,
        summary: "My standing in the room: given the floor, removed, ended (polled by the participant's page)",
        params: idParam,
        response: { 200: myPlace, ...errors },
      },
    },
    async (request) => uc.myPlace(db, requireActor(request), request.params.id, clock()),
  );
}
