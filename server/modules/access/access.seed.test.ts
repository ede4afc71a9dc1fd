import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Db } from '../../platform/db.js';
import { createTestDb } from '../../../test/db.js';
import { importRegionRecords } from './access.seed.js';
import { recomputeAllStatuses, runTimedStatusChanges } from './access.usecases.js';

// The region/country plan of health records (access.seed.ts), tried on the demo university: every
// status appears, some change with time, and the time-driven job moves them four days later.
let db: Db;
let uni: number;
beforeAll(async () => {
  db = await createTestDb();
  uni = Number((await db.query<{ id: number }>("select id from organisations where kind = 'university' and name_en like 'Karasay%'")).rows[0]!.id);
});
afterAll(async () => db?.close());

test('the region plan: one batch, records for students and staff, every status, changes with time', async () => {
  const officer = Number(
    (await db.query<{ p: string }>("select person_id as p from role_assignments where organisation_id = $1 and role = 'health_officer' limit 1", [uni]))
      .rows[0]!.p,
  );
  await db.query('delete from access_exemptions');
  await db.query('delete from access_health_records');
  const written = await db.transaction((tx) => importRegionRecords(tx, [uni], new Map([[uni, officer]])));
  const { rows } = await db.query<{ kind: string; product: string | null; n: number; batches: number }>(
    'select kind, product, count(*)::int as n, count(distinct batch_id)::int as batches from access_health_records group by 1, 2 order by 1, 2',
  );
  expect(rows.reduce((a, r) => a + r.n, 0)).toBe(written);
  expect(rows.every((r) => r.batches === 1)).toBe(true);
  expect(rows.map((r) => `${r.kind}:${r.product ?? ''}`)).toEqual(
    expect.arrayContaining(['vaccination:Sputnik V', 'vaccination:QazVac', 'test:', 'recovery:']),
  );
  const batch = (await db.query<{ record_count: number }>('select record_count from access_import_batches order by id desc limit 1')).rows[0]!;
  expect(batch.record_count).toBe(written);

  const morning = new Date('2021-09-01T10:00:00+06:00');
  const all = await recomputeAllStatuses(db, morning, { chunk: 50 });
  expect(all.people).toBeGreaterThan(50);
  const counts = Object.fromEntries(
    (
      await db.query<{ status: string; n: number; timed: number }>(
        'select status, count(*)::int as n, count(next_change_at)::int as timed from access_statuses group by 1',
      )
    ).rows.map((r) => [r.status, r]),
  );
  expect(counts.admitted!.n).toBeGreaterThan(counts.not_admitted!.n);
  expect(counts.no_data!.n).toBeGreaterThan(0);
  expect(counts.admitted!.timed + counts.not_admitted!.timed).toBeGreaterThan(0);
  const job = await runTimedStatusChanges(db, new Date(morning.getTime() + 4 * 86_400_000));
  expect(job.changed).toBeGreaterThan(0);
});
