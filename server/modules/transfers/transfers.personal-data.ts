import { rowsOf, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

/**
 * Transfers a person is part of: as the pupil who moved (or was asked for), and as the staff member
 * who asked or answered (by account). They are school records: an erasure keeps them.
 */
export const personalData: PersonalDataContributor = {
  module: 'transfers',
  tables: [{ table: 'pupil_transfers', personColumns: ['pupil_id', 'requested_by', 'decided_by'] }],
  async export(db, personId) {
    const { rows } = await db.query<{ id: number }>('select id from accounts where person_id = $1', [personId]);
    const account = rows[0]?.id;
    return {
      as_pupil: await rowsOf(db, 'pupil_transfers', ['pupil_id'], personId),
      as_staff: account ? await rowsOf(db, 'pupil_transfers', ['requested_by', 'decided_by'], account) : [],
    };
  },
  keptBecause: 'transfers between schools (school records: who moved, from where, when, who decided)',
};
