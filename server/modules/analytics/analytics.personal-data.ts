import type { PersonalDataContributor } from '../privacy/privacy.contributor.js';

/** Exports a person asked for (area, format, when; the file's bytes are left out of the export). */
export const personalData: PersonalDataContributor = {
  module: 'analytics',
  tables: [{ table: 'analytics_exports', personColumns: ['requested_by'] }],
  async export(db, personId) {
    const { rows } = await db.query(
      'select id, area, format, status, created_at, finished_at from analytics_exports where requested_by = $1 order by created_at',
      [personId],
    );
    return { analytics_exports: rows };
  },
  async erase(db, personId) {
    const r = await db.query('delete from analytics_exports where requested_by = $1', [personId]);
    return [{ module: 'analytics', action: 'deleted', what: 'exports (files of aggregate figures)', count: r.rowCount ?? 0, keptUntil: null }];
  },
};
