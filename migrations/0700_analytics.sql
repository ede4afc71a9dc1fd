-- analytics module: rollups kept current by the writes (decision 0017).
--
-- The writes of other modules only mark what changed: statement-level triggers (with transition
-- tables, so one cheap insert per statement whatever its row count) put the touched (class, day)
-- into analytics_dirty_days and the touched organisation into analytics_dirty_orgs. A refresh
-- (server/modules/analytics/analytics.refresh.ts, run by an interval job and by the seeders)
-- recomputes exactly those keys from the base tables, so corrections and deletions are counted the
-- same way as first writes. Analytics never writes another module's tables.

-- per class and school day (the lesson's date): what happened
create table analytics_class_day (
  class_id            bigint not null,
  on_date             date not null,
  organisation_id     integer not null,
  lessons             integer not null default 0,   -- lessons held (not cancelled)
  lessons_materials   integer not null default 0,   -- of those, lessons with at least one material
  lessons_remote      integer not null default 0,   -- of those, delivered online, on TV or recorded
  att_in_person       integer not null default 0,   -- attendance records: present or late, in the room
  att_online          integer not null default 0,   -- present or late through the lesson's link
  att_absent          integer not null default 0,
  att_excused         integer not null default 0,
  homework_set        integer not null default 0,   -- homework of the day's lessons
  homework_handed_in  integer not null default 0,   -- submissions to that homework
  homework_marked     integer not null default 0,   -- of those, marked
  marks               integer not null default 0,   -- marks entered for the day's lessons
  primary key (class_id, on_date)
);
create index analytics_class_day_org_idx on analytics_class_day (organisation_id, on_date);

-- the same per organisation and day (sum of its classes), with the area for fast country reads
create table analytics_org_day (
  organisation_id     integer not null,
  on_date             date not null,
  district_id         integer not null,
  region_id           integer not null,
  lessons             integer not null default 0,
  lessons_materials   integer not null default 0,
  lessons_remote      integer not null default 0,
  att_in_person       integer not null default 0,
  att_online          integer not null default 0,
  att_absent          integer not null default 0,
  att_excused         integer not null default 0,
  homework_set        integer not null default 0,
  homework_handed_in  integer not null default 0,
  homework_marked     integer not null default 0,
  marks               integer not null default 0,
  primary key (organisation_id, on_date)
);
create index analytics_org_day_date_idx on analytics_org_day (on_date, region_id, district_id);

-- the state today, per class: its format and pupils, duty-class applications
create table analytics_class_now (
  class_id         bigint primary key,
  organisation_id  integer not null,
  format           text not null,                   -- regular | distance | duty | combined | unknown
  pupils           integer not null default 0,
  duty_placed      integer not null default 0,
  duty_waiting     integer not null default 0,      -- submitted (not grouped yet) or on the waiting list
  as_of            date not null
);
create index analytics_class_now_org_idx on analytics_class_now (organisation_id);

create table analytics_org_now (
  organisation_id  integer primary key,
  district_id      integer not null,
  region_id        integer not null,
  pupils_regular   integer not null default 0,
  pupils_distance  integer not null default 0,
  pupils_duty      integer not null default 0,
  pupils_combined  integer not null default 0,
  pupils_unknown   integer not null default 0,
  duty_placed      integer not null default 0,
  duty_waiting     integer not null default 0,
  as_of            date not null
);
create index analytics_org_now_area_idx on analytics_org_now (region_id, district_id);

create table analytics_dirty_days (
  class_id  bigint not null,
  on_date   date not null,
  primary key (class_id, on_date)
);
create table analytics_dirty_orgs (
  organisation_id integer primary key
);

-- the last refresh: the "now" tables hold the state of snapshot_date
create table analytics_state (
  id             boolean primary key default true check (id),
  snapshot_date  date,
  refreshed_at   timestamptz
);
insert into analytics_state default values;

-- ── triggers: mark what changed ────────────────────────────────────────────────────────────
-- Each function reads the statement's transition tables (new_rows / old_rows) that exist for its
-- operation; plpgsql plans a query only when it first runs, so the branch not taken never resolves.

create function analytics_dirty_by_class_date() returns trigger language plpgsql as $$
begin
  if TG_OP in ('INSERT', 'UPDATE') then
    insert into analytics_dirty_days (class_id, on_date)
      select distinct class_id, on_date from new_rows order by 1, 2 on conflict do nothing;
  end if;
  if TG_OP in ('UPDATE', 'DELETE') then
    insert into analytics_dirty_days (class_id, on_date)
      select distinct class_id, on_date from old_rows order by 1, 2 on conflict do nothing;
  end if;
  return null;
end $$;

create function analytics_dirty_by_lesson() returns trigger language plpgsql as $$
begin
  if TG_OP in ('INSERT', 'UPDATE') then
    insert into analytics_dirty_days (class_id, on_date)
      select distinct l.class_id, l.on_date from new_rows n join lessons l on l.id = n.lesson_id order by 1, 2 on conflict do nothing;
  end if;
  if TG_OP in ('UPDATE', 'DELETE') then
    insert into analytics_dirty_days (class_id, on_date)
      select distinct l.class_id, l.on_date from old_rows o join lessons l on l.id = o.lesson_id order by 1, 2 on conflict do nothing;
  end if;
  return null;
end $$;

create function analytics_dirty_by_homework() returns trigger language plpgsql as $$
begin
  if TG_OP in ('INSERT', 'UPDATE') then
    insert into analytics_dirty_days (class_id, on_date)
      select distinct l.class_id, l.on_date from new_rows n join homework h on h.id = n.homework_id join lessons l on l.id = h.lesson_id
      order by 1, 2 on conflict do nothing;
  end if;
  if TG_OP in ('UPDATE', 'DELETE') then
    insert into analytics_dirty_days (class_id, on_date)
      select distinct l.class_id, l.on_date from old_rows o join homework h on h.id = o.homework_id join lessons l on l.id = h.lesson_id
      order by 1, 2 on conflict do nothing;
  end if;
  return null;
end $$;

create function analytics_dirty_by_org() returns trigger language plpgsql as $$
begin
  if TG_OP in ('INSERT', 'UPDATE') then
    insert into analytics_dirty_orgs (organisation_id) select distinct organisation_id from new_rows order by 1 on conflict do nothing;
  end if;
  if TG_OP in ('UPDATE', 'DELETE') then
    insert into analytics_dirty_orgs (organisation_id) select distinct organisation_id from old_rows order by 1 on conflict do nothing;
  end if;
  return null;
end $$;

create function analytics_dirty_by_class_org() returns trigger language plpgsql as $$
begin
  if TG_OP in ('INSERT', 'UPDATE') then
    insert into analytics_dirty_orgs (organisation_id)
      select distinct c.organisation_id from new_rows n join classes c on c.id = n.class_id order by 1 on conflict do nothing;
  end if;
  if TG_OP in ('UPDATE', 'DELETE') then
    insert into analytics_dirty_orgs (organisation_id)
      select distinct c.organisation_id from old_rows o join classes c on c.id = o.class_id order by 1 on conflict do nothing;
  end if;
  return null;
end $$;

-- (transition tables allow one event per trigger: three triggers per table)
do $$
declare
  t record;
begin
  for t in select * from (values
    ('attendance', 'analytics_dirty_by_class_date'),
    ('marks', 'analytics_dirty_by_class_date'),
    ('lessons', 'analytics_dirty_by_class_date'),
    ('homework', 'analytics_dirty_by_lesson'),
    ('lesson_materials', 'analytics_dirty_by_lesson'),
    ('submissions', 'analytics_dirty_by_homework'),
    ('classes', 'analytics_dirty_by_org'),
    ('format_decisions', 'analytics_dirty_by_org'),
    ('format_overrides', 'analytics_dirty_by_org'),
    ('duty_applications', 'analytics_dirty_by_org'),
    ('class_members', 'analytics_dirty_by_class_org')
  ) as v(tbl, fn) loop
    execute format('create trigger analytics_%1$s_ins after insert on %1$I referencing new table as new_rows for each statement execute function %2$I()', t.tbl, t.fn);
    execute format('create trigger analytics_%1$s_upd after update on %1$I referencing old table as old_rows new table as new_rows for each statement execute function %2$I()', t.tbl, t.fn);
    execute format('create trigger analytics_%1$s_del after delete on %1$I referencing old table as old_rows for each statement execute function %2$I()', t.tbl, t.fn);
  end loop;
end $$;

-- exports run in the background: progress while it runs, the file when done (kept a day)
create table analytics_exports (
  id            uuid primary key default gen_random_uuid(),
  requested_by  bigint not null references persons(id),
  area          text not null,
  format        text not null check (format in ('csv', 'xlsx', 'pdf')),
  status        text not null default 'running' check (status in ('running', 'done', 'failed')),
  progress      real not null default 0,
  file_name     text,
  content_type  text,
  content       bytea,
  created_at    timestamptz not null default now(),
  finished_at   timestamptz
);
create index analytics_exports_person_idx on analytics_exports (requested_by, created_at desc);
