-- learning module: lessons follow the learning format (issue 4 item 5).
--
-- `activity`: what kind of teaching a lesson (or weekly slot) is. The format rules keep some
-- activities on site under the 'combined' format (a university group's lab stays on campus while
-- its lectures go online); a school lesson is 'lesson'.
-- `delivery_source`: who decided the lesson's delivery. 'format': the rules (learning switches it
-- when the class's format changes); 'teacher': a person chose it, and nothing automatic touches it.

alter table timetable_slots
  add column activity text not null default 'lesson'
    check (activity in ('lecture', 'seminar', 'lab', 'practice', 'lesson'));

alter table lessons
  add column activity text not null default 'lesson'
    check (activity in ('lecture', 'seminar', 'lab', 'practice', 'lesson')),
  add column delivery_source text not null default 'format'
    check (delivery_source in ('teacher', 'format'));

-- Rows written before these columns existed (none in a fresh database): a best guess, for admins to
-- correct. At colleges and universities an in-person slot or lesson was a lab (the only thing held on
-- campus), anything else a lecture. A lesson keeps following the rules when nobody chose its delivery:
-- it is in person (the default), or exactly what its weekly slot says; anything else a person set.
update timetable_slots ts set activity = case when ts.delivery = 'in_person' then 'lab' else 'lecture' end
  from organisations o where o.id = ts.organisation_id and o.kind in ('college', 'university');
update lessons l set activity = case when l.delivery = 'in_person' then 'lab' else 'lecture' end
  from organisations o where o.id = l.organisation_id and o.kind in ('college', 'university');
update lessons l set delivery_source = 'teacher'
 where l.delivery <> 'in_person'
   and not exists (select 1 from timetable_slots ts where ts.id = l.slot_id and ts.delivery = l.delivery
                     and ts.join_url is not distinct from l.join_url and ts.tv_channel is not distinct from l.tv_channel);

-- The generated online room of a class × subject when the timetable gives no standing link: an
-- unguessable id (122 random bits), kept so the link stays the same all term. The URL is
-- LIVE_BASE_URL + room (see server/modules/learning/README.md).
create table live_rooms (
  class_id    bigint not null references classes(id),
  subject_id  integer not null references subjects(id),
  room        text not null unique default replace(gen_random_uuid()::text, '-', ''),
  created_at  timestamptz not null default now(),
  primary key (class_id, subject_id)
);

-- how a remote lesson is planned for a class × subject (its standing link, its TV channel)
create index timetable_slots_class_subject_idx on timetable_slots(class_id, subject_id);
