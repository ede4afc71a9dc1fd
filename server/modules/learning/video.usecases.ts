import type { Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import { findHomeworkContext } from './homework.repository.js';
import { findLessonContext } from './lessons.repository.js';
import { isOrgAdmin, lessonAccess, teaches } from './learning.policy.js';

/**
 * What the video module (server/modules/video) may know of the e-journal to attach a video to a
 * lesson or a homework (decision 0040), through use cases only.
 */

export interface VideoTarget {
  lessonId: number;
  homeworkId: number | null;
  organisationId: number;
  classId: number;
  /** the lesson's teacher (whoever teaches the subject in the class) or the school's admin */
  mayAttach: boolean;
}

/** A lesson or a homework as the actor may see it, or null when it is missing or outside their scope. */
export async function targetForVideo(
  db: Queryable,
  actor: Actor,
  target: { lessonId: number } | { homeworkId: number },
  now: Date,
): Promise<VideoTarget | null> {
  const ctx =
    'lessonId' in target
      ? await findLessonContext(db, target.lessonId, now)
      : await findHomeworkContext(db, target.homeworkId).then((h) => (h ? { ...h, id: h.lessonId, homeworkId: h.id } : null));
  if (!ctx || lessonAccess(actor, ctx) === 'none') return null;
  return {
    lessonId: Number(ctx.id),
    homeworkId: 'homeworkId' in ctx ? Number(ctx.homeworkId) : null,
    organisationId: ctx.organisationId,
    classId: Number(ctx.classId),
    mayAttach: teaches(actor, ctx.classId, ctx.subjectId) || isOrgAdmin(actor, ctx.organisationId),
  };
}

export interface ServedLesson {
  lessonId: number;
  homeworkId: number | null;
  homeworkTitle: string | null;
  date: string;
  className: string;
  subject: { kk: string; ru: string; en: string };
  topic: string | null;
  materials: number;
  homework: { id: number; title: string }[];
  mayAttach: boolean;
}

/**
 * The lessons and homework a video serves, each only if the actor may see it (the class's pupils and
 * parents, its teachers, homeroom teacher and admin): date, class, subject, topic, how many materials
 * and the homework set at the lesson. Targets outside the actor's scope are left out.
 */
export async function servedLessons(
  db: Queryable,
  actor: Actor | null,
  targets: { lessonId: number | null; homeworkId: number | null }[],
): Promise<(ServedLesson | null)[]> {
  if (!actor || targets.length === 0) return targets.map(() => null);
  // one query for every target (a video may serve many lessons), in the targets' order
  const { rows } = await db.query<{
    n: string;
    lesson_id: string;
    homework_id: string | null;
    homework_title: string | null;
    on_date: string;
    class_name: string;
    class_id: string;
    subject_id: number;
    organisation_id: number;
    kk: string;
    ru: string;
    en: string;
    topic: string | null;
    materials: number;
    homework: { id: number; title: string }[];
  }>(
    `select t.n, l.id as lesson_id, h.id as homework_id, h.title as homework_title, to_char(l.on_date, 'YYYY-MM-DD') as on_date, c.name as class_name,
       l.class_id, l.subject_id, l.organisation_id, s.name_kk as kk, s.name_ru as ru, s.name_en as en, l.topic,
       (select count(*)::int from lesson_materials mt where mt.lesson_id = l.id and mt.homework_id is null) as materials,
       (select coalesce(json_agg(json_build_object('id', x.id, 'title', x.title) order by x.id), '[]') from homework x where x.lesson_id = l.id) as homework
     from unnest($1::bigint[], $2::bigint[]) with ordinality as t(lesson_id, homework_id, n)
     left join homework h on h.id = t.homework_id
     join lessons l on l.id = coalesce(t.lesson_id, h.lesson_id)
     join classes c on c.id = l.class_id join subjects s on s.id = l.subject_id`,
    [targets.map((t) => t.lessonId), targets.map((t) => t.homeworkId)],
  );
  const byPosition = new Map(rows.map((r) => [Number(r.n) - 1, r]));
  return targets.map((_, i) => {
    const r = byPosition.get(i);
    if (!r || lessonAccess(actor, { classId: Number(r.class_id), subjectId: r.subject_id, organisationId: r.organisation_id }) === 'none') return null;
    return {
      lessonId: Number(r.lesson_id),
      homeworkId: r.homework_id === null ? null : Number(r.homework_id),
      homeworkTitle: r.homework_title,
      date: r.on_date,
      className: r.class_name,
      subject: { kk: r.kk, ru: r.ru, en: r.en },
      topic: r.topic,
      materials: r.materials,
      homework: r.homework,
      mayAttach: teaches(actor, Number(r.class_id), r.subject_id) || isOrgAdmin(actor, r.organisation_id),
    };
  });
}
