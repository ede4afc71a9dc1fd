-- Applications by child and school year whatever their status (a parent's view lists withdrawn ones
-- too; the bulk seed checks for an existing one): the partial unique index only serves active ones.
create index duty_applications_child_idx on duty_applications (child_id, academic_year_id);
