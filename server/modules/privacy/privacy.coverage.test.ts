/**
 * Every table that holds person ids has a personal-data contributor (privacy.contributors.ts) naming
 * it and the columns. Found from the database itself: foreign keys to persons(id) or accounts(id), and
 * columns whose name says they hold a person (…person_id, pupil_id, child_id, …_by).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDb } from '../../../test/db.js';
import type { Db } from '../../platform/db.js';
import { CONTRIBUTORS } from './privacy.contributors.js';

let db: Db;
beforeAll(async () => {
  db = await createTestDb('t_migrated');
});
afterAll(async () => db?.close());

/** Columns the name rule catches that hold no person, each with the reason. */
const NOT_A_PERSON: Record<string, string> = {
  'video_jobs.locked_by': 'the transcoding worker holding the job (host:pid), not a person',
};

async function personColumns(): Promise<string[]> {
  // a partition's rows are its partitioned table's (lessons_y2020 is lessons, decision 0027)
  const { rows } = await db.query<{ col: string }>(`
    select col from (
    select c.conrelid::regclass::text || '.' || a.attname as col
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
     where c.contype = 'f' and c.confrelid in ('persons'::regclass, 'accounts'::regclass)
    union
    select table_name || '.' || column_name from information_schema.columns
     where table_schema = 'public' and column_name ~ '(^|_)(person|pupil|child|parent|teacher|owner|author|applicant|guardian|student)_id$|_by$'
    union select 'persons.id'
    ) x where not coalesce((select relispartition from pg_class where oid = to_regclass(split_part(x.col, '.', 1))), false)`);
  return rows
    .map((r) => r.col)
    .filter((c) => !NOT_A_PERSON[c])
    .sort();
}

test('every column holding a person id is named by a contributor', async () => {
  const declared = new Set(CONTRIBUTORS.flatMap((c) => c.tables.flatMap((t) => t.personColumns.map((col) => `${t.table}.${col}`))));
  const found = await personColumns();
  expect(found.length).toBeGreaterThan(30);
  expect(
    found.filter((c) => !declared.has(c)),
    "add these to the module's <module>.personal-data.ts",
  ).toEqual([]);
});

test('no contributor names a table or column that does not exist', async () => {
  const { rows } = await db.query<{ col: string }>(
    `select table_name || '.' || column_name as col from information_schema.columns where table_schema = 'public'`,
  );
  const existing = new Set(rows.map((r) => r.col));
  const declared = CONTRIBUTORS.flatMap((c) => c.tables.flatMap((t) => t.personColumns.map((col) => `${t.table}.${col}`)));
  expect(declared.filter((c) => !existing.has(c))).toEqual([]);
  expect(new Set(CONTRIBUTORS.map((c) => c.module)).size).toBe(CONTRIBUTORS.length);
});

test('the check can fail: a new table with a person column is reported', async () => {
  await db.query('create table privacy_probe (id int primary key, pupil_id bigint references persons(id))');
  const declared = new Set(CONTRIBUTORS.flatMap((c) => c.tables.flatMap((t) => t.personColumns.map((col) => `${t.table}.${col}`))));
  expect((await personColumns()).filter((c) => !declared.has(c))).toEqual(['privacy_probe.pupil_id']);
  await db.query('drop table privacy_probe');
});
