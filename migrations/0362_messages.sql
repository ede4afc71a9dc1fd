-- Messages between a family and a child's teachers, and school-wide announcements
-- (server/modules/messages, decision 0020).
create table message_threads (
  id              bigint generated always as identity primary key,
  organisation_id integer not null references organisations(id),
  pupil_id        bigint not null references persons(id),     -- the child the conversation is about
  subject         text not null,
  created_by      bigint not null references persons(id),
  created_at      timestamptz not null default now(),
  last_message_at timestamptz not null default now()
);

create table message_participants (
  thread_id    bigint not null references message_threads(id),
  person_id    bigint not null references persons(id),
  last_read_at timestamptz,
  primary key (thread_id, person_id)
);
create index message_participants_person_idx on message_participants (person_id);

create table messages (
  id         bigint generated always as identity primary key,
  thread_id  bigint not null references message_threads(id),
  author_id  bigint not null references persons(id),
  body       text not null,
  created_at timestamptz not null default now()
);
create index messages_thread_idx on messages (thread_id, id);

create table school_announcements (
  id              bigint generated always as identity primary key,
  organisation_id integer not null references organisations(id),
  author_id       bigint not null references persons(id),
  title           text not null,
  body            text not null,
  created_at      timestamptz not null default now()
);
create index school_announcements_org_idx on school_announcements (organisation_id, id desc);
