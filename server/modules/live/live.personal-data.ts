import { plainExport, type PersonalDataContributor } from '../privacy/privacy.contributor.js';

const tables = [
  { table: 'live_tickets', personColumns: ['person_id'] },
  { table: 'live_presence', personColumns: ['person_id'] },
  { table: 'live_media_rooms', personColumns: ['started_by'] },
  { table: 'live_meetings', personColumns: ['created_by'] },
  { table: 'live_broadcasts', personColumns: ['created_by'] },
  { table: 'live_broadcast_questions', personColumns: ['person_id'] },
  { table: 'live_broadcast_viewers', personColumns: ['person_id'] },
];

/** Who was let into which live room (tickets) and how long they were there (presence), rooms a teacher opened, meetings and broadcasts they scheduled, questions asked and broadcasts watched. */
export const personalData: PersonalDataContributor = {
  module: 'live',
  tables,
  // the room's secrets and tokens are capabilities, never personal data to hand out
  export: plainExport(tables, ['token', 'secret', 'pin', 'presenter_token']),
  async erase(db, personId, ctx) {
    const presence = await db.query('delete from live_presence where person_id = $1', [personId]);
    const tickets = await db.query('delete from live_tickets where person_id = $1', [personId]);
    const questions = await db.query('delete from live_broadcast_questions where person_id = $1', [personId]);
    const watched = await db.query('delete from live_broadcast_viewers where person_id = $1', [personId]);
    const kept = await db.query(
      'select 1 from live_media_rooms where started_by = $1 union all select 1 from live_meetings where created_by = $1 union all select 1 from live_broadcasts where created_by = $1',
      [personId],
    );
    return [
      { module: 'live', action: 'deleted', what: 'join tickets of live lessons and meetings', count: tickets.rowCount ?? 0, keptUntil: null },
      {
        module: 'live',
        action: 'deleted',
        what: 'presence in live rooms (minutes present; the journal keeps the attendance)',
        count: presence.rowCount ?? 0,
        keptUntil: null,
      },
      { module: 'live', action: 'deleted', what: 'questions asked in broadcast meetings', count: questions.rowCount ?? 0, keptUntil: null },
      { module: 'live', action: 'deleted', what: 'broadcast meetings watched (attendance of viewers)', count: watched.rowCount ?? 0, keptUntil: null },
      {
        module: 'live',
        action: 'kept',
        what: 'live rooms opened, meetings and broadcasts scheduled (school records)',
        count: kept.rowCount ?? 0,
        keptUntil: ctx.schoolRecordsUntil,
      },
    ];
  },
};
