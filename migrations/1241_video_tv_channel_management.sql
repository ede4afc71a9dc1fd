-- video: channel management (issue 10, the TV grid). A channel is national (the ministry's: Al-Farabi,
-- El-Arna, ...) or a local retransmission of a region (its region officer's), with the languages it
-- broadcasts in. The grid import resolves channels from this table by code or name, so a channel
-- created here can be imported into at once. The code is never changed (files name it).
alter table video_tv_channels
  add column kind text not null default 'national' check (kind in ('national', 'local')),
  add column languages text[] not null default '{kk,ru}'
    check (cardinality(languages) between 1 and 3 and languages <@ array['kk', 'ru', 'en']::text[]),
  add column region_id integer references regions(id),
  add column updated_at timestamptz not null default now(),
  add constraint video_tv_channels_local_has_region check (kind = 'national' or region_id is not null),
  add constraint video_tv_channels_name_length check (length(name) between 1 and 100);
create unique index video_tv_channels_name_uq on video_tv_channels (lower(name));
-- the national children's channel broadcasts in Kazakh
update video_tv_channels set languages = '{kk}' where code = 'balapan';
