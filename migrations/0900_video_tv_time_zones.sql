-- video module: each TV channel broadcasts on the wall clock of an IANA time zone (tz database),
-- not a fixed offset: Kazakhstan moved from +06:00 to a single +05:00 on 1 March 2024
-- (Asia/Almaty). A local retransmission channel can name its own zone.
alter table video_tv_channels add column time_zone text not null default 'Asia/Almaty'
  check (time_zone ~ '^[A-Za-z]+(/[A-Za-z0-9_+-]+)*$');
