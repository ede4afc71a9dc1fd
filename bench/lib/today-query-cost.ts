import pg from 'pg';
import { findDiaryJson, findDiaryPupil, findClassDays } from '../../server/modules/learning/diary.repository.js';
import { createDb } from '../../server/platform/db.js';

/**
 * PostgreSQL's share of a pupil's Today, one query at a time on one connection (no HTTP, no
 * concurrency): the one-query Today against the pupil's own part that the class-day cache leaves
 * (decision 0026), and a cache miss. Backend CPU from pg_stat_statements is not available on the
 * embedded server: time per query is wall time on an idle connection, PostgreSQL's execution plus one
 * loopback round trip. `tsx bench/lib/today-query-cost.ts <database url> <day> [pupils]`
 */
async function main(): Promise<void> {
  const [url, day, n = '300'] = process.argv.slice(2);
  if (!url || !day) throw new Error('usage: tsx bench/lib/today-query-cost.ts <database url> <YYYY-MM-DD> [pupils]');
  const db = createDb(url, 1);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const pupils = (
    await c.query<{ id: number }>(
      `select m.pupil_id::int as id from class_members m join classes cl on cl.id = m.class_id join academic_years y on y.id = cl.academic_year_id and y.is_current
      order by hashint8(m.pupil_id) limit $1`,
      [Number(n)],
    )
  ).rows.map((r) => r.id);
  await c.end();
  const now = new Date(`${day}T08:30:00+06:00`);
  const time = async (label: string, fn: (id: number) => Promise<unknown>) => {
    for (const id of pupils.slice(0, 20)) await fn(id); // warm the plans and the buffers
    const t0 = performance.now();
    for (const id of pupils) await fn(id);
    const ms = (performance.now() - t0) / pupils.length;
    console.log(`${label.padEnd(44)} ${ms.toFixed(3)} ms per pupil (${pupils.length} pupils, sequential)`);
    return ms;
  };
  for (let round = 1; round <= 3; round++) {
    console.log(`round ${round}`);
    await time('one-query Today (cache off)', (id) => findDiaryJson(db, { pupilId: id, from: null, to: null, now }));
    await time("pupil's own part (class days cached)", (id) => findDiaryPupil(db, { pupilId: id, from: null, to: null, now }));
    await time("a miss: own part + the classes' days", async (id) => {
      const me = await findDiaryPupil(db, { pupilId: id, from: null, to: null, now });
      if (me) await findClassDays(db, { classIds: me.cls.map(([cid]) => cid), from: me.d_from, to: me.d_to, tz: me.tz });
    });
  }
  await db.close();
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
