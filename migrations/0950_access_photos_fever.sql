-- access (issue 11, decision 0030): the holder's photo for the gate and fever refusals at the gate.

-- One gate photo per person: a file of the files module (the person's own upload or the admin's).
-- The pass carries only the first 8 bytes of the photo's SHA-256; guards' phones cache the photos.
create table access_photos (
  person_id  bigint primary key references persons(id),
  file_id    uuid not null references files(id),
  set_by     bigint not null references persons(id),
  set_at     timestamptz not null
);
create index access_photos_file_idx on access_photos (file_id);
create index access_photos_set_by_idx on access_photos (set_by);

-- A temperature at or above the threshold refused entry (health data: read by the organisation's health
-- officer only). Readings under the threshold are never stored.
create table access_fever_events (
  id               bigint generated always as identity primary key,
  client_id        uuid unique,
  organisation_id  integer not null references organisations(id),
  gate_id          integer not null references access_gates(id),
  person_id        bigint references persons(id),
  temperature_c    numeric(3, 1) not null check (temperature_c between 30 and 45),
  threshold_c      numeric(3, 1) not null,
  measured_at      timestamptz not null,
  guard_id         bigint not null references persons(id),
  created_at       timestamptz not null
);
create index access_fever_events_org_idx on access_fever_events (organisation_id, measured_at desc);
create index access_fever_events_person_idx on access_fever_events (person_id);
create index access_fever_events_guard_idx on access_fever_events (guard_id);
