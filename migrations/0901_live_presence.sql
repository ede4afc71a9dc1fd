-- live module: who was in a live room and for how long, from the media server itself (decision 0029).
-- One row per stretch of presence: first seen in the VideoRoom's participant list (joined_at), last
-- seen (last_seen_at), gone (left_at, = last seen; null while still there).
create table live_presence (
  id            bigint generated always as identity primary key,
  room_id       bigint not null references live_media_rooms(id),
  ticket_id     bigint not null references live_tickets(id) on delete cascade,
  person_id     bigint not null references persons(id),
  janus_id      bigint not null,                 -- the participant's id in the Janus room
  joined_at     timestamptz not null,
  last_seen_at  timestamptz not null,
  left_at       timestamptz,
  check (last_seen_at >= joined_at),
  check (left_at is null or left_at >= joined_at)
);
-- at most one open stretch per ticket and Janus participant
create unique index live_presence_open_idx on live_presence(room_id, ticket_id, janus_id) where left_at is null;
create index live_presence_person_idx on live_presence(person_id);
create index live_presence_room_idx on live_presence(room_id);

-- the journal's online presence: minutes a pupil was in the lesson's live room (null: not measured)
alter table attendance add column online_minutes integer check (online_minutes >= 0);
