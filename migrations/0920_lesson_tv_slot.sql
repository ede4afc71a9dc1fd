-- learning × video (issue 10, item 3): a TV lesson points at its slot in the broadcast grid. The
-- lesson keeps its own tv_channel / tv_air_at (copied from the slot when it is set), so everything
-- that read them still does; Today and the lesson page read the slot for its channel's name, its
-- clock and its recording.
alter table lessons add column tv_slot_id bigint references video_tv_slots(id) on delete set null;
create index lessons_tv_slot_idx on lessons(tv_slot_id) where tv_slot_id is not null;

-- Today is cached per class (decision 0026, migration 1000): the slot's recording (linked, or becoming
-- ready) changes the day of every class with a lesson on that slot. The lessons' own updates are
-- already covered by 1000's triggers on lessons. sabaq_class_day_changed is created by 1000; a plpgsql
-- body is only resolved when it runs, so these triggers work whichever of the two files ran first.
-- Row triggers with WHEN: a transcoding heartbeat (progress) bumps nothing; only a change of what Today shows.
create function sabaq_tv_slot_day_changed() returns trigger language plpgsql as $$
declare
  ids bigint[];
begin
  if TG_TABLE_NAME = 'video_tv_slots' then
    select array_agg(distinct l.class_id) into ids from lessons l where l.tv_slot_id = new.id;
  else
    select array_agg(distinct l.class_id) into ids
      from video_tv_slots s join lessons l on l.tv_slot_id = s.id where s.video_id = new.id;
  end if;
  if ids is not null then perform sabaq_class_day_changed(ids); end if;
  return null;
end $$;

create trigger video_tv_slots_class_day_upd after update on video_tv_slots for each row
  when (old.video_id is distinct from new.video_id or old.starts_at is distinct from new.starts_at or old.channel_id is distinct from new.channel_id)
  execute function sabaq_tv_slot_day_changed();
create trigger video_videos_class_day_upd after update on video_videos for each row
  when (old.status is distinct from new.status)
  execute function sabaq_tv_slot_day_changed();
