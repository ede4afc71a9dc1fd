-- Change notifications for the per-process caches (decision 0026).
--
-- The class's day (lessons with delivery and TV, materials, homework, announcements) is the same for
-- every pupil of a class: the processes keep it in memory. Every write that changes it bumps the class's
-- version here and sends NOTIFY sabaq_class_day in the SAME transaction (triggers: no code path can
-- forget it, seeds and other modules included). The per-pupil query reads the versions, so a cached
-- day older than a committed change is never served even if its notification is still on the way.
-- Class 0 is "everything": names of subjects, rooms and people, which every day shows.
--
-- The session lookup (the actor: account, grants, children, classes) is cached for a few seconds per
-- process; revoking a session, disabling an account, a new password, a new language and any change of
-- the grants send NOTIFY sabaq_sessions with 'a<account id>', 'p<person id>' or '*'.

create table class_day_versions (
  class_id  bigint primary key,
  version   bigint not null default 1
);
insert into class_day_versions (class_id, version) values (0, 1);

create function sabaq_class_day_changed(ids bigint[]) returns void language plpgsql as $$
declare
  sorted bigint[];
begin
  select array_agg(distinct x order by x) into sorted from unnest(ids) as x where x is not null;
  if sorted is null then return; end if;
  -- one lock order for every writer: no deadlock between two bulk changes
  insert into class_day_versions as v (class_id, version)
    select x, 2 from unnest(sorted) as x order by x
  on conflict (class_id) do update set version = v.version + 1;
  perform pg_notify('sabaq_class_day', case when cardinality(sorted) > 400 then '*' else array_to_string(sorted, ',') end);
end $$;

-- Statement-level: one bump per statement whatever the number of rows. TG_ARGV[0] is a query over the
-- transition table (named by %1$s) that gives the class ids concerned (INSERT: the new rows, DELETE: the old).
create function sabaq_class_day_trigger() returns trigger language plpgsql as $$
declare
  ids bigint[];
begin
  execute format('select array_agg(c) from (' || TG_ARGV[0] || ') t(c)', case when TG_OP = 'INSERT' then 'changed_new' else 'changed_old' end) into ids;
  perform sabaq_class_day_changed(ids);
  return null;
end $$;

-- The function above reads one transition table at a time; UPDATE needs both (a lesson moved to
-- another class changes both days), so UPDATE triggers pass a query that unions them.
create function sabaq_class_day_trigger_update() returns trigger language plpgsql as $$
declare
  ids bigint[];
begin
  execute format('select array_agg(c) from (' || TG_ARGV[0] || ' union all ' || TG_ARGV[0] || ') t(c)', 'changed_new', 'changed_old') into ids;
  perform sabaq_class_day_changed(ids);
  return null;
end $$;

create function sabaq_everything_changed() returns trigger language plpgsql as $$
begin
  perform sabaq_class_day_changed(array[0::bigint]);
  return null;
end $$;

-- lessons, homework, announcements: the class id is on the row
create trigger lessons_class_day_ins after insert on lessons referencing new table as changed_new
  for each statement execute function sabaq_class_day_trigger('select class_id from %1$s');
create trigger lessons_class_day_del after delete on lessons referencing old table as changed_old
  for each statement execute function sabaq_class_day_trigger('select class_id from %1$s');
create trigger lessons_class_day_upd after update on lessons referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_class_day_trigger_update('select class_id from %1$s');

create trigger homework_class_day_ins after insert on homework referencing new table as changed_new
  for each statement execute function sabaq_class_day_trigger('select class_id from %1$s');
create trigger homework_class_day_del after delete on homework referencing old table as changed_old
  for each statement execute function sabaq_class_day_trigger('select class_id from %1$s');
create trigger homework_class_day_upd after update on homework referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_class_day_trigger_update('select class_id from %1$s');

create trigger announcements_class_day_ins after insert on announcements referencing new table as changed_new
  for each statement execute function sabaq_class_day_trigger('select class_id from %1$s');
create trigger announcements_class_day_del after delete on announcements referencing old table as changed_old
  for each statement execute function sabaq_class_day_trigger('select class_id from %1$s');
create trigger announcements_class_day_upd after update on announcements referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_class_day_trigger_update('select class_id from %1$s');

-- materials: through their lesson (a deleted lesson's materials go with it: the lesson's trigger covers that)
create trigger lesson_materials_class_day_ins after insert on lesson_materials referencing new table as changed_new
  for each statement execute function sabaq_class_day_trigger('select l.class_id from %1$s m join lessons l on l.id = m.lesson_id');
create trigger lesson_materials_class_day_del after delete on lesson_materials referencing old table as changed_old
  for each statement execute function sabaq_class_day_trigger('select l.class_id from %1$s m join lessons l on l.id = m.lesson_id');
create trigger lesson_materials_class_day_upd after update on lesson_materials referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_class_day_trigger_update('select l.class_id from %1$s m join lessons l on l.id = m.lesson_id');

