-- access module: campus access passes (issue 11). Health records with provenance, status rules,
-- signing keys and revocations, buildings, gates, dormitories, scans.

-- the health officer: a role scoped to one organisation (reads health records of its people only)
alter table role_assignments drop constraint if exists role_assignments_role_check;
alter table role_assignments drop constraint if exists role_assignments_check;
alter table role_assignments add constraint role_assignments_role_check check (role in
  ('pupil', 'parent', 'teacher', 'org_admin', 'district_officer', 'region_officer', 'ministry_officer', 'gate_guard', 'health_officer'));
alter table role_assignments add constraint role_assignments_check check (
  (role in ('pupil', 'parent', 'teacher', 'org_admin', 'gate_guard', 'health_officer') and organisation_id is not null and district_id is null and region_id is null) or
  (role = 'district_officer' and district_id is not null and organisation_id is null and region_id is null) or
  (role = 'region_officer' and region_id is not null and organisation_id is null and district_id is null) or
  (role = 'ministry_officer' and organisation_id is null and district_id is null and region_id is null));

-- one batch from the health system (CSV or FHIR bundle), imported by a health officer for an organisation
create table access_import_batches (
  id               integer generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  format           text not null check (format in ('csv', 'fhir')),
  source           text not null,
  record_count     integer not null,
  imported_by      bigint not null references persons(id),
  imported_at      timestamptz not null
);
create index access_import_batches_org_idx on access_import_batches (organisation_id, imported_at desc);

-- a health record: imported (confirmed) or reported by the person (reported -> confirmed | rejected)
create table access_health_records (
  id               integer generated always as identity primary key,
  person_id        bigint not null references persons(id),
  organisation_id  integer not null references organisations(id),
  kind             text not null check (kind in ('vaccination', 'test', 'recovery')),
  occurred_at      timestamptz not null,
  product          text,
  dose_number      smallint,
  series_doses     smallint,
  test_kind        text check (test_kind in ('pcr', 'antigen')),
  result           text check (result in ('negative', 'positive')),
  state            text not null check (state in ('confirmed', 'reported', 'rejected')),
  source           text not null,
  batch_id         integer references access_import_batches(id),
  reported_note    text,
  document_name    text,
  document_type    text,
  document         bytea,
  decided_by       bigint references persons(id),
  decided_at       timestamptz,
  decision_note    text,
  created_at       timestamptz not null,
  check ((kind = 'vaccination') = (product is not null and dose_number is not null and series_doses is not null)),
  check ((kind = 'test') = (test_kind is not null and result is not null))
);
create index access_health_records_person_idx on access_health_records (person_id);
create index access_health_records_org_idx on access_health_records (organisation_id, state);
create index access_health_records_decided_by_idx on access_health_records (decided_by) where decided_by is not null;

-- a medical exemption, approved by the health officer
create table access_exemptions (
  id               integer generated always as identity primary key,
  person_id        bigint not null references persons(id),
  organisation_id  integer not null references organisations(id),
  reason           text not null,
  valid_from       date not null,
  valid_until      date not null,
  approved_by      bigint not null references persons(id),
  approved_at      timestamptz not null,
  revoked_at       timestamptz,
  check (valid_until >= valid_from)
);
create index access_exemptions_person_idx on access_exemptions (person_id);
create index access_exemptions_org_idx on access_exemptions (organisation_id);

-- rule sets: the country's (region_id null) and regional overrides; each publish is a new version
create table access_rule_sets (
  id            integer generated always as identity primary key,
  region_id     integer references regions(id),
  version       integer not null,
  params        jsonb not null,
  published_by  bigint references persons(id),
  published_at  timestamptz not null,
  unique (region_id, version)
);

-- the last computed status per person (for change notifications and the overview); the pass is
-- always computed afresh from the records
create table access_statuses (
  person_id     bigint primary key references persons(id),
  status        text not null check (status in ('admitted', 'not_admitted', 'no_data')),
  valid_until   timestamptz,
  rule_set_id   integer references access_rule_sets(id),
  computed_at   timestamptz not null
);

-- the pseudonym a pass carries instead of any identifier of the person
create table access_holders (
  person_id   bigint primary key references persons(id),
  pseudonym   text not null unique,
  created_at  timestamptz not null
);

create table access_revoked_holders (
  pseudonym   text primary key,
  reason      text not null,
  revoked_by  bigint not null references persons(id),
  revoked_at  timestamptz not null
);

-- signing keys per issuing organisation; one active (retired_at null) at a time
create table access_signing_keys (
  id               integer generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  kid              bytea not null unique,
  alg              text not null default 'ES256',
  public_jwk       jsonb not null,
  private_pkcs8    bytea not null,
  created_at       timestamptz not null,
  retired_at       timestamptz,
  revoked_at       timestamptz,
  revoked_reason   text
);
create unique index access_signing_keys_active_idx on access_signing_keys (organisation_id) where retired_at is null;

create table access_buildings (
  id               integer generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  name             text not null,
  kind             text not null check (kind in ('academic', 'dormitory', 'laboratory', 'library', 'sports', 'other')),
  capacity         integer not null check (capacity > 0),
  unique (organisation_id, name)
);

create table access_gates (
  id           integer generated always as identity primary key,
  building_id  integer not null references access_buildings(id),
  name         text not null,
  unique (building_id, name)
);

create table access_dorm_rooms (
  id           integer generated always as identity primary key,
  building_id  integer not null references access_buildings(id),
  number       text not null,
  beds         smallint not null check (beds between 1 and 20),
  unique (building_id, number)
);

create table access_residents (
  id          integer generated always as identity primary key,
  room_id     integer not null references access_dorm_rooms(id),
  person_id   bigint not null references persons(id),
  from_date   date not null,
  to_date     date,
  created_by  bigint not null references persons(id)
);
create unique index access_residents_current_idx on access_residents (person_id) where to_date is null;
create index access_residents_room_idx on access_residents (room_id);
create index access_residents_created_by_idx on access_residents (created_by);

-- one scan at a gate (uploaded from the scanner's log; client_id makes uploads idempotent)
create table access_scans (
  id           bigint generated always as identity primary key,
  client_id    uuid not null unique,
  gate_id      integer not null references access_gates(id),
  guard_id     bigint not null references persons(id),
  holder       text,
  direction    text not null check (direction in ('in', 'out')),
  result       text not null check (result in ('admitted', 'refused')),
  reason       text,
  replay       boolean not null default false,
  scanned_at   timestamptz not null,
  uploaded_at  timestamptz not null
);
create index access_scans_gate_idx on access_scans (gate_id, scanned_at desc);
create index access_scans_guard_idx on access_scans (guard_id);
