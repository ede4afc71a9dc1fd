import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// the file store in a fresh folder; no transcoding worker (rows are made ready by hand here: video.upload.test.ts runs ffmpeg)
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'sabaq-video-links-'));
process.env.VIDEO_WORKERS = '0';

const { LEARNING_DEMO } = await import('../learning/learning.seed.js');
process.env.LEARNING_TODAY = LEARNING_DEMO.now;
const { createTestApp } = await import('../../../test/app.js');
const { demoIds, lessonOf } = await import('../learning/learning.fixtures.js');
const { LocalDiskStore } = await import('../files/files.store.js');
const { storeKeyOf } = await import('./video.rules.js');
const { makeClip } = await import('./video.test-support.js');
const { acceptRecording } = await import('./video.usecases.js');
const { writeFileSync } = await import('node:fs');
type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Issue 10: videos attached to lessons and homework; editing and deleting videos. */
let t: TestApp;
let ids: Awaited<ReturnType<typeof demoIds>>;
const cookies: Record<string, string> = {};
const store = new LocalDiskStore(path.join(process.env.DATA_DIR!, 'files'));
const call = (login: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, payload, headers: { cookie: cookies[login]! } });

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.db);
  for (const login of ['demo.pupil', 'demo.parent', 'demo.teacher', 'demo.admin', 'demo.ministry', 'demo.homeroom']) cookies[login] = await t.login(login);
});
afterAll(async () => t?.close());

