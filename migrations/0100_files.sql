-- files module: what the file store holds. The bytes live in the store (local disk or S3-compatible);
-- this table keeps who uploaded what, under which key, and the type we detected from its bytes.
create table files (
  id            uuid primary key,                     -- random: a file id in a URL reveals nothing
  owner_id      bigint not null references persons(id),
  storage_key   text not null unique,
  name          text not null check (length(name) between 1 and 255),  -- the uploader's file name
  content_type  text not null,                        -- detected from magic bytes, never the client's claim
  size_bytes    bigint not null check (size_bytes >= 0),
  sha256        bytea not null,
  created_at    timestamptz not null default now()
);
create index files_owner_idx on files(owner_id, created_at);
