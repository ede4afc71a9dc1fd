-- video module: uploaded (and later recorded) videos and their transcoding jobs. The bytes (the
-- source and the HLS ladder) live in the file store under keys `video/<id>/...`; these tables keep
-- who uploaded what, what it is about (for the archive) and where its transcoding stands.
create table video_videos (
  id               bigint generated always as identity primary key,
  owner_id         bigint not null references persons(id),
  -- the uploader's school (teacher uploads are read there); null for the ministry's (public) videos
  organisation_id  integer references organisations(id),
  visibility       text not null check (visibility in ('public', 'organisation')),
  source           text not null default 'upload' check (source in ('upload', 'recording')),
  title            text not null check (length(title) between 1 and 200),
  grade            smallint check (grade between 0 and 12),
  subject_id       integer references subjects(id),
  language         text check (language in ('kk', 'ru', 'en')),
  topic            text check (length(topic) <= 300),
  status           text not null default 'queued' check (status in ('queued', 'transcoding', 'ready', 'failed')),
  progress         real not null default 0 check (progress between 0 and 1),
  duration_s       real,
  width            integer,
  height           integer,
  source_key       text not null,        -- the uploaded original in the file store
  source_bytes     bigint not null,
  failure_code     text,                  -- video.<reason> when failed
  failure_message  text,
  ready_at         timestamptz,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  check (status <> 'failed' or failure_code is not null)
);
create index video_videos_owner_idx on video_videos(owner_id, created_at desc);
create index video_videos_archive_idx on video_videos(grade, subject_id, language) where status = 'ready';

-- One transcoding job per video attempt chain. Workers claim with FOR UPDATE SKIP LOCKED; a running
-- job whose heartbeat is older than the lease is claimed again (its worker died), so a job is never lost.
create table video_jobs (
  id            bigint generated always as identity primary key,
  video_id      bigint not null references video_videos(id) on delete cascade,
  state         text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  attempts      smallint not null default 0,
  max_attempts  smallint not null default 3,
  run_after     timestamptz not null default now(),
  locked_by     text,
  heartbeat_at  timestamptz,
  last_error    text,
  created_at    timestamptz not null default now(),
  finished_at   timestamptz
);
create index video_jobs_ready_idx on video_jobs(run_after, id) where state in ('queued', 'running');
create unique index video_jobs_one_open_idx on video_jobs(video_id) where state in ('queued', 'running');