async function video(opts: { owner?: string; status?: string; visibility?: 'public' | 'organisation'; org?: number | null; title?: string } = {}) {
  return t.one<number>(
    `insert into video_videos (owner_id, organisation_id, visibility, title, status, duration_s, source_key, source_bytes, failure_code)
     values ((select person_id from accounts where login = $1), $2, $3, $4, $5, 95.4, 'video/source/links-test', 1, case when $5 = 'failed' then 'video.transcode_failed' end)
     returning id`,
    [
      opts.owner ?? 'demo.teacher',
      opts.org === undefined ? ids.cityId : opts.org,
      opts.visibility ?? 'organisation',
      opts.title ?? 'Бөлшектер',
      opts.status ?? 'ready',
    ],
  );
}
const diary = async (login = 'demo.pupil') => {
  const res = await call(login, 'GET', `/api/learning/pupils/${ids.pupil}/diary`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const version = async (classId: number) => t.one<number>('select coalesce((select version from class_day_versions where class_id = $1), 0)::int', [classId]);

describe('a teacher attaches a video to a lesson and to a homework; the class watches it from there', () => {
  let lesson: number;
  let homework: number;
  let v: number;
  let lessonLink: number;
  beforeAll(async () => {
    lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    v = await video({ title: 'Бөлшектерді қосу' });
    const hw = await call('demo.teacher', 'POST', `/api/learning/lessons/${lesson}/homework`, {
      title: 'Бөлшектер, 12-жаттығу',
      dueAt: `${LEARNING_DEMO.today}T23:00:00+06:00`,
    });
    expect(hw.statusCode, hw.body).toBe(201);
    homework = hw.json().id;
  });

  test('attaching to the lesson: 201 with the lesson it serves; the pupil’s Today (cached per class) shows it on the lesson card at once', async () => {
    await diary(); // warms the class-day cache
    const before = await version(ids.class5a);
    const res = await call('demo.teacher', 'POST', `/api/video/videos/${v}/links`, { lessonId: lesson });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ lessonId: lesson, homeworkId: null, canDetach: true, recording: false, className: '5 А' });
    lessonLink = res.json().id;
    expect(await version(ids.class5a)).toBeGreaterThan(before);
    const day = await diary();
    const card = day.lessons.find((l: { id: number }) => l.id === lesson);
    expect(card.videos).toEqual([{ id: v, title: 'Бөлшектерді қосу', durationSeconds: 95 }]);
    // the parent sees it on the child's day, and the lesson page has it too
    expect((await diary('demo.parent')).lessons.find((l: { id: number }) => l.id === lesson).videos).toHaveLength(1);
    expect((await call('demo.pupil', 'GET', `/api/learning/lessons/${lesson}`)).json().videos).toEqual([
      { id: v, title: 'Бөлшектерді қосу', durationSeconds: 95 },
    ]);
    // the same video again: 409, nothing more written
    const again = await call('demo.teacher', 'POST', `/api/video/videos/${v}/links`, { lessonId: lesson });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'video.already_attached']);
    expect(await t.one<number>('select count(*)::int from video_links where video_id = $1', [v])).toBe(1);
  });

  test('attaching to the homework: the homework page and Today’s homework list show "watch"', async () => {
    const res = await call('demo.teacher', 'POST', `/api/video/videos/${v}/links`, { homeworkId: homework });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ lessonId: lesson, homeworkId: homework, homeworkTitle: 'Бөлшектер, 12-жаттығу' });
    const page = await call('demo.pupil', 'GET', `/api/learning/homework/${homework}`);
    expect(page.json().homework.videos).toEqual([{ id: v, title: 'Бөлшектерді қосу', durationSeconds: 95 }]);
    const due = (await diary()).homework.find((h: { id: number }) => h.id === homework);
    expect(due.videos).toHaveLength(1);
  });

  test('the archive entry lists the lessons and homework it serves, with the lesson’s homework, for those who may see the lesson', async () => {
    const res = await call('demo.pupil', 'GET', `/api/video/videos/${v}/links`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ lessonId: lesson, date: LEARNING_DEMO.today, canDetach: false });
    expect(items[0].homework).toContainEqual({ id: homework, title: 'Бөлшектер, 12-жаттығу' });
    expect(items[0].subject.en).toBeTruthy();
    // a teacher of the school who does not teach this class sees the video (the school's archive) but not the lessons
    const other = await t
      .one<string>(
        `select a.login from accounts a join role_assignments r on r.person_id = a.person_id and r.role = 'teacher' and r.organisation_id = $1
        where a.person_id not in (select teacher_id from teaching_assignments where class_id = $2) and a.login is not null order by a.person_id limit 1`,
        [ids.cityId, ids.class5a],
      )
      .catch(() => null);
    if (other) {
      const c = await t.login(other);
      const seen = await t.app.inject({ url: `/api/video/videos/${v}/links`, headers: { cookie: c } });
      expect(seen.statusCode).toBe(200);
      expect(seen.json().items).toEqual([]);
    }
  });

  test('GET /attached: the teacher sees every attached video with its state; pupils only the ready ones', async () => {
    const queued = await video({ status: 'queued', title: 'Жаңа жазба' });
    const res = await call('demo.teacher', 'POST', `/api/video/videos/${queued}/links`, { lessonId: lesson });
    expect(res.statusCode, res.body).toBe(201);
    const forTeacher = (await call('demo.teacher', 'GET', `/api/video/attached?lessonId=${lesson}`)).json();
    expect(forTeacher.canAttach).toBe(true);
    expect(forTeacher.items.map((i: { video: { id: number; status: string } }) => [i.video.id, i.video.status])).toEqual([
      [v, 'ready'],
      [queued, 'queued'],
    ]);
    const forPupil = (await call('demo.pupil', 'GET', `/api/video/attached?lessonId=${lesson}`)).json();
    expect(forPupil.canAttach).toBe(false);
    expect(forPupil.items.map((i: { video: { id: number } }) => i.video.id)).toEqual([v]);
    // not on Today until ready; once ready (the transcode finished), Today shows it without anything else written
    const card = () => diary().then((d) => d.lessons.find((l: { id: number }) => l.id === lesson).videos.map((x: { id: number }) => x.id));
    expect(await card()).toEqual([v]);
    await t.db.query(`update video_videos set status = 'ready', ready_at = now() where id = $1`, [queued]);
    expect(await card()).toEqual([v, queued]);
    const bad = await call('demo.teacher', 'GET', `/api/video/attached?lessonId=${lesson}&homeworkId=${homework}`);
    expect(bad.statusCode).toBe(400);
  });

  test('refusals: a pupil or the homeroom teacher cannot attach (403), a failed video (409), another school’s lesson (404); nothing written', async () => {
    const count = () => t.one<number>('select count(*)::int from video_links');
    const n = await count();
    const pupil = await call('demo.pupil', 'POST', `/api/video/videos/${v}/links`, { homeworkId: homework });
    expect([pupil.statusCode, pupil.json().error.code]).toEqual([403, 'video.attach_forbidden']);
    const failed = await video({ status: 'failed' });
    const f = await call('demo.teacher', 'POST', `/api/video/videos/${failed}/links`, { homeworkId: homework });
    expect([f.statusCode, f.json().error.code]).toEqual([409, 'video.not_attachable']);
    const otherLesson = await t.one<number>('select id from lessons where organisation_id = $1 order by id limit 1', [ids.otherRegionSchoolId]);
    const out = await call('demo.teacher', 'POST', `/api/video/videos/${v}/links`, { lessonId: otherLesson });
    expect([out.statusCode, out.json().error.code]).toEqual([404, 'video.lesson_not_found']);
    const both = await call('demo.teacher', 'POST', `/api/video/videos/${v}/links`, { lessonId: lesson, homeworkId: homework });
    expect(both.statusCode).toBe(400);
    // the school's admin attaches a national (public) video to the lesson, but not one of another school's archive
    const national = await video({ owner: 'demo.ministry', visibility: 'public', org: null, title: 'Ұлттық сабақ' });
    const ok = await call('demo.admin', 'POST', `/api/video/videos/${national}/links`, { lessonId: lesson });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await count()).toBe(n + 1);
  });

  test('a video of another school’s archive is out of reach of the class (422), even for a teacher who may see it', async () => {
    // demo.teacher's own video filed under another school (as if uploaded while teaching there)
    const elsewhere = await video({ org: ids.ruralId });
    const res = await call('demo.teacher', 'POST', `/api/video/videos/${elsewhere}/links`, { lessonId: lesson });
    expect([res.statusCode, res.json().error.code]).toEqual([422, 'video.out_of_reach']);
  });

  test('detaching: the lesson’s teacher takes it off; Today no longer shows it', async () => {
    const res = await call('demo.teacher', 'DELETE', `/api/video/videos/${v}/links/${lessonLink}`);
    expect(res.statusCode).toBe(204);
    const card = (await diary()).lessons.find((l: { id: number }) => l.id === lesson);
    expect(card.videos.map((x: { id: number }) => x.id)).not.toContain(v);
    const again = await call('demo.teacher', 'DELETE', `/api/video/videos/${v}/links/${lessonLink}`);
    expect(again.statusCode).toBe(404);
  });
});

