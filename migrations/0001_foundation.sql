-- Foundation: organisation tree, people, accounts, sessions, roles, audit.
-- Append-only: never edit a migration that has shipped; add a new file.

-- ── organisations module ──────────────────────────────────────────────────
create table regions (
  id          integer generated always as identity primary key,
  code        text not null unique,                 -- e.g. 'almaty-city'
  kind        text not null check (kind in ('region', 'city')), -- city of republican significance
  name_kk     text not null,
  name_ru     text not null,
  name_en     text not null,
  time_zone   text not null                          -- IANA zone; Kazakhstan had UTC+5 and UTC+6
);

create table districts (
  id          integer generated always as identity primary key,
  region_id   integer not null references regions(id),
  name_kk     text not null,
  name_ru     text not null,
  name_en     text not null
);
create index districts_region_idx on districts(region_id);

create table settlements (
  id            integer generated always as identity primary key,
  district_id   integer not null references districts(id),
  name_kk       text not null,
  name_ru       text not null,
  name_en       text not null,
  kind          text not null check (kind in ('urban', 'rural')),
  internet      text not null check (internet in ('none', 'slow', 'broadband')), -- slow: < 4 Mbit/s
  internet_mbps numeric(8,2),
  tv_reception  boolean not null default true         -- receives Al-Farabi / El-Arna
);
create index settlements_district_idx on settlements(district_id);

create table organisations (
  id                  integer generated always as identity primary key,
  settlement_id       integer not null references settlements(id),
  district_id         integer not null references districts(id),  -- denormalised for scope checks
  region_id           integer not null references regions(id),
  kind                text not null check (kind in ('school', 'college', 'university', 'kindergarten', 'additional')),
  name_kk             text not null,
  name_ru             text not null,
  name_en             text not null,
  bin                 text unique,                    -- business identification number, 12 digits
  instruction_language text not null check (instruction_language in ('kk', 'ru', 'kk_ru', 'en', 'other')),
  pupil_count         integer not null default 0 check (pupil_count >= 0),
  time_zone           text not null,
  created_at          timestamptz not null default now()
);
create index organisations_district_idx on organisations(district_id, id);
create index organisations_region_idx on organisations(region_id, id);

create table academic_years (
  id         integer generated always as identity primary key,
  name       text not null unique,                    -- '2020-2021'
  starts_on  date not null,
  ends_on    date not null,
  is_current boolean not null default false,
  check (ends_on > starts_on)
);
create unique index academic_years_one_current on academic_years(is_current) where is_current;

-- ── identity module ───────────────────────────────────────────────────────
create table persons (
  id           bigint generated always as identity primary key,
  iin          char(12) not null unique,
  last_name    text not null,
  first_name   text not null,
  middle_name  text,
  birth_date   date not null,
  sex          char(1) not null check (sex in ('m', 'f')),
  phone        text unique,                           -- E.164, +7XXXXXXXXXX
  email        text,
  created_at   timestamptz not null default now()
);
create unique index persons_email_idx on persons (lower(email)) where email is not null;

create table accounts (
  id             bigint generated always as identity primary key,
  person_id      bigint not null unique references persons(id),
  login          text unique,                         -- optional login name, lower case
  password_hash  text not null,
  language       text not null default 'kk' check (language in ('kk', 'ru', 'en')),
  disabled_at    timestamptz,
  created_at     timestamptz not null default now()
);

create table sessions (
  id            bigint generated always as identity primary key,
  token_hash    bytea not null unique,                -- sha-256 of the opaque token; the token itself is never stored
  account_id    bigint not null references accounts(id),
  created_at    timestamptz not null default now(),
  last_seen_at  timestamptz not null default now(),
  expires_at    timestamptz not null,                 -- absolute timeout
  revoked_at    timestamptz,
  ip            inet,
  user_agent    text
);
create index sessions_account_idx on sessions(account_id);

-- Failed sign-ins per key ('account:<id|login>' or 'address:<ip>'), shared by every app process.
create table login_throttle (
  key            text primary key,
  failures       integer not null,
  window_started timestamptz not null,
  locked_until   timestamptz
);

