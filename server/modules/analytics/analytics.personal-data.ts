import type { PersonalDataContributor } from '../privacy/privacy.contributor.js';

/** Exports a person asked for and their weekly reports (area, format, when; the files' bytes are left out of the export). */
export const personalData: PersonalDataContributor = {
  module: 'analytics',
  tables: [
    { table: 'analytics_exports', personColumns: ['requested_by'] },
    { table: 'analytics_report_subscriptions', personColumns: ['person_id'] },
    { table: 'analytics_reports', personColumns: ['person_id'] },
  ],
  async export(db, personId) {
    // one after another: the export may run on one transaction's client
    const exports = await db.query(
      'select id, area, format, status, created_at, finished_at from analytics_exports where requested_by = $1 order by created_at',
      [personId],
    );
    const subscriptions = await db.query(
      'select id, area, formats, lang, weekday, created_at, updated_at from analytics_report_subscriptions where person_id = $1 order by id',
      [personId],
    );
    const reports = await db.query(
      'select id, area, formats, lang, week_start, week_end, status, created_at, finished_at from analytics_reports where person_id = $1 order by id',
      [personId],
    );
    return { analytics_exports: exports.rows, analytics_report_subscriptions: subscriptions.rows, analytics_reports: reports.rows };
  },
  async erase(db, personId) {
    const exports = await db.query('delete from analytics_exports where requested_by = $1', [personId]);
    const reports = await db.query('delete from analytics_reports where person_id = $1', [personId]);
    const subscriptions = await db.query('delete from analytics_report_subscriptions where person_id = $1', [personId]);
    return [
      { module: 'analytics', action: 'deleted', what: 'exports (files of aggregate figures)', count: exports.rowCount ?? 0, keptUntil: null },
      {
        module: 'analytics',
        action: 'deleted',
        what: 'weekly reports and their subscriptions',
        count: (reports.rowCount ?? 0) + (subscriptions.rowCount ?? 0),
        keptUntil: null,
      },
    ];
  },
};
