-- live module: recording a live room (Janus VideoRoom `record`), then janus-pp-rec + ffmpeg make one
-- video that enters the video module's transcoding pipeline, linked to the room's lesson or meeting.
alter table live_media_rooms add column record boolean not null default false;
alter table live_media_rooms add column recording_state text check (recording_state in ('pending', 'processing', 'done', 'failed'));
alter table live_media_rooms add column recording_video_id bigint references video_videos(id) on delete set null;
alter table live_media_rooms add column recording_failure text;
alter table live_media_rooms add column recording_attempts smallint not null default 0;
create index live_media_rooms_recording_idx on live_media_rooms(recording_state) where recording_state in ('pending', 'processing');
