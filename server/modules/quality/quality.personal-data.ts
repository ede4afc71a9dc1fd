import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'quality_frameworks', personColumns: ['created_by'] },
  { table: 'quality_assessments', personColumns: ['updated_by'] },
  { table: 'quality_submissions', personColumns: ['submitted_by'] },
  { table: 'quality_reviews', personColumns: ['reviewed_by'] },
];

/**
 * Who saved, submitted or reviewed an organisation's self-assessment, and who published a framework
 * version. The assessments are the organisation's records, not the person's: on erasure only the
 * person's name is taken off them.
 */
export const personalData: PersonalDataContributor = {
  module: 'quality',
  tables,
  export: plainExport(tables),
  async erase(db, personId) {
    let count = 0;
    for (const { table, personColumns } of tables) {
      const column = personColumns[0]!;
      const r = await db.query(`update ${table} set ${column} = null where ${column} = $1`, [personId]);
      count += r.rowCount ?? 0;
    }
    return [
      {
        module: 'quality',
        action: 'anonymised',
        what: 'self-assessments saved, submitted or reviewed and framework versions published by the person',
        count,
        keptUntil: null,
      },
    ];
  },
};
