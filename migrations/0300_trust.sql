-- Issue 7 §1-2: sign-in throttling that holds under concurrency, trusted devices, pupil transfers.

-- Account-wide slowdown: when an account is flooded, one verification per interval (see identity README).
alter table login_throttle add column next_verify_at timestamptz;

-- A browser where the person signed in successfully before ("own device"): the sha-256 of a random
-- cookie token, per account. Such a device keeps its own attempt budget while the account is flooded.
create table login_devices (
  token_hash   bytea not null,
  account_id   bigint not null references accounts(id),
  created_at   timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  primary key (token_hash, account_id)
);
create index login_devices_account_idx on login_devices(account_id);

-- A pupil moving from one organisation to another: the receiving school asks, the current school
-- (or the district, once the answer is overdue) decides. History stays with the school that wrote it.
create table pupil_transfers (
  id                    bigint generated always as identity primary key,
  pupil_id              bigint not null references persons(id),
  from_organisation_id  integer not null references organisations(id),
  from_class_id         bigint not null references classes(id),
  to_organisation_id    integer not null references organisations(id),
  to_class_id           bigint not null references classes(id),
  status                text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'cancelled')),
  requested_by          bigint not null references accounts(id),
  requested_at          timestamptz not null default now(),
  answer_due_at         timestamptz not null,
  decided_by            bigint references accounts(id),
  decided_as            text check (decided_as in ('school', 'district')),
  decided_at            timestamptz,
  reason                text,
  check (from_organisation_id <> to_organisation_id)
);
-- one open request per pupil at a time
create unique index pupil_transfers_open_idx on pupil_transfers(pupil_id) where status = 'pending';
create index pupil_transfers_from_idx on pupil_transfers(from_organisation_id, status);
create index pupil_transfers_to_idx on pupil_transfers(to_organisation_id, status);
