import type { Queryable } from '../../platform/db.js';
import type { Material, QuizBody } from '../../../contracts/training.js';

/**
 * SQL of courses built in Sabaq (migration 1140): the draft modules (training_modules), the frozen
 * versions (training_course_versions), teachers' module reads and quiz attempts.
 */

export interface ModuleRow {
  id: number;
  position: number;
  title: { kk: string; ru: string; en: string };
  materials: Material[];
  quiz: QuizBody | null;
}

export interface VersionContent {
  modules: ModuleRow[];
}

export interface VersionRow {
  id: number;
  version: number;
  publishedAt: string;
  content: VersionContent;
}

type RawModule = { id: number; position: number; title_kk: string; title_ru: string; title_en: string; materials: Material[]; quiz: QuizBody | null };
const toModule = (r: RawModule): ModuleRow => ({
  id: r.id,
  position: r.position,
  title: { kk: r.title_kk, ru: r.title_ru, en: r.title_en },
  materials: r.materials,
  quiz: r.quiz,
});

export async function draftModules(db: Queryable, courseId: number): Promise<ModuleRow[]> {
  const { rows } = await db.query<RawModule>(
    'select id, position, title_kk, title_ru, title_en, materials, quiz from training_modules where course_id = $1 order by position',
    [courseId],
  );
  return rows.map(toModule);
}

export async function quizSettings(db: Queryable, courseId: number): Promise<{ maxAttempts: number | null; waitMinutes: number }> {
  const { rows } = await db.query<{ quiz_max_attempts: number | null; quiz_wait_minutes: number }>(
    'select quiz_max_attempts, quiz_wait_minutes from training_courses where id = $1',
    [courseId],
  );
  return { maxAttempts: rows[0]?.quiz_max_attempts ?? null, waitMinutes: rows[0]?.quiz_wait_minutes ?? 0 };
}

/** Locks the course row: one editor's save or publish at a time. */
export async function lockCourse(db: Queryable, courseId: number): Promise<boolean> {
  const { rows } = await db.query('select id from training_courses where id = $1 for update', [courseId]);
  return rows.length > 0;
}

export interface DraftModule {
  id?: number;
  title: { kk: string; ru: string; en: string };
  materials: Material[];
  quiz: QuizBody | null;
}

/**
 * Replaces the draft: modules kept by id are updated in place, new ones inserted, the others deleted
 * (published versions keep their copy, so reads and attempts of a deleted module stay explained).
 */
export async function replaceDraft(
  db: Queryable,
  courseId: number,
  settings: { maxAttempts: number | null; waitMinutes: number },
  modules: DraftModule[],
): Promise<void> {
  await db.query('update training_courses set quiz_max_attempts = $2, quiz_wait_minutes = $3 where id = $1', [
    courseId,
    settings.maxAttempts,
    settings.waitMinutes,
  ]);
  const keep = modules.flatMap((m) => (m.id ? [m.id] : []));
  await db.query('delete from training_modules where course_id = $1 and not (id = any($2::int[]))', [courseId, keep]);
  for (const [i, m] of modules.entries()) {
    const values = [i + 1, m.title.kk, m.title.ru, m.title.en, JSON.stringify(m.materials), m.quiz === null ? null : JSON.stringify(m.quiz)];
    if (m.id)
      await db.query(
        'update training_modules set position = $3, title_kk = $4, title_ru = $5, title_en = $6, materials = $7, quiz = $8 where id = $1 and course_id = $2',
        [m.id, courseId, ...values],
      );
    else
      await db.query('insert into training_modules (course_id, position, title_kk, title_ru, title_en, materials, quiz) values ($1, $2, $3, $4, $5, $6, $7)', [
        courseId,
        ...values,
      ]);
  }
}

export async function moduleIdsOf(db: Queryable, courseId: number): Promise<Set<number>> {
  const { rows } = await db.query<{ id: number }>('select id from training_modules where course_id = $1', [courseId]);
  return new Set(rows.map((r) => r.id));
}

export async function versions(db: Queryable, courseId: number): Promise<{ version: number; publishedAt: string }[]> {
  const { rows } = await db.query<{ version: number; published_at: Date }>(
    'select version, published_at from training_course_versions where course_id = $1 order by version',
    [courseId],
  );
  return rows.map((r) => ({ version: r.version, publishedAt: r.published_at.toISOString() }));
}

export async function insertVersion(
  db: Queryable,
  courseId: number,
  content: VersionContent,
  by: number,
  at: Date,
): Promise<{ version: number; publishedAt: string }> {
  const { rows } = await db.query<{ version: number; published_at: Date }>(
    `insert into training_course_versions (course_id, version, content, published_by, published_at)
     select $1, coalesce(max(version), 0) + 1, $2, $3, $4 from training_course_versions where course_id = $1
     returning version, published_at`,
    [courseId, JSON.stringify(content), by, at],
  );
  return { version: rows[0]!.version, publishedAt: rows[0]!.published_at.toISOString() };
}

