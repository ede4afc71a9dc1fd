import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'training_enrolments', personColumns: ['teacher_id', 'enrolled_by', 'imported_by', 'withdrawn_by'] },
  { table: 'training_courses', personColumns: ['created_by'] },
  { table: 'training_course_versions', personColumns: ['published_by'] },
  { table: 'training_quiz_attempts', personColumns: ['teacher_id'] },
];
const plain = plainExport(tables);

/** A teacher's enrolments, certificates, module reads and quiz attempts; the courses a ministry officer published. */
export const personalData: PersonalDataContributor = {
  module: 'training',
  tables,
  async export(db, personId) {
    const out = await plain(db, personId);
    // reads are keyed by the enrolment (no person column of their own)
    const reads = await db.query(
      `select r.enrolment_id, r.module_id, r.read_at from training_module_reads r join training_enrolments e on e.id = r.enrolment_id
        where e.teacher_id = $1 order by r.read_at limit 5000`,
      [personId],
    );
    // a published version's content is course material, not about the person: only its number and date
    out.training_course_versions = (out.training_course_versions as Record<string, unknown>[]).map(({ content: _c, ...v }) => v);
    return { ...out, training_module_reads: reads.rows };
  },
  async erase(db, personId, ctx) {
    // who pressed "enrol", published a course or a version, or withdrew a certificate is not needed afterwards
    const a = await db.query('update training_enrolments set enrolled_by = null where enrolled_by = $1 and teacher_id <> $1', [personId]);
    const i = await db.query('update training_enrolments set imported_by = null where imported_by = $1 and teacher_id <> $1', [personId]);
    const w = await db.query('update training_enrolments set withdrawn_by = null where withdrawn_by = $1', [personId]);
    const b = await db.query('update training_courses set created_by = null where created_by = $1', [personId]);
    const v = await db.query('update training_course_versions set published_by = null where published_by = $1', [personId]);
    const kept = await db.query('select 1 from training_enrolments where teacher_id = $1', [personId]);
    const attempts = await db.query('select 1 from training_quiz_attempts where teacher_id = $1', [personId]);
    return [
      {
        module: 'training',
        action: 'anonymised',
        what: 'enrolments made, completions imported, certificates withdrawn, courses and versions published by the person',
        count: (a.rowCount ?? 0) + (i.rowCount ?? 0) + (w.rowCount ?? 0) + (b.rowCount ?? 0) + (v.rowCount ?? 0),
        keptUntil: null,
      },
      // a completed qualification is a staff record the employer keeps, like school records; the attempts explain it
      {
        module: 'training',
        action: 'kept',
        what: 'own enrolments, certificates, module reads and quiz attempts (staff records)',
        count: (kept.rowCount ?? 0) + (attempts.rowCount ?? 0),
        keptUntil: ctx.schoolRecordsUntil,
      },
    ];
  },
};
