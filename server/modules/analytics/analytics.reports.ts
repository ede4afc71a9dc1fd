import type { FastifyBaseLogger } from 'fastify';
import type { AreaRef } from '../../../contracts/analytics.js';
import { clockFromEnv } from '../../platform/clock.js';
import type { Db, Queryable } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { enqueueJobs, runDueJobs, type JobHandler } from '../../platform/jobs.js';
import { loadActorForPerson, type Actor, type Language } from '../identity/identity.actor.js';
import { notify } from '../notifications/notifications.usecases.js';
import { CONTENT_TYPES, fileName, renderExport } from './analytics.export.js';
import { schoolToday } from './analytics.jobs.js';
import * as repo from './analytics.repository.js';
import { analyticsSettings, type AnalyticsSettings } from './analytics.settings.js';
import { areaKeyOf, overview, parseArea, visibleArea } from './analytics.usecases.js';
import * as errors from './analytics.errors.js';

/**
 * Weekly reports (issue 12): a person subscribes to an area's summary; on the chosen weekday the
 * scheduler writes one report per subscription for the past Monday–Sunday (unique per subscription
 * and week, so several processes scheduling at once write it once) and a job on the platform queue
 * builds its files with exactly what the subscriber may see that day (an area that left their scope
 * gives no files), then notifies them with the link. Reports are kept ANALYTICS_REPORTS_KEEP_WEEKS.
 */
export const REPORTS_QUEUE = 'analytics.weekly_report';
export type ReportFormat = 'csv' | 'xlsx' | 'pdf';

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** ISO weekday (1 Monday … 7 Sunday) of a calendar date. */
export function isoWeekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The week a report delivered on `today` covers: the Monday–Sunday before today's week. */
export function reportWeek(today: string): { weekStart: string; weekEnd: string } {
  const monday = addDays(today, 1 - isoWeekday(today));
  return { weekStart: addDays(monday, -7), weekEnd: addDays(monday, -1) };
}

type SubscriptionRow = {
  id: string;
  area: string;
  formats: ReportFormat[];
  lang: Language;
  weekday: number;
  created_at: Date;
};

async function areaRefOf(db: Queryable, key: string): Promise<AreaRef | null> {
  const { kind, id } = parseArea(key);
  const node = await repo.findArea(db, kind, id);
  return node ? { key: areaKeyOf(node.kind, node.id), kind: node.kind, id: node.id, name: node.name } : null;
}

/** The areas of a list, each looked up once (a person's reports and subscriptions name a few areas many times). */
async function areaRefsOf(db: Queryable, keys: string[]): Promise<Map<string, AreaRef | null>> {
  const refs = new Map<string, AreaRef | null>();
  for (const key of new Set(keys)) refs.set(key, await areaRefOf(db, key));
  return refs;
}

const subscriptionOut = (r: SubscriptionRow, area: AreaRef) => ({
  id: Number(r.id),
  area,
  formats: r.formats,
  lang: r.lang,
  weekday: r.weekday,
  createdAt: r.created_at.toISOString(),
});

/** My subscriptions (an area that no longer exists is left out). */
export async function listSubscriptions(db: Queryable, actor: Actor) {
  const { rows } = await db.query<SubscriptionRow>(
    'select id, area, formats, lang, weekday, created_at from analytics_report_subscriptions where person_id = $1 order by id',
    [actor.personId],
  );
  const areas = await areaRefsOf(
    db,
    rows.map((r) => r.area),
  );
  return { items: rows.flatMap((r) => (areas.get(r.area) ? [subscriptionOut(r, areas.get(r.area)!)] : [])) };
}

