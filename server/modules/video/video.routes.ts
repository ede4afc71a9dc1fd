import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../deps.js';
import { errorBody, idParam } from '../../../contracts/common.js';
import { tvPdfQuery } from '../../../contracts/video.js';
import { PDF_CONTENT_TYPE, pdfDisposition } from '../../platform/pdf/index.js';
import {
  archivePage,
  archiveQuery,
  attachedQuery,
  attachedVideos,
  createdVideo,
  videoEdit,
  videoLinkBody,
  videoLinkSchema,
  videoLinks,
  tvExportQuery,
  tvChannelCreate,
  tvChannelPatch,
  tvChannelSchema,
  tvChannels,
  tvImportBody,
  tvImportResult,
  tvSchedule,
  tvScheduleQuery,
  uploadFields,
  videoSchema,
} from '../../../contracts/video.js';
import * as tv from './tv.usecases.js';
import * as channels from './channels.usecases.js';
import { clockFromEnv } from '../../platform/clock.js';
import { requireActor } from '../identity/identity.http.js';
import { loadFilesConfig } from '../files/files.usecases.js';
import { createFileStore } from '../files/files.usecases.js';
import { FileMissingError } from '../files/files.usecases.js';
import { formatBytes } from '../files/files.usecases.js';
import { loadVideoConfig } from './video.config.js';
import * as errors from './video.errors.js';
import { hasProgram } from './video.media.js';
import { canSee, canUpload } from './video.policy.js';
import { unauthenticated } from '../../platform/errors.js';
import * as repo from './video.repository.js';
import { contentTypeOf, isVideoFileName, storeKeyOf } from './video.rules.js';
import * as uc from './video.usecases.js';
import { startVideoWorkers, type VideoWorkers } from './video.worker.js';

const errs = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 413: errorBody, 422: errorBody, 503: errorBody };

/** Whether this machine has ffmpeg/ffprobe (checked once per process). */
let ffmpegPresent: boolean | undefined;
function ffmpegAvailable(): boolean {
  ffmpegPresent ??= hasProgram('ffmpeg') && hasProgram('ffprobe');
  return ffmpegPresent;
}

/** One line for the start-up output when uploads cannot be transcoded here; null when they can. */
export function videoStartupProblem(): string | null {
  return ffmpegAvailable() ? null : 'Video uploads are off: ffmpeg/ffprobe are not installed (apt-get install ffmpeg); everything else works.';
}

