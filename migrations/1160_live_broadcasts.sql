-- Broadcast meetings (issue 10, item 5): a school- or district-wide meeting for more people than a
-- room holds. The presenter publishes into a Janus VideoRoom room of their own; Sabaq forwards that
-- stream (VideoRoom rtp_forward) to ffmpeg, which writes a live HLS playlist that the audience watches;
-- the audience asks questions in writing and the presenter moderates them.
create table live_broadcasts (
  id               bigint generated always as identity primary key,
  scope            text not null check (scope in ('school', 'district')),
  -- the school for a school-wide meeting; null for a district-wide one
  organisation_id  integer references organisations(id),
  district_id      integer not null references districts(id),
  topic            text not null check (length(topic) between 1 and 200),
  starts_at        timestamptz not null,
  ends_at          timestamptz not null,
  created_by       bigint not null references persons(id),
  created_at       timestamptz not null,
  -- the presenter's room on Janus while it is open (secret and pin stay on the server / in the ticket)
  janus_room       bigint,
  secret           text,
  pin              text,
  presenter_token  text,
  state            text not null default 'scheduled' check (state in ('scheduled', 'open', 'starting', 'live', 'ended', 'failed')),
  problem          text,
  opened_at        timestamptz,
  ended_at         timestamptz,
  check (ends_at > starts_at),
  check ((scope = 'school') = (organisation_id is not null))
);
create index live_broadcasts_org on live_broadcasts (organisation_id, starts_at) where organisation_id is not null;
create index live_broadcasts_district on live_broadcasts (district_id, starts_at);

-- A question from the audience; the presenter shows it, marks it answered or hides it.
create table live_broadcast_questions (
  id            bigint generated always as identity primary key,
  broadcast_id  bigint not null references live_broadcasts(id),
  person_id     bigint not null references persons(id),
  body          text not null check (length(body) between 1 and 500),
  state         text not null default 'new' check (state in ('new', 'shown', 'answered', 'hidden')),
  created_at    timestamptz not null,
  moderated_at  timestamptz
);
create index live_broadcast_questions_of on live_broadcast_questions (broadcast_id, id);
create index live_broadcast_questions_person on live_broadcast_questions (person_id);

-- Attendance of viewers: the viewer's page reports every 15 s while the stream plays.
create table live_broadcast_viewers (
  broadcast_id   bigint not null references live_broadcasts(id),
  person_id      bigint not null references persons(id),
  first_seen_at  timestamptz not null,
  last_seen_at   timestamptz not null,
  primary key (broadcast_id, person_id)
);
create index live_broadcast_viewers_person on live_broadcast_viewers (person_id);
