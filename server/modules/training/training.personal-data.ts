import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'training_enrolments', personColumns: ['teacher_id', 'enrolled_by', 'imported_by'] },
  { table: 'training_courses', personColumns: ['created_by'] },
];

/** A teacher's enrolments and certificates; the courses a ministry officer published. */
export const personalData: PersonalDataContributor = {
  module: 'training',
  tables,
  export: plainExport(tables),
  async erase(db, personId, ctx) {
    // who pressed "enrol" is not needed once enrolled; who published a course neither
    const a = await db.query('update training_enrolments set enrolled_by = null where enrolled_by = $1 and teacher_id <> $1', [personId]);
    const i = await db.query('update training_enrolments set imported_by = null where imported_by = $1 and teacher_id <> $1', [personId]);
    const b = await db.query('update training_courses set created_by = null where created_by = $1', [personId]);
    const kept = await db.query('select 1 from training_enrolments where teacher_id = $1', [personId]);
    return [
      {
        module: 'training',
        action: 'anonymised',
        what: 'enrolments made, completions imported and courses published by the person',
        count: (a.rowCount ?? 0) + (i.rowCount ?? 0) + (b.rowCount ?? 0),
        keptUntil: null,
      },
      // a completed qualification is a staff record the employer keeps, like school records
      {
        module: 'training',
        action: 'kept',
        what: 'own enrolments and certificates (staff records)',
        count: kept.rowCount ?? 0,
        keptUntil: ctx.schoolRecordsUntil,
      },
    ];
  },
};
