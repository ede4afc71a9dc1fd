import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.js';
import { unauthenticated } from '../../platform/errors.js';
import type { Actor } from '../identity/identity.actor.js';
import type { FileStore } from '../files/files.usecases.js';
import { stat } from 'node:fs/promises';
import { createFileStore, loadFilesConfig } from '../files/files.usecases.js';
import type { AttachedVideos, UploadFields, Video, VideoEdit, VideoLink, VideoLinkBody } from '../../../contracts/video.js';
import { servedLessons, targetForVideo } from '../learning/video.usecases.js';
import { loadVideoConfig } from './video.config.js';
import * as errors from './video.errors.js';
import { probe } from './video.media.js';
import { canEdit, canSee, canUpload, isOwner, memberOrganisations, uploadScope } from './video.policy.js';
import * as repo from './video.repository.js';
import { judgeProbe, LADDER, sourceKeyOf, storeKeyOf } from './video.rules.js';

const VERDICT_ERRORS = { 'video.not_a_video': errors.notAVideo, 'video.too_short': errors.tooShort, 'video.no_audio': errors.noAudio } as const;

export function toVideo(v: repo.VideoRow, actor: Actor | null): Video {
  const ready = v.status === 'ready';
  const base = `/api/video/videos/${v.id}/media`;
  return {
    id: v.id,
    title: v.title,
    grade: v.grade,
    subjectId: v.subjectId,
    language: v.language,
    topic: v.topic,
    visibility: v.visibility,
    status: v.status,
    progress: v.status === 'ready' ? 1 : v.status === 'transcoding' ? v.progress : 0,
    durationSeconds: v.durationSeconds,
    hlsUrl: ready ? `${base}/master.m3u8` : null,
    mp4Url: ready ? `${base}/small.mp4` : null,
    rungs: ready ? LADDER.map((r) => ({ name: r.name, bandwidth: (r.videoKbps + r.audioKbps) * 1000, height: r.height })) : [],
    failure: v.status === 'failed' ? { code: v.failureCode ?? 'video.transcode_failed', message: v.failureMessage ?? '' } : null,
    canRetry: v.status === 'failed' && isOwner(actor, v),
    canEdit: canEdit(actor, v),
    createdAt: v.createdAt.toISOString(),
  };
}

/**
 * Accepts an uploaded file (already spooled to disk): judges it with ffprobe (not a video, too short,
 * no sound → 422 saying which), puts it in the file store and queues its transcoding. Nothing is kept
 * when a step fails.
 */
export async function acceptUpload(args: {
  db: Db;
  store: FileStore;
  actor: Actor;
  spoolPath: string;
  size: number;
  fields: UploadFields;
}): Promise<{ id: number; status: 'queued' }> {
  const { db, store, actor, fields } = args;
  if (!canUpload(actor)) throw errors.uploadForbidden();
  if (args.size === 0) throw errors.emptyFile();
  const probed = await probe(args.spoolPath);
  const verdict = judgeProbe(probed);
  if (!verdict.ok) throw VERDICT_ERRORS[verdict.code](verdict.message);
  const scope = uploadScope(actor);
  const key = sourceKeyOf(randomUUID());
  await store.put(key, createReadStream(args.spoolPath), args.size);
  try {
    const id = await db.transaction((tx) =>
      repo.insertVideo(tx, {
        ownerId: actor.personId,
        ...scope,
        title: fields.title,
        grade: fields.grade ?? null,
        subjectId: fields.subjectId ?? null,
        language: fields.language ?? null,
        topic: fields.topic ?? null,
        durationSeconds: probed!.durationSeconds!,
        width: probed!.video!.width,
        height: probed!.video!.height,
        sourceKey: key,
        sourceBytes: args.size,
      }),
    );
    return { id, status: 'queued' };
  } catch (err) {
    await store.delete(key).catch(() => {});
    if ((err as { code?: string }).code === '23503') throw errors.unknownSubject();
    throw err;
  }
}

/** A video the actor may see; a video they may not see answers like a missing one (a signed-out reader is asked to sign in). */
export async function visibleVideo(db: Queryable, actor: Actor | null, id: number): Promise<repo.VideoRow> {
  const v = await repo.findVideo(db, id);
  if (v && canSee(actor, v)) return v;
  if (!actor) throw unauthenticated();
  throw errors.videoNotFound();
}

export async function getVideo(db: Queryable, actor: Actor | null, id: number): Promise<Video> {
  return toVideo(await visibleVideo(db, actor, id), actor);
}

/** The uploader puts a failed transcode back in the queue. */
export async function retryVideo(db: Db, actor: Actor, id: number): Promise<Video> {
  return db.transaction(async (tx) => {
    const v = await repo.findVideo(tx, id);
    if (!v || !isOwner(actor, v)) throw errors.videoNotFound();
    if (v.status !== 'failed') throw errors.notFailed();
    await tx.query('select id from video_videos where id = $1 for update', [id]);
    await repo.requeue(tx, id);
    return toVideo((await repo.findVideo(tx, id))!, actor);
  });
}

