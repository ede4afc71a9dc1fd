import type { Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import { findLessonContext, recordJoin } from './lessons.repository.js';
import { joinStatus } from './learning.rules.js';
import { toSettings } from './learning.settings.js';
import { isHomeroomOf, isOrgAdmin, isPupilOf, lessonAccess, teaches } from './learning.policy.js';

/**
 * What the live module (server/modules/live) may know of the e-journal, through use cases only:
 * a lesson with the actor's part in it, and a class with its parents (for parent meetings).
 */

export interface LiveLesson {
  id: number;
  organisationId: number;
  classId: number;
  subjectId: number;
  teacherId: number;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  /** teacher: the lesson's teacher; pupil: a pupil of its class; staff: its homeroom teacher or the school's admin; family: a pupil's parent */
  part: 'teacher' | 'pupil' | 'staff' | 'family';
}

/** The lesson as the actor may see it for a live room, or null when it is missing or outside their scope. */
export async function lessonForLive(db: Queryable, actor: Actor, lessonId: number, now: Date): Promise<LiveLesson | null> {
  const ctx = await findLessonContext(db, lessonId, now);
  if (!ctx || lessonAccess(actor, ctx) === 'none') return null;
  // whoever teaches this subject in this class runs its lessons (a substitute included), as in the journal
  const part: LiveLesson['part'] = teaches(actor, ctx.classId, ctx.subjectId)
    ? 'teacher'
    : isPupilOf(actor, ctx.classId)
      ? 'pupil'
      : isHomeroomOf(actor, ctx.classId) || isOrgAdmin(actor, ctx.organisationId)
        ? 'staff'
        : 'family';
  return {
    id: ctx.id,
    organisationId: ctx.organisationId,
    classId: ctx.classId,
    subjectId: ctx.subjectId,
    teacherId: ctx.teacherId,
    startsAt: new Date(ctx.startsAt),
    endsAt: new Date(ctx.endsAt),
    cancelled: ctx.cancelled,
    part,
  };
}

export interface LiveClass {
  id: number;
  organisationId: number;
  name: string;
}

/** A class by id (no scope check: the caller decides), or null. */
export async function classForLive(db: Queryable, classId: number): Promise<LiveClass | null> {
  const { rows } = await db.query<{ id: number; organisation_id: number; name: string }>('select id, organisation_id, name from classes where id = $1', [
    classId,
  ]);
  const r = rows[0];
  return r ? { id: Number(r.id), organisationId: r.organisation_id, name: r.name } : null;
}

/** The pupils of a class, to invite them to a class hour. */
export async function pupilsOfClass(db: Queryable, classId: number): Promise<number[]> {
  const { rows } = await db.query<{ pupil_id: string }>('select pupil_id from class_members where class_id = $1 order by 1', [classId]);
  return rows.map((r) => Number(r.pupil_id));
}

/** The parents of a class's pupils (each once), to invite them to a meeting. */
export async function parentsOfClass(db: Queryable, classId: number): Promise<number[]> {
  const { rows } = await db.query<{ parent_id: string }>(
    `select distinct l.parent_id from class_members m join parent_links l on l.child_id = m.pupil_id where m.class_id = $1 order by 1`,
    [classId],
  );
  return rows.map((r) => Number(r.parent_id));
}

/**
 * The journal's online presence from a live room on the media server (server/modules/live, decision
 * 0029): a pupil of the lesson's class seen in its room is recorded present online (late when first
 * seen after the set minutes, like a join through the lesson's link) with the minutes they were there.
 * Anyone else (the teacher, staff) is not a pupil of the class and is left out.
 */
export async function recordLivePresence(
  db: Queryable,
  a: { lessonId: number; pupilId: number; firstJoinedAt: Date; minutes: number; now: Date },
): Promise<boolean> {
  const ctx = await findLessonContext(db, a.lessonId, a.now);
  if (!ctx) return false;
  const { rows } = await db.query('select 1 from class_members where class_id = $1 and pupil_id = $2', [ctx.classId, a.pupilId]);
  if (!rows.length) return false;
  const settings = toSettings(ctx.settings, ctx.orgKind);
  await recordJoin(db, {
    lessonId: ctx.id,
    pupilId: a.pupilId,
    classId: ctx.classId,
    onDate: ctx.onDate,
    status: joinStatus(a.firstJoinedAt, new Date(ctx.startsAt), settings.lateAfterMinutes),
    at: a.firstJoinedAt,
  });
  await db.query('update attendance set online_minutes = $3 where lesson_id = $1 and pupil_id = $2', [ctx.id, a.pupilId, a.minutes]);
  return true;
}

/** Display names (first and last) of these people, for a live room's attendance list. */
export async function namesForLive(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const { rows } = await db.query<{ id: string; name: string }>(`select id, first_name || ' ' || last_name as name from persons where id = any($1::bigint[])`, [
    ids,
  ]);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** A lesson's date, subject and topic, to title its live recording (no scope check: the caller decides). */
export async function lessonFactsForLive(db: Queryable, lessonId: number): Promise<{ onDate: string; subjectId: number; topic: string | null } | null> {
  const { rows } = await db.query<{ on_date: string; subject_id: number; topic: string | null }>(
    'select on_date::text, subject_id, topic from lessons where id = $1',
    [lessonId],
  );
  const r = rows[0];
  return r ? { onDate: r.on_date, subjectId: r.subject_id, topic: r.topic } : null;
}
