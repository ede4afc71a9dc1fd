import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'supplies_census_answers', personColumns: ['person_id', 'answered_by'] },
  { table: 'supplies_rule_sets', personColumns: ['created_by'] },
  { table: 'supplies_transfers', personColumns: ['moved_by'] },
  { table: 'supplies_allocation_runs', personColumns: ['confirmed_by'] },
  { table: 'supplies_allocations', personColumns: ['recipient_id'] },
  { table: 'supplies_appeals', personColumns: ['appellant_id', 'decided_by'] },
  { table: 'supplies_loans', personColumns: ['recipient_id', 'issued_by', 'received_by'] },
  { table: 'supplies_textbook_issues', personColumns: ['pupil_id', 'issued_by', 'received_by'] },
  // textbook supply (officers' and admins' work records)
  { table: 'supplies_textbook_orders', personColumns: ['created_by', 'cancelled_by'] },
  { table: 'supplies_textbook_changes', personColumns: ['changed_by'] },
  { table: 'supplies_textbook_dispatches', personColumns: ['created_by'] },
  { table: 'supplies_textbook_deliveries', personColumns: ['received_by'] },
  { table: 'supplies_textbook_titles', personColumns: ['e_file_uploaded_by'] },
];

/** Census answers (a family's circumstances), allocations, appeals, loans and textbooks issued. */
export const personalData: PersonalDataContributor = {
  module: 'supplies',
  tables,
  export: plainExport(tables),
  async erase(db, personId, ctx) {
    // the family's circumstances go; loans and textbooks issued stay as property records of the school
    const census = await db.query('delete from supplies_census_answers where person_id = $1', [personId]);
    const appeals = await db.query(`update supplies_appeals set text = '' where appellant_id = $1 and text <> ''`, [personId]);
    const kept = await db.query('select 1 from supplies_loans where recipient_id = $1 union all select 1 from supplies_textbook_issues where pupil_id = $1', [
      personId,
    ]);
    return [
      { module: 'supplies', action: 'deleted', what: 'census answers (devices, internet, categories)', count: census.rowCount ?? 0, keptUntil: null },
      { module: 'supplies', action: 'anonymised', what: "appeals' text", count: appeals.rowCount ?? 0, keptUntil: null },
      {
        module: 'supplies',
        action: 'kept',
        what: 'loans and textbooks issued (property records)',
        count: kept.rowCount ?? 0,
        keptUntil: ctx.schoolRecordsUntil,
      },
    ];
  },
};
