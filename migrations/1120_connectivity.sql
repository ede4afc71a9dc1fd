-- connectivity: the register of settlements' internet and TV reception (decision 0033).
-- The current internet level and speed stay in `settlements` (internet, internet_mbps) and
-- `settlements.tv_reception` stays "receives at least one national lesson channel": other modules read
-- those columns, and the connectivity use cases update them in the same transaction as these tables.

-- The national channels whose reception is registered (the TV lesson channels of 2020).
create table connectivity_channels (
  id        integer generated always as identity primary key,
  code      text not null unique check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name      text not null,
  position  smallint not null default 0
);
insert into connectivity_channels (code, name, position) values ('al_farabi', 'Al-Farabi', 1), ('el_arna', 'El-Arna', 2);

-- Reception per settlement and channel. A settlement without a row here takes `settlements.tv_reception`
-- (settlements are created by the seed and onboarding, which know nothing of channels).
create table connectivity_reception (
  settlement_id integer not null references settlements(id),
  channel_id    integer not null references connectivity_channels(id),
  received      boolean not null,
  primary key (settlement_id, channel_id)
);

-- When the internet speed was measured (the level and speed themselves are in `settlements`).
create table connectivity_measurements (
  settlement_id integer primary key references settlements(id),
  measured_on   date not null
);

-- Every edit: who, when, why, and each changed field with its old and new value; never updated.
create table connectivity_changes (
  id            bigint generated always as identity primary key,
  settlement_id integer not null references settlements(id),
  changes       jsonb not null check (jsonb_typeof(changes) = 'array' and jsonb_array_length(changes) > 0),
  reason        text not null check (length(reason) between 3 and 500),
  changed_by    bigint references persons(id),
  changed_at    timestamptz not null
);
create index connectivity_changes_settlement_idx on connectivity_changes (settlement_id, id desc);
create index connectivity_changes_person_idx on connectivity_changes (changed_by);
