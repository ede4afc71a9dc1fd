import type { Db, Queryable } from '../../platform/db.js';
import type { ModuleSeeder } from '../../seed/module-seeders.js';
import { UNIVERSITY } from '../../seed/demo-facts.js';
import { recordConsent } from '../privacy/privacy.usecases.js';
import { recomputeAllStatuses, recomputeStatuses } from './access.usecases.js';

export const ACCESS_DEMO = { student: 'demo.student', health: 'demo.health' } as const;

/** Campus buildings of every university (region/country sizes get the same plan for each). */
const BUILDINGS = [
  { name: 'Main building', kind: 'academic', capacity: 1200, gates: ['Main entrance', 'South gate'] },
  { name: 'Laboratory building', kind: 'laboratory', capacity: 300, gates: ['Laboratory entrance'] },
  { name: 'Dormitory No. 1', kind: 'dormitory', capacity: 200, gates: ['Dormitory entrance'] },
] as const;

const IMPORTED_AT = new Date('2021-07-01T10:00:00+06:00');
// free text as a health officer in Kazakhstan types it (shown as is to kk, ru and en readers)
const SOURCE = 'Минздрав РК: база вакцинированных';
/** the region plan's import: the morning of 1 September 2021, the first day of the school year */
const REGION_IMPORTED_AT = new Date('2021-09-01T09:00:00+06:00');

async function buildCampus(db: Queryable, organisationIds: number[]): Promise<void> {
  for (const b of BUILDINGS) {
    await db.query(`insert into access_buildings (organisation_id, name, kind, capacity) select id, $2, $3, $4 from unnest($1::int[]) as id order by id`, [
      organisationIds,
      b.name,
      b.kind,
      b.capacity,
    ]);
    for (const g of b.gates) {
      await db.query(
        `insert into access_gates (building_id, name) select id, $2 from access_buildings where organisation_id = any($1::int[]) and name = $3 order by id`,
        [organisationIds, g, b.name],
      );
    }
  }
  // 40 rooms of 3 beds in each dormitory
  await db.query(
    `insert into access_dorm_rooms (building_id, number, beds)
    select b.id, (100 * (1 + (n - 1) / 10) + 1 + (n - 1) % 10)::text, 3 from access_buildings b, generate_series(1, 40) n
     where b.organisation_id = any($1::int[]) and b.kind = 'dormitory' order by b.id, n`,
    [organisationIds],
  );
}

/**
 * Health records by a fixed hash of the person id, so every status appears: fully vaccinated
 * (admitted), one dose of two (not admitted), an old negative PCR (not admitted: expired), a recovery
 * that ran out (not admitted), nothing on record (no data); exemptions are added on top.
 */
