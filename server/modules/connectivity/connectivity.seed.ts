import type { ModuleSeeder } from '../../seed/module-seeders.js';

/** The survey the seeds' figures come from (SEED-FACTS: 604 settlements without the TV lesson channels in 2020). */
export const SURVEY = {
  on: '2020-08-20',
  at: new Date('2020-08-20T10:00:00+06:00'),
  reason: 'Тамыз 2020: интернет пен телехабарды қабылдау тексерілді / Август 2020: обследование интернета и приёма ТВ',
} as const;

/**
 * The register's demo data, from what the foundation seed set on `settlements` (every size: the
 * demo's Kemertogan village, and about 9 % of the generated villages, receive neither Al-Farabi nor
 * El-Arna): a measurement date for every settlement with a measured speed, reception rows for the
 * settlements without reception, and the survey as the first line of their history (by the demo
 * district officer in the demo district, by no one — an import — elsewhere).
 */
export const seedConnectivity: ModuleSeeder = async ({ db }) => {
  await db.transaction(async (tx) => {
    await tx.query(
      `insert into connectivity_measurements (settlement_id, measured_on)
       select id, $1::date from settlements where internet_mbps is not null order by id on conflict do nothing`,
      [SURVEY.on],
    );
    await tx.query(
      `insert into connectivity_reception (settlement_id, channel_id, received)
       select s.id, c.id, false from settlements s cross join connectivity_channels c where not s.tv_reception order by s.id, c.id on conflict do nothing`,
    );
    // each district's first officer read once (role_assignments has no index by district: a lookup per
    // settlement scanned all 14 M role rows of the country dataset, ~1 s for each of its 461 villages)
    await tx.query(
      `with officer as (
         select distinct on (r.district_id) r.district_id, r.person_id from role_assignments r
          where r.role = 'district_officer' and r.district_id is not null order by r.district_id, r.person_id
       )
       insert into connectivity_changes (settlement_id, changes, reason, changed_by, changed_at)
       select s.id,
              (select jsonb_agg(jsonb_build_object('field', 'tv:' || c.code, 'old', true, 'new', false) order by c.position) from connectivity_channels c),
              $1, o.person_id, $2
         from settlements s left join officer o on o.district_id = s.district_id where not s.tv_reception order by s.id`,
      [SURVEY.reason, SURVEY.at],
    );
  });
};
