import type { Queryable } from '../../platform/db.js';
import type { VideoStatus } from '../../../contracts/video.js';

export interface VideoRow {
  id: number;
  ownerId: number;
  organisationId: number | null;
  visibility: 'public' | 'organisation';
  title: string;
  grade: number | null;
  subjectId: number | null;
  language: 'kk' | 'ru' | 'en' | null;
  topic: string | null;
  status: VideoStatus;
  progress: number;
  durationSeconds: number | null;
  sourceKey: string;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: Date;
}

const SELECT = `select v.id, v.owner_id as "ownerId", v.organisation_id as "organisationId", v.visibility, v.title, v.grade,
  v.subject_id as "subjectId", v.language, v.topic, v.status, v.progress, v.duration_s as "durationSeconds",
  v.source_key as "sourceKey", v.failure_code as "failureCode", v.failure_message as "failureMessage", v.created_at as "createdAt"
  from video_videos v`;

export async function findVideo(db: Queryable, id: number): Promise<VideoRow | null> {
  const { rows } = await db.query<VideoRow & Record<string, unknown>>(`${SELECT} where v.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The video and its first job, in one transaction's two statements. */
export async function insertVideo(
  db: Queryable,
  v: {
    ownerId: number;
    organisationId: number | null;
    visibility: 'public' | 'organisation';
    title: string;
    grade: number | null;
    subjectId: number | null;
    language: string | null;
    topic: string | null;
    durationSeconds: number;
    width: number;
    height: number;
    sourceKey: string;
    sourceBytes: number;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into video_videos (owner_id, organisation_id, visibility, title, grade, subject_id, language, topic, duration_s, width, height, source_key, source_bytes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      v.ownerId,
      v.organisationId,
      v.visibility,
      v.title,
      v.grade,
      v.subjectId,
      v.language,
      v.topic,
      v.durationSeconds,
      v.width,
      v.height,
      v.sourceKey,
      v.sourceBytes,
    ],
  );
  const id = rows[0]!.id;
  await db.query('insert into video_jobs (video_id) values ($1)', [id]);
  return id;
}

/** Puts a failed video back in the queue with a new job. */
export async function requeue(db: Queryable, videoId: number): Promise<void> {
  await db.query(`update video_videos set status = 'queued', progress = 0, failure_code = null, failure_message = null, updated_at = now() where id = $1`, [
    videoId,
  ]);
  await db.query('insert into video_jobs (video_id) values ($1)', [videoId]);
}

export interface ArchiveFilter {
  grade?: number;
  subjectId?: number;
  language?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Ready videos the reader may see (public ones, and their organisations'), newest first. */
export async function listArchive(
  db: Queryable,
  f: ArchiveFilter,
  organisationIds: number[],
  ownerId: number | null,
): Promise<{ rows: VideoRow[]; total: number }> {
  const where = [`v.status = 'ready'`, `(v.visibility = 'public' or v.organisation_id = any($1::int[]) or v.owner_id = $2)`];
  const params: unknown[] = [organisationIds, ownerId ?? 0];
  if (f.grade !== undefined) {
    params.push(f.grade);
    where.push(`v.grade = $${params.length}`);
  }
  if (f.subjectId !== undefined) {
    params.push(f.subjectId);
    where.push(`v.subject_id = $${params.length}`);
  }
  if (f.language !== undefined) {
    params.push(f.language);
    where.push(`v.language = $${params.length}`);
  }
  if (f.q !== undefined) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(v.title ilike $${params.length} or v.topic ilike $${params.length})`);
  }
  const total = (await db.query<{ n: number }>(`select count(*)::int as n from video_videos v where ${where.join(' and ')}`, params)).rows[0]!.n;
  params.push(f.pageSize, (f.page - 1) * f.pageSize);
  const { rows } = await db.query<VideoRow & Record<string, unknown>>(
    `${SELECT} where ${where.join(' and ')} order by v.created_at desc, v.id desc limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return { rows, total };
}

export async function listOwn(db: Queryable, ownerId: number): Promise<VideoRow[]> {
  const { rows } = await db.query<VideoRow & Record<string, unknown>>(`${SELECT} where v.owner_id = $1 order by v.created_at desc, v.id desc limit 100`, [
    ownerId,
  ]);
  return rows;
}

// ── jobs ───────────────────────────────────────────────────────────────────────────────────

export interface ClaimedJob {
  id: number;
  videoId: number;
  attempts: number;
  maxAttempts: number;
}

/**
 * Takes the next job: a queued one that is due, or a running one whose worker stopped reporting for
 * longer than the lease (it died). SKIP LOCKED: many workers in many processes never take the same job.
 */
export async function claimJob(db: Queryable, workerId: string, leaseSeconds: number): Promise<ClaimedJob | null> {
  const { rows } = await db.query<ClaimedJob & Record<string, unknown>>(
    `update video_jobs j set state = 'running', attempts = j.attempts + 1, locked_by = $1, heartbeat_at = now()
      where j.id = (select id from video_jobs
                     where (state = 'queued' and run_after <= now())
                        or (state = 'running' and heartbeat_at < now() - make_interval(secs => $2))
                     order by run_after, id for update skip locked limit 1)
      returning j.id, j.video_id as "videoId", j.attempts, j.max_attempts as "maxAttempts"`,
    [workerId, leaseSeconds],
  );
  return rows[0] ?? null;
}

/** Progress and heartbeat together; false when another worker has taken the job over. */
export async function reportProgress(db: Queryable, job: ClaimedJob, workerId: string, progress: number): Promise<boolean> {
  const r = await db.query(
    `with j as (update video_jobs set heartbeat_at = now() where id = $1 and locked_by = $2 and state = 'running' returning video_id)
     update video_videos v set status = 'transcoding', progress = $3, updated_at = now() from j where v.id = j.video_id`,
    [job.id, workerId, progress],
  );
  return (r.rowCount ?? 0) > 0;
}

export async function markReady(db: Queryable, job: ClaimedJob, workerId: string): Promise<boolean> {
  const r = await db.query(`update video_jobs set state = 'done', finished_at = now() where id = $1 and locked_by = $2 and state = 'running'`, [
    job.id,
    workerId,
  ]);
  if (!r.rowCount) return false;
  await db.query(
    `update video_videos set status = 'ready', progress = 1, ready_at = now(), failure_code = null, failure_message = null, updated_at = now() where id = $1`,
    [job.videoId],
  );
  return true;
}

/** The job failed for good: the video says why. */
export async function markFailed(db: Queryable, job: ClaimedJob, workerId: string, code: string, message: string, detail: string): Promise<void> {
  const r = await db.query(
    `update video_jobs set state = 'failed', finished_at = now(), last_error = $3 where id = $1 and locked_by = $2 and state = 'running'`,
    [job.id, workerId, detail.slice(0, 4000)],
  );
  if (!r.rowCount) return;
  await db.query(`update video_videos set status = 'failed', failure_code = $2, failure_message = $3, updated_at = now() where id = $1`, [
    job.videoId,
    code,
    message,
  ]);
}

/** A failure worth another go (ffmpeg crashed, the store hiccuped): back to the queue after a delay. */
export async function retryLater(db: Queryable, job: ClaimedJob, workerId: string, delaySeconds: number, detail: string): Promise<void> {
  const r = await db.query(
    `update video_jobs set state = 'queued', locked_by = null, heartbeat_at = null, last_error = $3,
      run_after = now() + make_interval(secs => $4) where id = $1 and locked_by = $2 and state = 'running'`,
    [job.id, workerId, detail.slice(0, 4000), delaySeconds],
  );
  if (!r.rowCount) return;
  await db.query(`update video_videos set status = 'queued', progress = 0, updated_at = now() where id = $1`, [job.videoId]);
}

// ── editing, deleting ──────────────────────────────────────────────────────────────────────

/** The video's row locked for a change, and its open job (if any) locked too: a worker skips it until commit. */
export async function lockVideo(db: Queryable, id: number): Promise<{ jobState: 'queued' | 'running' | null; heartbeatAgeSeconds: number | null } | null> {
  const { rows } = await db.query('select id from video_videos where id = $1 for update', [id]);
  if (!rows.length) return null;
  const job = await db.query<{ state: 'queued' | 'running'; age: number | null }>(
    `select state, extract(epoch from now() - heartbeat_at)::float8 as age from video_jobs where video_id = $1 and state in ('queued', 'running') for update`,
    [id],
  );
  const j = job.rows[0];
  return { jobState: j?.state ?? null, heartbeatAgeSeconds: j?.age ?? null };
}

export async function updateVideo(
  db: Queryable,
  id: number,
  e: { title?: string; grade?: number | null; subjectId?: number | null; language?: string | null; topic?: string | null },
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const cols = { title: 'title', grade: 'grade', subjectId: 'subject_id', language: 'language', topic: 'topic' } as const;
  for (const [k, col] of Object.entries(cols) as [keyof typeof cols, string][]) {
    if (e[k] === undefined) continue;
    params.push(e[k]);
    sets.push(`${col} = $${params.length}`);
  }
  if (!sets.length) return;
  await db.query(`update video_videos set ${sets.join(', ')}, updated_at = now() where id = $1`, params);
}

/** Deletes the video (its jobs and lesson links go by cascade, TV slots lose it by `on delete set null`); answers how many slots and links it had. */
export async function deleteVideo(db: Queryable, id: number): Promise<{ slots: number; links: number }> {
  const slots = await db.query('update video_tv_slots set video_id = null where video_id = $1', [id]);
  const links = await db.query('delete from video_links where video_id = $1', [id]);
  await db.query('delete from video_videos where id = $1', [id]);
  return { slots: slots.rowCount ?? 0, links: links.rowCount ?? 0 };
}

// ── links to lessons and homework (decision 0040) ─────────────────────────────────────────

export interface LinkRow {
  id: number;
  videoId: number;
  lessonId: number | null;
  homeworkId: number | null;
  recording: boolean;
}

const LINK = `select k.id, k.video_id as "videoId", k.lesson_id as "lessonId", k.homework_id as "homeworkId", k.attached_by is null as recording from video_links k`;

export async function insertLink(
  db: Queryable,
  l: { videoId: number; lessonId: number | null; homeworkId: number | null; attachedBy: number | null },
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into video_links (video_id, lesson_id, homework_id, attached_by) values ($1, $2, $3, $4) on conflict do nothing returning id`,
    [l.videoId, l.lessonId, l.homeworkId, l.attachedBy],
  );
  return rows[0] ? Number(rows[0].id) : null;
}