-- Role grants. Scope columns: exactly the one the role needs is set (see check).
--   pupil, parent, teacher: organisation_id (where they study / their children / they work);
--     their finer scope comes from class_members, parent_links, teaching_assignments.
--   org_admin, gate_guard: organisation_id; district_officer: district_id;
--   region_officer: region_id; ministry_officer: none (the whole country).
create table role_assignments (
  id              bigint generated always as identity primary key,
  person_id       bigint not null references persons(id),
  role            text not null check (role in ('pupil', 'parent', 'teacher', 'org_admin', 'district_officer', 'region_officer', 'ministry_officer', 'gate_guard')),
  organisation_id integer references organisations(id),
  district_id     integer references districts(id),
  region_id       integer references regions(id),
  created_at      timestamptz not null default now(),
  check (
    (role in ('pupil', 'parent', 'teacher', 'org_admin', 'gate_guard') and organisation_id is not null and district_id is null and region_id is null) or
    (role = 'district_officer' and district_id is not null and organisation_id is null and region_id is null) or
    (role = 'region_officer' and region_id is not null and organisation_id is null and district_id is null) or
    (role = 'ministry_officer' and organisation_id is null and district_id is null and region_id is null)
  )
);
create index role_assignments_person_idx on role_assignments(person_id);
create index role_assignments_org_idx on role_assignments(organisation_id, role) where organisation_id is not null;
create unique index role_assignments_unique on role_assignments(person_id, role, coalesce(organisation_id, 0), coalesce(district_id, 0), coalesce(region_id, 0));

create table parent_links (
  parent_id   bigint not null references persons(id),
  child_id    bigint not null references persons(id),
  relation    text not null default 'parent' check (relation in ('mother', 'father', 'guardian', 'parent')),
  primary key (parent_id, child_id),
  check (parent_id <> child_id)
);
create index parent_links_child_idx on parent_links(child_id);

create table audit_events (
  id          bigint generated always as identity primary key,
  at          timestamptz not null default now(),
  account_id  bigint references accounts(id),
  action      text not null,                          -- e.g. 'auth.login', 'auth.login_failed', 'auth.logout'
  ip          inet,
  details     jsonb not null default '{}'::jsonb      -- never secrets, never full personal data
);
create index audit_events_account_idx on audit_events(account_id, at);
create index audit_events_at_idx on audit_events(at);

-- ── organisations module: classes, groups, rooms ─────────────────────────
create table classes (
  id                  bigint generated always as identity primary key,
  organisation_id     integer not null references organisations(id),
  academic_year_id    integer not null references academic_years(id),
  kind                text not null default 'class' check (kind in ('class', 'group')), -- school class or college/university/kindergarten group
  grade               smallint check (grade between 0 and 12),  -- 0: pre-school; null for university groups
  letter              text,                                      -- 'А', 'Ә', 'B'
  name                text not null,                             -- '5 Ә' or 'ИС-21-1'
  study_year          smallint,                                  -- course year for college / university groups
  specialty           text,                                      -- college/university specialty
  shift               smallint not null default 1 check (shift in (1, 2, 3)),
  homeroom_teacher_id bigint references persons(id),
  created_at          timestamptz not null default now(),
  unique (organisation_id, academic_year_id, name)
);
create index classes_org_idx on classes(organisation_id, academic_year_id);
create index classes_homeroom_idx on classes(homeroom_teacher_id) where homeroom_teacher_id is not null;

create table class_members (
  class_id   bigint not null references classes(id),
  pupil_id   bigint not null references persons(id),
  joined_on  date not null default current_date,
  primary key (class_id, pupil_id)
);
create index class_members_pupil_idx on class_members(pupil_id);

create table rooms (
  id              integer generated always as identity primary key,
  organisation_id integer not null references organisations(id),
  name            text not null,
  capacity        smallint not null check (capacity > 0),
  kind            text not null default 'classroom' check (kind in ('classroom', 'lab', 'gym', 'hall', 'dormitory', 'other')),
  unique (organisation_id, name)
);

-- ── learning module (the part the foundation's teacher scope needs) ──────
create table subjects (
  id         integer generated always as identity primary key,
  code       text not null unique,                    -- 'math', 'kazakh-language'
  name_kk    text not null,
  name_ru    text not null,
  name_en    text not null
);

create table teaching_assignments (
  id               bigint generated always as identity primary key,
  teacher_id       bigint not null references persons(id),
  class_id         bigint not null references classes(id),
  subject_id       integer not null references subjects(id),
  created_at       timestamptz not null default now(),
  unique (teacher_id, class_id, subject_id)
);
create index teaching_assignments_class_idx on teaching_assignments(class_id);
