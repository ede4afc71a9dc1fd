-- live: a finished broadcast meeting kept as a video of the archive (issue 10; decision 0035's forward
-- is also copied by ffmpeg into the meeting's folder, and "keep" hands that file to the video module).
alter table live_broadcasts add column kept_video_id bigint references video_videos(id) on delete set null;