/** Subscribes to an area I may see (else 404, as for one that does not exist); again for the same area: changes it. */
export async function saveSubscription(
  db: Db,
  actor: Actor,
  body: { area: string; formats: ReportFormat[]; lang: Language; weekday: number },
  settings: AnalyticsSettings = analyticsSettings(),
) {
  const { area } = await visibleArea(db, actor, body.area);
  const key = areaKeyOf(area.kind, area.id);
  return db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1), $2::int)', ['analytics.subscriptions', actor.personId]);
    const { rows: count } = await tx.query<{ n: number }>('select count(*)::int as n from analytics_report_subscriptions where person_id = $1 and area <> $2', [
      actor.personId,
      key,
    ]);
    if (count[0]!.n >= settings.ANALYTICS_REPORTS_MAX_SUBSCRIPTIONS) {
      throw errors.tooManySubscriptions(`At most ${settings.ANALYTICS_REPORTS_MAX_SUBSCRIPTIONS} weekly reports per person`);
    }
    const { rows } = await tx.query<SubscriptionRow>(
      `insert into analytics_report_subscriptions (person_id, area, formats, lang, weekday) values ($1, $2, $3, $4, $5)
       on conflict (person_id, area) do update set formats = excluded.formats, lang = excluded.lang, weekday = excluded.weekday, updated_at = now()
       returning id, area, formats, lang, weekday, created_at`,
      [actor.personId, key, body.formats, body.lang, body.weekday],
    );
    return subscriptionOut(rows[0]!, { key, kind: area.kind, id: area.id, name: area.name });
  });
}

/** Unsubscribes; someone else's subscription is "not found". Reports already made stay until they expire. */
export async function deleteSubscription(db: Queryable, actor: Actor, id: number): Promise<void> {
  const r = await db.query('delete from analytics_report_subscriptions where id = $1 and person_id = $2', [id, actor.personId]);
  if (!r.rowCount) throw errors.subscriptionNotFound();
}

/** My reports, newest first, with their files' names and sizes. */
export async function listReports(db: Queryable, actor: Actor) {
  const { rows } = await db.query<{
    id: string;
    area: string;
    week_start: string;
    week_end: string;
    status: 'queued' | 'done' | 'out_of_scope' | 'failed';
    created_at: Date;
    files: { format: ReportFormat; fileName: string; bytes: number }[];
  }>(
    `select r.id, r.area, r.week_start::text, r.week_end::text, r.status, r.created_at,
            coalesce((select json_agg(json_build_object('format', f.format, 'fileName', f.file_name, 'bytes', octet_length(f.content)) order by f.format)
                        from analytics_report_files f where f.report_id = r.id), '[]') as files
       from analytics_reports r where r.person_id = $1 order by r.week_start desc, r.id desc limit 50`,
    [actor.personId],
  );
  const areas = await areaRefsOf(
    db,
    rows.map((r) => r.area),
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      area: r.status === 'out_of_scope' ? null : (areas.get(r.area) ?? null),
      areaKey: r.area,
      from: r.week_start,
      to: r.week_end,
      status: r.status,
      createdAt: r.created_at.toISOString(),
      files: r.files,
    })),
  };
}

/** One file of my report; anyone else's (or a format it does not have) is "not found". */
export async function reportFile(db: Queryable, actor: Actor, id: number, format: ReportFormat) {
  const { rows } = await db.query<{ content: Buffer; content_type: string; file_name: string }>(
    `select f.content, f.content_type, f.file_name from analytics_report_files f join analytics_reports r on r.id = f.report_id
      where r.id = $1 and r.person_id = $2 and f.format = $3`,
    [id, actor.personId, format],
  );
  const r = rows[0];
  if (!r) throw errors.reportNotFound();
  return { content: r.content, contentType: r.content_type, fileName: r.file_name };
}

/**
 * Writes this week's due reports (the subscriber's weekday has come and the week's report does not
 * exist yet) and a job for each, in one transaction; drops reports older than the keeping period.
 * Safe to run in every process at once: the unique (subscription, week) lets one insert win.
 */
