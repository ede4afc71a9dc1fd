/**
 * The video module's authorisation matrix as data (run by video.matrix.test.ts). Inside: a ready
 * video of demo.teacher's school and a failed one of demo.teacher; outside: a ready video of another
 * school; missing: ids that do not exist. Rows are written straight into the tables (no transcoding
 * here: video.upload.test.ts runs ffmpeg) with a master playlist in a scratch file store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { Matrix, MatrixEndpoint } from '../../../test/authz-matrix.js';
import { only } from '../../../test/authz-matrix.js';
import { LocalDiskStore } from '../files/files.usecases.js';
import { videoMultipart } from './video.test-support.js';
import { storeKeyOf } from './video.rules.js';

interface Objects {
  video: number;
  failed: number;
  /** a lesson of demo.pupil's class in maths (demo.teacher's), with a homework */
  lesson: number;
  /** a link of `video` to that homework, to detach */
  link: number;
  /** a ready video of demo.teacher's to delete */
  doomed: number;
  /** a local retransmission channel of demo.region's region */
  channel: number;
  /** demo.region's region */
  region: number;
}
const MISSING = 99_999_999;
const N = 404;
const dataDir = mkdtempSync(path.join(tmpdir(), 'sabaq-video-matrix-'));
const members = only({ pupil: 200, parent: 200, teacher: 200, homeroom: 200, admin: 200 });
const notAVideo = videoMultipart({ title: 'Not a video' }, 'notes.mp4', Buffer.from('plain text, not a video\n'.repeat(20)));

const endpoints: MatrixEndpoint<Objects>[] = [
  { route: 'GET /api/video/videos/:id', request: (o) => `/api/video/videos/${o.video}`, inside: members },
  { route: 'GET /api/video/videos/:id/media/*', request: (o) => `/api/video/videos/${o.video}/media/master.m3u8`, inside: members },
  // public ready videos answer everyone, signed out too: only the school's own are in scope here
  { route: 'GET /api/video/videos', request: () => '/api/video/videos?pageSize=5', inside: only({}, 200), outside: false, missing: false, signedOut: 200 },
  { route: 'GET /api/video/my-videos', request: () => '/api/video/my-videos', inside: only({}, 200), outside: false, missing: false },
  {
    route: 'POST /api/video/videos',
    name: 'a file that is not a video',
    request: () => ({ url: '/api/video/videos', payload: notAVideo.payload, headers: notAVideo.headers }),
    inside: only({ teacher: 422, homeroom: 422, ministry: 422 }, 403),
    outside: false,
    missing: false,
  },
  {
    route: 'POST /api/video/tv-schedule/import',
    name: 'an unknown channel (nothing written)',
    request: () => ({
      url: '/api/video/tv-schedule/import',
      payload: { csv: 'channel,starts_at,ends_at,grade,subject,language,topic\nmtv,2020-04-06 10:20,2020-04-06 10:50,5,Math,kk,Fractions\n' },
    }),
    // a region officer imports its region's local channels: an unknown one is reported to it as to the ministry
    inside: only({ region: 422, ministry: 422 }, 403),
    outside: false,
    missing: false,
  },
  { route: 'GET /api/video/videos/:id/links', request: (o) => `/api/video/videos/${o.video}/links`, inside: members },
  {
    route: 'GET /api/video/attached',
    request: (o) => `/api/video/attached?lessonId=${o.lesson}`,
    inside: members,
  },
  { route: 'GET /api/video/tv-channels', request: () => '/api/video/tv-channels', inside: only({}, 200), outside: false, missing: false },
  // state changes last
  {
    route: 'POST /api/video/tv-channels',
    name: 'a national channel',
    request: () => ({ url: '/api/video/tv-channels', payload: { code: 'matrix_national', name: 'Matrix national', kind: 'national', languages: ['kk'] } }),
    inside: only({ ministry: 201 }, 403),
    outside: false,
    missing: false,
  },
  {
    route: 'POST /api/video/tv-channels',
    name: 'a local channel of a region',
    request: (o) => ({
      url: '/api/video/tv-channels',
      payload: { code: `matrix_local_${o.region}`, name: `Matrix local ${o.region}`, kind: 'local', languages: ['kk', 'ru'], regionId: o.region },
    }),
    // its region's officer creates it; the ministry (after) finds it exists
    inside: only({ region: 201, ministry: 409 }, 403),
    outside: only({ ministry: 201 }, 403),
    missing: only({ ministry: 422 }, 403),
  },
  {
    route: 'PATCH /api/video/tv-channels/:id',
    request: (o) => ({ url: `/api/video/tv-channels/${o.channel}`, payload: { languages: ['kk', 'ru', 'en'] } }),
    inside: only({ region: 200, ministry: 200 }, 403),
    outside: only({ ministry: 200 }, 403),
  },
  { route: 'POST /api/video/videos/:id/retry', request: (o) => `/api/video/videos/${o.failed}/retry`, inside: only({ teacher: 200 }, N) },
  {
    route: 'PATCH /api/video/videos/:id',
    request: (o) => ({ url: `/api/video/videos/${o.video}`, payload: { topic: 'Fractions' } }),
    // those who may watch it but did not upload it: 403
    inside: only({ pupil: 403, parent: 403, teacher: 200, homeroom: 403, admin: 403 }),
  },
  {
    route: 'POST /api/video/videos/:id/links',
    request: (o) => ({ url: `/api/video/videos/${o.video}/links`, payload: { lessonId: o.lesson } }),
    // the lesson's teacher attaches; the school's admin may too, and finds it attached already
    inside: only({ pupil: 403, parent: 403, teacher: 201, homeroom: 403, admin: 409 }),
  },
  {
    route: 'DELETE /api/video/videos/:id/links/:linkId',
    request: (o) => `/api/video/videos/${o.video}/links/${o.link}`,
    // the first allowed deletes; the roles after it find nothing
    inside: only({ pupil: 403, parent: 403, teacher: 204 }),
  },
  {
    route: 'DELETE /api/video/videos/:id',
    request: (o) => `/api/video/videos/${o.doomed}`,
    inside: only({ pupil: 403, parent: 403, teacher: 200 }),
  },
];