export async function archive(db: Queryable, actor: Actor | null, filter: repo.ArchiveFilter) {
  const { rows, total } = await repo.listArchive(db, filter, memberOrganisations(actor), actor?.personId ?? null);
  return { items: rows.map((v) => toVideo(v, actor)), page: filter.page, pageSize: filter.pageSize, total };
}

export async function myVideos(db: Queryable, actor: Actor) {
  if (!canUpload(actor)) return { items: [] };
  return { items: (await repo.listOwn(db, actor.personId)).map((v) => toVideo(v, actor)) };
}

/**
 * A recording of a live lesson (server/modules/live: janus-pp-rec + ffmpeg made `path`) enters the
 * same pipeline as an upload: judged by ffprobe, put in the file store, queued for the HLS ladder
 * (with its audio-only rung). Owned by the teacher who ran it, read in their school. Answers the
 * video's id; a file that is not a usable video is refused with the upload's codes.
 */
export async function acceptRecording(
  db: Db,
  args: {
    path: string;
    ownerId: number;
    organisationId: number;
    title: string;
    topic?: string | null;
    subjectId?: number | null;
    grade?: number | null;
    /** the recorded lesson: the video is attached to it (shown to its class once ready) */
    lessonId?: number | null;
    store?: FileStore;
  },
): Promise<number> {
  const store = args.store ?? createFileStore(loadFilesConfig());
  const size = (await stat(args.path)).size;
  if (size === 0) throw errors.emptyFile();
  const probed = await probe(args.path);
  const verdict = judgeProbe(probed);
  if (!verdict.ok) throw VERDICT_ERRORS[verdict.code](verdict.message);
  const key = sourceKeyOf(randomUUID());
  await store.put(key, createReadStream(args.path), size);
  try {
    return await db.transaction(async (tx) => {
      const id = await repo.insertVideo(tx, {
        ownerId: args.ownerId,
        organisationId: args.organisationId,
        visibility: 'organisation',
        title: args.title.slice(0, 200),
        grade: args.grade ?? null,
        subjectId: args.subjectId ?? null,
        language: null,
        topic: args.topic ?? null,
        durationSeconds: probed!.durationSeconds!,
        width: probed!.video!.width,
        height: probed!.video!.height,
        sourceKey: key,
        sourceBytes: size,
      });
      await tx.query("update video_videos set source = 'recording' where id = $1", [id]);
      if (args.lessonId) await repo.insertLink(tx, { videoId: id, lessonId: args.lessonId, homeworkId: null, attachedBy: null });
      return id;
    });
  } catch (err) {
    await store.delete(key).catch(() => {});
    throw err;
  }
}

/** A video's state for the live module's recording list (no scope check: the caller decides). */
export async function videoState(db: Queryable, id: number): Promise<{ status: string; progress: number; hlsUrl: string | null } | null> {
  const { rows } = await db.query<{ status: string; progress: number }>('select status, progress from video_videos where id = $1', [id]);
  const r = rows[0];
  return r ? { status: r.status, progress: r.progress, hlsUrl: r.status === 'ready' ? `/api/video/videos/${id}/media/master.m3u8` : null } : null;
}

// ── editing and deleting (the uploader; the ministry for national videos) ─────────────────

async function editableVideo(db: Queryable, actor: Actor, id: number): Promise<repo.VideoRow> {
  const v = await repo.findVideo(db, id);
  if (!v || !canSee(actor, v)) throw errors.videoNotFound();
  if (!canEdit(actor, v)) throw errors.editForbidden();
  return v;
}

