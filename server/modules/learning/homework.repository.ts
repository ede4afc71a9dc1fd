import type { Queryable } from '../../platform/db.js';
import type { Submission } from '../../../contracts/learning.js';
import type { OrganisationKind } from './learning.rules.js';
import type { SettingsRow } from './learning.settings.js';
import { fileJson, homeworkMaterials, homeworkVideos, markJson, personJson, subjectJson } from './learning.sql.js';

export interface HomeworkContext {
  id: number;
  lessonId: number;
  organisationId: number;
  classId: number;
  subjectId: number;
  termId: number;
  dueAt: Date;
  lessonStartsAt: Date;
  timeZone: string;
  orgKind: OrganisationKind;
  settings: SettingsRow;
  termEndsOn: string;
}

export async function findHomeworkContext(db: Queryable, homeworkId: number): Promise<HomeworkContext | null> {
  const { rows } = await db.query<HomeworkContext & Record<string, unknown>>(
    `select h.id, h.lesson_id as "lessonId", h.organisation_id as "organisationId", h.class_id as "classId", h.subject_id as "subjectId",
       h.term_id as "termId", h.due_at as "dueAt", l.starts_at as "lessonStartsAt", o.time_zone as "timeZone", o.kind as "orgKind",
       row_to_json(learning_settings_for(o.id)) as settings, t.ends_on as "termEndsOn"
     from homework h join lessons l on l.id = h.lesson_id join organisations o on o.id = h.organisation_id join terms t on t.id = h.term_id
     where h.id = $1`,
    [homeworkId],
  );
  return rows[0] ?? null;
}

export async function insertHomework(
  db: Queryable,
  h: {
    lessonId: number;
    organisationId: number;
    classId: number;
    subjectId: number;
    termId: number;
    teacherId: number;
    title: string;
    instructions: string | null;
    dueAt: string;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, instructions, due_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [h.lessonId, h.organisationId, h.classId, h.subjectId, h.termId, h.teacherId, h.title, h.instructions, h.dueAt],
  );
  return rows[0]!.id;
}

export async function updateHomework(db: Queryable, id: number, p: { title?: string; instructions?: string | null; dueAt?: string }): Promise<void> {
  await db.query(
    `update homework set title = coalesce($2, title), instructions = case when $3::boolean then $4 else instructions end,
       due_at = coalesce($5::timestamptz, due_at), updated_at = now() where id = $1`,
    [id, p.title ?? null, p.instructions !== undefined, p.instructions ?? null, p.dueAt ?? null],
  );
}

export async function countSubmissions(db: Queryable, homeworkId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*) as n from submission_attempts where homework_id = $1', [homeworkId]);
  return rows[0]!.n;
}

export async function deleteHomework(db: Queryable, id: number): Promise<void> {
  await db.query('delete from lesson_materials where homework_id = $1', [id]);
  await db.query('delete from homework where id = $1', [id]);
}

export interface HomeworkRow {
  id: number;
  lessonId: number;
  title: string;
  instructions: string | null;
  dueAt: string;
  materials: unknown[];
  /** the ready videos attached to it (the video module's links) */
  videos: { id: number; title: string; durationSeconds: number | null }[];
  submitted: number;
  toMark: number;
  lesson: {
    id: number;
    date: string;
    class: { id: number; name: string };
    subject: { id: number; code: string; name: { kk: string; ru: string; en: string } };
    timeZone: string;
  };
}

