import type { Queryable } from '../../platform/db.js';

/**
 * Census answers, device and kit stock, a confirmed allocation per school and its loans, for every
 * size, in set-based SQL (a handful of statements whatever the size), shaped by SEED-FACTS:
 *
 * - answers: one per pupil (in this year's classes of a school) and teacher, about 96% of households
 *   answered (the rest are the census's gaps). A household (siblings: the lowest parent id, as
 *   `householdKey`) answers alike for all its children. Without a computer at home: 11.9% of East
 *   Kazakhstan's pupils (22,476 of 189,255), 5.2% elsewhere (185,000 of 3.3 million nationally);
 *   teachers 7% (24,000); without home internet: 9.7% in East Kazakhstan (18,331), 6% elsewhere, more
 *   where the settlement's own internet is slow or missing, fewer in towns; of those about 62% could
 *   be connected (11,454 of 18,331), fewer in villages without internet. Categories: low-income (far
 *   more often among those without a computer), large family (4 pupils or more in the household),
 *   orphan (some pupils without a linked parent), special needs. Answered by the parent (55%), the
 *   school's admin or its import, 17 August - 9 September 2020.
 * - stock per school: devices for about 70% of the households that need one (laptops, desktops,
 *   tablets; school stock, budget, sponsor, fund) and kits for 60% of those that could connect
 *   (router, USB modem, SIM; operator, "Bilim" tariff at 990 tenge a month, 1 September 2020 - 31 May
 *   2021), all taken by the school's run of 7 September; two laptops from a sponsor arrived on 20
 *   November after it (a re-run serves the next in line). Some budget devices came from another
 *   school of the district (a transfer with its trail).
 * - the run of each school (rules v1, by its admin): households in priority order, then earliest
 *   answer, each getting its entitlement while stock lasts, with the reason parts as `allocate` writes
 *   them. Learning in person is not considered here (a live run does, from formats and duty).
 * - loans: 92% of the served households got their items on 8-17 September, due at the end of the year;
 *   about 4% came back (ok, damaged, lost: the item's status follows), about 6% of the open ones were
 *   due on 30 November and are overdue. The demo family (demo.parent's two children, large family, no
 *   computer, no internet) holds a laptop and a kit from the city school; that school has an overdue loan and a device it took back.
 */
/** A uniform draw in [0, 1) from a bigint and a salt, inline SQL (PostgreSQL's own 64-bit hash, stable across versions; float8 arithmetic). */
const u = (k: string, salt: number) => `(((hashint8extended(${k}, ${salt}) & 2147483647) % 1000000)::float8 / 1000000)`;

