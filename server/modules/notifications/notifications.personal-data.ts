import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'notifications', personColumns: ['person_id'] },
  { table: 'notification_preferences', personColumns: ['person_id'] },
  { table: 'notification_contacts', personColumns: ['person_id'] },
  { table: 'sms_outbox', personColumns: ['person_id'] },
];

/**
 * In-app notifications, channel choices, the SMS number and the SMS sent: nobody else needs them, so
 * erasure deletes them (an SMS's send job keeps only the outbox id, which then points at nothing).
 */
export const personalData: PersonalDataContributor = {
  module: 'notifications',
  tables,
  export: plainExport(tables),
  async erase(db, personId) {
    const out = [];
    for (const t of tables) {
      const r = await db.query(`delete from ${t.table} where person_id = $1`, [personId]);
      out.push({ module: 'notifications', action: 'deleted' as const, what: t.table, count: r.rowCount ?? 0, keptUntil: null });
    }
    return out;
  },
};
