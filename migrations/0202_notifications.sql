-- In-app notifications (the `notifications` module, server/modules/notifications; the
-- `support` module may take them over). Written in the same transaction as the change they report.
create table notifications (
  id         bigint generated always as identity primary key,
  person_id  bigint not null references persons(id),
  kind       text not null,                   -- e.g. 'formats.format_changed', 'duty.placed'
  params     jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  read_at    timestamptz
);
create index notifications_person_idx on notifications (person_id, id desc);
create index notifications_unread_idx on notifications (person_id) where read_at is null;
