import type { Db, Queryable } from '../../platform/db.js';

/**
 * Brings the rollups up to date (decision 0017): every (class, day) and organisation the writes
 * marked dirty is recomputed from the base tables, in batches, each batch in one transaction.
 * When the day changes, every organisation's "now" figures are recomputed (a format decision may
 * take effect, an override may end, without any write).
 */
export interface RefreshResult {
  classDays: number;
  organisations: number;
  ms: number;
}

const BATCH = 50_000;
const ORG_BATCH = 2_000;

const DAY_MEASURES = [
  'lessons',
  'lessons_materials',
  'lessons_remote',
  'att_in_person',
  'att_online',
  'att_absent',
  'att_excused',
  'homework_set',
  'homework_handed_in',
  'homework_marked',
  'marks',
] as const;

async function refreshDayBatch(tx: Queryable): Promise<number> {
  await tx.query(`create temp table if not exists analytics_keys (class_id bigint, on_date date) on commit delete rows`);
  // the batch's rows by their tuple ids (a TID scan whatever the statistics say): taken by keys, a
  // table filled since its last ANALYZE (a day of writes, markAllDirty) was planned as a nested loop,
  // every row against every key, minutes for 400,000 class days of the country dataset
  const taken = await tx.query(`with d as (
      delete from analytics_dirty_days
       where ctid = any(array(select ctid from analytics_dirty_days limit ${BATCH} for update skip locked))
      returning class_id, on_date)
    insert into analytics_keys select class_id, on_date from d`);
  const n = taken.rowCount ?? 0;
  if (n === 0) return 0;
  await tx.query('analyze analytics_keys');
  await tx.query('delete from analytics_class_day d using analytics_keys k where d.class_id = k.class_id and d.on_date = k.on_date');
  // each key's figures by index lookups (lateral: one probe of lessons, attendance, homework and
  // marks per class day), so a batch costs what its keys hold, not a scan of the journal: at the
  // country's size (5 M marks, 2 M homework a week) joined aggregates were planned as hash joins
  // over whole tables, 7.5 s per batch of 50,000 against 2.5 s this way
  await tx.query(`insert into analytics_class_day (class_id, on_date, organisation_id, ${DAY_MEASURES.join(', ')})
    select k.class_id, k.on_date, c.organisation_id,
      l.lessons, l.lessons_materials, l.lessons_remote,
      a.in_person, a.online, a.absent, a.excused,
      h.set, h.handed_in, h.marked, m.marks
    from analytics_keys k
    join classes c on c.id = k.class_id
    cross join lateral (
      select count(*) as lessons,
        count(*) filter (where exists (select 1 from lesson_materials lm where lm.lesson_id = l.id)) as lessons_materials,
        count(*) filter (where l.delivery <> 'in_person') as lessons_remote
      from lessons l where l.class_id = k.class_id and l.on_date = k.on_date and not l.cancelled) l
    cross join lateral (
      select count(*) as n,
        count(*) filter (where a.status in ('present', 'late') and not a.online) as in_person,
        count(*) filter (where a.status in ('present', 'late') and a.online) as online,
        count(*) filter (where a.status = 'absent') as absent,
        count(*) filter (where a.status = 'excused') as excused
      from attendance a where a.class_id = k.class_id and a.on_date = k.on_date) a
    cross join lateral (
      select count(distinct hw.id) as set, count(s.id) as handed_in, count(s.id) filter (where s.status = 'marked') as marked
      from lessons l join homework hw on hw.lesson_id = l.id left join submissions s on s.homework_id = hw.id
      where l.class_id = k.class_id and l.on_date = k.on_date) h
    cross join lateral (select count(*) as marks from marks mk where mk.class_id = k.class_id and mk.on_date = k.on_date) m
    -- a class day with nothing at all (its last lesson, mark or attendance gone) has no row
    where l.lessons > 0 or a.n > 0 or h.set > 0 or m.marks > 0`);
  // the organisations' days these classes belong to, summed again from the class rows
  await tx.query(`delete from analytics_org_day d using (select distinct c.organisation_id, k.on_date from analytics_keys k join classes c on c.id = k.class_id) x
    where d.organisation_id = x.organisation_id and d.on_date = x.on_date`);
  await tx.query(`insert into analytics_org_day (organisation_id, on_date, district_id, region_id, ${DAY_MEASURES.join(', ')})
    select d.organisation_id, d.on_date, o.district_id, o.region_id, ${DAY_MEASURES.map((m) => `sum(d.${m})`).join(', ')}
    from analytics_class_day d
    join (select distinct c.organisation_id, k.on_date from analytics_keys k join classes c on c.id = k.class_id) x
      on x.organisation_id = d.organisation_id and x.on_date = d.on_date
    join organisations o on o.id = d.organisation_id
    group by d.organisation_id, d.on_date, o.district_id, o.region_id`);
  return n;
}

