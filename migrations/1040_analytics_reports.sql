-- Weekly reports (issue 12): a person subscribes to an area's summary; each week the scheduler
-- writes one report per subscription (unique per week: several processes may schedule at once) and
-- a job builds its files; the person is notified with the files to download. Kept a few weeks.
create table analytics_report_subscriptions (
  id          bigint generated always as identity primary key,
  person_id   bigint not null references persons(id),
  area        text not null,
  formats     text[] not null check (cardinality(formats) between 1 and 3 and formats <@ array['csv', 'xlsx', 'pdf']),
  lang        text not null check (lang in ('kk', 'ru', 'en')),
  weekday     smallint not null check (weekday between 1 and 7), -- ISO: 1 Monday … 7 Sunday, Almaty time
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  unique (person_id, area)
);

create table analytics_reports (
  id               bigint generated always as identity primary key,
  subscription_id  bigint references analytics_report_subscriptions(id) on delete set null,
  person_id        bigint not null references persons(id),
  area             text not null,
  formats          text[] not null,
  lang             text not null,
  week_start       date not null, -- the Monday of the week the figures cover
  week_end         date not null, -- its Sunday
  status           text not null default 'queued' check (status in ('queued', 'done', 'out_of_scope', 'failed')),
  created_at       timestamptz not null default now(),
  finished_at      timestamptz,
  unique (subscription_id, week_start)
);
create index analytics_reports_person_idx on analytics_reports (person_id, week_start desc);

create table analytics_report_files (
  report_id     bigint not null references analytics_reports(id) on delete cascade,
  format        text not null check (format in ('csv', 'xlsx', 'pdf')),
  file_name     text not null,
  content_type  text not null,
  content       bytea not null,
  primary key (report_id, format)
);
