-- training module: courses for teachers, enrolments, completions with a certificate (decision 0021).
-- Coverage (share of teachers who completed a required course) is computed on read from these
-- tables and the teachers' role grants; it needs no rollup at country scale (one row per teacher).

create table training_courses (
  id           integer generated always as identity primary key,
  title_kk     text not null check (length(title_kk) between 1 and 300),
  title_ru     text not null check (length(title_ru) between 1 and 300),
  title_en     text not null check (length(title_en) between 1 and 300),
  provider     text not null check (length(provider) between 1 and 200),
  hours        smallint not null check (hours between 1 and 1000),
  format       text not null check (format in ('online', 'offline')),
  starts_on    date not null,
  ends_on      date not null check (ends_on >= starts_on),
  -- counts towards coverage (e.g. "Learning to teach remotely": every teacher, target 100%)
  required     boolean not null default false,
  created_by   bigint references persons(id),
  created_at   timestamptz not null default now()
);

create table training_enrolments (
  id                bigint generated always as identity primary key,
  course_id         integer not null references training_courses(id),
  teacher_id        bigint not null references persons(id),
  -- the organisation the teacher was enrolled through (coverage counts teachers by their grants)
  organisation_id   integer not null references organisations(id),
  enrolled_by       bigint references persons(id),
  enrolled_at       timestamptz not null default now(),
  completed_at      timestamptz,
  -- printed on the certificate; unguessable, so it can later back a public check page
  certificate_code  text unique check (certificate_code ~ '^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$'),
  check ((completed_at is null) = (certificate_code is null)),
  unique (course_id, teacher_id)
);
create index training_enrolments_teacher_idx on training_enrolments (teacher_id);
create index training_enrolments_org_idx on training_enrolments (organisation_id, course_id);
create index training_enrolments_enrolled_by_idx on training_enrolments (enrolled_by);
create index training_courses_created_by_idx on training_courses (created_by);