describe('a recorded live lesson is attached to its lesson: a pupil who missed it finds it there once transcoded', () => {
  test('acceptRecording with the lesson: linked at once, on Today when ready', async () => {
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const file = path.join(process.env.DATA_DIR!, 'recording.mp4');
    writeFileSync(file, makeClip({ seconds: 2 }));
    const teacher = await t.one<number>("select person_id from accounts where login = 'demo.teacher'");
    const id = await acceptRecording(t.db, { path: file, ownerId: teacher, organisationId: ids.cityId, title: 'Live lesson', lessonId: lesson, store });
    const link = await t.db.query('select lesson_id, attached_by from video_links where video_id = $1', [id]);
    expect(link.rows).toEqual([{ lesson_id: lesson, attached_by: null }]);
    const card = async () => (await diary()).lessons.find((l: { id: number }) => l.id === lesson).videos.map((x: { id: number }) => x.id);
    expect(await card()).not.toContain(id);
    await t.db.query(`update video_videos set status = 'ready', ready_at = now() where id = $1`, [id]);
    expect(await card()).toContain(id);
    const links = (await call('demo.teacher', 'GET', `/api/video/videos/${id}/links`)).json().items;
    expect(links).toMatchObject([{ lessonId: lesson, recording: true, canDetach: true }]);
  });
});

