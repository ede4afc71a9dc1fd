-- supplies: needs census, stock (devices, internet kits, textbooks), allocation rules and runs,
-- appeals, loans and returns, textbook issue to pupils. Decision records 0015 and 0016.

-- Census: every answer is kept (who said it, when); the current answer is the latest per person.
create table supplies_census_answers (
  id              bigint generated always as identity primary key,
  person_id       bigint not null references persons(id),      -- the pupil or teacher the answer is about
  organisation_id integer not null references organisations(id),
  role            text not null check (role in ('pupil', 'teacher')),
  devices         text not null check (devices in ('none', 'shared', 'own')),
  internet        text not null check (internet in ('none', 'mobile', 'fixed')),
  connectable     boolean not null,                            -- technically connectable (a kit would work)
  categories      text[] not null default '{}',                -- low_income, large_family, orphan, special_needs
  source          text not null check (source in ('parent', 'admin', 'import')),
  answered_by     bigint references persons(id),
  answered_at     timestamptz not null
);
create index supplies_census_person_idx on supplies_census_answers (person_id, id desc);
create index supplies_census_org_idx on supplies_census_answers (organisation_id);

-- Allocation rule sets: versioned per scope (country when region_id is null, else a region's own).
create table supplies_rule_sets (
  id          bigint generated always as identity primary key,
  region_id   integer references regions(id),
  version     integer not null,
  body        jsonb not null,
  notes       text,
  created_by  bigint references persons(id),
  created_at  timestamptz not null default now()
);
create unique index supplies_rule_sets_version_idx on supplies_rule_sets (coalesce(region_id, 0), version);

-- Stock: devices and internet kits are items with an inventory number.
create table supplies_items (
  id               bigint generated always as identity primary key,
  organisation_id  integer not null references organisations(id),
  category         text not null check (category in ('device', 'kit')),
  kind             text not null check (kind in ('laptop', 'desktop', 'tablet', 'router', 'usb_modem', 'sim')),
  inventory_number text not null unique,
  serial           text,
  source           text not null default 'school_stock' check (source in ('school_stock', 'budget', 'sponsor', 'fund')),
  condition        text not null default 'ok' check (condition in ('ok', 'damaged', 'lost')),
  status           text not null default 'available' check (status in ('available', 'on_loan', 'repair', 'written_off')),
  operator         text,                      -- kits: mobile operator
  tariff           text,                      -- kits: e.g. 'Bilim'
  monthly_cost     numeric(10,2) check (monthly_cost >= 0),
  activated_on     date,
  ends_on          date,
  created_at       timestamptz not null default now(),
  check ((category = 'device') = (kind in ('laptop', 'desktop', 'tablet')))
);
create index supplies_items_org_idx on supplies_items (organisation_id, category, status);

-- Transfers between organisations: the trail, never updated.
create table supplies_transfers (
  id        bigint generated always as identity primary key,
  item_id   bigint not null references supplies_items(id),
  from_organisation_id integer not null references organisations(id),
  to_organisation_id   integer not null references organisations(id),
  moved_by  bigint references persons(id),
  moved_at  timestamptz not null,
  note      text
);
create index supplies_transfers_item_idx on supplies_transfers (item_id);

create table supplies_textbook_titles (
  id          bigint generated always as identity primary key,
  title       text not null,
  grade       smallint not null check (grade between 0 and 12),
  subject     text not null,
  language    text not null check (language in ('kk', 'ru', 'en', 'other')),
  publisher   text not null,
  year        smallint not null,
  isbn        text not null unique,
  e_version_url text,                        -- public e-book (PDF or EPUB), reached by the QR code
  e_version_bytes integer
);

create table supplies_textbook_stock (
  organisation_id integer not null references organisations(id),
  title_id        bigint not null references supplies_textbook_titles(id),
  copies          integer not null check (copies >= 0),
  primary key (organisation_id, title_id)
);

-- Allocation runs: a confirmed run's lines are the allocations; previews are not stored.
create table supplies_allocation_runs (
  id            bigint generated always as identity primary key,
  scope_level   text not null check (scope_level in ('organisation', 'district', 'region')),
  scope_id      integer not null,
  rule_set_id   bigint references supplies_rule_sets(id),
  rules_version integer not null,
  fingerprint   text not null,
  reshuffle     boolean not null default false,
  totals        jsonb not null,              -- served, unserved, shortfall per organisation
  confirmed_by  bigint references persons(id),
  confirmed_at  timestamptz not null
);

create table supplies_allocations (
  id              bigint generated always as identity primary key,
  run_id          bigint not null references supplies_allocation_runs(id),
  organisation_id integer not null references organisations(id),
  household_key   text not null,             -- 'h:<parent id>', 'p:<pupil id>' or 't:<teacher id>'
  recipient_id    bigint not null references persons(id),
  pupil_ids       bigint[] not null default '{}',
  devices         integer not null check (devices >= 0),
  kits            integer not null check (kits >= 0),
  entitled_devices integer not null,
  entitled_kits    integer not null,
  priority        integer not null,
  reason          jsonb not null,            -- parts, rendered in the reader's language
  status          text not null default 'active' check (status in ('active', 'superseded')),
  created_at      timestamptz not null
);
create index supplies_allocations_household_idx on supplies_allocations (household_key) where status = 'active';
create index supplies_allocations_org_idx on supplies_allocations (organisation_id) where status = 'active';
create index supplies_allocations_recipient_idx on supplies_allocations (recipient_id);

create table supplies_appeals (
  id              bigint generated always as identity primary key,
  organisation_id integer not null references organisations(id),
  household_key   text not null,
  appellant_id    bigint not null references persons(id),
  text            text not null,
  submitted_at    timestamptz not null,
  status          text not null default 'open' check (status in ('open', 'upheld', 'rejected')),
  decision_note   text,
  decided_by      bigint references persons(id),
  decided_at      timestamptz
);
create index supplies_appeals_org_idx on supplies_appeals (organisation_id, status);

create table supplies_loans (
  id              bigint generated always as identity primary key,
  item_id         bigint not null references supplies_items(id),
  organisation_id integer not null references organisations(id),
  allocation_id   bigint references supplies_allocations(id),
  household_key   text not null,
  recipient_id    bigint not null references persons(id),
  pupil_ids       bigint[] not null default '{}',
  issued_by       bigint references persons(id),
  issued_at       timestamptz not null,
  due_on          date not null,
  language        text not null check (language in ('kk', 'ru')),
  recalled_at     timestamptz,
  returned_at     timestamptz,
  returned_condition text check (returned_condition in ('ok', 'damaged', 'lost')),
  received_by     bigint references persons(id)
);
create unique index supplies_loans_open_item_idx on supplies_loans (item_id) where returned_at is null;
create index supplies_loans_org_idx on supplies_loans (organisation_id, returned_at);
create index supplies_loans_recipient_idx on supplies_loans (recipient_id);

-- Textbooks issued to pupils (by class in one go) and returned at the end of the year.
create table supplies_textbook_issues (
  id              bigint generated always as identity primary key,
  title_id        bigint not null references supplies_textbook_titles(id),
  organisation_id integer not null references organisations(id),
  class_id        bigint not null references classes(id),
  pupil_id        bigint not null references persons(id),
  issued_by       bigint references persons(id),
  issued_at       timestamptz not null,
  returned_at     timestamptz,
  returned_condition text check (returned_condition in ('ok', 'damaged', 'lost')),
  received_by     bigint references persons(id)
);
create unique index supplies_textbook_issues_open_idx on supplies_textbook_issues (title_id, pupil_id) where returned_at is null;
create index supplies_textbook_issues_org_idx on supplies_textbook_issues (organisation_id, title_id);
