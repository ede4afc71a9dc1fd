import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [{ table: 'notifications', personColumns: ['person_id'] }];

/** In-app notifications: nobody else needs them, so erasure deletes them. */
export const personalData: PersonalDataContributor = {
  module: 'notifications',
  tables,
  export: plainExport(tables),
  async erase(db, personId) {
    const r = await db.query('delete from notifications where person_id = $1', [personId]);
    return [{ module: 'notifications', action: 'deleted', what: 'notifications', count: r.rowCount ?? 0, keptUntil: null }];
  },
};