async function importRecords(db: Queryable, organisationIds: number[], officers: Map<number, number>): Promise<void> {
  for (const orgId of organisationIds) {
    const officer = officers.get(orgId);
    if (!officer) continue;
    const { rows } = await db.query<{ id: number }>(
      `insert into access_import_batches (organisation_id, format, source, record_count, imported_by, imported_at) values ($1, 'csv', $2, 0, $3, $4) returning id`,
      [orgId, SOURCE, officer, IMPORTED_AT],
    );
    const batch = rows[0]!.id;
    await db.query(
      `with people as (
         select distinct r.person_id, ((r.person_id::bigint * 2654435761) % 4294967296) % 10 as h
           from role_assignments r where r.organisation_id = $1 and r.role in ('pupil', 'teacher', 'org_admin', 'gate_guard', 'health_officer'))
       insert into access_health_records (person_id, organisation_id, kind, occurred_at, product, dose_number, series_doses, test_kind, result, state, source, batch_id, created_at)
       select person_id, $1, k.kind, k.at, k.product, k.dose, k.series, k.test_kind, k.result, 'confirmed', $2, $3, $4
         from people p cross join lateral (values
           -- h 0-5: two doses of Sputnik V (admitted)
           ('vaccination', timestamptz '2021-03-10 10:00+06' + make_interval(days => (p.person_id % 30)::int), 'Sputnik V', 1::smallint, 2::smallint, null, null, p.h <= 5),
           ('vaccination', timestamptz '2021-03-31 10:00+06' + make_interval(days => (p.person_id % 30)::int), 'Sputnik V', 2::smallint, 2::smallint, null, null, p.h <= 5),
           -- h 6: one dose of QazVac (not admitted: incomplete)
           ('vaccination', timestamptz '2021-05-20 10:00+06', 'QazVac', 1::smallint, 2::smallint, null, null, p.h = 6),
           -- h 7: a negative PCR long ago (not admitted: the test ran out)
           ('test', timestamptz '2021-06-25 09:00+06', null, null, null, 'pcr', 'negative', p.h = 7),
           -- h 8: recovered in January 2021 (ran out after 180 days)
           ('recovery', timestamptz '2021-01-15 00:00+06', null, null, null, null, null, p.h = 8)
         ) as k(kind, at, product, dose, series, test_kind, result, keep)
        where k.keep order by p.person_id, k.at`,
      [orgId, SOURCE, batch, IMPORTED_AT],
    );
    await db.query('update access_import_batches set record_count = (select count(*) from access_health_records where batch_id = $1) where id = $1', [batch]);
  }
}

/**
 * Region and country sizes: every other university's students and staff get records shaped by the
 * summer of 2021 (SEED-FACTS: vaccination encouraged, the database of vaccinated persons feeding
 * access from 1 July 2021), by a fixed hash of the person id out of 100: 40 two doses of Sputnik V,
 * 10 of QazVac, 5 of Hayat-Vax, 3 of CoronaVac (all long enough ago to admit); 7 one dose of two; 5 a
 * second dose in the last days of August (admitted 14 days later: a status that changes with time);
 * 10 a negative PCR sampled between 29 August and 1 September (admitted for 72 h); 5 recovered in
 * spring (admitted until 180 days later); 2 a positive PCR in late August; 13 nothing on record.
 * One import batch per university, and the records in one INSERT … SELECT computed in the database
 * (no row crosses the wire, faster than COPY).
 */
