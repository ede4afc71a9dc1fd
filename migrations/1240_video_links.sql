-- video × learning (issue 10, the archive's item 4): a video attached to a lesson or to a homework, by
-- the lesson's teacher or the school's admin (POST /api/video/videos/:id/links), or by the live module
-- when a recorded live lesson's video is accepted (it shows once the transcode is ready). The link
-- lives in the video module (decision 0040); the learning module reads it through the SQL fragment
-- that video's links.usecases.ts exports, inside its one diary / lesson / homework query.
create table video_links (
  id           bigint generated always as identity primary key,
  video_id     bigint not null references video_videos(id) on delete cascade,
  lesson_id    bigint,                                                -- lessons are partitioned: checked by trigger
  homework_id  bigint references homework(id) on delete cascade,
  attached_by  bigint references persons(id),                         -- null: attached by the system (a recording)
  created_at   timestamptz not null default now(),
  check (num_nonnulls(lesson_id, homework_id) = 1)
);
create unique index video_links_lesson_uq on video_links(lesson_id, video_id) where lesson_id is not null;
create unique index video_links_homework_uq on video_links(homework_id, video_id) where homework_id is not null;
create index video_links_video_idx on video_links(video_id);

-- the lesson must exist (the partitioned lessons' reference check of migration 0800)
create constraint trigger video_links_lesson_ref after insert or update of lesson_id on video_links
  for each row execute function sabaq_lesson_ref_check();

-- a lesson deleted (not moved between year partitions): its video links go with it, like its materials
create function sabaq_video_links_lesson_deleted() returns trigger language plpgsql as $$
begin
  if current_setting('sabaq.moving_rows', true) = 'on' or exists (select 1 from lessons where id = old.id) then
    return null;
  end if;
  delete from video_links where lesson_id = old.id;
  return null;
end $$;
create trigger lessons_deleted_video_links after delete on lessons for each row execute function sabaq_video_links_lesson_deleted();

-- Today is cached per class (decision 0026): a link added or removed changes its class's day, and so does
-- a linked video becoming ready (or its title changing). Statement-level for the links, row-level with
-- WHEN for the videos (a progress heartbeat bumps nothing).
create trigger video_links_class_day_ins after insert on video_links referencing new table as changed_new
  for each statement execute function sabaq_class_day_trigger(
    'select l.class_id from %1$s k join lessons l on l.id = k.lesson_id union all select h.class_id from %1$s k join homework h on h.id = k.homework_id');
create trigger video_links_class_day_del after delete on video_links referencing old table as changed_old
  for each statement execute function sabaq_class_day_trigger(
    'select l.class_id from %1$s k join lessons l on l.id = k.lesson_id union all select h.class_id from %1$s k join homework h on h.id = k.homework_id');

create function sabaq_video_links_day_changed() returns trigger language plpgsql as $$
declare
  ids bigint[];
begin
  select array_agg(distinct c) into ids from (
    select l.class_id as c from video_links k join lessons l on l.id = k.lesson_id where k.video_id = new.id
    union all
    select h.class_id from video_links k join homework h on h.id = k.homework_id where k.video_id = new.id) t;
  if ids is not null then perform sabaq_class_day_changed(ids); end if;
  return null;
end $$;
create trigger video_videos_links_day_upd after update on video_videos for each row
  when (old.status is distinct from new.status or old.title is distinct from new.title)
  execute function sabaq_video_links_day_changed();
