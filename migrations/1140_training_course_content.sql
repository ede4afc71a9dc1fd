-- training: courses built in Sabaq (issue 12, item 5; decision 0034). A course's draft content is
-- ordered modules of materials with an optional quiz; publishing freezes the whole draft as a
-- numbered version (content jsonb), so a later edit never changes what earlier attempts were marked
-- against. Teachers read modules and take quizzes of the course's latest version; every attempt is
-- kept with the version it was marked against. Certificates can be withdrawn by the ministry.

alter table training_courses
  -- attempts at one quiz a teacher may make (null: no limit) and minutes to wait between attempts
  add column quiz_max_attempts smallint check (quiz_max_attempts between 1 and 100),
  add column quiz_wait_minutes integer not null default 0 check (quiz_wait_minutes between 0 and 10080);

create table training_modules (
  id          integer generated always as identity primary key,
  course_id   integer not null references training_courses(id),
  position    smallint not null check (position between 1 and 200),
  title_kk    text not null check (length(title_kk) between 1 and 300),
  title_ru    text not null check (length(title_ru) between 1 and 300),
  title_en    text not null check (length(title_en) between 1 and 300),
  -- materials in order: [{kind: text|link|file|video, ...}] (shape checked by the API's schema)
  materials   jsonb not null default '[]',
  -- the draft quiz (null: none): {passMark, required, questions: [{kind, text{kk,ru,en}, options: [{text, correct}]}]}
  quiz        jsonb,
  unique (course_id, position) deferrable initially deferred
);
create index training_modules_course_idx on training_modules (course_id);

create table training_course_versions (
  id            integer generated always as identity primary key,
  course_id     integer not null references training_courses(id),
  version       smallint not null check (version >= 1),
  -- the frozen modules (with their ids), materials and quizzes (correct answers included: never sent to teachers)
  content       jsonb not null,
  published_by  bigint references persons(id),
  published_at  timestamptz not null default now(),
  unique (course_id, version)
);
create index training_course_versions_published_by_idx on training_course_versions (published_by);

-- a module read by a teacher in their enrolment (module ids persist across versions)
create table training_module_reads (
  enrolment_id  bigint not null references training_enrolments(id),
  module_id     integer not null,
  read_at       timestamptz not null default now(),
  primary key (enrolment_id, module_id)
);

create table training_quiz_attempts (
  id            bigint generated always as identity primary key,
  enrolment_id  bigint not null references training_enrolments(id),
  teacher_id    bigint not null references persons(id),
  -- the published version whose quiz marked this attempt (never changes afterwards)
  version_id    integer not null references training_course_versions(id),
  module_id     integer not null,
  answers       jsonb not null,
  right_count   smallint not null,
  total         smallint not null check (total >= 1 and right_count between 0 and total),
  passed        boolean not null,
  submitted_at  timestamptz not null default now()
);
create index training_quiz_attempts_enrolment_idx on training_quiz_attempts (enrolment_id, module_id, submitted_at);
create index training_quiz_attempts_teacher_idx on training_quiz_attempts (teacher_id);

alter table training_enrolments
  add column withdrawn_at timestamptz,
  add column withdrawn_by bigint references persons(id),
  add column withdrawal_reason text check (length(withdrawal_reason) between 1 and 500),
  add constraint training_enrolments_withdrawal_check check (
    (withdrawn_at is null) = (withdrawal_reason is null) and (withdrawn_at is null or completed_at is not null));
create index training_enrolments_withdrawn_by_idx on training_enrolments (withdrawn_by);
