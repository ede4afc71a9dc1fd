import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../../platform/clock.js';
import { createDb, type Db } from '../../platform/db.js';
import { createTestDb } from '../../../test/db.js';
import { startAccessStatusJob } from './access.jobs.js';
import { recomputeStatuses, runTimedStatusChanges } from './access.usecases.js';

// Time-driven status changes (decision 0036): the background job, driven by a clock the test moves.
let db: Db;
let other: Db; // a second pool on the same database: another process
let uni: number;
let members: number[];
let noRecords: number[]; // people of the university with nothing on record and no exemption
const HOUR = 3_600_000;
const T0 = new Date('2030-03-01T08:00:00Z');
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);
let now = T0;
const clock: Clock = () => now;
const quiet = { info() {}, warn() {} } as unknown as FastifyBaseLogger;

beforeAll(async () => {
  db = await createTestDb();
  other = createDb(db.pool.options.connectionString!, 4);
  uni = Number((await db.query<{ id: number }>("select id from organisations where kind = 'university' and name_en like 'Karasay%'")).rows[0]!.id);
  const { rows } = await db.query<{ person_id: string }>(
    `select distinct person_id from role_assignments where organisation_id = $1 and role in ('pupil', 'teacher', 'org_admin', 'gate_guard', 'health_officer') order by 1`,
    [uni],
  );
  members = rows.map((r) => Number(r.person_id));
  const empty = await db.query<{ id: string }>(
    `select p as id from unnest($1::bigint[]) p where not exists (select 1 from access_health_records r where r.person_id = p)
       and not exists (select 1 from access_exemptions e where e.person_id = p) order by p`,
    [members],
  );
  noRecords = empty.rows.map((r) => Number(r.id));
});
afterAll(async () => {
  await other?.close();
  await db?.close();
});

const pcr = (personIds: number[], sampledAt: Date) =>
  db.query(
    `insert into access_health_records (person_id, organisation_id, kind, occurred_at, test_kind, result, state, source, created_at)
     select p, $2, 'test', $3, 'pcr', 'negative', 'confirmed', 'test', $3 from unnest($1::bigint[]) p`,
    [personIds, uni, sampledAt],
  );
const notices = async (since: Date) =>
  (
    await db.query<{ person_id: string; status: string }>(
      `select person_id, params->>'status' as status from notifications where kind = 'access.status_changed' and created_at > $1 order by person_id`,
      [since],
    )
  ).rows.map((r) => ({ personId: Number(r.person_id), status: r.status }));
const statuses = async () =>
  new Map(
    (
      await db.query<{ person_id: string; status: string; next: Date | null }>('select person_id, status, next_change_at as next from access_statuses')
    ).rows.map((r) => [Number(r.person_id), { status: r.status, next: r.next }]),
  );

test('a negative PCR runs out after 72 h: one notification, at the right time, never again', async () => {
  const person = noRecords[0]!;
  await pcr([person], T0);
  await db.transaction((tx) => recomputeStatuses(tx, [person], uni, at(1)));
  const stored = (await statuses()).get(person)!;
  expect(stored).toEqual({ status: 'admitted', next: at(72) });

  now = at(71.9); // nothing due yet
  expect(await runTimedStatusChanges(db, clock())).toEqual({ checked: 0, changed: 0 });
  expect(await notices(at(1))).toEqual([]);

  now = at(72);
  expect(await runTimedStatusChanges(db, clock())).toEqual({ checked: 1, changed: 1 });
  expect(await notices(at(1))).toEqual([{ personId: person, status: 'not_admitted' }]);
  expect((await statuses()).get(person)).toEqual({ status: 'not_admitted', next: null });

  // a restart, a later run, another process: nothing more
  now = at(200);
  expect(await runTimedStatusChanges(other, clock())).toEqual({ checked: 0, changed: 0 });
  expect(await notices(at(1))).toHaveLength(1);
});

