/**
 * The videos attached to a lesson or a homework (table video_links, migration 1240, decision 0040),
 * as an SQL fragment the learning module puts inside its one diary / lesson / homework statement, so
 * Today stays one query and its class-day cache (decision 0026) is bumped by 1240's triggers. Only
 * ready videos are listed (a recording shows once its transcode is ready): `[{id, title, durationSeconds}]`.
 * Kept free of imports: learning's SQL fragments load it.
 */
export function attachedVideosJson(column: 'lesson_id' | 'homework_id', idExpr: string): string {
  return `(select coalesce(json_agg(json_build_object('id', av.id, 'title', av.title, 'durationSeconds', round(av.duration_s)::int) order by ak.id), '[]')
     from video_links ak join video_videos av on av.id = ak.video_id and av.status = 'ready' where ak.${column} = ${idExpr})`;
}