describe('editing and deleting a video', () => {
  test('the uploader edits title, grade, subject, language, topic; others who may watch get 403; bad input 400 and nothing changed', async () => {
    const v = await video();
    const res = await call('demo.teacher', 'PATCH', `/api/video/videos/${v}`, {
      title: 'Жаңа атау',
      grade: 5,
      subjectId: ids.math,
      language: 'ru',
      topic: 'Дроби',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Жаңа атау', grade: 5, subjectId: ids.math, language: 'ru', topic: 'Дроби', canEdit: true });
    const cleared = await call('demo.teacher', 'PATCH', `/api/video/videos/${v}`, { topic: null, grade: null });
    expect(cleared.json()).toMatchObject({ topic: null, grade: null, title: 'Жаңа атау' });
    const pupil = await call('demo.pupil', 'PATCH', `/api/video/videos/${v}`, { title: 'x' });
    expect([pupil.statusCode, pupil.json().error.code]).toEqual([403, 'video.edit_forbidden']);
    expect((await call('demo.pupil', 'GET', `/api/video/videos/${v}`)).json().canEdit).toBe(false);
    for (const body of [{}, { title: '' }, { grade: 13 }, { language: 'de' }, { title: 'a'.repeat(201) }, { owner: 1 }]) {
      const bad = await call('demo.teacher', 'PATCH', `/api/video/videos/${v}`, body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }
    const subject = await call('demo.teacher', 'PATCH', `/api/video/videos/${v}`, { subjectId: 99_999_999, title: 'Басқа' });
    expect([subject.statusCode, subject.json().error.code]).toEqual([400, 'video.unknown_subject']);
    expect(await t.one<string>('select title from video_videos where id = $1', [v])).toBe('Жаңа атау');
  });

  test('the ministry edits a national video it did not upload; a teacher does not', async () => {
    const national = await video({ owner: 'demo.ministry', visibility: 'public', org: null });
    const other = await t
      .one<string>(
        "select a.login from accounts a join role_assignments r on r.person_id = a.person_id and r.role = 'ministry_officer' where a.login <> 'demo.ministry' limit 1",
      )
      .catch(() => null);
    const t1 = await call('demo.teacher', 'PATCH', `/api/video/videos/${national}`, { topic: 'x' });
    expect(t1.statusCode).toBe(403);
    const m = await call('demo.ministry', 'PATCH', `/api/video/videos/${national}`, { topic: 'Ұлттық' });
    expect(m.statusCode).toBe(200);
    if (other) {
      const c = await t.login(other);
      const res = await t.app.inject({ method: 'PATCH', url: `/api/video/videos/${national}`, payload: { grade: 7 }, headers: { cookie: c } });
      expect(res.statusCode).toBe(200);
    }
  });

  test('deleting a ready video: its files leave the store, its lesson links and TV slot go in the same transaction', async () => {
    const v = await video({ title: 'Өшірілетін' });
    const lesson = await lessonOf(t.db, ids.class5a, LEARNING_DEMO.today, ids.math);
    const names = ['master.m3u8', 'small.mp4', '240p/seg-00000.ts', '240p/seg-00001.ts', '360p/seg-00000.ts', 'audio/seg-00000.ts'];
    const put = (name: string, body: string) => store.put(storeKeyOf(v, name), Readable.from([Buffer.from(body)]), Buffer.byteLength(body));
    for (const n of names) await put(n, 'x');
    await put('240p/index.m3u8', '#EXTM3U\n#EXTINF:4,\nseg-00000.ts\n#EXTINF:4,\nseg-00001.ts\n#EXT-X-ENDLIST\n');
    await put('360p/index.m3u8', '#EXTM3U\nseg-00000.ts\n');
    await put('audio/index.m3u8', '#EXTM3U\nseg-00000.ts\n');
    await store.put('video/source/links-test', Readable.from([Buffer.from('src')]), 3);
    const slot = await t.one<number>(
      `insert into video_tv_slots (channel_id, starts_at, ends_at, grade, language, topic, video_id)
       values ((select id from video_tv_channels where code = 'el_arna'), '2020-12-09T03:00:00Z', '2020-12-09T03:30:00Z', 5, 'kk', 'Өшірілетін', $1) returning id`,
      [v],
    );
    expect((await call('demo.teacher', 'POST', `/api/video/videos/${v}/links`, { lessonId: lesson })).statusCode).toBe(201);
    const pupil = await call('demo.pupil', 'DELETE', `/api/video/videos/${v}`);
    expect([pupil.statusCode, pupil.json().error.code]).toEqual([403, 'video.edit_forbidden']);
    const res = await call('demo.teacher', 'DELETE', `/api/video/videos/${v}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: v, deleted: true, tvSlots: 1, links: 1 });
    expect(await t.one<number>('select count(*)::int from video_videos where id = $1', [v])).toBe(0);
    expect(await t.one<number | null>('select video_id from video_tv_slots where id = $1', [slot])).toBeNull();
    expect(await t.one<number>('select count(*)::int from video_links where video_id = $1', [v])).toBe(0);
    for (const n of [...names, '240p/index.m3u8', 'audio/index.m3u8']) await expect(store.get(storeKeyOf(v, n))).rejects.toThrow(/No stored file/);
    await expect(store.get('video/source/links-test')).rejects.toThrow(/No stored file/);
    expect((await call('demo.teacher', 'GET', `/api/video/videos/${v}`)).statusCode).toBe(404);
  });

  test('a queued transcode is cancelled with its video; one running right now refuses (409) and nothing is removed', async () => {
    const queued = await video({ status: 'queued' });
    await t.db.query('insert into video_jobs (video_id) values ($1)', [queued]);
    const res = await call('demo.teacher', 'DELETE', `/api/video/videos/${queued}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(await t.one<number>('select count(*)::int from video_jobs where video_id = $1', [queued])).toBe(0);

    const running = await video({ status: 'transcoding' });
    await t.db.query(`insert into video_jobs (video_id, state, locked_by, heartbeat_at, attempts) values ($1, 'running', 'w1', now(), 1)`, [running]);
    const refused = await call('demo.teacher', 'DELETE', `/api/video/videos/${running}`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'video.transcoding']);
    expect(await t.one<number>('select count(*)::int from video_videos where id = $1', [running])).toBe(1);
    // its worker died (the heartbeat is older than the lease): it can go
    await t.db.query(`update video_jobs set heartbeat_at = now() - interval '1 hour' where video_id = $1`, [running]);
    expect((await call('demo.teacher', 'DELETE', `/api/video/videos/${running}`)).statusCode).toBe(200);
  });
});
