import type { Queryable } from '../platform/db.js';

/** The demo dataset's school year is 2020-2021; its "today" is Wednesday 9 December 2020 (second quarter). */
export const DEMO_TODAY = '2020-12-09';

/**
 * On a database that holds the demo dataset (its demo.* accounts), pin the school calendar to the demo's
 * today unless LEARNING_TODAY says otherwise (`LEARNING_TODAY=now` keeps the real date). A real
 * deployment has no demo accounts and keeps the real clock.
 */
export async function pinDemoCalendar(db: Queryable, env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  if (env.LEARNING_TODAY === 'now') {
    delete env.LEARNING_TODAY;
    return null;
  }
  if (env.LEARNING_TODAY) return null;
  const { rows } = await db.query(`select 1 from accounts where login = 'demo.admin' limit 1`);
  if (rows.length === 0) return null;
  env.LEARNING_TODAY = DEMO_TODAY;
  return DEMO_TODAY;
}
