-- Time-driven status changes (decision 0036): when a person's status is computed, the instant it next
-- changes with time alone (a negative PCR running out, a vaccination becoming full, a recovery or an
-- exemption ending) is stored with it. A background job in every process takes the due rows with
-- FOR UPDATE SKIP LOCKED, recomputes, notifies a change and stores the next instant, in one transaction.
alter table access_statuses add column next_change_at timestamptz;
create index access_statuses_next_change on access_statuses (next_change_at) where next_change_at is not null;