export async function importRegionRecords(db: Queryable, organisationIds: number[], officers: Map<number, number>): Promise<number> {
  const orgs = organisationIds.filter((id) => officers.has(id));
  if (orgs.length === 0) return 0;
  await db.query(
    `insert into access_import_batches (organisation_id, format, source, record_count, imported_by, imported_at)
     select o, 'fhir', $3, 0, p, $4 from unnest($1::int[], $2::bigint[]) as t(o, p) order by o`,
    [orgs, orgs.map((o) => officers.get(o)!), SOURCE, REGION_IMPORTED_AT],
  );
  const { rowCount } = await db.query(
    `with people as (
       select distinct on (r.person_id) r.person_id, r.organisation_id, ((r.person_id::bigint * 2654435761) % 4294967296) % 100 as h,
              ((r.person_id::bigint * 40503) % 65536)::int as j
         from role_assignments r where r.organisation_id = any($1::int[]) and r.role in ('pupil', 'teacher', 'org_admin', 'gate_guard', 'health_officer')
        order by r.person_id, r.organisation_id),
     batches as (select distinct on (organisation_id) organisation_id, id from access_import_batches where organisation_id = any($1::int[]) and source = $2 order by organisation_id, id desc)
     insert into access_health_records (person_id, organisation_id, kind, occurred_at, product, dose_number, series_doses, test_kind, result, state, source, batch_id, created_at)
     select p.person_id, p.organisation_id, k.kind, k.at, k.product, k.dose, k.series, k.test_kind, k.result, 'confirmed', $2, b.id, $3
       from people p join batches b on b.organisation_id = p.organisation_id
       cross join lateral (select case when p.h < 40 then 'Sputnik V' when p.h < 50 then 'QazVac' when p.h < 55 then 'Hayat-Vax' when p.h < 58 then 'CoronaVac' when p.h < 65 then 'QazVac' else 'Sputnik V' end as product,
                                  timestamptz '2021-03-01 10:00+06' + make_interval(days => p.j % 120) as first_dose) v
       cross join lateral (values
         ('vaccination', v.first_dose, v.product, 1::smallint, 2::smallint, null, null, p.h < 58),
         ('vaccination', v.first_dose + interval '21 days', v.product, 2::smallint, 2::smallint, null, null, p.h < 58),
         ('vaccination', timestamptz '2021-07-20 10:00+06' + make_interval(days => p.j % 30), 'QazVac', 1::smallint, 2::smallint, null, null, p.h >= 58 and p.h < 65),
         ('vaccination', timestamptz '2021-08-01 10:00+06' + make_interval(days => p.j % 7), 'Sputnik V', 1::smallint, 2::smallint, null, null, p.h >= 65 and p.h < 70),
         ('vaccination', timestamptz '2021-08-22 10:00+06' + make_interval(days => p.j % 9), 'Sputnik V', 2::smallint, 2::smallint, null, null, p.h >= 65 and p.h < 70),
         ('test', timestamptz '2021-08-29 08:00+06' + make_interval(mins => p.j % 4320), null, null, null, 'pcr', 'negative', p.h >= 70 and p.h < 80),
         ('recovery', timestamptz '2021-03-15 00:00+06' + make_interval(days => p.j % 90), null, null, null, null, null, p.h >= 80 and p.h < 85),
         ('test', timestamptz '2021-08-25 09:00+06' + make_interval(mins => p.j % 7200), null, null, null, 'pcr', 'positive', p.h >= 85 and p.h < 87)
       ) as k(kind, at, product, dose, series, test_kind, result, keep)
      where k.keep order by p.person_id, k.at`,
    [orgs, SOURCE, REGION_IMPORTED_AT],
  );
  await db.query(
    `update access_import_batches b set record_count = c.n from (select batch_id, count(*)::int as n from access_health_records where organisation_id = any($1::int[]) group by batch_id) c
      where c.batch_id = b.id`,
    [orgs],
  );
  return rowCount ?? 0;
}