export async function findLink(db: Queryable, videoId: number, linkId: number): Promise<LinkRow | null> {
  const { rows } = await db.query<LinkRow & Record<string, unknown>>(`${LINK} where k.id = $1 and k.video_id = $2`, [linkId, videoId]);
  return rows[0] ?? null;
}

export async function linksOfVideo(db: Queryable, videoId: number): Promise<LinkRow[]> {
  const { rows } = await db.query<LinkRow & Record<string, unknown>>(`${LINK} where k.video_id = $1 order by k.id`, [videoId]);
  return rows;
}

export async function deleteLink(db: Queryable, linkId: number): Promise<void> {
  await db.query('delete from video_links where id = $1', [linkId]);
}

/** The videos attached to a lesson or a homework, with their link's id, in the order attached. */
export async function attachedTo(db: Queryable, target: { lessonId: number } | { homeworkId: number }): Promise<(VideoRow & { linkId: number })[]> {
  const [col, id] = 'lessonId' in target ? ['lesson_id', target.lessonId] : ['homework_id', target.homeworkId];
  const { rows } = await db.query<VideoRow & { linkId: number } & Record<string, unknown>>(
    `${SELECT.replace('from video_videos v', ', k.id as "linkId" from video_links k join video_videos v on v.id = k.video_id')} where k.${col} = $1 order by k.id`,
    [id],
  );
  return rows;
}