export async function findHomework(db: Queryable, id: number): Promise<HomeworkRow | null> {
  const { rows } = await db.query<HomeworkRow & Record<string, unknown>>(
    `select h.id, h.lesson_id as "lessonId", h.title, h.instructions, iso_utc(h.due_at) as "dueAt", ${homeworkMaterials('h.id')} as materials, ${homeworkVideos('h.id')} as videos,
       (select count(*) from submissions sb where sb.homework_id = h.id) as submitted,
       (select count(*) from submissions sb where sb.homework_id = h.id and sb.status = 'submitted') as "toMark",
       json_build_object('id', l.id, 'date', l.on_date, 'class', json_build_object('id', c.id, 'name', c.name),
         'subject', ${subjectJson('s')}, 'timeZone', o.time_zone) as lesson
     from homework h join lessons l on l.id = h.lesson_id join classes c on c.id = h.class_id join subjects s on s.id = h.subject_id
     join organisations o on o.id = h.organisation_id
     where h.id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

/** `attempt`: the SQL expression of the attempt whose text and files are shown (the current one by default). */
const submissionSelect = (attempt = 'sb.current_attempt_id') => `
  select sb.id, sb.homework_id as "homeworkId", ${personJson('p')} as pupil, sb.status, sb.late, sb.attempts,
    iso_utc(sb.first_submitted_at) as "firstSubmittedAt", iso_utc(sb.submitted_at) as "submittedAt", at.text,
    (select coalesce(json_agg(${fileJson('f')} order by sf.position), '[]') from submission_files sf join files f on f.id = sf.file_id
       where sf.attempt_id = ${attempt}) as files,
    (select ${markJson('mk')} from marks mk where mk.homework_id = sb.homework_id and mk.pupil_id = sb.pupil_id) as mark,
    h.class_id as "classId", h.subject_id as "subjectId", h.organisation_id as "organisationId", sb.pupil_id as "pupilId"
  from submissions sb
  join homework h on h.id = sb.homework_id
  join persons p on p.id = sb.pupil_id
  left join submission_attempts at on at.id = ${attempt}`;

export type SubmissionRow = Submission & { classId: number; subjectId: number; organisationId: number; pupilId: number };

/** A submission; with `attemptId`, the text and files of that attempt (a replayed request shows what it sent). */
export async function findSubmission(db: Queryable, id: number, attemptId: number | null = null): Promise<SubmissionRow | null> {
  const { rows } = await db.query<SubmissionRow & Record<string, unknown>>(
    `${submissionSelect('coalesce($2::bigint, sb.current_attempt_id)')} where sb.id = $1`,
    [id, attemptId],
  );
  return rows[0] ?? null;
}

export async function findSubmissionOf(db: Queryable, homeworkId: number, pupilId: number): Promise<SubmissionRow | null> {
  const { rows } = await db.query<SubmissionRow & Record<string, unknown>>(`${submissionSelect()} where sb.homework_id = $1 and sb.pupil_id = $2`, [
    homeworkId,
    pupilId,
  ]);
  return rows[0] ?? null;
}

/** Every pupil of the homework's class with their submission (brief), for the teacher's homework page. */
export async function findClassSubmissions(db: Queryable, homeworkId: number, classId: number) {
  const { rows } = await db.query<{ pupil: unknown; submission: unknown }>(
    `select ${personJson('p')} as pupil,
       case when sb.id is null then null else json_build_object('id', sb.id, 'status', sb.status, 'late', sb.late,
         'submittedAt', iso_utc(sb.submitted_at), 'attempts', sb.attempts,
         'mark', (select ${markJson('mk')} from marks mk where mk.homework_id = $1 and mk.pupil_id = p.id)) end as submission
     from class_members m join persons p on p.id = m.pupil_id
     left join submissions sb on sb.homework_id = $1 and sb.pupil_id = p.id
     where m.class_id = $2 order by p.last_name, p.first_name, p.id`,
    [homeworkId, classId],
  );
  return rows;
}

export interface AttemptRow {
  id: number;
  homework_id: number;
  request_hash: Buffer;
}

export async function findAttempt(db: Queryable, pupilId: number, key: string): Promise<AttemptRow | null> {
  const { rows } = await db.query<AttemptRow & Record<string, unknown>>(
    'select id, homework_id, request_hash from submission_attempts where pupil_id = $1 and idempotency_key = $2',
    [pupilId, key],
  );
  return rows[0] ?? null;
}

/** Records an attempt unless one with this key exists (a concurrent retry): then returns null. */
export async function insertAttempt(
  db: Queryable,
  a: {
    homeworkId: number;
    pupilId: number;
    key: string;
    hash: Buffer;
    text: string | null;
    late: boolean;
    at: Date;
  },
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into submission_attempts (homework_id, pupil_id, idempotency_key, request_hash, text, late, submitted_at)
     values ($1, $2, $3, $4, $5, $6, $7) on conflict (pupil_id, idempotency_key) do nothing returning id`,
    [a.homeworkId, a.pupilId, a.key, a.hash, a.text, a.late, a.at],
  );
  return rows[0]?.id ?? null;
}

export async function insertAttemptFiles(db: Queryable, attemptId: number, fileIds: string[]): Promise<void> {
  if (!fileIds.length) return;
  await db.query(`insert into submission_files (attempt_id, file_id, position) select $1, u.f, u.n from unnest($2::uuid[]) with ordinality as u(f, n)`, [
    attemptId,
    fileIds,
  ]);
}

/** Makes the attempt the pupil's current submission, unless the work was marked meanwhile (then null). */
export async function upsertSubmission(
  db: Queryable,
  s: { homeworkId: number; pupilId: number; attemptId: number; late: boolean; at: Date },
): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    `insert into submissions (homework_id, pupil_id, status, current_attempt_id, attempts, late, first_submitted_at, submitted_at, updated_at, school_year)
     select $1, $2, 'submitted', $3, 1, $4, $5, $5, $5, sabaq_school_year(l.on_date)
       from homework h join lessons l on l.id = h.lesson_id where h.id = $1
     on conflict (homework_id, pupil_id, school_year) do update set current_attempt_id = excluded.current_attempt_id,
       attempts = submissions.attempts + 1, late = excluded.late, submitted_at = excluded.submitted_at, updated_at = excluded.updated_at
       where submissions.status = 'submitted'
     returning id`,
    [s.homeworkId, s.pupilId, s.attemptId, s.late, s.at],
  );
  return rows[0]?.id ?? null;
}