export const seedAccess: ModuleSeeder = async ({ db, size }) => {
  const { rows: unis } = await db.query<{ id: number }>("select id from organisations where kind = 'university' order by id");
  const { rows: demo } = await db.query<{ id: number }>('select id from organisations where name_en = $1', [UNIVERSITY.names.en]);
  const uni = demo[0]?.id;
  if (!uni) return;
  const all = size === 'demo' ? [uni] : unis.map((u) => u.id);
  await db.transaction(async (tx) => {
    await buildCampus(tx, all);
    // demo.health: a lecturer of the demo university who is its health officer; every other university's first lecturer likewise
    const { rows: officers } = await tx.query<{ organisation_id: number; person_id: string }>(
      `select distinct on (organisation_id) organisation_id, person_id from role_assignments
        where role = 'teacher' and organisation_id = any($1::int[]) order by organisation_id, person_id`,
      [all],
    );
    await tx.query(
      `insert into role_assignments (person_id, role, organisation_id) select p, 'health_officer', o from unnest($1::bigint[], $2::int[]) as t(p, o)`,
      [officers.map((o) => o.person_id), officers.map((o) => o.organisation_id)],
    );
    const healthId = Number(officers.find((o) => o.organisation_id === uni)!.person_id);
    await tx.query(`update accounts set login = $2, language = 'ru' where person_id = $1`, [healthId, ACCESS_DEMO.health]);
    // demo.student: the first student of the demo university's first group (the hash gives them two doses)
    const { rows: students } = await tx.query<{ person_id: string }>(
      `select r.person_id from role_assignments r where r.organisation_id = $1 and r.role = 'pupil' order by r.person_id`,
      [uni],
    );
    const ids = students.map((s) => Number(s.person_id));
    const student = ids.find((id) => ((BigInt(id) * 2654435761n) % 4294967296n) % 10n <= 5n)!;
    await tx.query(`update accounts set login = $2, language = 'kk' where person_id = $1`, [student, ACCESS_DEMO.student]);
    const officerOf = new Map(officers.map((o) => [o.organisation_id, Number(o.person_id)]));
    // the demo university keeps the demo plan at every size; the others get the region plan
    await importRecords(tx, [uni], officerOf);
    await importRegionRecords(
      tx,
      all.filter((id) => id !== uni),
      officerOf,
    );

    // a medical exemption for two people with no records, approved by the health officer
    const noData = ids.filter((id) => ((BigInt(id) * 2654435761n) % 4294967296n) % 10n === 9n).slice(0, 2);
    for (const id of noData.slice(0, 1)) {
      await tx.query(
        `insert into access_exemptions (person_id, organisation_id, reason, valid_from, valid_until, approved_by, approved_at)
        values ($1, $2, 'Медотвод от вакцинации (справка от 05.07.2021)', '2021-07-05', '2031-07-04', $3, '2021-07-06T10:00:00+06:00')`,
        [id, uni, healthId],
      );
    }
    // a record reported by a student with one dose, waiting for the health officer
    const oneDose = ids.find((id) => ((BigInt(id) * 2654435761n) % 4294967296n) % 10n === 6n);
    if (oneDose) {
      await tx.query(
        `insert into access_health_records (person_id, organisation_id, kind, occurred_at, product, dose_number, series_doses, state, source, reported_note, created_at)
        values ($1, $2, 'vaccination', '2021-06-10T10:00:00+06:00', 'QazVac', 2, 2, 'reported', 'reported by the person', 'Вторая доза в городской поликлинике; в базе нет', '2021-07-10T12:00:00+06:00')`,
        [oneDose, uni],
      );
    }
    // consent of the demo university's people (the demo accounts included) to use the status for access
    const { rows: members } = await tx.query<{ person_id: string }>(
      `select distinct person_id from role_assignments where organisation_id = $1 and role in ('pupil', 'teacher', 'org_admin', 'gate_guard', 'health_officer') order by person_id`,
      [uni],
    );
    for (const m of members)
      await recordConsent(tx, { personId: Number(m.person_id), purpose: 'health_status_for_access', givenBy: Number(m.person_id), now: IMPORTED_AT });
    await recomputeStatuses(
      tx,
      members.map((m) => Number(m.person_id)),
      uni,
      new Date(),
    );
    // residents: admitted students, two per room
    const { rows: admitted } = await tx.query<{ person_id: string }>(
      `select s.person_id from access_statuses s join role_assignments r on r.person_id = s.person_id and r.organisation_id = $1 and r.role = 'pupil'
        where s.status = 'admitted' order by s.person_id limit 24`,
      [uni],
    );
    await tx.query(
      `insert into access_residents (room_id, person_id, from_date, created_by)
      select (select id from access_dorm_rooms d where d.building_id = (select id from access_buildings where organisation_id = $1 and kind = 'dormitory') order by d.number offset (t.n - 1) / 2 limit 1),
             t.p, '2021-08-25', (select person_id from role_assignments where organisation_id = $1 and role = 'org_admin' order by person_id limit 1)
        from unnest($2::bigint[]) with ordinality as t(p, n) order by t.n`,
      [uni, admitted.map((a) => a.person_id)],
    );
  });
  // every other university's people get a stored status too (and with it when it next changes with time)
  if (size !== 'demo') await recomputeAllStatuses(db, new Date());
};

export async function demoUniversity(db: Db): Promise<number> {
  const { rows } = await db.query<{ id: number }>('select id from organisations where name_en = $1', [UNIVERSITY.names.en]);
  return rows[0]!.id;
}