export async function seedNeedsAndStock(tx: Queryable, ruleSetId: number): Promise<void> {
  await tx.query(`
    create temp table seed_people on commit drop as
    with pupils as (
      select m.pupil_id as person_id, c.organisation_id as org, min(l.parent_id) as parent_id
        from classes c
        join academic_years y on y.id = c.academic_year_id and y.is_current
        join organisations o on o.id = c.organisation_id and o.kind = 'school'
        join class_members m on m.class_id = c.id
        left join parent_links l on l.child_id = m.pupil_id
       group by 1, 2
    ), teachers as (
      select distinct r.person_id, r.organisation_id as org
        from role_assignments r join organisations o on o.id = r.organisation_id and o.kind = 'school'
       where r.role = 'teacher'
    ), people as (
      select person_id, org, 'pupil'::text as role, parent_id,
             case when parent_id is null then 'p:' || person_id else 'h:' || parent_id end as hkey,
             coalesce(parent_id, person_id) as hk
        from pupils
      union all
      select person_id, org, 'teacher', null, 't:' || person_id, -person_id from teachers
    )
    select p.*, r.code = 'east-kazakhstan' as east, s.internet as place_internet, o.instruction_language as lang,
           o.district_id, count(*) filter (where p.role = 'pupil') over (partition by p.org, p.hkey) as pupils_in_household,
           adm.admin_id
      from people p
      join organisations o on o.id = p.org
      left join (select organisation_id, min(person_id) as admin_id from role_assignments where role = 'org_admin' group by 1) adm on adm.organisation_id = p.org
      join regions r on r.id = o.region_id
      join settlements s on s.id = o.settlement_id`);
  await tx.query(`
    create temp table seed_answers on commit drop as
    with x as (
      select p.*,
             ${u('hk', 2)} as u_dev, ${u('hk', 3)} as u_net, ${u('hk', 4)} as u_conn, ${u('hk', 5)} as u_poor,
             ${u('person_id', 6)} as u_orphan, ${u('person_id', 7)} as u_sen, ${u('hk', 8)} as u_src, ${u('hk', 9)} as u_at,
             -- the household's chances, divided by the 96% that answered
             (case when role = 'teacher' then 0.07 when east then 0.1188 else 0.052 end / 0.96)::float8 as p_none,
             (case when role = 'teacher' then 0.006 when east then 0.0969 else 0.06 end / 0.96
               * case place_internet when 'none' then 3 when 'slow' then 2 else 0.7 end)::float8 as p_offline,
             (case place_internet when 'none' then 0.3 when 'slow' then 0.55 else 0.72 end)::float8 as p_connectable
        from seed_people p
       where ${u('hk', 1)} >= 0.04
    ), y as (
      -- a family without a computer is 2.5 times as often without internet (the mean stays the same)
      select x.*, p_offline * case when u_dev < p_none then 2.5 else (1 - 2.5 * p_none) / (1 - p_none) end as p_off from x
    )
    select person_id, org, role, parent_id, hkey, district_id, lang, admin_id,
           case when u_dev < p_none then 'none' when u_dev < p_none + 0.3 then 'shared' else 'own' end as devices,
           case when u_net < p_off then 'none' when u_net < p_off + 0.35 then 'mobile' else 'fixed' end as internet,
           u_net >= p_off or u_conn < p_connectable as connectable,
           case when role = 'teacher' then '{}'::text[] else array_remove(array[
             case when u_poor < case when u_dev < p_none then 0.45 else 0.06 end then 'low_income' end,
             case when pupils_in_household >= 4 then 'large_family' end,
             case when parent_id is null and u_orphan < 0.5 then 'orphan' end,
             case when u_sen < 0.02 then 'special_needs' end], null) end as categories,
           case when role = 'pupil' and parent_id is not null and u_src < 0.55 then 'parent' when u_src < 0.85 then 'admin' else 'import' end as source,
           timestamptz '2020-08-17 09:00+06' + (u_at * 23 * 86400 + (person_id % 480) * 60) * interval '1 second' as answered_at
      from y`);
  // the demo family: both children, no computer and no internet at home (connectable), a large family
  await tx.query(`
    update seed_answers a set devices = 'none', internet = 'none', connectable = true, categories = '{large_family}', source = 'parent',
           answered_at = timestamptz '2020-08-24 20:15+06'
      from accounts acc where acc.login = 'demo.parent' and a.hkey = 'h:' || acc.person_id`);
  await tx.query(`
    insert into supplies_census_answers (person_id, organisation_id, role, devices, internet, connectable, categories, source, answered_by, answered_at)
    select person_id, org, role, devices, internet, connectable, categories, source,
           case when source = 'parent' then parent_id else admin_id end, answered_at
      from seed_answers order by org, person_id`);

  // households and what rules v1 entitle them to (entitlementOf, without learning in person)
  await tx.query(`
    create temp table seed_households on commit drop as
    with h as (
      select org, hkey, min(district_id) as district_id, min(lang) as lang, min(admin_id) as admin_id,
             coalesce(min(parent_id), min(person_id)) as recipient_id,
             coalesce(array_agg(person_id order by person_id) filter (where role = 'pupil'), '{}') as pupil_ids,
             count(*) filter (where role = 'pupil' and devices = 'none')::int as needing,
             count(*) filter (where role = 'teacher' and devices = 'none')::int as teachers_needing,
             count(*) filter (where internet = 'none')::int as offline,
             bool_or(internet = 'none' and connectable) as can_connect,
             bool_or(role = 'teacher') as teacher,
             bool_or('low_income' = any(categories)) as c1, bool_or('large_family' = any(categories)) as c2,
             bool_or('orphan' = any(categories)) as c3, bool_or('special_needs' = any(categories)) as c4,
             min(answered_at) as declared_at
        from seed_answers group by org, hkey
    ), e as (
      select h.*,
             case when needing = 0 then 0 when needing <= 3 then 1 when needing <= 6 then 2 else 3 end + teachers_needing as entitled_devices,
             case when offline > 0 and can_connect then 1 else 0 end as entitled_kits,
             case when c1 then 1 when c2 then 2 when c3 then 3 when c4 then 4 when teacher then 5 else 6 end as priority,
             case when c1 then 'low_income' when c2 then 'large_family' when c3 then 'orphan' when c4 then 'special_needs' when teacher then 'teacher' end as category
        from h
    )
    select e.*,
           coalesce(sum(entitled_devices) over w, 0)::int as devices_before,
           coalesce(sum(entitled_kits) over w, 0)::int as kits_before,
           row_number() over (partition by org order by priority, declared_at, hkey) as rank
      from e where entitled_devices + entitled_kits > 0
    window w as (partition by org order by priority, declared_at, hkey rows between unbounded preceding and 1 preceding)`);

  // stock: about 70% of the devices and 60% of the kits the school's households are entitled to
  await tx.query(`
    create temp table seed_stock on commit drop as
    select org, min(district_id) as district_id, min(admin_id) as admin_id,
           (sum(entitled_devices) * 7 / 10)::int as devices, (sum(entitled_kits) * 6 / 10)::int as kits
      from seed_households group by org`);
  await tx.query(`
    insert into supplies_items (organisation_id, category, kind, inventory_number, serial, source, operator, tariff, monthly_cost, activated_on, ends_on, created_at)
    select org, 'device',
           case when ${u('org * 10000 + n', 11)} < 0.6 then 'laptop' when ${u('org * 10000 + n', 11)} < 0.75 then 'desktop' else 'tablet' end,
           'INV-' || org || '-' || lpad(n::text, 4, '0'), 'SN' || upper(substr(md5(org || '/' || n), 1, 10)),
           case when ${u('org * 10000 + n', 12)} < 0.45 then 'school_stock' when ${u('org * 10000 + n', 12)} < 0.8 then 'budget'
                when ${u('org * 10000 + n', 12)} < 0.93 then 'sponsor' else 'fund' end,
           null, null, null, null, null, timestamptz '2020-08-28 11:00+06'
      from seed_stock cross join generate_series(1, devices) n
    union all
    select org, 'kit', k.kind, 'NET-' || org || '-' || lpad(n::text, 4, '0'), 'IMEI' || lpad((abs(hashint8extended(org * 10000 + n, 13)) % 1000000000)::text, 9, '0'),
           case when n % 3 = 0 then 'fund' else 'budget' end,
           case k.kind when 'router' then 'Kazakhtelecom' else (array['Kcell', 'Beeline', 'Tele2', 'Altel'])[1 + (abs(hashint8extended(org * 10000 + n, 14)) % 4)::int] end,
           'Bilim', 990, date '2020-09-01', date '2021-05-31', timestamptz '2020-08-28 11:00+06'
      from seed_stock cross join generate_series(1, kits) n
      cross join lateral (select case when ${u('org * 10000 + n', 15)} < 0.4 then 'router' when ${u('org * 10000 + n', 15)} < 0.7 then 'usb_modem' else 'sim' end as kind) k
    union all
    -- arrived after the run: the next in line are served by a re-run
    select org, 'device', 'laptop', 'INV-' || org || '-S' || n, 'SN' || upper(substr(md5(org || '/S' || n), 1, 10)), 'sponsor',
           null, null, null, null, null, timestamptz '2020-11-20 15:00+06'
      from seed_stock cross join generate_series(1, 2) n
     order by 1, 4`);
  // some budget devices were first delivered to another school of the district and moved
  await tx.query(`
    insert into supplies_transfers (item_id, from_organisation_id, to_organisation_id, moved_by, moved_at, note)
    select i.id, f.org, i.organisation_id, null, timestamptz '2020-09-02 12:00+06', 'Бөлу / Перераспределение'
      from supplies_items i
      join lateral (select s.org from seed_stock s, seed_stock me
                     where me.org = i.organisation_id and s.district_id = me.district_id and s.org <> me.org order by s.org limit 1) f on true
     where i.source = 'budget' and i.category = 'device' and ${u('i.id', 16)} < 0.1
     order by i.id`);

  // one confirmed run per school, by its admin on 7 September
  await tx.query(
    `
    create temp table seed_runs on commit drop as
    with lines as (
      select h.*, greatest(0, least(entitled_devices, s.devices - devices_before)) as devices,
             greatest(0, least(entitled_kits, s.kits - kits_before)) as kits
        from seed_households h join seed_stock s using (org)
    ), r as (
      insert into supplies_allocation_runs (scope_level, scope_id, rule_set_id, rules_version, fingerprint, reshuffle, totals, confirmed_by, confirmed_at)
      select 'organisation', org, $1, 1, '1-' || count(*) || '-seed' || org, false,
             jsonb_build_object('households', count(*), 'served', count(*) filter (where devices + kits > 0),
               'newDevices', sum(devices), 'newKits', sum(kits),
               'shortDevices', sum(entitled_devices - devices), 'shortKits', sum(entitled_kits - kits),
               'stock', jsonb_build_object('devices', min(s_devices), 'kits', min(s_kits)),
               'shortfall', case when sum(entitled_devices - devices) + sum(entitled_kits - kits) > 0 then jsonb_build_array(jsonb_build_object(
                 'organisationId', org, 'districtId', min(district_id), 'devices', sum(entitled_devices - devices), 'kits', sum(entitled_kits - kits)))
                 else '[]'::jsonb end),
             min(admin_id), timestamptz '2020-09-07 16:00+06'
        from (select l.*, s.devices as s_devices, s.kits as s_kits from lines l join seed_stock s using (org)) x
       group by org order by org
      returning id, scope_id
    )
    select l.*, r.id as run_id from lines l join r on r.scope_id = l.org`,
    [ruleSetId],
  );
  await tx.query(`
    insert into supplies_allocations (run_id, organisation_id, household_key, recipient_id, pupil_ids, devices, kits, entitled_devices, entitled_kits, priority, reason, created_at)
    select run_id, org, hkey, recipient_id, pupil_ids, devices, kits, entitled_devices, entitled_kits, priority,
           jsonb_build_array(case when devices > 0 then jsonb_build_object('code', 'devices', 'n', devices) else jsonb_build_object('code', 'no_devices') end)
           || case when kits > 0 then jsonb_build_array(jsonb_build_object('code', 'kit', 'n', kits)) else '[]'::jsonb end
           || case when needing > 0 then jsonb_build_array(jsonb_build_object('code', 'distance_pupils', 'n', needing)) else '[]'::jsonb end
           || case when needing = 0 and teachers_needing = 0 and cardinality(pupil_ids) > 0 then '[{"code": "has_devices"}]'::jsonb else '[]'::jsonb end
           || case when category is not null then jsonb_build_array(jsonb_build_object('code', 'category', 'category', category)) else '[{"code": "no_category"}]'::jsonb end
           || jsonb_build_array(jsonb_build_object('code', 'priority', 'n', priority))
           || case when entitled_devices + entitled_kits > devices + kits then jsonb_build_array(jsonb_build_object('code', 'no_stock', 'n', entitled_devices + entitled_kits - devices - kits)) else '[]'::jsonb end
           || '[{"code": "rules", "n": 1}]'::jsonb,
           timestamptz '2020-09-07 16:00+06'
      from seed_runs where devices + kits > 0 order by run_id, rank`);

  // loans: the allocations' units matched to the school's items in order (8-17 September)
  await tx.query(`
    create temp table seed_loans on commit drop as
    with units as (
      select a.id as allocation_id, a.organisation_id as org, a.household_key, a.recipient_id, a.pupil_ids, c.category,
             row_number() over (partition by a.organisation_id, c.category order by a.priority, a.id, g) as rn
        from supplies_allocations a
        cross join lateral (values ('device', a.devices), ('kit', a.kits)) c(category, n)
        cross join generate_series(1, c.n) g
       where ${u('a.id', 17)} < 0.92 or a.household_key = (select 'h:' || person_id from accounts where login = 'demo.parent')
    ), items as (
      select i.id as item_id, i.organisation_id as org, i.category,
             row_number() over (partition by i.organisation_id, i.category order by i.kind <> 'laptop', i.id) as rn
        from supplies_items i where i.created_at < timestamptz '2020-09-07 16:00+06'
    )
    select u.*, i.item_id, s.admin_id,
           case when u.household_key = (select 'h:' || person_id from accounts where login = 'demo.parent') then 'demo'
                when ${u('i.item_id', 18)} < 0.04 then 'returned'
                when ${u('i.item_id', 18)} < 0.10 then 'overdue' else 'open' end as fate,
           timestamptz '2020-09-08 10:00+06' + ((abs(hashint8extended(u.allocation_id, 19)) % 10) * 86400 + (i.item_id % 420) * 60) * interval '1 second' as issued_at
      from units u join items i on i.org = u.org and i.category = u.category and i.rn = u.rn
      join seed_stock s on s.org = u.org`);
  // the city school's admin has an overdue loan to follow up
  await tx.query(`
    update seed_loans set fate = 'overdue' where item_id = (
      select l.item_id from seed_loans l join organisations o on o.id = l.org
       where o.name_en = 'Kaskelen Secondary School No. 1' and l.fate <> 'demo' order by l.fate = 'overdue' desc, l.item_id limit 1)`);
  // and one device it took back (damaged)
  await tx.query(`
    update seed_loans set fate = 'returned' where item_id = (
      select l.item_id from seed_loans l join organisations o on o.id = l.org
       where o.name_en = 'Kaskelen Secondary School No. 1' and l.fate = 'open' and l.category = 'device' order by l.item_id desc limit 1)`);
  await tx.query(`
    insert into supplies_loans (item_id, organisation_id, allocation_id, household_key, recipient_id, pupil_ids, issued_by, issued_at, due_on, language,
                                returned_at, returned_condition, received_by)
    select l.item_id, l.org, l.allocation_id, l.household_key, l.recipient_id, l.pupil_ids, l.admin_id, l.issued_at,
           case when fate = 'overdue' then date '2020-11-30' else date '2021-05-25' end,
           case when o.instruction_language = 'ru' then 'ru' else 'kk' end,
           case when fate = 'returned' then l.issued_at + interval '50 days' end,
           case when fate = 'returned' then (array['damaged', 'ok', 'ok', 'ok', 'lost'])[1 + (l.item_id % 5)::int] end,
           case when fate = 'returned' then l.admin_id end
      from seed_loans l join organisations o on o.id = l.org order by l.item_id`);
  // the demo family's device is a laptop (the story the demo tells)
  await tx.query(`update supplies_items set kind = 'laptop' where id in (select item_id from seed_loans where fate = 'demo' and category = 'device')`);
  await tx.query(`
    update supplies_items i set status = case when l.returned_at is null then 'on_loan' when l.returned_condition = 'ok' then 'available'
                                              when l.returned_condition = 'damaged' then 'repair' else 'written_off' end,
           condition = coalesce(l.returned_condition, 'ok')
      from supplies_loans l where l.item_id = i.id`);
}
