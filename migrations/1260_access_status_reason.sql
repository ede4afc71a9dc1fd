-- Why a person is not admitted, stored with the status (issue 12: passes on the analytics dashboards count
-- the blocked by reason category, never by person). One of access.rules.ts's NotAdmittedReason values, null
-- unless the status is not_admitted. Rows computed before this column have none: they are made due now, so the
-- status job (decision 0036) recomputes them and stores the reason within a minute.
alter table access_statuses add column reason text
  check (reason is null or reason in ('positive_test', 'incomplete_vaccination', 'waiting_period', 'vaccination_expired', 'test_expired', 'recovery_expired'));
update access_statuses set next_change_at = now() where status = 'not_admitted';
