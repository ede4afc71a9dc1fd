import type { Db, Queryable } from '../../platform/db.js';
import type { ModuleSeeder } from '../../seed/module-seeders.js';
import { CITY_SCHOOL, KINDERGARTEN } from '../../seed/demo-facts.js';
import { dropSecondaryStructures } from '../../seed/bulk-load.js';
import type { DutyKind } from '../../../contracts/duty.js';
import { DEFAULT_SETTINGS } from './duty.defaults.js';
import * as repo from './duty.repository.js';
import { priorityOf } from './duty.rules.js';
import { regroupWindow } from './duty.usecases.js';

/**
 * Duty classes of 2020-21. The country's default settings; an application window at the demo city
 * school and kindergarten (20.08.2020 – 25.05.2021) with applications from about 45 % of the
 * families of grades 1-4 (never demo.parent's: the browser test applies for his daughter), groups
 * formed on 31.08.2020, and three late applications not yet grouped. For 'region' and 'country',
 * every school opens a window too and about 530,000 applications (17 % of pupils, SEED-FACTS) are
 * spread over grades 1-4, left 'submitted' for `npm run bench` and the admins to group; every
 * kindergarten and mini-centre opens one too, with applications for about one child in ten.
 * Set-based SQL, deterministic: a fixed hash of ids picks the families, not chance.
 */

export const WINDOW = { opensOn: '2020-08-20', closesOn: '2021-05-25' } as const;
const GROUPED_AT = new Date('2020-08-31T12:00:00+06:00');
const COUNTRY_APPLICATIONS = 530_000;
const COUNTRY_PUPILS = 3_300_000;

/** Reason combinations parents state, picked by the hash. */
const REASON_SETS: string[][] = [
  ['both_parents_work'],
  ['both_parents_work', 'no_device'],
  ['no_internet'],
  ['low_income', 'no_device'],
  ['large_family'],
  ['single_parent'],
  ['both_parents_work'],
  ['special_needs'],
  ['essential_worker', 'both_parents_work'],
  ['large_family', 'low_income'],
  ['both_parents_work'],
  ['other'],
];

async function openWindows(db: Queryable, organisationIds: number[], kind: DutyKind): Promise<void> {
  const s = DEFAULT_SETTINGS[kind];
  await db.query(
    `insert into duty_windows (organisation_id, academic_year_id, opens_on, closes_on, eligible_grades, group_max, group_min,
       join_adjacent_grades, shifts, day_patterns, reasons, created_by, created_at)
     select o.id, (select id from academic_years where is_current), $2, $3, $4, $5, $6, $7, $8, $9, $10,
       (select r.person_id from role_assignments r where r.organisation_id = o.id and r.role = 'org_admin' order by r.person_id limit 1),
       '2020-08-19T09:00:00+06:00'
       from organisations o where o.id = any($1::int[]) order by o.id`,
    [
      organisationIds,
      WINDOW.opensOn,
      WINDOW.closesOn,
      s.eligibleGrades,
      s.groupMax,
      s.groupMin,
      s.joinAdjacentGrades,
      s.shifts,
      s.dayPatterns,
      JSON.stringify(s.reasons),
    ],
  );
}

/**
 * Applications from the families whose hash falls under `perMille`, for the children of the given
 * organisations in the windows' eligible grades; `exclude`: children never applied for.
 */
async function applyFor(db: Queryable, organisationIds: number[] | null, perMille: number, exclude: number[], salt: number, day: string): Promise<number> {
  const sets = REASON_SETS.map((r) => ({ reasons: r.join(','), priority: priorityOf(r, DEFAULT_SETTINGS.school.reasons).priority }));
  const { rowCount } = await db.query(
    // materialized: the candidates are read in full before the insert starts, so the insert never scans its own new rows
    `with sets as (select row_number() over () - 1 as i, string_to_array(r, ',') as reasons, p from unnest($4::text[], $5::int[]) as t(r, p)),
     candidates as materialized (
       select m.pupil_id as child_id, c.id as class_id, c.grade, w.id as window_id, w.organisation_id, w.academic_year_id,
              ((m.pupil_id::bigint + $6) * 2654435761) % 4294967296 as h,
              (select min(l.parent_id) from parent_links l where l.child_id = m.pupil_id) as applicant_id
         from duty_windows w
         join classes c on c.organisation_id = w.organisation_id and c.academic_year_id = w.academic_year_id and c.grade = any(w.eligible_grades)
         join class_members m on m.class_id = c.id
        where ($1::int[] is null or w.organisation_id = any($1)) and m.pupil_id <> all($3::bigint[])
          and ((m.pupil_id::bigint + $6) * 2654435761) % 4294967296 % 1000 < $2
          and not exists (select 1 from duty_applications x where x.child_id = m.pupil_id and x.academic_year_id = w.academic_year_id)
     )
     insert into duty_applications (window_id, organisation_id, academic_year_id, child_id, class_id, grade, applicant_id, reasons, priority,
       preferred_shift, submitted_at)
     select k.window_id, k.organisation_id, k.academic_year_id, k.child_id, k.class_id, k.grade, k.applicant_id, s.reasons, s.p,
            case (k.h / 7) % 3 when 0 then null when 1 then 1 else 2 end,
            ($7::date + time '09:00') at time zone 'Asia/Almaty' + make_interval(mins => ((k.h / 13) % (10 * 24 * 60))::int)
       from candidates k join sets s on s.i = (k.h / 101) % $8
      where k.applicant_id is not null
      order by k.window_id, k.child_id`,
    [organisationIds, perMille, exclude, sets.map((s) => s.reasons), sets.map((s) => s.priority), salt, day, sets.length],
  );
  return rowCount ?? 0;
}

