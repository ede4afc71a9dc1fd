-- training: completions from external providers imported from CSV/XLSX, each with its source
-- (issue 12, item 5). An imported completion carries the provider's certificate number, not a Sabaq
-- code, so the rule "completed <=> a Sabaq certificate code" now holds for Sabaq's own completions only.

alter table training_enrolments
  add column source text not null default 'sabaq' check (source in ('sabaq', 'import')),
  -- the provider as the file names it, its certificate number, the file it came from
  add column source_provider text check (length(source_provider) between 1 and 200),
  add column source_certificate text check (length(source_certificate) between 1 and 100),
  add column source_file text check (length(source_file) between 1 and 255),
  add column imported_by bigint references persons(id),
  add column imported_at timestamptz;

alter table training_enrolments drop constraint training_enrolments_check;
alter table training_enrolments add constraint training_enrolments_completion_check check (
  case when source = 'sabaq' then (completed_at is null) = (certificate_code is null)
       else completed_at is not null and certificate_code is null and source_provider is not null and source_certificate is not null end);

create index training_enrolments_imported_by_idx on training_enrolments (imported_by);
