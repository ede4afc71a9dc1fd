-- learning module: the e-journal. Teaching plan, terms and holidays, bell periods, weekly timetable,
-- dated lessons and how each is delivered, materials, homework and submissions, marks with their
-- history, attendance, announcements. `subjects` and `teaching_assignments` come from 0001.
--
-- Instants are timestamptz; school days are dates; bell times are local `time` in the
-- organisation's IANA zone (organisations.time_zone) and become instants when lessons are generated.

-- ── settings: every number the rules use, with the national defaults in the row without organisation ──
create table learning_settings (
  id                        integer generated always as identity primary key,
  organisation_id           integer unique references organisations(id),  -- null: the national defaults
  grading_system            text check (grading_system in ('criteria', 'credit')), -- null: universities 'credit', others 'criteria'
  accept_late_submissions   boolean not null,
  join_early_minutes        smallint not null check (join_early_minutes between 0 and 120),
  late_after_minutes        smallint not null check (late_after_minutes between 0 and 120),
  formative_max             smallint not null check (formative_max between 1 and 100),
  weight_formative          numeric(5,2) not null check (weight_formative >= 0),
  weight_section            numeric(5,2) not null check (weight_section >= 0),
  weight_term               numeric(5,2) not null check (weight_term >= 0),
  term_grade_bands          jsonb not null,       -- [{"grade":2,"min":0}, …] min percent inclusive
  weight_rating             numeric(5,2) not null check (weight_rating >= 0),
  weight_exam               numeric(5,2) not null check (weight_exam >= 0),
  letter_grades             jsonb not null,       -- [{"letter":"A","min":95,"gpa":4}, …]
  updated_at                timestamptz not null default now(),
  check (weight_formative + weight_section + weight_term = 100),
  check (weight_rating + weight_exam = 100)
);
create unique index learning_settings_one_default on learning_settings((organisation_id is null)) where organisation_id is null;

-- Kazakhstan's criteria-based assessment (schools): formative 25 %, section summative (СОр/БЖБ) 25 %,
-- term summative (СОч/ТЖБ) 50 %; term grade bands 0-39 → 2, 40-64 → 3, 65-84 → 4, 85-100 → 5.
-- Credit system (universities): final = 60 % rating + 40 % exam; letters and GPA points below.
insert into learning_settings (organisation_id, grading_system, accept_late_submissions, join_early_minutes,
  late_after_minutes, formative_max, weight_formative, weight_section, weight_term, term_grade_bands,
  weight_rating, weight_exam, letter_grades)
values (null, null, true, 15, 10, 10, 25, 25, 50,
  '[{"grade":2,"min":0},{"grade":3,"min":40},{"grade":4,"min":65},{"grade":5,"min":85}]',
  60, 40,
  '[{"letter":"F","min":0,"gpa":0},{"letter":"D","min":50,"gpa":1},{"letter":"D+","min":55,"gpa":1.33},
    {"letter":"C-","min":60,"gpa":1.67},{"letter":"C","min":65,"gpa":2},{"letter":"C+","min":70,"gpa":2.33},
    {"letter":"B-","min":75,"gpa":2.67},{"letter":"B","min":80,"gpa":3},{"letter":"B+","min":85,"gpa":3.33},
    {"letter":"A-","min":90,"gpa":3.67},{"letter":"A","min":95,"gpa":4}]');

-- ── teaching plan ─────────────────────────────────────────────────────────
-- Subjects per grade with weekly hours: the national standard plan (organisation null), which a
-- school may replace with its own rows.
create table grade_subjects (
  id               integer generated always as identity primary key,
  organisation_id  integer references organisations(id),
  grade            smallint not null check (grade between 0 and 12),
  subject_id       integer not null references subjects(id),
  hours_per_week   numeric(4,1) not null check (hours_per_week > 0 and hours_per_week <= 20),
  unique nulls not distinct (organisation_id, grade, subject_id)
);

