-- What a recomputation compares a stored decision with (a hash of format, activities, reason and
-- rule), so it reads no reasons back: the whole country's decisions compare in memory in a second.
-- Rows without one are simply rewritten by the next recomputation that covers them.
alter table format_decisions add column fingerprint text;