/** Changes what the archive knows of a video (title, grade, subject, language, topic). */
export async function editVideo(db: Db, actor: Actor, id: number, e: VideoEdit): Promise<Video> {
  try {
    return await db.transaction(async (tx) => {
      await editableVideo(tx, actor, id);
      await repo.lockVideo(tx, id);
      await repo.updateVideo(tx, id, e);
      return toVideo((await repo.findVideo(tx, id))!, actor);
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23503') throw errors.unknownSubject();
    throw err;
  }
}

/** The file store's keys of a video's ladder (the rungs' playlists name their segments), read before the rows go. */
async function ladderKeys(store: FileStore, id: number): Promise<string[]> {
  const names = ['master.m3u8', 'small.mp4'];
  for (const rung of LADDER) {
    names.push(`${rung.name}/index.m3u8`);
    try {
      const chunks: Buffer[] = [];
      for await (const c of await store.get(storeKeyOf(id, `${rung.name}/index.m3u8`))) chunks.push(c as Buffer);
      for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
        const seg = line.trim();
        if (/^seg-\d{5}\.ts$/.test(seg)) names.push(`${rung.name}/${seg}`);
      }
    } catch {
      // no playlist for this rung (never transcoded, or already gone)
    }
  }
  return names.map((n) => storeKeyOf(id, n));
}

/**
 * Deletes a video: in one transaction its row, its jobs, its links to lessons and homework and its
 * place on TV slots (the slots stay, without a recording); then its files leave the file store. A
 * queued transcode is cancelled with it; one running right now refuses (409 video.transcoding).
 */
export async function deleteVideo(db: Db, store: FileStore, actor: Actor, id: number, log?: { warn: (o: object, m: string) => void }) {
  const lease = loadVideoConfig().leaseSeconds;
  const { v, keys, removed } = await db.transaction(async (tx) => {
    const v = await editableVideo(tx, actor, id);
    const lock = await repo.lockVideo(tx, id);
    if (lock?.jobState === 'running' && (lock.heartbeatAgeSeconds ?? 0) < lease) throw errors.stillTranscoding();
    const keys = v.status === 'ready' ? await ladderKeys(store, id) : [];
    const removed = await repo.deleteVideo(tx, id);
    return { v, keys, removed };
  });
  let missed = 0;
  for (const key of [v.sourceKey, ...keys]) {
    await store.delete(key).catch(() => {
      missed++;
    });
  }
  if (missed) log?.warn({ videoId: id, missed }, 'video: some files of a deleted video were not removed from the store');
  return { id, deleted: true as const, tvSlots: removed.slots, links: removed.links };
}

// ── attaching to lessons and homework (decision 0040) ─────────────────────────────────────

async function linkViews(db: Queryable, actor: Actor | null, links: repo.LinkRow[]): Promise<VideoLink[]> {
  const served = await servedLessons(db, actor, links);
  const out: VideoLink[] = [];
  links.forEach((k, i) => {
    const s = served[i];
    if (!s) return;
    const { mayAttach, ...rest } = s;
    out.push({ id: k.id, ...rest, canDetach: mayAttach, recording: k.recording });
  });
  return out;
}

/** The lessons and homework a video serves, those the reader may see (the watch page's "used in"). */
export async function videoLinks(db: Queryable, actor: Actor | null, id: number): Promise<{ items: VideoLink[] }> {
  const v = await visibleVideo(db, actor, id);
  return { items: await linkViews(db, actor, await repo.linksOfVideo(db, v.id)) };
}

/**
 * The lesson's teacher (or the school's admin) attaches a video they may see to a lesson or a
 * homework: a ready one, or one still transcoding (the class sees it once ready). The class must be
 * able to watch it: a public video, or one of the lesson's school.
 */
export async function attachVideo(db: Db, actor: Actor, id: number, body: VideoLinkBody, now: Date): Promise<VideoLink> {
  return db.transaction(async (tx) => {
    const v = await visibleVideo(tx, actor, id);
    const target = await targetForVideo(tx, actor, body, now);
    if (!target) throw errors.targetNotFound();
    if (!target.mayAttach) throw errors.attachForbidden();
    if (v.status === 'failed') throw errors.notAttachable();
    if (v.visibility !== 'public' && v.organisationId !== target.organisationId) throw errors.outOfReach();
    const linkId = await repo.insertLink(tx, {
      videoId: v.id,
      lessonId: 'lessonId' in body ? target.lessonId : null,
      homeworkId: target.homeworkId,
      attachedBy: actor.personId,
    });
    if (linkId === null) throw errors.alreadyAttached();
    const [view] = await linkViews(tx, actor, [(await repo.findLink(tx, v.id, linkId))!]);
    return view!;
  });
}

/** The lesson's teacher (or the school's admin) takes a video off a lesson or a homework. */
export async function detachVideo(db: Db, actor: Actor, id: number, linkId: number, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const link = await repo.findLink(tx, id, linkId);
    if (!link) throw errors.linkNotFound();
    const target = await targetForVideo(tx, actor, link.homeworkId !== null ? { homeworkId: link.homeworkId } : { lessonId: link.lessonId! }, now);
    if (!target) throw errors.linkNotFound();
    if (!target.mayAttach) throw errors.attachForbidden();
    await repo.deleteLink(tx, linkId);
  });
}

/**
 * The videos attached to one lesson or homework: every one (with its transcoding state) for whoever
 * may attach there; for the class, only the ready ones it may watch.
 */
export async function attachedVideos(db: Queryable, actor: Actor, target: { lessonId: number } | { homeworkId: number }, now: Date): Promise<AttachedVideos> {
  const t = await targetForVideo(db, actor, target, now);
  if (!t) throw errors.targetNotFound();
  const rows = await repo.attachedTo(db, target);
  return {
    canAttach: t.mayAttach,
    items: rows.filter((r) => t.mayAttach || (r.status === 'ready' && canSee(actor, r))).map((r) => ({ linkId: r.linkId, video: toVideo(r, actor) })),
  };
}