export const seedDuty: ModuleSeeder = async ({ db, size }) => {
  for (const kind of ['school', 'kindergarten', 'additional'] as const) {
    await repo.upsertSettings(db, { kind, regionId: null, ...DEFAULT_SETTINGS[kind] }, null);
  }
  const { rows: demoOrgs } = await db.query<{ id: number; kind: string }>('select id, kind from organisations where name_en = any($1::text[]) order by id', [
    [CITY_SCHOOL.names.en, KINDERGARTEN.names.en],
  ]);
  const { rows: family } = await db.query<{ child_id: number }>(
    `select l.child_id from parent_links l join accounts a on a.person_id = l.parent_id where a.login = 'demo.parent'`,
  );
  const demoChildren = family.map((f) => f.child_id);
  const school = demoOrgs.filter((o) => o.kind === 'school').map((o) => o.id);
  const kindergarten = demoOrgs.filter((o) => o.kind === 'kindergarten').map((o) => o.id);
  if (school.length === 0) return;

  await db.transaction(async (tx) => {
    await openWindows(tx, school, 'school');
    await openWindows(tx, kindergarten, 'kindergarten');
    await applyFor(tx, [...school, ...kindergarten], 450, demoChildren, 0, WINDOW.opensOn);
    const { rows: windows } = await tx.query<{ id: number }>('select id from duty_windows where organisation_id = any($1::int[]) order by id', [
      demoOrgs.map((o) => o.id),
    ]);
    for (const { id } of windows) await regroupWindow(tx, (await repo.findWindow(tx, id, true))!, false, GROUPED_AT);
    // three families applied after the groups were formed: the admin's next run places them
    await applyFor(tx, school, 40, demoChildren, 7, '2020-09-02');
  });

  if (size !== 'demo') {
    await seedSchoolApplications(db, demoChildren);
    await seedSchoolApplications(db, demoChildren, 'kindergarten');
  }
};

/**
 * Share of kindergarten children in duty groups: not in the documents (Akmola: 244 duty groups in 89
 * organisations, at most 15 each); an estimate of one child in ten. Clubs of additional education
 * and colleges or universities get no windows: SEED-FACTS gives duty only to schools (special ones
 * included) and kindergartens.
 */
const KINDERGARTEN_DUTY_SHARE = 0.1;

/**
 * region / country: a window at every other school (special schools included) and ~530,000
 * applications in the country's proportion; with `kind` 'kindergarten', a window at every other
 * kindergarten and mini-centre and applications for about one child in ten. The applications' foreign keys and indexes are dropped for the insert and rebuilt
 * after it (the foundation seed's bulk-load helper): one join per key instead of a check per row.
 */
export async function seedSchoolApplications(db: Db, exclude: number[], kind: 'school' | 'kindergarten' = 'school'): Promise<number> {
  const client = await db.pool.connect();
  const tx: Queryable = { query: (text, params) => client.query(text, params as unknown[]) as never };
  try {
    await client.query('begin');
    const { rows: schools } = await tx.query<{ id: number }>(
      `select o.id from organisations o where o.kind = $1 and not exists (select 1 from duty_windows w where w.organisation_id = o.id) order by o.id`,
      [kind],
    );
    await openWindows(
      tx,
      schools.map((s) => s.id),
      kind,
    );
    const { rows } = await tx.query<{ candidates: number; pupils: number }>(
      `select (select count(*) from duty_windows w
                 join classes c on c.organisation_id = w.organisation_id and c.academic_year_id = w.academic_year_id and c.grade = any(w.eligible_grades)
                 join class_members m on m.class_id = c.id where w.organisation_id = any($1::int[])) as candidates,
              (select coalesce(sum(pupil_count), 0) from organisations where kind = $2) as pupils`,
      [schools.map((s) => s.id), kind],
    );
    // 530,000 of 3.3 million pupils were in duty classes (SEED-FACTS): the same share of this dataset's pupils,
    // drawn from the families of grades 1-4, in thousandths
    const { candidates, pupils } = rows[0]!;
    const target = kind === 'school' ? Math.round((pupils * COUNTRY_APPLICATIONS) / COUNTRY_PUPILS) : Math.round(pupils * KINDERGARTEN_DUTY_SHARE);
    const perMille = candidates > 0 ? Math.min(1000, Math.ceil((target * 1000) / candidates)) : 0;
    const rebuild = await dropSecondaryStructures(client, ['duty_applications']);
    const n = await applyFor(
      tx,
      schools.map((s) => s.id),
      perMille,
      exclude,
      kind === 'school' ? 0 : 3,
      WINDOW.opensOn,
    );
    await rebuild();
    await client.query('commit');
    return n;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
