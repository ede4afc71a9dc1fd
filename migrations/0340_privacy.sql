-- privacy module: people's rights over their data (export, erasure, consent).

-- Consent to one purpose (e.g. 'health_status_for_access'), given by the person or, for a child, by a
-- parent. Never updated except to withdraw; a new consent after a withdrawal is a new row (history).
create table consents (
  id            bigint generated always as identity primary key,
  person_id     bigint not null references persons(id),
  purpose       text not null,
  given_by      bigint not null references persons(id),
  given_at      timestamptz not null default now(),
  withdrawn_at  timestamptz,
  withdrawn_by  bigint references persons(id)
);
create unique index consents_active_idx on consents (person_id, purpose) where withdrawn_at is null;
create index consents_given_by_idx on consents (given_by);

-- A request to erase a person's data: asked by the person (or a parent for a child), decided by the
-- admin of the organisation that holds the person's records (the ministry for people of no organisation).
create table erasure_requests (
  id               bigint generated always as identity primary key,
  person_id        bigint not null references persons(id),
  requested_by     bigint not null references persons(id),
  organisation_id  integer references organisations(id),
  reason           text,
  status           text not null default 'pending' check (status in ('pending', 'done', 'refused')),
  requested_at     timestamptz not null default now(),
  decided_by       bigint references persons(id),
  decided_at       timestamptz,
  decision_note    text,
  -- what was deleted, anonymised and kept (until when, why), by module
  outcome          jsonb,
  check ((status = 'pending') = (decided_at is null))
);
create unique index erasure_requests_pending_idx on erasure_requests (person_id) where status = 'pending';
create index erasure_requests_org_idx on erasure_requests (organisation_id, status);
create index erasure_requests_requested_by_idx on erasure_requests (requested_by);