export async function scheduleDueReports(db: Db, now: Date, settings: AnalyticsSettings = analyticsSettings()): Promise<number> {
  const today = schoolToday(now);
  const { weekStart, weekEnd } = reportWeek(today);
  return db.transaction(async (tx) => {
    await tx.query('delete from analytics_reports where week_start < $1', [addDays(weekStart, -7 * (settings.ANALYTICS_REPORTS_KEEP_WEEKS - 1))]);
    const { rows } = await tx.query<{ id: string }>(
      `insert into analytics_reports (subscription_id, person_id, area, formats, lang, week_start, week_end)
       select s.id, s.person_id, s.area, s.formats, s.lang, $2, $3 from analytics_report_subscriptions s where s.weekday <= $1
       on conflict (subscription_id, week_start) do nothing
       returning id`,
      [isoWeekday(today), weekStart, weekEnd],
    );
    await enqueueJobs(
      tx,
      REPORTS_QUEUE,
      rows.map((r) => ({ reportId: Number(r.id) })),
      now,
    );
    return rows.length;
  });
}

/** The job: the report's files from what the subscriber may see now, then the notification, in the job's transaction. */
export function weeklyReportJob(settings: AnalyticsSettings = analyticsSettings()): JobHandler {
  return {
    async run(tx, job, now) {
      const { rows } = await tx.query<{
        id: string;
        person_id: string;
        area: string;
        formats: ReportFormat[];
        lang: Language;
        week_start: string;
        week_end: string;
      }>(`select id, person_id, area, formats, lang, week_start::text, week_end::text from analytics_reports where id = $1 and status = 'queued' for update`, [
        job.payload.reportId,
      ]);
      const report = rows[0];
      if (!report) return; // expired or already built
      const actor = await loadActorForPerson(tx, Number(report.person_id));
      let o: Awaited<ReturnType<typeof overview>> | null = null;
      if (actor) {
        try {
          o = await overview(tx, actor, { area: report.area, from: report.week_start, to: report.week_end }, schoolToday(now), settings, now);
        } catch (err) {
          if (!(err instanceof AppError) || err.statusCode !== 404) throw err;
        }
      }
      if (!o) {
        await tx.query(`update analytics_reports set status = 'out_of_scope', finished_at = $2 where id = $1`, [report.id, now]);
        return;
      }
      for (const format of report.formats) {
        const bytes = await renderExport(o, report.lang, format);
        await tx.query('insert into analytics_report_files (report_id, format, file_name, content_type, content) values ($1, $2, $3, $4, $5)', [
          report.id,
          format,
          fileName(o, report.lang, format),
          CONTENT_TYPES[format],
          bytes,
        ]);
      }
      await tx.query(`update analytics_reports set status = 'done', finished_at = $2 where id = $1`, [report.id, now]);
      await notify(
        tx,
        [
          {
            personId: Number(report.person_id),
            kind: 'analytics.weekly_report',
            params: { reportId: Number(report.id), area: o.area.key, areaName: o.area.name, from: report.week_start, to: report.week_end },
          },
        ],
        now,
      );
    },
    async failed(tx, job, _message, gaveUp) {
      if (gaveUp)
        await tx.query(`update analytics_reports set status = 'failed', finished_at = now() where id = $1 and status = 'queued'`, [job.payload.reportId]);
    },
  };
}

/**
 * In a running server: every ANALYTICS_REPORTS_POLL_SECONDS, schedule what is due and build the
 * queued reports. Returns the function that stops it (an onClose hook).
 */
export function startWeeklyReports(db: Db, log: FastifyBaseLogger, settings = analyticsSettings()): () => Promise<void> {
  if (settings.ANALYTICS_REPORTS_POLL_SECONDS === 0) return async () => {};
  const clock = clockFromEnv();
  const handler = weeklyReportJob(settings);
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = (async () => {
      const scheduled = await scheduleDueReports(db, clock(), settings);
      const built = await runDueJobs(db, REPORTS_QUEUE, handler, { now: clock });
      if (scheduled || built) log.info({ weeklyReports: { scheduled, built } }, 'weekly reports');
    })()
      .catch((err: Error) => log.warn({ err: err.message }, 'weekly reports failed; retried at the next tick'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, settings.ANALYTICS_REPORTS_POLL_SECONDS * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
