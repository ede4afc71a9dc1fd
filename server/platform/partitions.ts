import type { Queryable } from './db.js';

/**
 * Year partitions (decision 0027): lessons, marks, attendance, submissions and access_scans are
 * partitioned by school year (1 September to 31 August). The SQL functions of migration 0800 do the
 * work; these are the app's two entry points.
 */

/** The tables partitioned by school year, in the order the archive detaches them. */
export const YEAR_PARTITIONED = ['marks', 'attendance', 'submissions', 'access_scans', 'lessons'] as const;

/**
 * Makes sure this school year's and next year's partitions exist (run at every start; idempotent,
 * cheap when they do). Rows a partition did not exist for sit in the default partition meanwhile and
 * move into the year's partition when it is made.
 */
export async function ensureYearPartitions(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ made: number }>(
    `select coalesce(sum(sabaq_ensure_year_partitions(y)), 0)::int as made
       from (select sabaq_school_year(current_date)::int as y union all select sabaq_school_year(current_date)::int + 1) ys`,
  );
  return rows[0]?.made ?? 0;
}

/**
 * Detaches a past school year's partitions (2019: 2019-09-01 … 2020-08-31) from the partitioned
 * tables; they stay in the database as plain tables (`lessons_y2019`, …) to dump and drop. Refuses
 * the current year and later. Returns the names of the tables detached (none when already archived).
 */
export async function archiveYear(db: Queryable, year: number): Promise<string[]> {
  const { rows } = await db.query<{ t: string }>('select t from sabaq_archive_year($1) as t', [year]);
  return rows.map((r) => r.t);
}