async function refreshOrgBatch(tx: Queryable, today: string): Promise<number> {
  const { rows } = await tx.query<{ organisation_id: number }>(`delete from analytics_dirty_orgs
    where ctid = any(array(select ctid from analytics_dirty_orgs limit ${ORG_BATCH} for update skip locked)) returning organisation_id`);
  if (rows.length === 0) return 0;
  const orgs = rows.map((r) => r.organisation_id);
  await tx.query('delete from analytics_class_now where organisation_id = any($1)', [orgs]);
  await tx.query(
    `insert into analytics_class_now (class_id, organisation_id, format, pupils, duty_placed, duty_waiting, as_of)
    select c.id, c.organisation_id, coalesce(f.format, 'unknown'),
      (select count(*) from class_members m where m.class_id = c.id),
      coalesce(d.placed, 0), coalesce(d.waiting, 0), $2::date
    from classes c
    join academic_years y on y.id = c.academic_year_id and y.is_current
    left join lateral formats_effective_format(c.id, $2::date) f on true
    left join (select class_id, count(*) filter (where status = 'placed') as placed, count(*) filter (where status in ('submitted', 'waiting')) as waiting
               from duty_applications where organisation_id = any($1) group by class_id) d on d.class_id = c.id
    where c.organisation_id = any($1)`,
    [orgs, today],
  );
  await tx.query('delete from analytics_org_now where organisation_id = any($1)', [orgs]);
  await tx.query(
    `insert into analytics_org_now (organisation_id, district_id, region_id, pupils_regular, pupils_distance, pupils_duty,
      pupils_combined, pupils_unknown, duty_placed, duty_waiting, as_of)
    select o.id, o.district_id, o.region_id,
      coalesce(sum(n.pupils) filter (where n.format = 'regular'), 0), coalesce(sum(n.pupils) filter (where n.format = 'distance'), 0),
      coalesce(sum(n.pupils) filter (where n.format = 'duty'), 0), coalesce(sum(n.pupils) filter (where n.format = 'combined'), 0),
      coalesce(sum(n.pupils) filter (where n.format = 'unknown'), 0),
      coalesce(sum(n.duty_placed), 0), coalesce(sum(n.duty_waiting), 0), $2::date
    from organisations o left join analytics_class_now n on n.organisation_id = o.id
    where o.id = any($1) group by o.id`,
    [orgs, today],
  );
  return orgs.length;
}

/** Recomputes everything that changed since the last refresh; `today` is the school calendar's date. */
export async function refreshRollups(db: Db, today: string): Promise<RefreshResult> {
  const started = performance.now();
  const state = await db.query<{ snapshot_date: string | null }>('select snapshot_date from analytics_state');
  if (state.rows[0]?.snapshot_date !== today) {
    // a new day: every organisation's state of today (formats take effect by date)
    await db.transaction(async (tx) => {
      await tx.query('insert into analytics_dirty_orgs select id from organisations on conflict do nothing');
      await tx.query('update analytics_state set snapshot_date = $1', [today]);
    });
  }
  let classDays = 0;
  let organisations = 0;
  for (;;) {
    const n = await db.transaction((tx) => refreshDayBatch(tx));
    classDays += n;
    if (n === 0) break;
  }
  for (;;) {
    const n = await db.transaction((tx) => refreshOrgBatch(tx, today));
    organisations += n;
    if (n === 0) break;
  }
  await db.query('update analytics_state set refreshed_at = now()');
  return { classDays, organisations, ms: Math.round(performance.now() - started) };
}

/** Marks every class day and organisation dirty (after a restore, or to rebuild from scratch). */
export async function markAllDirty(db: Queryable): Promise<void> {
  await db.query(`insert into analytics_dirty_days
    select class_id, on_date from lessons union select class_id, on_date from attendance union select class_id, on_date from marks
    on conflict do nothing`);
  await db.query('insert into analytics_dirty_orgs select id from organisations on conflict do nothing');
}