test('a due person locked by another process is skipped, not waited for, and handled once', async () => {
  const person = noRecords[1]!;
  await pcr([person], at(1000));
  await db.transaction((tx) => recomputeStatuses(tx, [person], uni, at(1001)));
  const due = (await statuses()).get(person)!.next!;
  expect(due.getTime()).toBeGreaterThan(at(1001).getTime());
  const since = at(1001);
  const client = await other.pool.connect();
  try {
    await client.query('begin');
    await client.query('select 1 from access_statuses where person_id = $1 for update', [person]);
    // the other process holds the row: this one skips it at once
    expect(await runTimedStatusChanges(db, due)).toEqual({ checked: 0, changed: 0 });
  } finally {
    await client.query('rollback');
    client.release();
  }
  const first = await runTimedStatusChanges(db, due);
  expect(first.checked).toBe(1);
  const after = await notices(since);
  expect(first.changed).toBe(1);
  expect(after).toEqual([{ personId: person, status: 'not_admitted' }]);
  expect(await runTimedStatusChanges(other, due)).toEqual({ checked: 0, changed: 0 });
  expect(await notices(since)).toEqual(after);
});

test('two processes running the job at once: each change notified exactly once; no change, no notification', async () => {
  // everyone gets a negative PCR; when it runs out the vaccinated and the exempt stay admitted (no
  // change, no message), the others turn not admitted (one message each)
  const sampled = at(5000);
  await pcr(members, sampled);
  await db.transaction((tx) => recomputeStatuses(tx, members, uni, at(5001)));
  const before = await statuses();
  expect(members.every((id) => before.get(id)!.status === 'admitted')).toBe(true);
  const since = at(5001);

  now = at(5000 + 72);
  const stops = [db, other, db, other].map((d) => startAccessStatusJob(d, quiet, { clock, intervalMs: 3_600_000, batch: 7 }));
  await Promise.all(stops.map((stop) => stop()));
  const after = await statuses();
  const changed = members.filter((id) => after.get(id)!.status !== 'admitted');
  const stayed = members.filter((id) => after.get(id)!.status === 'admitted');
  expect(changed.length).toBeGreaterThan(10);
  expect(stayed.length).toBeGreaterThan(10);
  const got = await notices(since);
  expect(got.map((n) => n.personId)).toEqual(changed); // one each, in person order: nobody twice, nobody who stayed
  expect(got.every((n) => n.status === 'not_admitted')).toBe(true);
  // nothing is due any more; a second round notifies nobody
  expect(members.every((id) => after.get(id)!.next === null || after.get(id)!.next! > now)).toBe(true);
  expect(await runTimedStatusChanges(other, now)).toEqual({ checked: 0, changed: 0 });
  expect(await notices(since)).toHaveLength(changed.length);
});

test('the interval is a setting: 60 s by default, 0 turns the job off, nonsense is refused', async () => {
  const { accessJobIntervalMs } = await import('./access.jobs.js');
  expect(accessJobIntervalMs({})).toBe(60_000);
  expect(accessJobIntervalMs({ ACCESS_STATUS_JOB_SECONDS: '0' })).toBe(0);
  expect(() => accessJobIntervalMs({ ACCESS_STATUS_JOB_SECONDS: 'soon' })).toThrow(/ACCESS_STATUS_JOB_SECONDS/);
  // off: nothing runs, even with people due (the exemption the seed gave ends in 2031)
  now = at(1_000_000);
  const due = async () => (await db.query<{ n: number }>('select count(*)::int as n from access_statuses where next_change_at <= $1', [now])).rows[0]!.n;
  expect(await due()).toBeGreaterThan(0);
  await startAccessStatusJob(db, quiet, { clock, intervalMs: 0 })();
  expect(await due()).toBeGreaterThan(0);
  await startAccessStatusJob(db, quiet, { clock, intervalMs: 3_600_000 })();
  expect(await due()).toBe(0);
});