/** Uploads, transcoding status, the HLS ladder and the archive; transcoding workers run beside the app. */
export async function videoRoutes(app: FastifyInstance, { db }: AppDeps): Promise<void> {
  const config = loadVideoConfig();
  const store = createFileStore(loadFilesConfig());
  const tags = ['video'];
  let workers: VideoWorkers | null = null;
  if (ffmpegAvailable() && config.workers > 0) {
    app.addHook('onReady', async () => {
      workers = startVideoWorkers({ db, store, config, log: app.log });
    });
    app.addHook('onClose', async () => {
      await workers?.stop();
    });
  }

  // multipart only for the upload (encapsulated)
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: config.maxBytes, files: 1, fields: 10, parts: 11, fieldSize: 1000, headerPairs: 100 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/api/video/videos',
      {
        schema: {
          tags,
          summary: 'Upload a lesson video (multipart: fields title, grade?, subjectId?, language?, topic?, then the file in "file"); transcoding is queued',
          consumes: ['multipart/form-data'],
          response: { 201: createdVideo, ...errs },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!canUpload(actor)) throw errors.uploadForbidden();
        if (!ffmpegAvailable()) throw errors.transcoderUnavailable();
        const declared = Number(request.headers['content-length'] ?? 0);
        const limitError = () => errors.tooLarge(`The video is larger than the limit of ${formatBytes(config.maxBytes)}`, { limitBytes: config.maxBytes });
        if (declared > config.maxBytes + 64 * 1024) throw limitError();
        if (!request.isMultipart()) throw errors.missingFile();
        const incoming = path.join(config.workDir, 'incoming');
        await mkdir(incoming, { recursive: true });
        const spool = path.join(incoming, randomUUID());
        try {
          const fields: Record<string, string> = {};
          let gotFile = false;
          let truncated = false;
          try {
            for await (const part of request.parts()) {
              if (part.type === 'field') {
                fields[part.fieldname] = String(part.value);
                continue;
              }
              if (part.fieldname !== 'file' || gotFile) {
                part.file.resume();
                throw errors.missingFile();
              }
              gotFile = true;
              await pipeline(part.file, createWriteStream(spool, { mode: 0o600 }));
              truncated = part.file.truncated;
            }
          } catch (err) {
            const code = (err as { code?: string }).code;
            if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
              throw errors.missingFile('Send one video in a field named "file" and at most the fields title, grade, subjectId, language, topic');
            throw err;
          }
          if (!gotFile) throw errors.missingFile();
          if (truncated) throw limitError();
          const parsed = uploadFields.safeParse(fields);
          if (!parsed.success) {
            throw errors.badFields(parsed.error.issues.map((i) => `${i.path.join('.') || 'fields'}: ${i.message}`).join('; '));
          }
          const size = (await stat(spool)).size;
          const created = await uc.acceptUpload({ db, store, actor, spoolPath: spool, size, fields: parsed.data });
          workers?.kick();
          return reply.code(201).send(created);
        } finally {
          await rm(spool, { force: true });
        }
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/video/videos/:id',
    {
      schema: {
        tags,
        summary: 'A video: queued, transcoding (progress 0..1), ready (HLS master playlist URL) or failed (why, retry)',
        params: idParam,
        response: { 200: videoSchema, ...errs },
      },
    },
    async (request) => uc.getVideo(db, request.actor, request.params.id),
  );

  r.post(
    '/api/video/videos/:id/retry',
    {
      schema: { tags, summary: 'Queue a failed transcode again (its uploader)', params: idParam, response: { 200: videoSchema, ...errs } },
    },
    async (request) => {
      const v = await uc.retryVideo(db, requireActor(request), request.params.id);
      workers?.kick();
      return v;
    },
  );

  r.patch(
    '/api/video/videos/:id',
    {
      schema: {
        tags,
        summary: 'Edit what the archive knows of a video: title, grade, subject, language, topic (its uploader; the ministry for national videos)',
        params: idParam,
        body: videoEdit,
        response: { 200: videoSchema, ...errs },
      },
    },
    async (request) => uc.editVideo(db, requireActor(request), request.params.id, request.body),
  );

  r.delete(
    '/api/video/videos/:id',
    {
      schema: {
        tags,
        summary:
          'Delete a video: its lesson links and TV slot links go in the same transaction, then its files leave the store; a queued transcode is cancelled, a running one refuses (409)',
        params: idParam,
        response: { 200: z.object({ id: z.number(), deleted: z.literal(true), tvSlots: z.number(), links: z.number() }), ...errs },
      },
    },
    async (request) => uc.deleteVideo(db, store, requireActor(request), request.params.id, app.log),
  );

  r.get(
    '/api/video/videos/:id/links',
    {
      schema: {
        tags,
        summary: 'The lessons and homework a video serves (those the reader may see), with their materials count and homework',
        params: idParam,
        response: { 200: videoLinks, ...errs },
      },
    },
    async (request) => uc.videoLinks(db, request.actor, request.params.id),
  );

  r.post(
    '/api/video/videos/:id/links',
    {
      schema: {
        tags,
        summary: "Attach a video to a lesson or a homework (the lesson's teacher or the school's admin); the class sees it once ready",
        params: idParam,
        body: videoLinkBody,
        response: { 201: videoLinkSchema, ...errs },
      },
    },
    async (request, reply) => reply.code(201).send(await uc.attachVideo(db, requireActor(request), request.params.id, request.body, new Date())),
  );

  r.delete(
    '/api/video/videos/:id/links/:linkId',
    {
      schema: {
        tags,
        summary: "Take a video off a lesson or a homework (the lesson's teacher or the school's admin)",
        params: z.object({ id: idParam.shape.id, linkId: idParam.shape.id }),
        response: { 204: z.null(), ...errs },
      },
    },
    async (request, reply) => {
      await uc.detachVideo(db, requireActor(request), request.params.id, request.params.linkId, new Date());
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/video/attached',
    {
      schema: {
        tags,
        summary: 'The videos attached to a lesson or a homework (all with their state for its teacher; the ready ones for its class)',
        querystring: attachedQuery,
        response: { 200: attachedVideos, ...errs },
      },
    },
    async (request) => {
      const q = request.query;
      return uc.attachedVideos(db, requireActor(request), q.lessonId !== undefined ? { lessonId: q.lessonId } : { homeworkId: q.homeworkId! }, new Date());
    },
  );

  r.get(
    '/api/video/videos',
    {
      schema: {
        tags,
        summary: 'The archive: ready videos by grade, subject, language, with search in title and topic (public ones without sign-in)',
        querystring: archiveQuery,
        response: { 200: archivePage, ...errs },
      },
    },
    async (request) => uc.archive(db, request.actor, request.query),
  );

  r.get(
    '/api/video/my-videos',
    {
      schema: { tags, summary: "The uploader's videos with their transcoding status", response: { 200: z.object({ items: z.array(videoSchema) }), ...errs } },
    },
    async (request) => uc.myVideos(db, requireActor(request)),
  );

  // The ladder's files. Public videos are cacheable by any proxy (a country puts a cache in front);
  // a school's videos only by the browser.
  const accessCache = new Map<number, { at: number; v: repo.VideoRow }>();
  r.get(
    '/api/video/videos/:id/media/*',
    {
      // outside admission control: a slot is held until the response is sent, and a viewer on a slow
      // link takes a segment's duration to fetch it; 16 such viewers would stop the API (bench/video-viewers.ts)
      config: { cache: 'public', admission: false },
      schema: {
        tags,
        summary: 'A file of the HLS ladder (master.m3u8, <rung>/index.m3u8, <rung>/seg-NNNNN.ts) or small.mp4',
        params: z.object({ id: idParam.shape.id, '*': z.string().max(64) }),
        response: { 200: z.any(), ...errs },
      },
    },
    async (request, reply) => {
      const { id, '*': name } = request.params;
      let v = accessCache.get(id)?.v;
      const cached = v && Date.now() - accessCache.get(id)!.at < 30_000;
      if (!cached) {
        v = (await repo.findVideo(db, id)) ?? undefined;
        if (v?.status === 'ready' && v.visibility === 'public') {
          if (accessCache.size > 10_000) accessCache.clear();
          accessCache.set(id, { at: Date.now(), v });
        }
      }
      if (!v || v.status !== 'ready' || !canSee(request.actor, v) || !isVideoFileName(name)) {
        if (!request.actor && !(v && v.visibility === 'public')) throw unauthenticated();
        throw errors.videoNotFound();
      }
      let stream: Awaited<ReturnType<typeof store.get>>;
      try {
        stream = await store.get(storeKeyOf(id, name));
      } catch (err) {
        if (err instanceof FileMissingError) throw errors.videoNotFound('This part of the video is missing from the store');
        throw err;
      }
      const immutable = !name.endsWith('.m3u8');
      reply.header(
        'cache-control',
        v.visibility === 'public' ? `public, max-age=${immutable ? 31536000 : 300}${immutable ? ', immutable' : ''}` : 'private, max-age=300',
      );
      reply.header('content-type', contentTypeOf(name));
      if (v.visibility === 'public') reply.header('access-control-allow-origin', '*');
      if (name === 'small.mp4') reply.header('content-disposition', `attachment; filename="video-${id}.mp4"`);
      return reply.send(stream);
    },
  );

  // ── TV broadcast grid ────────────────────────────────────────────────────────────────────
  r.get(
    '/api/video/tv-schedule',
    {
      config: { cache: 'public' },
      schema: {
        tags,
        summary: "A day's (or up to 7 days') TV lessons on every channel (public, no sign-in): channel, air time, grade, language, topic, the recording",
        querystring: tvScheduleQuery,
        response: { 200: tvSchedule, ...errs },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return tv.daySchedule(db, request.query.date ?? tv.gridToday(clockFromEnv()()), request.query.days);
    },
  );

  r.get(
    '/api/video/tv-schedule/xmltv',
    {
      config: { cache: 'public' },
      schema: {
        tags,
        summary: 'The TV lessons grid of `days` days from `from` as an XMLTV file (public, no sign-in)',
        querystring: tvExportQuery,
        response: { 200: z.string(), ...errs },
      },
    },
    async (request, reply) => {
      const xml = await tv.exportXmltv(db, request.query.from, request.query.days, new Date());
      reply.header('cache-control', 'public, max-age=300');
      reply.header('content-type', 'application/xml; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="tv-lessons-${request.query.from}.xml"`);
      return xml;
    },
  );

  r.get(
    '/api/video/tv-schedule/pdf',
    {
      config: { cache: 'public' },
      schema: { tags, summary: 'The TV lessons grid as a printable PDF (public, no sign-in): a day or a week, by grade and language', querystring: tvPdfQuery },
    },
    async (request, reply) => {
      const { bytes, name } = await tv.gridPdf(db, request.query);
      reply.header('cache-control', 'public, max-age=300');
      return reply.header('content-type', PDF_CONTENT_TYPE).header('content-disposition', pdfDisposition(name)).send(bytes);
    },
  );

  r.get(
    '/api/video/tv-channels',
    {
      schema: {
        tags,
        summary: 'The TV channels (national and local retransmission), with what the reader may edit and create',
        response: { 200: tvChannels, ...errs },
      },
    },
    async (request) => channels.listChannels(db, requireActor(request)),
  );

  r.post(
    '/api/video/tv-channels',
    {
      schema: {
        tags,
        summary: 'Create a TV channel: national (the ministry) or a local retransmission of a region (the ministry, or that region’s officer)',
        body: tvChannelCreate,
        response: { 201: tvChannelSchema, ...errs },
      },
    },
    async (request, reply) => reply.code(201).send(await channels.createChannel(db, requireActor(request), request.body)),
  );

  r.patch(
    '/api/video/tv-channels/:id',
    {
      schema: {
        tags,
        summary: 'Edit a TV channel’s name, kind, languages, region or clock (its code stays: grid files name it)',
        params: idParam,
        body: tvChannelPatch,
        response: { 200: tvChannelSchema, ...errs },
      },
    },
    async (request) => channels.editChannel(db, requireActor(request), request.params.id, request.body),
  );

  r.post(
    '/api/video/tv-schedule/import',
    {
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Import TV grid slots from CSV (channel,starts_at,ends_at,grade,subject,language,topic[,video_id]) or XMLTV; all or nothing; dryRun checks without writing',
        body: tvImportBody,
        response: { 200: tvImportResult, 201: tvImportResult, ...errs },
      },
    },
    async (request, reply) => {
      const result = await tv.importGrid(db, requireActor(request), request.body);
      return reply.code(result.dryRun ? 200 : 201).send(result);
    },
  );
}
