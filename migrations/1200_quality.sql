-- Quality of online teaching (issue 12, decision 0038): an EADTU E-xcellence style framework of
-- criteria (versioned, the ministry adds versions), an organisation's self-assessment per school
-- year (a draft, then submissions, each with the automatic evidence of that moment), and reviews by
-- the district or the ministry.

-- One version of the framework: its areas and criteria as one document (kk/ru/en texts, criterion
-- keys unique within the version). Versions are never edited: a change is a new version.
create table quality_frameworks (
  id          integer generated always as identity primary key,
  version     integer not null unique check (version > 0),
  areas       jsonb not null,
  note        text not null default '',
  created_by  bigint references persons(id),
  created_at  timestamptz not null default now()
);

-- An organisation's self-assessment of one school year, against the version it was started with.
create table quality_assessments (
  id                integer generated always as identity primary key,
  organisation_id   integer not null references organisations(id),
  academic_year_id  integer not null references academic_years(id),
  framework_id      integer not null references quality_frameworks(id),
  status            text not null default 'draft' check (status in ('draft', 'submitted', 'accepted', 'returned')),
  -- the draft's answers: [{criterion, level, comment, evidence, links, fileIds}]
  answers           jsonb not null default '[]',
  updated_by        bigint references persons(id),
  updated_at        timestamptz not null default now(),
  unique (organisation_id, academic_year_id)
);
create index quality_assessments_status on quality_assessments (status, organisation_id);

-- Each submission as it was sent: the answers and the automatic evidence at that moment.
create table quality_submissions (
  id             integer generated always as identity primary key,
  assessment_id  integer not null references quality_assessments(id),
  n              integer not null check (n > 0),
  answers        jsonb not null,
  evidence       jsonb,
  submitted_by   bigint references persons(id),
  submitted_at   timestamptz not null default now(),
  unique (assessment_id, n)
);

-- A review of one submission: the verdict, an overall comment and comments per criterion.
create table quality_reviews (
  id             integer generated always as identity primary key,
  submission_id  integer not null unique references quality_submissions(id),
  verdict        text not null check (verdict in ('accepted', 'returned')),
  comment        text not null default '',
  comments       jsonb not null default '[]',
  reviewed_by    bigint references persons(id),
  reviewed_at    timestamptz not null default now()
);

-- Files from the file store given as evidence (a file referred to here cannot be deleted).
create table quality_files (
  assessment_id  integer not null references quality_assessments(id),
  file_id        uuid not null references files(id),
  primary key (assessment_id, file_id)
);
create index quality_files_file on quality_files (file_id);