export async function submissionIdOf(db: Queryable, homeworkId: number, pupilId: number): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>('select id from submissions where homework_id = $1 and pupil_id = $2', [homeworkId, pupilId]);
  return rows[0]?.id ?? null;
}

export async function isMarked(db: Queryable, homeworkId: number, pupilId: number): Promise<boolean> {
  const { rows } = await db.query(`select 1 from submissions where homework_id = $1 and pupil_id = $2 and status = 'marked'`, [homeworkId, pupilId]);
  return rows.length > 0;
}

export async function setSubmissionStatus(db: Queryable, id: number, status: 'submitted' | 'marked'): Promise<void> {
  await db.query('update submissions set status = $2, updated_at = now() where id = $1', [id, status]);
}

/** Submitted work waiting to be marked in the class × subject pairs given (the teacher's), oldest first. */
export async function findInbox(
  db: Queryable,
  args: {
    classIds: number[];
    subjectIds: number[];
    limit: number;
    homeworkId?: number;
    state?: 'waiting' | 'all';
    page?: number;
  },
) {
  const page = args.page ?? 1;
  const all = args.state === 'all';
  const { rows } = await db.query<{ total: number; item: unknown }>(
    `with pairs as (select * from unnest($1::bigint[], $2::int[]) as p(class_id, subject_id)),
     waiting as (
       select sb.id, sb.submitted_at, sb.late, sb.attempts, sb.pupil_id, h.id as homework_id, h.title, h.due_at, h.lesson_id,
         h.class_id, h.subject_id, sb.status
       from pairs join homework h on h.class_id = pairs.class_id and h.subject_id = pairs.subject_id
       join submissions sb on sb.homework_id = h.id and (sb.status = 'submitted' or $5::boolean)
       where ($4::bigint is null or h.id = $4)
     )
     select (select count(*) from waiting) as total,
       json_build_object('submissionId', w.id,
         'homework', json_build_object('id', w.homework_id, 'title', w.title, 'dueAt', iso_utc(w.due_at), 'lessonId', w.lesson_id),
         'class', json_build_object('id', c.id, 'name', c.name), 'subject', ${subjectJson('s')}, 'pupil', ${personJson('p')},
         'submittedAt', iso_utc(w.submitted_at), 'late', w.late, 'attempts', w.attempts, 'marked', w.status = 'marked') as item
     from waiting w join classes c on c.id = w.class_id join subjects s on s.id = w.subject_id join persons p on p.id = w.pupil_id
     order by w.status = 'marked', w.submitted_at, w.id limit $3 offset $6`,
    [args.classIds, args.subjectIds, args.limit, args.homeworkId ?? null, all, (page - 1) * args.limit],
  );
  // the homework that has work in these classes (and state), for the filter: newest first
  const { rows: homeworks } = await db.query<{ id: number; title: string; class: unknown; count: number }>(
    `with pairs as (select * from unnest($1::bigint[], $2::int[]) as p(class_id, subject_id))
     select h.id, h.title, json_build_object('id', c.id, 'name', c.name) as class, count(*)::int as count
       from pairs join homework h on h.class_id = pairs.class_id and h.subject_id = pairs.subject_id
       join submissions sb on sb.homework_id = h.id and (sb.status = 'submitted' or $3::boolean)
       join classes c on c.id = h.class_id
      group by h.id, c.id order by h.due_at desc, h.id desc limit 100`,
    [args.classIds, args.subjectIds, all],
  );
  // a page past the end still says how many there are
  const total = rows[0]?.total ?? (page > 1 ? await countInbox(db, args.classIds, args.subjectIds, args.homeworkId ?? null, all) : 0);
  return { total: Number(total), page, pageSize: args.limit, homeworks, items: rows.map((r) => r.item) };
}

async function countInbox(db: Queryable, classIds: number[], subjectIds: number[], homeworkId: number | null, all: boolean): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `with pairs as (select * from unnest($1::bigint[], $2::int[]) as p(class_id, subject_id))
     select count(*)::int as n from pairs join homework h on h.class_id = pairs.class_id and h.subject_id = pairs.subject_id
       join submissions sb on sb.homework_id = h.id and (sb.status = 'submitted' or $4::boolean)
      where ($3::bigint is null or h.id = $3)`,
    [classIds, subjectIds, homeworkId, all],
  );
  return rows[0]?.n ?? 0;
}
