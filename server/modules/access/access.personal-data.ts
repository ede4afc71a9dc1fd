import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'access_health_records', personColumns: ['person_id', 'decided_by'] },
  { table: 'access_import_batches', personColumns: ['imported_by'] },
  { table: 'access_exemptions', personColumns: ['person_id', 'approved_by'] },
  { table: 'access_statuses', personColumns: ['person_id'] },
  { table: 'access_holders', personColumns: ['person_id'] },
  { table: 'access_revoked_holders', personColumns: ['revoked_by'] },
  { table: 'access_rule_sets', personColumns: ['published_by'] },
  { table: 'access_residents', personColumns: ['person_id', 'created_by'] },
  { table: 'access_scans', personColumns: ['guard_id'] },
  { table: 'access_photos', personColumns: ['person_id', 'set_by'] },
  { table: 'access_fever_events', personColumns: ['person_id', 'guard_id'] },
];

/** Health records (special category), exemptions, status, pass pseudonym, dormitory places; scans a guard made. */
export const personalData: PersonalDataContributor = {
  module: 'access',
  tables,
  // documents are left out of the export listing (bytes); the person downloads them from their records
  export: plainExport(tables, ['document']),
  async erase(db, personId) {
    // health data is not a school record: it goes entirely; the pseudonym stays (revocations name it)
    const records = await db.query('delete from access_health_records where person_id = $1', [personId]);
    const exemptions = await db.query('delete from access_exemptions where person_id = $1', [personId]);
    await db.query('delete from access_statuses where person_id = $1', [personId]);
    const photos = await db.query('delete from access_photos where person_id = $1', [personId]);
    const fevers = await db.query('delete from access_fever_events where person_id = $1', [personId]);
    const residents = await db.query('update access_residents set to_date = current_date where person_id = $1 and to_date is null', [personId]);
    return [
      { module: 'access', action: 'deleted', what: 'health records', count: records.rowCount ?? 0, keptUntil: null },
      { module: 'access', action: 'deleted', what: 'exemptions', count: exemptions.rowCount ?? 0, keptUntil: null },
      { module: 'access', action: 'deleted', what: 'gate photo', count: photos.rowCount ?? 0, keptUntil: null },
      { module: 'access', action: 'deleted', what: 'fever refusals at the gate', count: fevers.rowCount ?? 0, keptUntil: null },
      { module: 'access', action: 'anonymised', what: 'dormitory places ended', count: residents.rowCount ?? 0, keptUntil: null },
    ];
  },
};
