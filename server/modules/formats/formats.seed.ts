import type { Queryable } from '../../platform/db.js';
import type { ModuleSeeder } from '../../seed/module-seeders.js';
import { dropSecondaryStructures } from '../../seed/bulk-load.js';
import { DEMO_DISTRICT, DEMO_REGION, OTHER_DISTRICT } from '../../seed/demo-facts.js';
import { DEFAULT_RULE_SET } from './formats.defaults.js';
import * as repo from './formats.repository.js';
import { recompute } from './formats.recompute.js';

/**
 * The formats of 2020-21: the ministry's rule set v1 in force from 15.08.2020, the country
 * unfavourable from the same date, Karasay district (the demo district) favourable from 20.08.2020
 * — so its small rural school stays regular, "district favourable since 20.08.2020" — and about
 * four districts in ten elsewhere favourable too. Then the first decisions for every organisation
 * and class, and one officer's override. Deterministic: the same rows every time.
 */
export const START = '2020-08-15';
export const FAVOURABLE_FROM = '2020-08-20';
// the seed's own clock: a fixed instant, so the rows are the same on every run
const SEEDED_AT = new Date('2020-08-19T10:00:00+06:00');

export const seedFormats: ModuleSeeder = async ({ db, size, quiet }) => {
  const person = async (login: string) => {
    const { rows } = await db.query<{ person_id: number }>('select person_id from accounts where login = $1', [login]);
    return rows[0]?.person_id ?? null;
  };
  const [ministry, regionOfficer, districtOfficer] = await Promise.all([person('demo.ministry'), person('demo.region'), person('demo.district')]);
  const { rows: ids } = await db.query<{ region_id: number; karasay: number; talgar: number }>(
    `select r.id as region_id,
        (select id from districts where region_id = r.id and name_en = $2) as karasay,
        (select id from districts where region_id = r.id and name_en = $3) as talgar
       from regions r where r.code = $1`,
    [DEMO_REGION.code, DEMO_DISTRICT.en, OTHER_DISTRICT.en],
  );
  const demo = ids[0];
  if (!demo) return; // no demo content: nothing to decide for

  // one transaction on one connection; for the large sizes the decisions' foreign keys and indexes
  // are dropped while they are written and rebuilt after (one join per key, not a check per row)
  const client = await db.pool.connect();
  const tx: Queryable = { query: (text, params) => client.query(text, params as unknown[]) as never };
  try {
    await client.query('begin');
    await tx.query(
      `insert into epidemic_situations (area_level, region_id, district_id, settlement_id, level, effective_from, source, recorded_by, recorded_at)
       values ('country', null, null, null, 'red', $1,
         'Постановление Главного государственного санитарного врача РК о карантинных мерах в организациях образования, 2020-2021 учебный год', $2, $3),
              ('region', $4, null, null, 'red', $1, 'Постановление главного санитарного врача Алматинской области от 14.08.2020', $5, $3),
              ('district', $4, $6, null, 'green', $7, 'Қарасай ауданының бас санитарлық дәрігерінің 19.08.2020 қаулысы', $8, $3),
              ('district', $4, $9, null, 'red', $1, 'Постановление главного санитарного врача Талгарского района от 14.08.2020', $5, $3)`,
      [START, ministry, SEEDED_AT, demo.region_id, regionOfficer, demo.karasay, FAVOURABLE_FROM, districtOfficer, demo.talgar],
    );
    // elsewhere about four districts in ten are favourable (a fixed hash of the id, not chance)
    await tx.query(
      `insert into epidemic_situations (area_level, region_id, district_id, level, effective_from, source, recorded_at)
       select 'district', d.region_id, d.id, 'green', $1, 'Решение районного санитарного врача от 19.08.2020', $2
         from districts d
        where d.region_id <> $3 and (d.id::bigint * 2654435761) % 1000 < 400
        order by d.id`,
      [FAVOURABLE_FROM, SEEDED_AT, demo.region_id],
    );

    const version = (await repo.latestVersion(tx, null)) + 1;
    await repo.insertRuleSet(tx, {
      regionId: null,
      version,
      name: DEFAULT_RULE_SET.name,
      body: DEFAULT_RULE_SET,
      effectiveFrom: START,
      notes: '', // the body's `about` says it in each language
      personId: ministry,
    });
    await tx.query('update format_rule_sets set published_at = $1 where version = $2 and region_id is null', [SEEDED_AT, version]);
    const rebuild = size === 'demo' ? null : await dropSecondaryStructures(client, ['format_decisions']);
    const result = await recompute(tx, { scope: repo.WHOLE_COUNTRY, from: START, write: true, notify: false }, SEEDED_AT);
    const t = performance.now();
    await rebuild?.();
    if (!quiet && size !== 'demo') {
      console.log(
        `    formats: ${result.written.inserted.toLocaleString('en-US')} decisions; ms ${JSON.stringify({ ...result.timings, rebuild: Math.round(performance.now() - t) })}`,
      );
    }

    // an override the district officer made during an outbreak in the college's hostel
    if (districtOfficer !== null) {
      await tx.query(
        `insert into format_overrides (organisation_id, class_id, format, reason, effective_from, effective_to, created_by, created_at)
         select c.organisation_id, c.id, 'distance', 'Вспышка COVID-19 в общежитии колледжа: решение районного оперативного штаба от 13.11.2020',
                '2020-11-16', '2020-11-29', $2, '2020-11-13T15:00:00+06:00'
           from classes c join organisations o on o.id = c.organisation_id
          where o.district_id = $1 and o.kind = 'college' and c.specialty = 'technical'
          order by c.id limit 1`,
        [demo.karasay, districtOfficer],
      );
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
};
