-- supplies: editing and cancelling textbook orders and dispatches, with a trail. Decision record 0039.
-- An order is cancelled in place (cancelled_at; it stays listed, counts for nothing); a cancelled
-- dispatch is deleted and its last state is kept in the trail (every figure is counted from the
-- dispatch rows, so nothing else has to learn about cancellation). Nothing that was delivered can
-- be cancelled or edited away (the use cases refuse it).

alter table supplies_textbook_orders
  add column cancelled_at timestamptz,
  add column cancelled_by bigint references persons(id);

create table supplies_textbook_changes (
  id           bigint generated always as identity primary key,
  order_id     bigint not null references supplies_textbook_orders(id),
  dispatch_id  bigint,                          -- no foreign key: a cancelled dispatch is gone, its state is in changes
  action       text not null check (action in ('order_edited', 'order_cancelled', 'dispatch_edited', 'dispatch_cancelled')),
  changes      jsonb not null,                  -- [{field, old, new}] (field: publisher, reference, deadline, copies:<title id>, price:<title id>, copies, plannedOn, …)
  reason       text,
  changed_by   bigint references persons(id),
  changed_at   timestamptz not null
);
create index supplies_textbook_changes_order_idx on supplies_textbook_changes (order_id, id);
