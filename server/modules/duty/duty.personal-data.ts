import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'duty_applications', personColumns: ['child_id', 'applicant_id'] },
  { table: 'duty_groups', personColumns: ['teacher_id'] },
  { table: 'duty_windows', personColumns: ['created_by'] },
  { table: 'duty_settings', personColumns: ['updated_by'] },
];

/** Duty-class applications (a family's reasons and notes), groups taught, windows opened. */
export const personalData: PersonalDataContributor = {
  module: 'duty',
  tables,
  export: plainExport(tables),
  async erase(db, personId, ctx) {
    // the placement stays a school record; the family's circumstances (reasons, note) go
    const r = await db.query(
      `update duty_applications set note = null, reasons = '{}'
      where (child_id = $1 or applicant_id = $1) and (note is not null or reasons <> '{}')`,
      [personId],
    );
    const kept = await db.query('select 1 from duty_applications where child_id = $1 or applicant_id = $1', [personId]);
    return [
      { module: 'duty', action: 'anonymised', what: "applications' reasons and notes", count: r.rowCount ?? 0, keptUntil: null },
      { module: 'duty', action: 'kept', what: 'applications and placements (school records)', count: kept.rowCount ?? 0, keptUntil: ctx.schoolRecordsUntil },
    ];
  },
};
