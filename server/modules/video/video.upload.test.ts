import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// the file store and the transcoder's scratch space in a fresh folder; one worker polling fast
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), 'sabaq-video-'));
process.env.VIDEO_WORKERS = '1';
process.env.VIDEO_POLL_MS = '200';

const { createTestApp } = await import('../../../test/app.js');
const { makeClip, videoMultipart } = await import('./video.test-support.js');
const repo = await import('./video.repository.js');
const { LocalDiskStore } = await import('../files/files.store.js');
type TestApp = Awaited<ReturnType<typeof createTestApp>>;

let t: TestApp;
let teacher: string;
let ministry: string;
let pupil: string;
const store = new LocalDiskStore(path.join(process.env.DATA_DIR!, 'files'));

beforeAll(async () => {
  t = await createTestApp();
  [teacher, ministry, pupil] = await Promise.all([t.login('demo.teacher'), t.login('demo.ministry'), t.login('demo.pupil')]);
});
afterAll(async () => t?.close());

const upload = (cookie: string, file: Buffer, fields: Record<string, string> = { title: 'Fractions, lesson 1' }, name = 'lesson.mp4') => {
  const { payload, headers } = videoMultipart(fields, name, file);
  return t.app.inject({ method: 'POST', url: '/api/video/videos', headers: { ...headers, cookie }, payload });
};
const count = () => t.one<number>('select count(*)::int from video_videos');

async function until(id: number, cookie: string | undefined, done: (s: string) => boolean, seconds = 60) {
  const seen = new Set<string>();
  for (let i = 0; i < seconds * 5; i++) {
    const res = await t.app.inject({ url: `/api/video/videos/${id}`, headers: cookie ? { cookie } : {} });
    const body = res.json();
    seen.add(body.status);
    if (done(body.status)) return { body, seen };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`video ${id} never finished (${[...seen].join(', ')})`);
}

