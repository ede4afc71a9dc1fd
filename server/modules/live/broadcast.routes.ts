import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import {
  broadcast,
  broadcastBody,
  broadcastList,
  moderateBody,
  onAirBody,
  presenterTicket,
  question,
  questionBody,
  questionList,
  questionParams,
} from '../../../contracts/broadcast.js';
import { requireActor } from '../identity/identity.http.js';
import { isLiveFileName } from './broadcast.rules.js';
import * as uc from './broadcast.usecases.js';
import { streamFileNotFound } from './live.errors.js';
import type { LiveDeps } from './live.usecases.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 503: errorBody };

/** Broadcast meetings: scheduling, the presenter's room and re-broadcast, the live HLS, questions, viewers (registered by liveRoutes). */
export async function broadcastRoutes(app: FastifyInstance, { db }: AppDeps, live: LiveDeps, clock: () => Date): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['live'];
  const bc = uc.broadcastDeps(db, live);
  let sweeper: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweeper = setInterval(() => void uc.closeOverdueBroadcasts(db, bc, clock()).catch(() => undefined), 60_000);
    sweeper.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await bc.streams.stopAll();
  });

  r.post(
    '/api/live/broadcasts',
    {
      schema: {
        tags,
        summary: 'Schedule a school-wide (school admin) or district-wide (officer) meeting, re-broadcast as HLS to the parents with written questions',
        body: broadcastBody,
        response: { 201: broadcast, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.scheduleBroadcast(db, bc, requireActor(request), request.body, clock())),
  );

  r.get(
    '/api/live/broadcasts',
    { schema: { tags, summary: 'Broadcast meetings I organise or am in the audience of, from yesterday on', response: { 200: broadcastList, ...errors } } },
    async (request) => ({ items: await uc.myBroadcasts(db, bc, requireActor(request), clock()) }),
  );

  r.get(
    '/api/live/broadcasts/:id',
    {
      schema: {
        tags,
        summary: 'A broadcast meeting: its state, the HLS playlist while live, whether the media is there',
        params: idParam,
        response: { 200: broadcast, ...errors },
      },
    },
    async (request) => uc.getBroadcast(db, bc, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/live/broadcasts/:id/open',
    {
      schema: {
        tags,
        summary: 'The presenter opens their room on Janus (30 min before the start at the earliest) and gets the ticket to publish',
        params: idParam,
        response: { 200: presenterTicket, ...errors },
      },
    },
    async (request) => uc.openBroadcast(db, bc, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/live/broadcasts/:id/on-air',
    {
      schema: {
        tags,
        summary: "The presenter publishes: Janus forwards the publisher's streams (rtp_forward) to ffmpeg, which writes the live HLS",
        params: idParam,
        body: onAirBody,
        response: { 200: broadcast, ...errors },
      },
    },
    async (request) => uc.goOnAir(db, bc, requireActor(request), request.params.id, request.body, clock()),
  );

  r.post(
    '/api/live/broadcasts/:id/end',
    {
      schema: {
        tags,
        summary: 'The presenter ends the meeting: the stream closes, the room is destroyed',
        params: idParam,
        response: { 200: broadcast, ...errors },
      },
    },
    async (request) => uc.endBroadcast(db, bc, requireActor(request), request.params.id, clock()),
  );

  r.post(
    '/api/live/broadcasts/:id/keep',
    {
      schema: {
        tags,
        summary: "The presenter keeps an ended school meeting as a video of the school's archive (its recording is transcoded to the HLS ladder)",
        params: idParam,
        response: { 201: broadcast, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.keepBroadcast(db, bc, requireActor(request), request.params.id, clock())),
  );

  r.post(
    '/api/live/broadcasts/:id/watching',
    { schema: { tags, summary: "A viewer's page reports it plays the stream (attendance)", params: idParam, response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      await uc.watching(db, requireActor(request), request.params.id, clock());
      return reply.code(204).send(null);
    },
  );

  const allowed = new Map<string, number>();
  // The live HLS: only the meeting's audience and organisers; never stored by a cache (the platform's
  // no-store for signed-in answers): a country puts its cache in front of public videos, not of meetings.
  r.get(
    '/api/live/broadcasts/:id/hls/*',
    {
      // outside admission control like the video files: a slow viewer holds the response for seconds
      config: { admission: false },
      schema: {
        tags,
        summary: 'A file of the live HLS (master.m3u8, 240p|audio/index.m3u8, 240p|audio/seg-NNNNN.ts)',
        params: z.object({ id: idParam.shape.id, '*': z.string().max(64) }),
        response: { 200: z.any(), ...errors },
      },
    },
    async (request, reply) => {
      const { id, '*': name } = request.params;
      const actor = requireActor(request);
      // a player asks every 2 s: the audience check is remembered 30 s per person and meeting
      const key = `${actor.personId}:${id}`;
      const seen = allowed.get(key);
      if (!seen || Date.now() - seen > 30_000) {
        await uc.broadcastOrThrow(db, actor, id);
        if (allowed.size > 50_000) allowed.clear();
        allowed.set(key, Date.now());
      }
      if (!isLiveFileName(name)) throw streamFileNotFound();
      const file = path.join(bc.streams.dirOf(id), name);
      try {
        await stat(file);
      } catch {
        throw streamFileNotFound();
      }
      const playlist = name.endsWith('.m3u8');
      reply.header('content-type', playlist ? 'application/vnd.apple.mpegurl' : 'video/mp2t');
      return reply.send(createReadStream(file));
    },
  );

  r.get(
    '/api/live/broadcasts/:id/questions',
    {
      schema: {
        tags,
        summary: 'Questions: all for the organisers (with names); the audience sees theirs and those shown',
        params: idParam,
        response: { 200: questionList, ...errors },
      },
    },
    async (request) => ({ items: await uc.listQuestions(db, requireActor(request), request.params.id) }),
  );

  r.post(
    '/api/live/broadcasts/:id/questions',
    { schema: { tags, summary: 'Ask the presenter a question in writing', params: idParam, body: questionBody, response: { 201: question, ...errors } } },
    async (request, reply) => reply.code(201).send(await uc.askQuestion(db, requireActor(request), request.params.id, request.body.body, clock())),
  );

  r.post(
    '/api/live/broadcasts/:id/questions/:questionId',
    {
      schema: {
        tags,
        summary: 'The presenter shows, answers or hides a question',
        params: questionParams,
        body: moderateBody,
        response: { 200: question, ...errors },
      },
    },
    async (request) => uc.moderateQuestion(db, requireActor(request), request.params.id, request.params.questionId, request.body.state, clock()),
  );
}