export async function latestVersion(db: Queryable, courseId: number): Promise<VersionRow | null> {
  const { rows } = await db.query<{ id: number; version: number; published_at: Date; content: VersionContent }>(
    'select id, version, published_at, content from training_course_versions where course_id = $1 order by version desc limit 1',
    [courseId],
  );
  const r = rows[0];
  return r ? { id: r.id, version: r.version, publishedAt: r.published_at.toISOString(), content: r.content } : null;
}

export async function readModules(db: Queryable, enrolmentId: number): Promise<Set<number>> {
  const { rows } = await db.query<{ module_id: number }>('select module_id from training_module_reads where enrolment_id = $1', [enrolmentId]);
  return new Set(rows.map((r) => r.module_id));
}

export async function markRead(db: Queryable, enrolmentId: number, moduleId: number, at: Date): Promise<void> {
  await db.query('insert into training_module_reads (enrolment_id, module_id, read_at) values ($1, $2, $3) on conflict do nothing', [
    enrolmentId,
    moduleId,
    at,
  ]);
}

export interface AttemptRow {
  id: number;
  moduleId: number;
  version: number;
  right: number;
  total: number;
  passed: boolean;
  submittedAt: string;
}

export async function attemptsOf(db: Queryable, enrolmentId: number): Promise<AttemptRow[]> {
  const { rows } = await db.query<{
    id: string;
    module_id: number;
    version: number;
    right_count: number;
    total: number;
    passed: boolean;
    submitted_at: Date;
  }>(
    `select a.id, a.module_id, v.version, a.right_count, a.total, a.passed, a.submitted_at
       from training_quiz_attempts a join training_course_versions v on v.id = a.version_id
      where a.enrolment_id = $1 order by a.submitted_at, a.id`,
    [enrolmentId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    moduleId: r.module_id,
    version: r.version,
    right: r.right_count,
    total: r.total,
    passed: r.passed,
    submittedAt: r.submitted_at.toISOString(),
  }));
}

export async function insertAttempt(
  db: Queryable,
  a: {
    enrolmentId: number;
    teacherId: number;
    versionId: number;
    moduleId: number;
    answers: number[][];
    right: number;
    total: number;
    passed: boolean;
    at: Date;
  },
): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `insert into training_quiz_attempts (enrolment_id, teacher_id, version_id, module_id, answers, right_count, total, passed, submitted_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [a.enrolmentId, a.teacherId, a.versionId, a.moduleId, JSON.stringify(a.answers), a.right, a.total, a.passed, a.at],
  );
  return Number(rows[0]!.id);
}

/** Teachers of a district or region: each person once, with their first teaching organisation in the area. */
export async function teachersOfArea(db: Queryable, kind: 'region' | 'district', id: number): Promise<{ personId: number; organisationId: number }[]> {
  const { rows } = await db.query<{ person_id: string; organisation_id: number }>(
    `select r.person_id, min(r.organisation_id) as organisation_id
       from role_assignments r join organisations o on o.id = r.organisation_id
      where r.role = 'teacher' and ${kind === 'region' ? 'o.region_id' : 'o.district_id'} = $1
      group by r.person_id order by r.person_id`,
    [id],
  );
  return rows.map((r) => ({ personId: Number(r.person_id), organisationId: r.organisation_id }));
}

/** Enrols (teacher, organisation) pairs not enrolled yet; answers how many were added. */
export async function insertAreaEnrolments(
  db: Queryable,
  courseId: number,
  pairs: { personId: number; organisationId: number }[],
  by: number,
): Promise<number> {
  const r = await db.query(
    `insert into training_enrolments (course_id, teacher_id, organisation_id, enrolled_by)
     select $1, x.t, x.o, $2 from unnest($3::bigint[], $4::int[]) as x(t, o) order by x.t on conflict (course_id, teacher_id) do nothing`,
    [courseId, by, pairs.map((p) => p.personId), pairs.map((p) => p.organisationId)],
  );
  return r.rowCount ?? 0;
}

/** The enrolment holding a Sabaq certificate code, locked. */
export async function enrolmentByCode(db: Queryable, code: string): Promise<{ id: number; withdrawnAt: Date | null } | null> {
  const { rows } = await db.query<{ id: string; withdrawn_at: Date | null }>(
    'select id, withdrawn_at from training_enrolments where certificate_code = $1 and completed_at is not null for update',
    [code],
  );
  return rows[0] ? { id: Number(rows[0].id), withdrawnAt: rows[0].withdrawn_at } : null;
}

export async function withdraw(db: Queryable, id: number, reason: string, by: number, at: Date): Promise<void> {
  await db.query('update training_enrolments set withdrawn_at = $2, withdrawn_by = $3, withdrawal_reason = $4 where id = $1 and withdrawn_at is null', [
    id,
    at,
    by,
    reason,
  ]);
}