export const matrix: Matrix<Objects> = {
  module: 'video',
  env: { DATA_DIR: dataDir, VIDEO_WORKERS: '0' },
  endpoints,
  async objects(t) {
    const teacher = await t.one<number>("select person_id from accounts where login = 'demo.teacher'");
    const school = await t.one<number>(`select organisation_id from role_assignments r join accounts a on a.person_id = r.person_id
      where a.login = 'demo.teacher' and r.role = 'teacher' limit 1`);
    const other = await t.one<number>('select id from organisations where id <> $1 order by id limit 1', [school]);
    const otherTeacher = await t.one<number>("select person_id from role_assignments where role = 'teacher' and organisation_id = $1 limit 1", [other]);
    const insert = (owner: number, org: number, status: string) =>
      t.one<number>(
        `insert into video_videos (owner_id, organisation_id, visibility, title, status, duration_s, source_key, source_bytes, failure_code, failure_message)
       values ($1, $2, 'organisation', 'Matrix video', $3, 60, 'video/source/matrix', 1,
         case when $3 = 'failed' then 'video.transcode_failed' end, case when $3 = 'failed' then 'ffmpeg exited with 1' end) returning id`,
        [owner, org, status],
      );
    const video = await insert(teacher, school, 'ready');
    const failed = await insert(teacher, school, 'failed');
    const doomed = await insert(teacher, school, 'ready');
    const outside = await insert(otherTeacher, other, 'ready');
    const outsideFailed = await insert(otherTeacher, other, 'failed');
    const outsideDoomed = await insert(otherTeacher, other, 'ready');
    const lesson = await t.one<number>(
      `select l.id from lessons l join subjects s on s.id = l.subject_id and s.code = 'math'
        join class_members m on m.class_id = l.class_id join accounts a on a.person_id = m.pupil_id and a.login = 'demo.pupil'
       where l.teacher_id = $1 and not l.cancelled order by l.on_date, l.starts_at limit 1`,
      [teacher],
    );
    const outsideLesson = await t.one<number>('select id from lessons where organisation_id = $1 and not cancelled order by on_date, starts_at limit 1', [
      other,
    ]);
    const linkTo = async (videoId: number, lessonId: number) => {
      const hw = await t.one<number>(
        `insert into homework (lesson_id, organisation_id, class_id, subject_id, term_id, teacher_id, title, due_at)
         select id, organisation_id, class_id, subject_id, term_id, teacher_id, 'Matrix video homework', on_date + 7 from lessons where id = $1 returning id`,
        [lessonId],
      );
      return t.one<number>('insert into video_links (video_id, homework_id, attached_by) values ($1, $2, null) returning id', [videoId, hw]);
    };
    const link = await linkTo(video, lesson);
    const region = await t.one<number>(
      "select r.region_id from role_assignments r join accounts a on a.person_id = r.person_id where a.login = 'demo.region' and r.role = 'region_officer' limit 1",
    );
    const otherRegion = await t.one<number>('select id from regions where id <> $1 order by id limit 1', [region]);
    const localChannel = (regionId: number) =>
      t.one<number>(`insert into video_tv_channels (code, name, kind, languages, region_id) values ($1, $1, 'local', '{kk}', $2) returning id`, [
        `matrix_tv_${regionId}`,
        regionId,
      ]);
    const channel = await localChannel(region);
    const outsideChannel = await localChannel(otherRegion);
    const outsideLink = await linkTo(outside, outsideLesson);
    const store = new LocalDiskStore(path.join(dataDir, 'files'));
    const master = Buffer.from('#EXTM3U\n');
    for (const id of [video, outside, doomed, outsideDoomed]) await store.put(storeKeyOf(id, 'master.m3u8'), Readable.from([master]), master.length);
    return {
      inside: { video, failed, lesson, link, doomed, channel, region },
      outside: {
        video: outside,
        failed: outsideFailed,
        lesson: outsideLesson,
        link: outsideLink,
        doomed: outsideDoomed,
        channel: outsideChannel,
        region: otherRegion,
      },
      missing: { video: MISSING, failed: MISSING, lesson: MISSING, link: MISSING, doomed: MISSING, channel: MISSING, region: 99_999 },
    };
  },
};
