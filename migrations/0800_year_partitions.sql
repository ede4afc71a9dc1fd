-- Partitions by academic year (issue 13 item 5, decision 0027): lessons, marks, attendance,
-- submissions and gate scans are declaratively partitioned by school year (1 September to
-- 31 August), so a past year can be detached and archived and the current year's indexes stay small.
--
-- Converts an existing database in place, in the migration's one transaction: each table is renamed,
-- a partitioned table of the same shape is created, its rows are moved across, then indexes,
-- foreign keys and triggers are recreated and the identity sequence continues where it was.
--
-- Partition keys (PostgreSQL wants the key in every primary key and unique constraint):
--   lessons, marks, attendance  on_date (a date)                 ranges [Y-09-01, Y+1-09-01)
--   submissions                 school_year (new column: the year of the homework's lesson)   [Y, Y+1)
--   access_scans                scanned_at (instant, Kazakhstan time +05) [Y-09-01 00:00+05, …)
-- Each also has a default partition: a row whose year has no partition yet is never refused.
--
-- Foreign keys that pointed at lessons(id) (decision 0027):
--   marks, attendance: composite (lesson_id, on_date) -> lessons (id, on_date), on update cascade
--     (their on_date was already the lesson's date; now the database enforces it).
--   homework, lesson_materials, mark_history, attendance_history, live_media_rooms: the same rule
--     kept by triggers (they have no date column): the lesson must exist on insert/update, and
--     deleting a lesson they point at is refused (lesson_materials: deleted with it, as before).

-- ── school year of a date: 2020 for 2020-09-01 … 2021-08-31 ──────────────────
create function sabaq_school_year(d date) returns smallint
language sql immutable parallel safe as $$
  select (extract(year from d)::int - case when extract(month from d) < 9 then 1 else 0 end)::smallint
$$;

-- ── conversion helper (dropped at the end of this file) ─────────────────────
-- Moves `tbl` into a new table partitioned by `part_by` with the same columns, defaults, checks,
-- identity and not-null rules; keeps the identity sequence's value; returns nothing. Indexes,
-- foreign keys and triggers of the old table are recreated by the caller's statements afterwards
-- (recreate_from_old below), once the old table is gone and its index names are free.
create table pg_temp.partition_conversion_saved (tbl text, kind text, def text);

create function pg_temp.partition_convert(tbl text, part_by text, new_columns text default '')
returns void language plpgsql as $$
declare
  old text := tbl || '_unpartitioned';
  seq_old text;
  seq_new text;
begin
  -- a unique rule or a foreign key into the table that this file does not know would be lost: stop
  if exists (select 1 from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = tbl::regclass and i.indisunique
               and c.relname not in ('lessons_pkey', 'lessons_slot_date_idx', 'marks_pkey', 'marks_lesson_pupil_idx', 'marks_homework_pupil_idx',
                                     'attendance_pkey', 'submissions_pkey', 'submissions_homework_id_pupil_id_key', 'access_scans_pkey', 'access_scans_client_id_key')) then
    raise exception 'table % has a unique index migration 0800 does not know: extend the migration', tbl;
  end if;
  if exists (select 1 from pg_constraint c where c.contype = 'f' and c.confrelid = tbl::regclass
               and (tbl <> 'lessons' or c.conrelid::regclass::text not in ('homework', 'lesson_materials', 'marks', 'mark_history', 'attendance', 'attendance_history', 'live_media_rooms'))) then
    raise exception 'a foreign key points at % that migration 0800 does not know: extend the migration', tbl;
  end if;
  execute format('alter table %I rename to %I', tbl, old);
  -- what to recreate: non-unique indexes, foreign keys out of the table, user triggers
  insert into pg_temp.partition_conversion_saved
    select tbl, 'index', pg_get_indexdef(i.indexrelid)
      from pg_index i where i.indrelid = old::regclass and not i.indisunique;
  insert into pg_temp.partition_conversion_saved
    select tbl, 'fk', format('alter table %I add constraint %I %s', tbl, c.conname, pg_get_constraintdef(c.oid))
      from pg_constraint c where c.conrelid = old::regclass and c.contype = 'f'
       and (select relname from pg_class where oid = c.confrelid) not in ('lessons', 'lessons_unpartitioned');  -- replaced below
  insert into pg_temp.partition_conversion_saved
    select tbl, 'trigger', pg_get_triggerdef(t.oid)
      from pg_trigger t where t.tgrelid = old::regclass and not t.tgisinternal;

  execute format('create table %I (like %I including all excluding indexes%s) partition by %s', tbl, old, new_columns, part_by);
  execute format('create table %I partition of %I default', tbl || '_default', tbl);

  if exists (select 1 from pg_attribute where attrelid = old::regclass and attname = 'id' and attidentity <> '') then
    seq_old := pg_get_serial_sequence(old, 'id');
    seq_new := pg_get_serial_sequence(tbl, 'id');
    execute format('select setval(%L, last_value, is_called) from %s', seq_new, seq_old);
  end if;
end $$;

-- Moves the rows and recreates what the old table had; drops the old table.
create function pg_temp.partition_fill(tbl text, fill text default null, joins text default '') returns bigint
language plpgsql as $$
declare
  old text := tbl || '_unpartitioned';
  n bigint;
  r record;
  cols text;
begin
  select string_agg(quote_ident(attname), ', ' order by attnum) into cols
    from pg_attribute where attrelid = old::regclass and attnum > 0 and not attisdropped;
  execute format('insert into %I (%s%s) overriding system value select %s%s from %I o %s', tbl, cols,
    case when fill is null then '' else ', school_year' end,
    (select string_agg('o.' || quote_ident(attname), ', ' order by attnum) from pg_attribute where attrelid = old::regclass and attnum > 0 and not attisdropped),
    case when fill is null then '' else ', ' || fill end, old, joins);
  get diagnostics n = row_count;
  execute format('drop table %I cascade', old);   -- cascade: the foreign keys pointing at it (replaced below)
  for r in select def from pg_temp.partition_conversion_saved where partition_conversion_saved.tbl = partition_fill.tbl and kind = 'index' loop
    execute replace(r.def, 'ON public.' || old || ' ', 'ON public.' || tbl || ' ');
  end loop;
  for r in select def from pg_temp.partition_conversion_saved where partition_conversion_saved.tbl = partition_fill.tbl and kind = 'fk' loop
    execute r.def;
  end loop;
  for r in select def from pg_temp.partition_conversion_saved where partition_conversion_saved.tbl = partition_fill.tbl and kind = 'trigger' loop
    execute replace(r.def, ' ON public.' || old || ' ', ' ON public.' || tbl || ' ');
  end loop;
  return n;
end $$;

-- ── the year's partitions: created by this migration, at every start (next year), when an academic
--    year is added, or by hand; rows already in the default partition for that year move into it ──
create function sabaq_ensure_year_partitions(y integer) returns integer
language plpgsql as $$
declare
  t record;
  made integer := 0;
  part text;
  lo text;
  hi text;
begin
  if y < 1990 or y > 2200 then
    raise exception 'school year % is out of range', y using errcode = '22023';
  end if;
  -- several processes starting at once: one makes the partitions, the others then find them
  perform pg_advisory_xact_lock(728190452);
  create temp table if not exists sabaq_year_tables (n int, tbl text, col text, kind text, lo text, hi text) on commit drop;
  truncate sabaq_year_tables;
  insert into sabaq_year_tables
    select v.n, v.tbl, v.col, v.kind,
      case v.kind when 'date' then format('%s-09-01', y) when 'year' then y::text else format('%s-09-01 00:00:00+05', y) end,
      case v.kind when 'date' then format('%s-09-01', y + 1) when 'year' then (y + 1)::text else format('%s-09-01 00:00:00+05', y + 1) end
    from (values (1, 'lessons', 'on_date', 'date'), (2, 'marks', 'on_date', 'date'), (3, 'attendance', 'on_date', 'date'),
                 (4, 'submissions', 'school_year', 'year'), (5, 'access_scans', 'scanned_at', 'instant')) as v(n, tbl, col, kind)
    where to_regclass(format('%s_y%s', v.tbl, y)) is null;
  -- rows of that year waiting in a default partition leave it first (the rows pointing at lessons before
  -- the lessons), then come back through the partitioned table into the new partition; the lesson
  -- references kept by triggers skip this move
  perform set_config('sabaq.moving_rows', 'on', true);
  for t in select * from sabaq_year_tables order by n desc loop
    execute format('create temp table %I on commit drop as select * from %I where false', 'sabaq_moving_' || t.tbl, t.tbl);
    execute format('with m as (delete from %I where %I >= %L and %I < %L returning *) insert into %I select * from m',
      t.tbl || '_default', t.col, t.lo, t.col, t.hi, 'sabaq_moving_' || t.tbl);
  end loop;
  for t in select * from sabaq_year_tables order by n loop
    part := format('%s_y%s', t.tbl, y);
    execute format('create table %I partition of %I for values from (%L) to (%L)', part, t.tbl, t.lo, t.hi);
    execute format('insert into %I overriding system value select * from %I', t.tbl, 'sabaq_moving_' || t.tbl);
    execute format('drop table %I', 'sabaq_moving_' || t.tbl);
    made := made + 1;
  end loop;
  perform set_config('sabaq.moving_rows', 'off', true);
  return made;
end $$;

-- ── convert ───────────────────────────────────────────────────────────────
select pg_temp.partition_convert('lessons', 'range (on_date)');
select pg_temp.partition_convert('marks', 'range (on_date)');
select pg_temp.partition_convert('attendance', 'range (on_date)');
select pg_temp.partition_convert('submissions', 'range (school_year)', ', school_year smallint not null');
select pg_temp.partition_convert('access_scans', 'range (scanned_at)');

-- partitions for the years that have rows, the current year and the next, before the rows move in
select sabaq_ensure_year_partitions(y) from (
  select sabaq_school_year(on_date) as y from lessons_unpartitioned
  union select sabaq_school_year(on_date) from marks_unpartitioned
  union select sabaq_school_year(on_date) from attendance_unpartitioned
  union select sabaq_school_year((scanned_at at time zone interval '+05:00')::date) from access_scans_unpartitioned
  union select sabaq_school_year(starts_on) from academic_years
  union select sabaq_school_year(current_date)
  union select sabaq_school_year(current_date) + 1
) years where y between 1990 and 2200 order by y;

-- a mark's and an attendance row's date is its lesson's (the composite foreign keys below check it);
-- a row that drifted from its lesson's date takes the lesson's
update marks_unpartitioned m set on_date = l.on_date from lessons_unpartitioned l where l.id = m.lesson_id and m.on_date <> l.on_date;
update attendance_unpartitioned a set on_date = l.on_date from lessons_unpartitioned l where l.id = a.lesson_id and a.on_date <> l.on_date;

select pg_temp.partition_fill('lessons');
select pg_temp.partition_fill('marks');
select pg_temp.partition_fill('attendance');
select pg_temp.partition_fill('submissions', 'sabaq_school_year(l.on_date)',
  'left join homework h on h.id = o.homework_id left join lessons l on l.id = h.lesson_id');
select pg_temp.partition_fill('access_scans');

-- keys: the partition key joins every primary key and unique constraint
alter table lessons add primary key (id, on_date);
alter table marks add primary key (id, on_date);
alter table attendance add primary key (lesson_id, pupil_id, on_date);
alter table submissions add primary key (id, school_year);
alter table access_scans add primary key (id, scanned_at);

-- unique rules, with the key (a lesson's marks and attendance share its date, so these are as strict as before)
create unique index lessons_slot_date_idx on lessons (slot_id, on_date) where slot_id is not null;
create unique index marks_lesson_pupil_idx on marks (lesson_id, pupil_id, on_date) where homework_id is null;
create unique index marks_homework_pupil_idx on marks (homework_id, pupil_id, on_date) where homework_id is not null;
alter table submissions add constraint submissions_homework_id_pupil_id_key unique (homework_id, pupil_id, school_year);
-- a scanner's upload is idempotent on (client_id, scanned_at): a retry carries the same scan instant
alter table access_scans add constraint access_scans_client_id_key unique (client_id, scanned_at);

-- identity sequences keep their old names
do $$
declare t text;
begin
  foreach t in array array['lessons', 'marks', 'submissions', 'access_scans'] loop
    if pg_get_serial_sequence(t, 'id') <> format('public.%s_id_seq', t) then
      execute format('alter sequence %s rename to %I', pg_get_serial_sequence(t, 'id'), t || '_id_seq');
    end if;
  end loop;
end $$;

-- ── references to lessons ──────────────────────────────────────────────────
alter table marks add constraint marks_lesson_fk foreign key (lesson_id, on_date) references lessons (id, on_date)
  on update cascade;
alter table attendance add constraint attendance_lesson_fk foreign key (lesson_id, on_date) references lessons (id, on_date)
  on update cascade;

-- the lesson a row points at must exist (row-level, like the foreign key it replaces; the lock keeps a
-- concurrent delete of that lesson waiting until this transaction ends)
create function sabaq_lesson_ref_check() returns trigger language plpgsql as $$
begin
  if new.lesson_id is null or current_setting('sabaq.moving_rows', true) = 'on' then
    return null;
  end if;
  if tg_op = 'UPDATE' and new.lesson_id is not distinct from old.lesson_id then
    return null;
  end if;
  perform 1 from lessons where id = new.lesson_id for key share;
  if not found then
    raise foreign_key_violation using
      message = format('insert or update on table "%s" violates the lesson reference', tg_table_name),
      detail = format('Key (lesson_id)=(%s) is not present in table "lessons".', new.lesson_id);
  end if;
  return null;
end $$;

create constraint trigger homework_lesson_ref after insert or update of lesson_id on homework
  for each row execute function sabaq_lesson_ref_check();
create constraint trigger lesson_materials_lesson_ref after insert or update of lesson_id on lesson_materials
  for each row execute function sabaq_lesson_ref_check();
create constraint trigger mark_history_lesson_ref after insert or update of lesson_id on mark_history
  for each row execute function sabaq_lesson_ref_check();
create constraint trigger attendance_history_lesson_ref after insert or update of lesson_id on attendance_history
  for each row execute function sabaq_lesson_ref_check();
create constraint trigger live_media_rooms_lesson_ref after insert or update of lesson_id on live_media_rooms
  for each row execute function sabaq_lesson_ref_check();

-- deleting a lesson: its materials go with it (as on delete cascade did); anything else pointing at
-- it refuses the delete (as no action did). A lesson moved to another year's partition is deleted and
-- inserted by PostgreSQL: it still exists by id, so nothing happens.
create function sabaq_lesson_deleted() returns trigger language plpgsql as $$
begin
  if current_setting('sabaq.moving_rows', true) = 'on' or exists (select 1 from lessons where id = old.id) then
    return null;
  end if;
  delete from lesson_materials where lesson_id = old.id;
  if exists (select 1 from homework where lesson_id = old.id)
     or exists (select 1 from mark_history where lesson_id = old.id)
     or exists (select 1 from attendance_history where lesson_id = old.id)
     or exists (select 1 from live_media_rooms where lesson_id = old.id) then
    raise foreign_key_violation using
      message = 'update or delete on table "lessons" violates a lesson reference',
      detail = format('Key (id)=(%s) is still referenced.', old.id);
  end if;
  return null;
end $$;
create trigger lessons_deleted after delete on lessons for each row execute function sabaq_lesson_deleted();
create index live_media_rooms_lesson_idx on live_media_rooms (lesson_id) where lesson_id is not null;

-- ── who creates next year's partitions ───────────────────────────────────────
-- an academic year added (by the seed, an import, an admin): its partitions exist from then on
create function sabaq_academic_year_partitions() returns trigger language plpgsql as $$
begin
  perform sabaq_ensure_year_partitions(y) from (select distinct sabaq_school_year(starts_on)::int as y from new_rows) n
    where y between 1990 and 2200 order by y;
  return null;
end $$;
create trigger academic_years_partitions after insert on academic_years referencing new table as new_rows
  for each statement execute function sabaq_academic_year_partitions();

-- ── archive: detach a past year's partitions (npm run db:archive-year -- 2019) ────────────────
-- The detached tables keep their rows and names (lessons_y2019, …) outside the partitioned tables:
-- dump them (pg_dump -t 'public.*_y2019') and drop them when the archive is safe. Marks and attendance
-- go first (they point at the lessons), and lose their foreign key to lessons once detached. Rows of
-- other tables that point at those lessons (homework, materials, history) stay where they are.
create function sabaq_archive_year(y integer) returns setof text
language plpgsql as $$
declare
  t text;
  part text;
begin
  if y >= sabaq_school_year(current_date) then
    raise exception 'school year % is not over yet: only a past year can be archived', y using errcode = '22023';
  end if;
  foreach t in array array['marks', 'attendance', 'submissions', 'access_scans', 'lessons'] loop
    part := format('%s_y%s', t, y);
    continue when to_regclass(part) is null
      or not exists (select 1 from pg_inherits where inhrelid = to_regclass(part) and inhparent = t::regclass);
    execute format('alter table %I detach partition %I', t, part);
    if t in ('marks', 'attendance') then
      execute format('alter table %I drop constraint if exists %I', part, t || '_lesson_fk');
    end if;
    return next part;
  end loop;
end $$;

drop function pg_temp.partition_convert(text, text, text);
drop function pg_temp.partition_fill(text, text, text);
drop table pg_temp.partition_conversion_saved;

analyze lessons, marks, attendance, submissions, access_scans;