-- a class renamed: its day shows the name
create trigger classes_class_day_upd after update on classes referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_class_day_trigger_update('select id from %1$s');

-- names every day shows: everything (rare writes)
create trigger subjects_everything after update or delete on subjects for each statement execute function sabaq_everything_changed();
create trigger rooms_everything after update or delete on rooms for each statement execute function sabaq_everything_changed();
create trigger files_everything after update of name on files for each statement execute function sabaq_everything_changed();
create trigger persons_names_everything after update of last_name, first_name, middle_name on persons
  for each row when (old.last_name is distinct from new.last_name or old.first_name is distinct from new.first_name
                     or old.middle_name is distinct from new.middle_name)
  execute function sabaq_everything_changed();

-- ── sessions ──────────────────────────────────────────────────────────────
-- keys: 'a<account id>' (that account's sessions), 'p<person id>' (that person's actor, and the actor
-- of every parent of that person); '*' everything.
create function sabaq_sessions_changed(keys text[]) returns void language plpgsql as $$
declare
  distinct_keys text[];
begin
  select array_agg(distinct k) into distinct_keys from unnest(keys) as k where k is not null;
  if distinct_keys is null then return; end if;
  perform pg_notify('sabaq_sessions', case when cardinality(distinct_keys) > 400 then '*' else array_to_string(distinct_keys, ',') end);
end $$;

create function sabaq_sessions_trigger() returns trigger language plpgsql as $$
declare
  keys text[];
begin
  if TG_OP = 'UPDATE' then
    execute format('select array_agg(k) from (' || TG_ARGV[0] || ' union all ' || TG_ARGV[0] || ') t(k)', 'changed_new', 'changed_old') into keys;
  else
    execute format('select array_agg(k) from (' || TG_ARGV[0] || ') t(k)', case when TG_OP = 'INSERT' then 'changed_new' else 'changed_old' end) into keys;
  end if;
  perform sabaq_sessions_changed(keys);
  return null;
end $$;

-- a session revoked (sign-out, sign-out everywhere, new password)
create function sabaq_session_revoked_row() returns trigger language plpgsql as $$
begin
  perform sabaq_sessions_changed(array['a' || new.account_id::text]);
  return null;
end $$;
create trigger sessions_revoked after update of revoked_at, expires_at on sessions
  for each row when (old.revoked_at is distinct from new.revoked_at or old.expires_at is distinct from new.expires_at)
  execute function sabaq_session_revoked_row();
create trigger sessions_deleted after delete on sessions referencing old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'a' || account_id from %1$s$q$);

-- an account disabled, its password or its language changed
create function sabaq_account_row() returns trigger language plpgsql as $$
begin
  perform sabaq_sessions_changed(array['a' || new.id::text]);
  return null;
end $$;
create trigger accounts_changed after update of disabled_at, password_hash, language on accounts
  for each row when (old.disabled_at is distinct from new.disabled_at or old.password_hash is distinct from new.password_hash
                     or old.language is distinct from new.language)
  execute function sabaq_account_row();

-- the grants and scopes an actor is made of
create trigger role_assignments_sessions_ins after insert on role_assignments referencing new table as changed_new
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || person_id from %1$s$q$);
create trigger role_assignments_sessions_del after delete on role_assignments referencing old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || person_id from %1$s$q$);
create trigger role_assignments_sessions_upd after update on role_assignments referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || person_id from %1$s$q$);

create trigger parent_links_sessions_ins after insert on parent_links referencing new table as changed_new
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || parent_id from %1$s$q$);
create trigger parent_links_sessions_del after delete on parent_links referencing old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || parent_id from %1$s$q$);
create trigger parent_links_sessions_upd after update on parent_links referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || parent_id from %1$s$q$);

-- a pupil's classes: the pupil's actor and their parents' ('p' reaches the parents in the cache)
create trigger class_members_sessions_ins after insert on class_members referencing new table as changed_new
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || pupil_id from %1$s$q$);
create trigger class_members_sessions_del after delete on class_members referencing old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || pupil_id from %1$s$q$);
create trigger class_members_sessions_upd after update on class_members referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || pupil_id from %1$s$q$);

create trigger teaching_assignments_sessions_ins after insert on teaching_assignments referencing new table as changed_new
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || teacher_id from %1$s$q$);
create trigger teaching_assignments_sessions_del after delete on teaching_assignments referencing old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || teacher_id from %1$s$q$);
create trigger teaching_assignments_sessions_upd after update on teaching_assignments referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || teacher_id from %1$s$q$);

-- homeroom teachers (old and new)
create trigger classes_sessions_upd after update on classes referencing new table as changed_new old table as changed_old
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || homeroom_teacher_id from %1$s where homeroom_teacher_id is not null$q$);
create trigger classes_sessions_ins after insert on classes referencing new table as changed_new
  for each statement execute function sabaq_sessions_trigger($q$select 'p' || homeroom_teacher_id from %1$s where homeroom_teacher_id is not null$q$);
