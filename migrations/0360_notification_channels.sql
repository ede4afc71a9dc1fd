-- Notification channels (server/modules/notifications, decision 0019): each person's choice per kind
-- and channel, the SMS outbox an operator reads, and the one job table background work runs from.

-- A missing row means the default: in-app on, SMS off.
create table notification_preferences (
  person_id  bigint not null references persons(id),
  kind       text not null,
  channel    text not null check (channel in ('in_app', 'sms')),
  enabled    boolean not null,
  updated_at timestamptz not null default now(),
  primary key (person_id, kind, channel)
);

-- The number a person's SMS notifications go to (E.164, +7XXXXXXXXXX); one per person.
create table notification_contacts (
  person_id  bigint primary key references persons(id),
  sms_phone  text not null check (sms_phone ~ '^\+7[0-9]{10}$'),
  language   text not null default 'kk' check (language in ('kk', 'ru', 'en')),  -- the SMS texts' language
  updated_at timestamptz not null default now()
);

-- Every SMS ever queued, with its fate; written in the same transaction as the change it reports.
create table sms_outbox (
  id           bigint generated always as identity primary key,
  person_id    bigint not null references persons(id),
  kind         text not null,
  phone        text not null,
  body         text not null,
  status       text not null default 'queued' check (status in ('queued', 'sent', 'failed')),
  attempts     integer not null default 0,
  last_error   text,
  gateway_id   text,
  created_at   timestamptz not null default now(),
  sent_at      timestamptz
);
create index sms_outbox_status_idx on sms_outbox (status, id desc);
create index sms_outbox_person_idx on sms_outbox (person_id);

-- Background jobs on PostgreSQL (server/platform/jobs.ts): workers take due rows with
-- FOR UPDATE SKIP LOCKED; a failed run is retried with back-off; a row is never deleted by a run.
create table jobs (
  id           bigint generated always as identity primary key,
  queue        text not null,
  payload      jsonb not null default '{}'::jsonb,
  run_at       timestamptz not null default now(),
  attempts     integer not null default 0,
  max_attempts integer not null default 8,
  last_error   text,
  done_at      timestamptz,
  failed_at    timestamptz,
  created_at   timestamptz not null default now()
);
create index jobs_due_idx on jobs (queue, run_at) where done_at is null and failed_at is null;