describe('an uploaded video becomes an HLS ladder with a low rung and an audio-only rung', () => {
  let id: number;
  test('a teacher uploads a clip: 201 with the id, queued', async () => {
    const res = await upload(teacher, makeClip({ seconds: 6 }), { title: 'Fractions, lesson 1', grade: '5', language: 'kk', topic: 'Adding fractions' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'queued' });
    id = res.json().id;
  });

  test('the status goes to ready with the master playlist; the ladder has 240p ~300 kbit/s, 360p and sound only', async () => {
    const { body } = await until(id, teacher, (s) => s === 'ready' || s === 'failed');
    expect(body.status).toBe('ready');
    expect(body.progress).toBe(1);
    expect(body.hlsUrl).toBe(`/api/video/videos/${id}/media/master.m3u8`);
    const master = await t.app.inject({ url: body.hlsUrl, headers: { cookie: teacher } });
    expect(master.statusCode).toBe(200);
    expect(master.headers['content-type']).toContain('mpegurl');
    const variants = [...master.body.matchAll(/#EXT-X-STREAM-INF:([^\n]+)\n([^\n]+)/g)].map((m) => ({ attrs: m[1]!, uri: m[2]! }));
    expect(variants.map((v) => v.uri)).toEqual(['240p/index.m3u8', '360p/index.m3u8', 'audio/index.m3u8']);
    const bw = (a: string) => Number(/BANDWIDTH=(\d+)/.exec(a)![1]);
    expect(bw(variants[0]!.attrs)).toBeGreaterThan(200_000);
    expect(bw(variants[0]!.attrs)).toBeLessThan(400_000);
    expect(variants[0]!.attrs).toContain('RESOLUTION=320x240');
    expect(variants[1]!.attrs).toMatch(/RESOLUTION=\d+x360/);
    // the audio-only rung: one codec, AAC, no picture
    expect(variants[2]!.attrs).toMatch(/CODECS="mp4a\.[0-9.]+"/);
    expect(variants[2]!.attrs).not.toContain('RESOLUTION');
    for (const rung of ['240p', '360p', 'audio']) {
      const list = await t.app.inject({ url: `/api/video/videos/${id}/media/${rung}/index.m3u8`, headers: { cookie: teacher } });
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('#EXT-X-ENDLIST');
      const seg = /^(seg-\d{5}\.ts)$/m.exec(list.body)![1]!;
      const ts = await t.app.inject({ url: `/api/video/videos/${id}/media/${rung}/${seg}`, headers: { cookie: teacher } });
      expect(ts.statusCode).toBe(200);
      expect(ts.rawPayload[0]).toBe(0x47); // MPEG-TS sync byte
    }
    const mp4 = await t.app.inject({ url: body.mp4Url, headers: { cookie: teacher } });
    expect(mp4.statusCode).toBe(200);
    expect(mp4.rawPayload.subarray(4, 8).toString()).toBe('ftyp');
  });

  test("a pupil of the teacher's school watches it; signed out is asked to sign in; names outside the ladder are not found", async () => {
    expect((await t.app.inject({ url: `/api/video/videos/${id}`, headers: { cookie: pupil } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/video/videos/${id}/media/master.m3u8` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/video/videos/${id}/media/..%2F..%2Fsecret`, headers: { cookie: teacher } })).statusCode).toBe(404);
    const arch = await t.app.inject({ url: '/api/video/videos?grade=5&q=fractions', headers: { cookie: pupil } });
    expect(arch.json().items.map((v: { id: number }) => v.id)).toContain(id);
  });
});

describe('bad input: a clear error and nothing written', () => {
  test.each([
    ['not a video (text)', () => Buffer.from('this is a lesson plan, not a video\n'.repeat(50)), 'video.not_a_video'],
    ['an empty file', () => Buffer.alloc(0), 'video.empty_file'],
    ['0 seconds', () => makeClip({ frames: 1, seconds: 1 }), 'video.too_short'],
    ['no sound', () => makeClip({ seconds: 2, audio: false }), 'video.no_audio'],
  ])('%s', async (_label, make, code) => {
    const before = await count();
    const res = await upload(teacher, make());
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message.length).toBeGreaterThan(10);
    expect(await count()).toBe(before);
  });

  test('fields are checked: no title → 400; a pupil may not upload → 403', async () => {
    const res = await upload(teacher, makeClip({ seconds: 1 }), { grade: '5' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('video.invalid_fields');
    expect((await upload(pupil, makeClip({ seconds: 1 }))).statusCode).toBe(403);
  });
});

describe('a failed transcode says why and can be retried; a job is never lost', () => {
  test('a source that went bad in the store fails with the reason; its uploader retries it', async () => {
    const ownerId = await t.one<number>("select person_id from accounts where login = 'demo.ministry'");
    const key = 'video/source/broken-test-source';
    const garbage = Buffer.alloc(4096, 7);
    await store.put(key, Readable.from([garbage]), garbage.length);
    const id = await t.db.transaction((tx) =>
      repo.insertVideo(tx, {
        ownerId,
        organisationId: null,
        visibility: 'public',
        title: 'Broken',
        grade: null,
        subjectId: null,
        language: null,
        topic: null,
        durationSeconds: 3,
        width: 320,
        height: 240,
        sourceKey: key,
        sourceBytes: garbage.length,
      }),
    );
    const { body } = await until(id, ministry, (s) => s === 'failed');
    expect(body.failure.code).toBe('video.not_a_video');
    expect(body.canRetry).toBe(true);
    expect((await t.app.inject({ method: 'POST', url: `/api/video/videos/${id}/retry`, headers: { cookie: teacher } })).statusCode).toBe(404);
    const retried = await t.app.inject({ method: 'POST', url: `/api/video/videos/${id}/retry`, headers: { cookie: ministry } });
    expect(retried.statusCode).toBe(200);
    expect(['queued', 'transcoding', 'failed']).toContain(retried.json().status);
    expect(await t.one<number>('select count(*)::int from video_jobs where video_id = $1', [id])).toBe(2);
    await until(id, ministry, (s) => s === 'failed');
    const again = await t.app.inject({ method: 'POST', url: `/api/video/videos/${id}/retry`, headers: { cookie: ministry } });
    expect(again.statusCode).toBe(200);
  });

  test('a running job whose worker stopped reporting is taken over; a fresh one is not', async () => {
    const videoId = await t.one<number>('select id from video_videos order by id limit 1');
    const fresh = await t.one<number>(
      `insert into video_jobs (video_id, state, locked_by, heartbeat_at, attempts, run_after)
      values ($1, 'done', 'w-alive', now(), 1, now()) returning id`,
      [videoId],
    );
    const stale = await t.one<number>(
      `insert into video_jobs (video_id, state, locked_by, heartbeat_at, attempts, run_after)
      values ($1, 'running', 'w-dead', now() - interval '10 minutes', 1, now() - interval '1 day') returning id`,
      [videoId],
    );
    // the stale job's run_after is the earliest, so a job the retry test above left queued (the
    // worker may not have taken it yet on a loaded machine) does not come first
    const claimed = await repo.claimJob(t.db, 'w-new', 60);
    expect(claimed?.id).toBe(stale);
    expect(claimed?.attempts).toBe(2);
    expect(claimed?.id).not.toBe(fresh);
    await t.db.query("update video_jobs set state = 'done' where id = $1", [stale]);
  });
});
