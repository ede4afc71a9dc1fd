-- Teaching posts by organisation (training coverage, issue 12): coverage counts every teacher post of an
-- area. At country size role_assignments holds ~14 M grants (learners, parents, teachers) and the count
-- read them all (p50 5 s for the ministry's coverage). A partial index of the teacher grants alone is
-- read index-only.
create index role_assignments_teacher_posts_idx on role_assignments (organisation_id, person_id) where role = 'teacher' and organisation_id is not null;
