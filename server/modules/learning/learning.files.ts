import type { FileReadCheck } from '../files/files.usecases.js';
import { lessonAccess, submissionAccess } from './learning.policy.js';

/**
 * May the actor read this stored file because learning attached it somewhere they see? A lesson's
 * material: whoever sees the lesson. A submission's file: the pupil, their parents, the teacher of
 * the class and subject, the homeroom teacher and the admin — never classmates.
 */
export const learningFileAccess: FileReadCheck = async ({ db, actor, fileId }) => {
  const { rows } = await db.query<{ kind: 'material' | 'submission'; class_id: number; subject_id: number; organisation_id: number; pupil_id: number | null }>(
    `select 'material' as kind, l.class_id, l.subject_id, l.organisation_id, null::bigint as pupil_id
       from lesson_materials mt join lessons l on l.id = mt.lesson_id where mt.file_id = $1
     union all
     select 'submission', h.class_id, h.subject_id, h.organisation_id, a.pupil_id
       from submission_files sf join submission_attempts a on a.id = sf.attempt_id join homework h on h.id = a.homework_id
       where sf.file_id = $1`,
    [fileId],
  );
  return rows.some((r) => {
    const scope = { classId: r.class_id, subjectId: r.subject_id, organisationId: r.organisation_id };
    return r.kind === 'material' ? lessonAccess(actor, scope) !== 'none' : submissionAccess(actor, { ...scope, pupilId: r.pupil_id! }) !== 'none';
  });
};
