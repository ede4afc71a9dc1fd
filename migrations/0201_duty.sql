-- duty module: application windows, parents' applications, duty groups formed from them.
-- Serves school duty classes, kindergarten duty groups and clubs of additional education alike.

-- Settings per kind of organisation; region_id null is the country's default, a region may add its
-- own (e.g. grade 5 too). Windows copy them when they open, so a change never alters an open window.
create table duty_settings (
  id                   integer generated always as identity primary key,
  kind                 text not null check (kind in ('school', 'kindergarten', 'additional')),
  region_id            integer references regions(id),
  eligible_grades      smallint[] not null,
  group_max            smallint not null check (group_max between 1 and 60),
  group_min            smallint not null check (group_min >= 1),
  join_adjacent_grades boolean not null,
  shifts               smallint[] not null,
  day_patterns         text[] not null,
  -- [{code, priority, label: {kk, ru, en}}]; lower priority number = more urgent
  reasons              jsonb not null,
  updated_at           timestamptz not null default now(),
  updated_by           bigint references persons(id),
  check (group_min <= group_max)
);
create unique index duty_settings_scope_idx on duty_settings (kind, coalesce(region_id, 0));

create table duty_windows (
  id                   bigint generated always as identity primary key,
  organisation_id      integer not null references organisations(id),
  academic_year_id     integer not null references academic_years(id),
  opens_on             date not null,
  closes_on            date not null,
  eligible_grades      smallint[] not null,
  group_max            smallint not null,
  group_min            smallint not null,
  join_adjacent_grades boolean not null,
  shifts               smallint[] not null,
  day_patterns         text[] not null,
  reasons              jsonb not null,
  created_by           bigint references persons(id),
  created_at           timestamptz not null default now(),
  closed_at            timestamptz,                      -- closed early by the admin
  last_grouped_at      timestamptz,
  check (closes_on >= opens_on),
  check (group_min >= 1 and group_min <= group_max)
);
create index duty_windows_org_idx on duty_windows (organisation_id, opens_on desc);

-- A group meets in one room, one shift and one day pattern (its slot). The unique keys are the
-- "no room or teacher double booked" rule, held by the database as well as by the grouping.
create table duty_groups (
  id              bigint generated always as identity primary key,
  window_id       bigint not null references duty_windows(id),
  organisation_id integer not null references organisations(id),
  label           text not null,
  grades          smallint[] not null,
  shift           smallint not null,
  days            text not null,
  room_id         integer not null references rooms(id),
  teacher_id      bigint not null references persons(id),
  capacity        smallint not null check (capacity > 0),
  created_at      timestamptz not null default now(),
  unique (window_id, label),
  unique (window_id, room_id, shift, days),
  unique (window_id, teacher_id, shift, days)
);

create table duty_applications (
  id               bigint generated always as identity primary key,
  window_id        bigint not null references duty_windows(id),
  organisation_id  integer not null references organisations(id),
  academic_year_id integer not null references academic_years(id),
  child_id         bigint not null references persons(id),
  class_id         bigint not null references classes(id),
  grade            smallint not null,
  applicant_id     bigint not null references persons(id),
  reasons          text[] not null,
  priority         smallint not null,
  preferred_shift  smallint,
  note             text,
  status           text not null default 'submitted' check (status in ('submitted', 'placed', 'waiting', 'withdrawn')),
  group_id         bigint references duty_groups(id),
  waiting_reason   text,
  placed_by_hand   boolean not null default false,
  submitted_at     timestamptz not null default now(),
  decided_at       timestamptz,
  withdrawn_at     timestamptz,
  check ((status = 'placed') = (group_id is not null))
);
-- one active application per child in a school year
create unique index duty_applications_active_idx on duty_applications (child_id, academic_year_id) where status <> 'withdrawn';
create index duty_applications_window_idx on duty_applications (window_id, status);
create index duty_applications_group_idx on duty_applications (group_id) where group_id is not null;
create index duty_applications_org_idx on duty_applications (organisation_id, status);