-- A university (or college) course taught to several groups at once: its assignments share course_id,
-- and its timetable slots may sit at the same time for each group (a joint lecture) without a clash.
create table courses (
  id               bigint generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  subject_id       integer not null references subjects(id),
  code             text not null check (length(code) between 1 and 40),
  title            text,
  credits          smallint check (credits between 1 and 30),
  created_at       timestamptz not null default now(),
  unique (organisation_id, code)
);
alter table teaching_assignments add column course_id bigint references courses(id);
create index teaching_assignments_course_idx on teaching_assignments(course_id) where course_id is not null;

-- ── calendar ──────────────────────────────────────────────────────────────
-- Schools have four terms (quarters), colleges and universities two semesters.
create table terms (
  id               integer generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  academic_year_id integer not null references academic_years(id),
  kind             text not null check (kind in ('quarter', 'semester')),
  number           smallint not null check (number between 1 and 4),
  starts_on        date not null,
  ends_on          date not null,
  check (ends_on >= starts_on),
  unique (organisation_id, academic_year_id, number)
);
create index terms_org_dates_idx on terms(organisation_id, starts_on);

-- Days without lessons inside a term: national holidays (organisation null) and a school's own.
create table holidays (
  id               integer generated always as identity primary key,
  organisation_id  integer references organisations(id),
  starts_on        date not null,
  ends_on          date not null,
  name_kk          text not null,
  name_ru          text not null,
  name_en          text not null,
  check (ends_on >= starts_on)
);
create index holidays_org_dates_idx on holidays(organisation_id, starts_on);

-- Bell schedule: numbered periods per shift, local time of the organisation.
create table periods (
  id               integer generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  shift            smallint not null check (shift in (1, 2, 3)),
  number           smallint not null check (number between 0 and 12),
  starts_at        time not null,
  ends_at          time not null,
  check (ends_at > starts_at),
  unique (organisation_id, shift, number)
);

-- The weekly timetable of a class for a term. A class is in one place per period (unique below);
-- a teacher or room in two places at once is refused by the use case under an advisory lock,
-- because the clash is about overlapping times across shifts and terms, not equal period ids.
create table timetable_slots (
  id               bigint generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  term_id          integer not null references terms(id),
  class_id         bigint not null references classes(id),
  weekday          smallint not null check (weekday between 1 and 7),   -- ISO: 1 = Monday
  period_id        integer not null references periods(id),
  subject_id       integer not null references subjects(id),
  teacher_id       bigint not null references persons(id),
  course_id        bigint references courses(id),
  room_id          integer references rooms(id),
  -- how the weekly lesson is usually held: a standing online room, or a TV channel at the lesson's time
  -- (a recording is per lesson, so never planned here)
  delivery         text not null default 'in_person' check (delivery in ('in_person', 'online_live', 'tv')),
  join_url         text,
  tv_channel       text check (tv_channel in ('al_farabi', 'el_arna', 'balapan', 'qazaqstan')),
  unique (term_id, class_id, weekday, period_id),
  check (delivery <> 'online_live' or join_url is not null),
  check (delivery <> 'tv' or tv_channel is not null)
);
create index timetable_slots_teacher_idx on timetable_slots(teacher_id, weekday);
create index timetable_slots_room_idx on timetable_slots(room_id, weekday) where room_id is not null;

-- ── lessons ───────────────────────────────────────────────────────────────
create table lessons (
  id               bigint generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  term_id          integer not null references terms(id),
  class_id         bigint not null references classes(id),
  subject_id       integer not null references subjects(id),
  teacher_id       bigint not null references persons(id),
  slot_id          bigint references timetable_slots(id) on delete set null,
  room_id          integer references rooms(id),
  on_date          date not null,
  period_number    smallint,
  starts_at        timestamptz not null,
  ends_at          timestamptz not null,
  delivery         text not null default 'in_person' check (delivery in ('in_person', 'online_live', 'tv', 'recorded')),
  join_url         text,
  tv_channel       text check (tv_channel in ('al_farabi', 'el_arna', 'balapan', 'qazaqstan')),
  tv_air_at        timestamptz,
  video_url        text,
  topic            text,
  -- what a mark in this lesson's journal column means: a formative mark, or a summative score out of assessment_max
  assessment       text not null default 'formative' check (assessment in ('formative', 'section', 'term', 'rating', 'exam')),
  assessment_max   smallint check (assessment_max between 1 and 100),
  cancelled        boolean not null default false,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  check (ends_at > starts_at),
  check (delivery <> 'online_live' or join_url is not null),
  check (delivery <> 'tv' or (tv_channel is not null and tv_air_at is not null)),
  check (delivery <> 'recorded' or video_url is not null)
);
create unique index lessons_slot_date_idx on lessons(slot_id, on_date) where slot_id is not null;
-- pupil's day and week (Today): lessons of the pupil's classes on a date
create index lessons_class_date_idx on lessons(class_id, on_date, starts_at);
-- journal grid: a class and subject over a term
create index lessons_class_subject_term_idx on lessons(class_id, subject_id, term_id, on_date);
-- teacher's day, and clashes of dated lessons
create index lessons_teacher_date_idx on lessons(teacher_id, on_date);

