import type { FastifyBaseLogger } from 'fastify';
import type { Db, Queryable } from '../../platform/db.js';
import type { Actor, Language } from '../identity/identity.actor.js';
import { clockFromEnv } from '../../platform/clock.js';
import { refreshRollups } from './analytics.refresh.js';
import { analyticsSettings, type AnalyticsSettings } from './analytics.settings.js';
import { overview } from './analytics.usecases.js';
import { CONTENT_TYPES, fileName, renderExport } from './analytics.export.js';
import * as errors from './analytics.errors.js';

/** The school calendar's date in Kazakhstan (UTC+6, as the e-journal's clock). */
export function schoolToday(now: Date): string {
  return new Date(now.getTime() + 6 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * The interval job that keeps the rollups current in a running server (decision 0017): one refresh
 * at a time, every ANALYTICS_REFRESH_SECONDS. Returns the function that stops it (an onClose hook).
 */
export function startAnalyticsRefresh(db: Db, log: FastifyBaseLogger, settings = analyticsSettings()): () => Promise<void> {
  if (settings.ANALYTICS_REFRESH_SECONDS === 0) return async () => {};
  const clock = clockFromEnv();
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = refreshRollups(db, schoolToday(clock()))
      .then((r) => {
        if (r.classDays || r.organisations) log.info({ analyticsRefresh: r }, 'analytics rollups refreshed');
      })
      .catch((err: Error) => log.warn({ err: err.message }, 'analytics refresh failed; retried at the next tick'))
      .finally(() => {
        running = null;
      });
  };
  tick();
  const timer = setInterval(tick, settings.ANALYTICS_REFRESH_SECONDS * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

export interface ExportRequest {
  area: string;
  from?: string;
  to?: string;
  format: 'csv' | 'xlsx' | 'pdf';
  lang: Language;
}

/**
 * Starts an export in the background: checks the area now (an area outside scope is a 404 before
 * anything is written), then builds the file while updating the progress row.
 */
export async function startExport(db: Db, actor: Actor, req: ExportRequest, today: string, settings: AnalyticsSettings, now: Date = new Date()) {
  const o = await overview(db.read, actor, req, today, settings, now); // heavy: a replica when there is one; the job's row goes to the primary
  const { rows } = await db.query<{ id: string }>('insert into analytics_exports (requested_by, area, format) values ($1, $2, $3) returning id', [
    actor.personId,
    o.area.key,
    req.format,
  ]);
  const id = rows[0]!.id;
  void (async () => {
    try {
      const bytes = await renderExport(o, req.lang, req.format, async (share) => {
        await db.query('update analytics_exports set progress = $2 where id = $1', [id, Math.min(0.99, share)]);
      });
      await db.query(
        `update analytics_exports set status = 'done', progress = 1, content = $2, content_type = $3, file_name = $4, finished_at = now() where id = $1`,
        [id, bytes, CONTENT_TYPES[req.format], fileName(o, req.lang, req.format)],
      );
    } catch {
      await db.query(`update analytics_exports set status = 'failed', finished_at = now() where id = $1`, [id]).catch(() => {});
    }
  })();
  return exportStatus(db, actor, id);
}

/** An export's progress; another person's export is "not found". */
export async function exportStatus(db: Queryable, actor: Actor, id: string) {
  const { rows } = await db.query<{
    id: string;
    status: 'running' | 'done' | 'failed';
    progress: number;
    format: 'csv' | 'xlsx' | 'pdf';
    file_name: string | null;
  }>(`select id, status, progress, format, file_name from analytics_exports where id = $1 and requested_by = $2 and created_at > now() - interval '1 day'`, [
    id,
    actor.personId,
  ]);
  const r = rows[0];
  if (!r) throw errors.exportNotFound();
  return { id: r.id, status: r.status, progress: r.progress, format: r.format, fileName: r.file_name };
}

export async function exportFile(db: Queryable, actor: Actor, id: string) {
  const { rows } = await db.query<{ content: Buffer | null; content_type: string | null; file_name: string | null }>(
    `select content, content_type, file_name from analytics_exports where id = $1 and requested_by = $2 and status = 'done' and created_at > now() - interval '1 day'`,
    [id, actor.personId],
  );
  const r = rows[0];
  if (!r?.content) throw errors.exportNotFound();
  return { content: r.content, contentType: r.content_type!, fileName: r.file_name! };
}
