import { attachedVideosJson } from '../video/attached.usecases.js';

/**
 * JSON fragments the read queries share, so every screen gets the same shapes (see contracts/learning.ts).
 * Each takes the alias of the table it reads.
 */
export const subjectJson = (s: string) =>
  `json_build_object('id', ${s}.id, 'code', ${s}.code, 'name', json_build_object('kk', ${s}.name_kk, 'ru', ${s}.name_ru, 'en', ${s}.name_en))`;

export const personJson = (p: string) =>
  `json_build_object('id', ${p}.id, 'lastName', ${p}.last_name, 'firstName', ${p}.first_name, 'middleName', ${p}.middle_name)`;

export const fileJson = (f: string) =>
  `json_build_object('id', ${f}.id, 'name', ${f}.name, 'contentType', ${f}.content_type, 'size', ${f}.size_bytes, 'createdAt', iso_utc(${f}.created_at))`;

export const termJson = (t: string) =>
  `json_build_object('id', ${t}.id, 'kind', ${t}.kind, 'number', ${t}.number, 'startsOn', ${t}.starts_on, 'endsOn', ${t}.ends_on, 'academicYearId', ${t}.academic_year_id)`;

/** A material row `mt` with its file `f` (left joined). */
export const materialJson = (mt: string, f: string) =>
  `json_build_object('id', ${mt}.id, 'kind', ${mt}.kind, 'title', ${mt}.title, 'url', ${mt}.url,
     'file', case when ${f}.id is null then null else ${fileJson(f)} end, 'homeworkId', ${mt}.homework_id)`;

/** Materials of a lesson (its own, not its homework's) as a JSON array. */
export const lessonMaterials = (lessonIdExpr: string) =>
  `(select coalesce(json_agg(${materialJson('mt', 'f')} order by mt.id), '[]') from lesson_materials mt
     left join files f on f.id = mt.file_id where mt.lesson_id = ${lessonIdExpr} and mt.homework_id is null)`;

export const homeworkMaterials = (homeworkIdExpr: string) =>
  `(select coalesce(json_agg(${materialJson('mt', 'f')} order by mt.id), '[]') from lesson_materials mt
     left join files f on f.id = mt.file_id where mt.homework_id = ${homeworkIdExpr})`;

/** How lesson `l` is delivered; the join link only when `withJoinUrl` (an SQL boolean). */
export const deliveryJson = (l: string, withJoinUrl: string) =>
  `json_build_object('kind', ${l}.delivery, 'joinUrl', case when ${withJoinUrl} then ${l}.join_url end, 'tvChannel', ${l}.tv_channel,
     'tvAirAt', iso_utc(${l}.tv_air_at), 'videoUrl', ${l}.video_url, 'tvSlot', ${tvSlotJson(l)})`;

/**
 * The lesson's slot in the TV grid (issue 10): a read of the video module's grid tables inside the one
 * diary query (Today stays one query; the class-day cache is bumped by migration 0920's triggers when
 * the slot or its recording changes). Shown only while the lesson is on TV.
 */
const tvSlotJson = (l: string) =>
  `case when ${l}.tv_slot_id is not null and ${l}.delivery = 'tv' then
     (select json_build_object('id', ts.id, 'channelName', tc.name, 'timeZone', tc.time_zone, 'startsAt', iso_utc(ts.starts_at), 'topic', ts.topic,
        'videoId', case when tv.status = 'ready' then tv.id end)
        from video_tv_slots ts join video_tv_channels tc on tc.id = ts.channel_id left join video_videos tv on tv.id = ts.video_id
       where ts.id = ${l}.tv_slot_id) end`;

export const markJson = (mk: string) => `json_build_object('kind', ${mk}.kind, 'score', ${mk}.score, 'max', ${mk}.max_score, 'comment', ${mk}.comment)`;

/** The ready videos attached to a lesson / a homework (the video module's links, decision 0040) as a JSON array. */
export const lessonVideos = (lessonIdExpr: string) => attachedVideosJson('lesson_id', lessonIdExpr);
export const homeworkVideos = (homeworkIdExpr: string) => attachedVideosJson('homework_id', homeworkIdExpr);
