-- video module: the TV broadcast grid. Channels (national and local retransmission) and their slots,
-- each with grade, subject, language, topic and air time, optionally linked to its recording.
create table video_tv_channels (
  id          integer generated always as identity primary key,
  code        text not null unique check (code ~ '^[a-z][a-z0-9_]{1,39}$'),  -- 'al_farabi', 'el_arna'
  name        text not null,
  created_at  timestamptz not null default now()
);
insert into video_tv_channels (code, name) values ('al_farabi', 'Al-Farabi'), ('el_arna', 'El-Arna'), ('balapan', 'Balapan'), ('qazaqstan', 'Qazaqstan');

create table video_tv_slots (
  id          bigint generated always as identity primary key,
  channel_id  integer not null references video_tv_channels(id),
  starts_at   timestamptz not null,
  ends_at     timestamptz not null,
  grade       smallint check (grade between 0 and 12),
  subject     text,
  language    text check (language in ('kk', 'ru', 'en')),
  topic       text not null check (length(topic) between 1 and 300),
  video_id    bigint references video_videos(id) on delete set null,
  created_at  timestamptz not null default now(),
  check (ends_at > starts_at)
);
-- overlapping slots on one channel are refused by the import (serialised by an advisory lock)
create index video_tv_slots_day_idx on video_tv_slots(starts_at);
create index video_tv_slots_channel_idx on video_tv_slots(channel_id, starts_at);
