-- supplies: the textbook supply chain (purchase orders per region, dispatch schedule to schools,
-- deliveries recorded by the receiving school) and e-textbook files in the file store.
-- Decision record 0032.

create table supplies_textbook_orders (
  id          bigint generated always as identity primary key,
  region_id   integer not null references regions(id),
  publisher   text not null,
  reference   text,                              -- the contract or order number
  deadline    date not null,                     -- delivery deadline (default 25 August of the school year)
  created_by  bigint references persons(id),
  created_at  timestamptz not null
);
create index supplies_textbook_orders_region_idx on supplies_textbook_orders (region_id);

create table supplies_textbook_order_lines (
  id          bigint generated always as identity primary key,
  order_id    bigint not null references supplies_textbook_orders(id),
  title_id    bigint not null references supplies_textbook_titles(id),
  copies      integer not null check (copies > 0),
  unit_price  numeric(12, 2) not null check (unit_price >= 0),   -- tenge
  unique (order_id, title_id)
);

-- The dispatch schedule: copies of an order line planned to reach one school on a date.
create table supplies_textbook_dispatches (
  id              bigint generated always as identity primary key,
  order_line_id   bigint not null references supplies_textbook_order_lines(id),
  organisation_id integer not null references organisations(id),
  copies          integer not null check (copies > 0),
  planned_on      date not null,
  sent_at         timestamptz,                   -- null until dispatched (a delivery proves it was)
  created_by      bigint references persons(id),
  created_at      timestamptz not null
);
create index supplies_textbook_dispatches_line_idx on supplies_textbook_dispatches (order_line_id);
create index supplies_textbook_dispatches_org_idx on supplies_textbook_dispatches (organisation_id);

-- What the school received against a dispatch (partial deliveries are several rows).
create table supplies_textbook_deliveries (
  id              bigint generated always as identity primary key,
  dispatch_id     bigint not null references supplies_textbook_dispatches(id),
  organisation_id integer not null references organisations(id),
  title_id        bigint not null references supplies_textbook_titles(id),
  copies          integer not null check (copies > 0),
  received_on     date not null,
  received_by     bigint references persons(id),
  recorded_at     timestamptz not null,
  note            text
);
create index supplies_textbook_deliveries_dispatch_idx on supplies_textbook_deliveries (dispatch_id);
create index supplies_textbook_deliveries_org_idx on supplies_textbook_deliveries (organisation_id);

-- The e-version as a file in the file store (public, reached through the QR code).
alter table supplies_textbook_titles
  add column e_file_key text,
  add column e_file_type text check (e_file_type in ('pdf', 'epub')),
  add column e_file_sha256 text,
  add column e_file_uploaded_by bigint references persons(id),
  add column e_file_uploaded_at timestamptz;
