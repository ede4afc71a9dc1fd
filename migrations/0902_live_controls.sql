-- live module: the teacher's controls (decision 0029 §controls).
-- A bandwidth cap chosen per room (null: LIVE_ROOM_BITRATE); a participant removed from a room
-- (their tokens are taken back and no new ticket is issued to them for it); a participant given the
-- floor (may publish their microphone, and camera if they turn it on).
alter table live_media_rooms add column bitrate integer check (bitrate between 32000 and 4000000);
alter table live_tickets add column removed_at timestamptz;
alter table live_tickets add column may_speak boolean not null default false;
