import { plainExport, type PersonalDataContributor } from './privacy.contributor.js';

const tables = [
  { table: 'consents', personColumns: ['person_id', 'given_by', 'withdrawn_by'] },
  { table: 'erasure_requests', personColumns: ['person_id', 'requested_by', 'decided_by'] },
];

/** Consents and erasure requests: the proof of what the person agreed to and asked for. */
export const personalData: PersonalDataContributor = {
  module: 'privacy',
  tables,
  export: plainExport(tables),
  async erase(db, personId, ctx) {
    const r = await db.query('update consents set withdrawn_at = $2, withdrawn_by = $1 where person_id = $1 and withdrawn_at is null', [personId, ctx.now]);
    return [
      { module: 'privacy', action: 'anonymised', what: 'consents withdrawn (the record of them stays as proof)', count: r.rowCount ?? 0, keptUntil: null },
    ];
  },
};