create table homework (
  id               bigint generated always as identity primary key,
  lesson_id        bigint not null references lessons(id),
  organisation_id  integer not null references organisations(id),
  class_id         bigint not null references classes(id),
  subject_id       integer not null references subjects(id),
  term_id          integer not null references terms(id),
  teacher_id       bigint not null references persons(id),   -- who set it
  title            text not null,
  instructions     text,
  due_at           timestamptz not null,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create index homework_lesson_idx on homework(lesson_id);
create index homework_class_due_idx on homework(class_id, due_at);
create index homework_class_subject_idx on homework(class_id, subject_id);

-- Materials of a lesson (or of one homework of that lesson): a stored file or a link.
create table lesson_materials (
  id               bigint generated always as identity primary key,
  lesson_id        bigint not null references lessons(id) on delete cascade,
  homework_id      bigint references homework(id) on delete cascade,
  kind             text not null check (kind in ('file', 'link')),
  file_id          uuid references files(id),
  url              text,
  title            text not null,
  created_at       timestamptz not null default now(),
  check ((kind = 'file' and file_id is not null and url is null) or (kind = 'link' and url is not null and file_id is null))
);
create index lesson_materials_lesson_idx on lesson_materials(lesson_id);
create index lesson_materials_file_idx on lesson_materials(file_id) where file_id is not null;
create index lesson_materials_homework_idx on lesson_materials(homework_id) where homework_id is not null;

-- ── submissions ───────────────────────────────────────────────────────────
-- One submission per pupil and homework (its current state); every send is an attempt carrying the
-- client's idempotency key, so a retry over a bad connection finds the attempt it already made.
create table submissions (
  id                  bigint generated always as identity primary key,
  homework_id         bigint not null references homework(id),
  pupil_id            bigint not null references persons(id),
  status              text not null check (status in ('submitted', 'marked')),
  current_attempt_id  bigint,
  attempts            smallint not null default 1,
  late                boolean not null,
  first_submitted_at  timestamptz not null,
  submitted_at        timestamptz not null,
  updated_at          timestamptz not null default now(),
  unique (homework_id, pupil_id)
);
-- the teachers' inbox: what waits to be marked
create index submissions_to_mark_idx on submissions(homework_id, submitted_at) where status = 'submitted';
create index submissions_pupil_idx on submissions(pupil_id);

create table submission_attempts (
  id               bigint generated always as identity primary key,
  homework_id      bigint not null references homework(id),
  pupil_id         bigint not null references persons(id),
  idempotency_key  uuid not null,
  request_hash     bytea not null,        -- tells a retry from a different request under the same key
  text             text,
  late             boolean not null,
  submitted_at     timestamptz not null,
  unique (pupil_id, idempotency_key)
);
create index submission_attempts_homework_idx on submission_attempts(homework_id, pupil_id);
alter table submissions add foreign key (current_attempt_id) references submission_attempts(id);

create table submission_files (
  attempt_id  bigint not null references submission_attempts(id),
  file_id     uuid not null references files(id),
  position    smallint not null,
  primary key (attempt_id, file_id)
);
create index submission_files_file_idx on submission_files(file_id);

-- ── marks ─────────────────────────────────────────────────────────────────
-- A mark sits in a lesson's journal column: classwork (homework_id null, one per pupil and lesson) or
-- a marked homework set in that lesson (one per pupil and homework). Class, subject, term and date are
-- copied from the lesson so the journal, the pupil's summary and future time partitioning need no join.
create table marks (
  id               bigint generated always as identity primary key,
  lesson_id        bigint not null references lessons(id),
  homework_id      bigint references homework(id),
  pupil_id         bigint not null references persons(id),
  organisation_id  integer not null references organisations(id),
  class_id         bigint not null references classes(id),
  subject_id       integer not null references subjects(id),
  term_id          integer not null references terms(id),
  on_date          date not null,
  kind             text not null check (kind in ('formative', 'section', 'term', 'rating', 'exam')),
  score            smallint not null check (score >= 0),
  max_score        smallint not null check (max_score > 0 and score <= max_score),
  comment          text,
  teacher_id       bigint not null references persons(id),   -- who set it last
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now()
);
create unique index marks_lesson_pupil_idx on marks(lesson_id, pupil_id) where homework_id is null;
create unique index marks_homework_pupil_idx on marks(homework_id, pupil_id) where homework_id is not null;
create index marks_pupil_term_idx on marks(pupil_id, term_id);
create index marks_class_subject_term_idx on marks(class_id, subject_id, term_id);

-- Every change of a mark, kept when the mark itself is removed (so no foreign key to marks).
create table mark_history (
  id          bigint generated always as identity primary key,
  mark_id     bigint not null,
  lesson_id   bigint not null references lessons(id),
  homework_id bigint references homework(id),
  pupil_id    bigint not null references persons(id),
  action      text not null check (action in ('set', 'changed', 'removed')),
  kind        text not null,
  old_score   smallint,
  old_max     smallint,
  new_score   smallint,
  new_max     smallint,
  comment     text,
  changed_by  bigint not null references persons(id),
  changed_at  timestamptz not null default now()
);
create index mark_history_lesson_idx on mark_history(lesson_id, pupil_id, changed_at);

-- ── attendance ────────────────────────────────────────────────────────────
-- One row per pupil and lesson once recorded; no row means "not recorded yet".
create table attendance (
  lesson_id   bigint not null references lessons(id),
  pupil_id    bigint not null references persons(id),
  class_id    bigint not null references classes(id),
  on_date     date not null,
  status      text not null check (status in ('present', 'absent', 'late', 'excused')),
  reason      text,
  online      boolean not null default false,   -- joined through the lesson's link
  joined_at   timestamptz,
  marked_by   bigint references persons(id),    -- null when recorded by the join link
  updated_at  timestamptz not null default now(),
  primary key (lesson_id, pupil_id),
  check (status <> 'excused' or reason is not null)
);
create index attendance_pupil_date_idx on attendance(pupil_id, on_date);
create index attendance_class_date_idx on attendance(class_id, on_date);

-- ── announcements ─────────────────────────────────────────────────────────
create table announcements (
  id               bigint generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  class_id         bigint not null references classes(id),
  author_id        bigint not null references persons(id),
  title            text not null,
  body             text not null,
  created_at       timestamptz not null default now()
);
create index announcements_class_idx on announcements(class_id, created_at desc);

-- ── helpers the read queries share ────────────────────────────────────────
-- The settings in effect for an organisation: its own row, else the national defaults.
create function learning_settings_for(org integer) returns learning_settings
language sql stable as $$
  select * from learning_settings where organisation_id = org or organisation_id is null
  order by organisation_id nulls last limit 1
$$;

-- The term a date belongs to; between terms the latest one begun; before any, the first.
create function learning_term_at(org integer, d date) returns integer
language sql stable as $$
  select id from terms where organisation_id = org
  order by case when d between starts_on and ends_on then 0 when starts_on <= d then 1 else 2 end, abs(d - starts_on)
  limit 1
$$;

-- An instant as ISO 8601 in UTC ('2020-12-09T03:30:00.000Z'), whatever the session's time zone.
create function iso_utc(t timestamptz) returns text
language sql immutable as $$
  select to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;
