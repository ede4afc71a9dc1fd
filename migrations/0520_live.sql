-- Live lessons and parent meetings on the media server (Janus VideoRoom), decision 0020.

-- A meeting a homeroom teacher (or the school's admin) schedules for a class's parents.
create table live_meetings (
  id               bigint generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  class_id         bigint not null references classes(id),
  topic            text not null check (length(topic) between 1 and 200),
  starts_at        timestamptz not null,
  ends_at          timestamptz not null,
  created_by       bigint not null references persons(id),
  created_at       timestamptz not null,
  cancelled_at     timestamptz,
  check (ends_at > starts_at)
);
create index live_meetings_class on live_meetings (class_id, starts_at);

-- One Janus VideoRoom room, open while ended_at is null: for one lesson or one meeting.
create table live_media_rooms (
  id               bigint generated always as identity primary key,
  lesson_id        bigint references lessons(id),
  meeting_id       bigint references live_meetings(id),
  organisation_id  integer not null references organisations(id),
  class_id         bigint not null references classes(id),
  janus_room       bigint not null,
  -- the room's secret (edits, destroy) stays on the server; the pin goes out in tickets only
  secret           text not null,
  pin              text not null,
  audio_only       boolean not null default false,
  closes_at        timestamptz not null,
  started_by       bigint not null references persons(id),
  started_at       timestamptz not null,
  ended_at         timestamptz,
  check (num_nonnulls(lesson_id, meeting_id) = 1)
);
create unique index live_media_rooms_open_lesson on live_media_rooms (lesson_id) where ended_at is null;
create unique index live_media_rooms_open_meeting on live_media_rooms (meeting_id) where ended_at is null;
create unique index live_media_rooms_janus_open on live_media_rooms (janus_room) where ended_at is null;
create index live_media_rooms_closing on live_media_rooms (closes_at) where ended_at is null;

-- A join ticket: who was let in, as host or participant. The token is kept only while the room is
-- open (to take it back from Janus at the end), then cleared.
create table live_tickets (
  id          bigint generated always as identity primary key,
  room_id     bigint not null references live_media_rooms(id),
  person_id   bigint not null references persons(id),
  role        text not null check (role in ('host', 'participant')),
  token       text,
  issued_at   timestamptz not null,
  expires_at  timestamptz not null
);
create index live_tickets_room on live_tickets (room_id);
create index live_tickets_person on live_tickets (person_id);
