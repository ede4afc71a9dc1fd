/**
 * Broadcast meetings without a media server (JANUS_URL empty): scheduling and its bad input, who is
 * in the audience (outside = 404), written questions and their moderation, viewers' attendance, the
 * live HLS files' authorisation, and the meeting saying clearly that the re-broadcast is off here.
 * The real Janus + ffmpeg journey is e2e/broadcast.test.ts.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { demoIds, type DemoIds } from '../learning/learning.fixtures.js';
import { canOpen, forwardSdp, isLiveFileName, liveHlsArgs, masterPlaylist, playlistHasSegments } from './broadcast.rules.js';
import { makeClip } from '../video/video.test-support.js';
import { execFileSync } from 'node:child_process';

const NOW = '2020-12-09T09:00:00+06:00';
const DIR = path.join(os.tmpdir(), `sabaq-broadcast-test-${process.pid}`);
const env = { LEARNING_TODAY: NOW, JANUS_URL: '', LIVE_BROADCAST_DIR: DIR, DATA_DIR: path.join(DIR, 'data'), VIDEO_WORKERS: '0' };

let t: TestApp;
let ids: DemoIds;
const cookies: Record<string, string> = {};
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  t = await createTestApp({ env });
  ids = await demoIds(t.db);
  for (const who of ['admin', 'parent', 'district', 'teacher', 'pupil', 'homeroom']) cookies[who] = await t.login(`demo.${who}`);
  // a second parent of the city school, signed in with their IIN (seeded parents may)
  const iin = await t.one<string>(
    `select p.iin from parent_links pl join persons p on p.id = pl.parent_id join class_members cm on cm.pupil_id = pl.child_id
       join classes c on c.id = cm.class_id join accounts a on a.person_id = p.id
      where c.organisation_id = $1 and pl.parent_id <> $2 order by p.id limit 1`,
    [ids.cityId, ids.parent],
  );
  cookies.parent2 = await t.login(iin);
}, 60_000);

afterAll(async () => {
  await t?.close();
  rmSync(DIR, { recursive: true, force: true });
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const call = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(method === 'POST' ? { payload: payload ?? {} } : {}) });
const count = () => t.one<number>('select count(*)::int from live_broadcasts');

describe('scheduling a broadcast meeting', () => {
  test('a school admin for the school, a district officer for the district; others 404; the media is said to be missing', async () => {
    const school = await call('admin', 'POST', '/api/live/broadcasts', {
      scope: 'school',
      targetId: ids.cityId,
      topic: 'How to study at home?',
      startsAt: '2020-12-09T18:00:00+06:00',
    });
    expect(school.statusCode).toBe(201);
    expect(school.json()).toMatchObject({ scope: 'school', organisationId: ids.cityId, state: 'scheduled', isHost: true, hlsUrl: null });
    expect(school.json().media).toEqual({ available: false, missing: ['janus'] });
    expect(school.json().endsAt).toBe('2020-12-09T13:00:00.000Z');
    const districtId = await t.one<number>('select district_id from organisations where id = $1', [ids.cityId]);
    const district = await call('district', 'POST', '/api/live/broadcasts', {
      scope: 'district',
      targetId: districtId,
      topic: 'Knowledge Day',
      startsAt: '2020-12-10T10:00:00+06:00',
      minutes: 90,
    });
    expect(district.statusCode).toBe(201);
    // not theirs: another school for the admin, a school for the officer, another region's district, a teacher
    const otherDistrict = await t.one<number>('select district_id from organisations where id = $1', [ids.otherRegionSchoolId]);
    const before = await count();
    for (const [who, body] of [
      ['admin', { scope: 'school', targetId: ids.otherRegionSchoolId }],
      ['district', { scope: 'school', targetId: ids.cityId }],
      ['district', { scope: 'district', targetId: otherDistrict }],
      ['teacher', { scope: 'school', targetId: ids.cityId }],
      ['admin', { scope: 'school', targetId: 99_999_999 }],
    ] as const) {
      const res = await call(who, 'POST', '/api/live/broadcasts', { ...body, topic: 'x', startsAt: '2020-12-10T10:00:00+06:00' });
      expect(res.statusCode, `${who} ${JSON.stringify(body)}`).toBe(404);
      expect(res.json().error.code).toBe('live.target_not_found');
    }
    expect(await count()).toBe(before);
  });

  test('bad input: a meeting in the past, an empty topic, an unknown scope, too long, extra fields -> 400, nothing written', async () => {
    const before = await count();
    const base = { scope: 'school', targetId: ids.cityId, topic: 'Cyberculture', startsAt: '2020-12-10T10:00:00+06:00' };
    const past = await call('admin', 'POST', '/api/live/broadcasts', { ...base, startsAt: '2020-12-09T08:00:00+06:00' });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.code).toBe('live.broadcast_in_past');
    for (const bad of [
      { ...base, topic: '  ' },
      { ...base, scope: 'country' },
      { ...base, minutes: 1000 },
      { ...base, startsAt: 'tomorrow' },
      { ...base, targetId: -1 },
      { ...base, extra: 1 },
    ]) {
      const res = await call('admin', 'POST', '/api/live/broadcasts', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json().error).toHaveProperty('code');
    }
    expect(await count()).toBe(before);
  });
});

describe('one broadcast: audience, questions, viewers, the stream', () => {
  let id: number;
  let otherId: number;
  beforeAll(async () => {
    id = (
      await call('admin', 'POST', '/api/live/broadcasts', {
        scope: 'school',
        targetId: ids.cityId,
        topic: 'Term results',
        startsAt: '2020-12-09T09:10:00+06:00',
      })
    ).json().id;
    otherId = await t.one<number>(
      `insert into live_broadcasts (scope, organisation_id, district_id, topic, starts_at, ends_at, created_by, created_at)
       select 'school', id, district_id, 'Elsewhere', '2020-12-09T09:10:00+06:00', '2020-12-09T10:00:00+06:00', $2, now() from organisations where id = $1 returning id`,
      [ids.otherRegionSchoolId, ids.teacher],
    );
  });

  test("parents of the school's pupils watch; pupils, teachers and another region's meeting answer 404", async () => {
    const seen = await call('parent', 'GET', `/api/live/broadcasts/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ isHost: false, viewers: null, state: 'scheduled' });
    expect((await call('parent', 'GET', '/api/live/broadcasts')).json().items.map((b: { id: number }) => b.id)).toContain(id);
    // the audience was told when it was scheduled (in the same transaction); nobody outside it
    const told = async (who: string) =>
      (await call(who, 'GET', '/api/notifications'))
        .json()
        .items.filter((n: { kind: string; params: { broadcastId?: number } }) => n.kind === 'live.broadcast_scheduled' && n.params.broadcastId === id);
    expect(await told('parent')).toEqual([expect.objectContaining({ params: expect.objectContaining({ topic: 'Term results', scope: 'school' }) })]);
    for (const who of ['pupil', 'teacher', 'admin']) expect(await told(who), who).toEqual([]);
    for (const who of ['pupil', 'teacher', 'homeroom', 'district']) {
      const res = await call(who, 'GET', `/api/live/broadcasts/${id}`);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error.code).toBe('live.broadcast_not_found');
      expect((await call(who, 'GET', '/api/live/broadcasts')).json().items.map((b: { id: number }) => b.id)).not.toContain(id);
    }
    expect((await call('parent', 'GET', `/api/live/broadcasts/${otherId}`)).statusCode).toBe(404);
    expect((await call('parent', 'POST', `/api/live/broadcasts/${otherId}/questions`, { body: 'hello?' })).statusCode).toBe(404);
    expect((await call('admin', 'GET', `/api/live/broadcasts/${otherId}/questions`)).statusCode).toBe(404);
  });

  test('questions: the presenter sees all with names, shows, answers or hides; viewers see their own and the shown ones', async () => {
    const q1 = await call('parent', 'POST', `/api/live/broadcasts/${id}/questions`, { body: '  Will the term be longer?  ' });
    expect(q1.statusCode).toBe(201);
    expect(q1.json()).toMatchObject({ body: 'Will the term be longer?', state: 'new', mine: true, asker: null });
    const q2 = (await call('parent2', 'POST', `/api/live/broadcasts/${id}/questions`, { body: 'Are textbooks given?' })).json();
    const list = (who: string) =>
      call(who, 'GET', `/api/live/broadcasts/${id}/questions`).then(
        (r) => r.json().items as { id: number; state: string; asker: string | null; mine: boolean }[],
      );
    const host = await list('admin');
    expect(host.map((q) => q.id)).toEqual([q1.json().id, q2.id]);
    expect(host.every((q) => typeof q.asker === 'string' && q.asker.length > 0)).toBe(true);
    // before moderation each parent sees only their own
    expect((await list('parent2')).map((q) => q.id)).toEqual([q2.id]);
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/questions/${q1.json().id}`, { state: 'shown' })).json().state).toBe('shown');
    const seen = await list('parent2');
    expect(seen.map((q) => q.id)).toEqual([q1.json().id, q2.id]);
    expect(seen[0]).toMatchObject({ mine: false, asker: null });
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/questions/${q1.json().id}`, { state: 'answered' })).json().state).toBe('answered');
    expect((await list('parent2')).map((q) => q.id)).toContain(q1.json().id);
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/questions/${q1.json().id}`, { state: 'hidden' })).json().state).toBe('hidden');
    expect((await list('parent2')).map((q) => q.id)).toEqual([q2.id]);
    expect((await list('parent')).find((q) => q.id === q1.json().id)?.state).toBe('hidden'); // the asker still sees theirs
    // only the presenter moderates; a question of another meeting is not found here; bad states and bodies
    expect((await call('parent', 'POST', `/api/live/broadcasts/${id}/questions/${q2.id}`, { state: 'shown' })).statusCode).toBe(403);
    const otherQ = await t.one<number>(
      `insert into live_broadcast_questions (broadcast_id, person_id, body, created_at) values ($1, $2, 'x', now()) returning id`,
      [otherId, ids.teacher],
    );
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/questions/${otherQ}`, { state: 'shown' })).statusCode).toBe(404);
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/questions/${q2.id}`, { state: 'new' })).statusCode).toBe(400);
    expect((await call('parent', 'POST', `/api/live/broadcasts/${id}/questions`, { body: '' })).statusCode).toBe(400);
    expect((await call('parent', 'POST', `/api/live/broadcasts/${id}/questions`, { body: 'x'.repeat(501) })).statusCode).toBe(400);
  });

  test("viewers' attendance: each playing page reports; the presenter sees how many watch", async () => {
    expect((await call('parent', 'POST', `/api/live/broadcasts/${id}/watching`)).statusCode).toBe(204);
    expect((await call('parent2', 'POST', `/api/live/broadcasts/${id}/watching`)).statusCode).toBe(204);
    expect((await call('parent', 'POST', `/api/live/broadcasts/${id}/watching`)).statusCode).toBe(204);
    expect((await call('admin', 'GET', `/api/live/broadcasts/${id}`)).json().viewers).toEqual({ now: 2, total: 2 });
    expect((await call('pupil', 'POST', `/api/live/broadcasts/${id}/watching`)).statusCode).toBe(404);
  });

  test('the live HLS: the audience reads the folder; other names and other people get 404', async () => {
    mkdirSync(path.join(DIR, String(id), '240p'), { recursive: true });
    writeFileSync(path.join(DIR, String(id), 'master.m3u8'), masterPlaylist(true));
    const ok = await call('parent', 'GET', `/api/live/broadcasts/${id}/hls/master.m3u8`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('mpegurl');
    expect(ok.headers['cache-control']).toBe('no-store');
    expect(ok.body).toContain('240p/index.m3u8');
    expect((await call('parent', 'GET', `/api/live/broadcasts/${id}/hls/240p/index.m3u8`)).statusCode).toBe(404); // not written yet
    expect((await call('parent', 'GET', `/api/live/broadcasts/${id}/hls/..%2F..%2Fetc%2Fpasswd`)).statusCode).toBe(404);
    expect((await call('parent', 'GET', `/api/live/broadcasts/${id}/hls/in.sdp`)).statusCode).toBe(404);
    expect((await call('pupil', 'GET', `/api/live/broadcasts/${id}/hls/master.m3u8`)).statusCode).toBe(404);
  });

  test('without Janus the presenter is told the re-broadcast is off (503); ending works; a question after the end is refused', async () => {
    const open = await call('admin', 'POST', `/api/live/broadcasts/${id}/open`);
    expect(open.statusCode).toBe(503);
    expect(open.json().error.code).toBe('live.broadcast_unavailable');
    expect((await call('parent', 'POST', `/api/live/broadcasts/${id}/open`)).statusCode).toBe(403);
    const air = await call('admin', 'POST', `/api/live/broadcasts/${id}/on-air`, { publisherId: 1, audioMid: '0' });
    expect(air.statusCode).toBe(409);
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/on-air`, { publisherId: 'x', audioMid: '0' })).statusCode).toBe(400);
    const end = await call('admin', 'POST', `/api/live/broadcasts/${id}/end`);
    expect(end.statusCode).toBe(200);
    expect(end.json().state).toBe('ended');
    expect((await call('parent', 'POST', `/api/live/broadcasts/${id}/questions`, { body: 'late' })).statusCode).toBe(409);
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/open`)).statusCode).toBe(409);
  });
});

describe('a finished school meeting kept as a video of the archive', () => {
  test('the presenter keeps it once: the recording ffmpeg copied becomes a queued video of the school; refusals say why', async () => {
    const schedule = (scope: 'school' | 'district', targetId: number, who = 'admin') =>
      call(who, 'POST', '/api/live/broadcasts', { scope, targetId, topic: `Kept ${scope}`, startsAt: '2020-12-09T09:20:00+06:00' });
    const id = (await schedule('school', ids.cityId)).json().id;
    // not ended yet: nothing to keep
    const early = await call('admin', 'POST', `/api/live/broadcasts/${id}/keep`);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'live.nothing_to_keep']);
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/end`)).json()).toMatchObject({ state: 'ended', canKeep: false, keptVideoId: null });
    // ended but never broadcast from here (no recording): still nothing to keep
    expect((await call('admin', 'POST', `/api/live/broadcasts/${id}/keep`)).json().error.code).toBe('live.nothing_to_keep');
    // what ffmpeg leaves beside the playlists when the meeting was on air (a clip stands in for Janus's forward)
    mkdirSync(path.join(DIR, String(id)), { recursive: true });
    writeFileSync(path.join(DIR, String(id), 'recording.mkv'), makeClip({ seconds: 2 }));
    expect((await call('admin', 'GET', `/api/live/broadcasts/${id}`)).json().canKeep).toBe(true);
    expect((await call('parent', 'GET', `/api/live/broadcasts/${id}`)).json().canKeep).toBe(false);
    expect((await call('parent', 'POST', `/api/live/broadcasts/${id}/keep`)).statusCode).toBe(403);
    const kept = await call('admin', 'POST', `/api/live/broadcasts/${id}/keep`);
    expect(kept.statusCode, kept.body).toBe(201);
    const videoId = kept.json().keptVideoId;
    expect(kept.json().canKeep).toBe(false);
    const row = await t.db.query('select title, source, visibility, organisation_id, status from video_videos where id = $1', [videoId]);
    expect(row.rows[0]).toEqual({ title: 'Kept school', source: 'recording', visibility: 'organisation', organisation_id: ids.cityId, status: 'queued' });
    const again = await call('admin', 'POST', `/api/live/broadcasts/${id}/keep`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'live.already_kept']);
    expect(await t.one<number>("select count(*)::int from video_videos where title = 'Kept school'")).toBe(1);
    // a district's meeting has no school archive
    const d = (await schedule('district', await t.one<number>('select district_id from organisations where id = $1', [ids.cityId]), 'district')).json().id;
    await call('district', 'POST', `/api/live/broadcasts/${d}/end`);
    const district = await call('district', 'POST', `/api/live/broadcasts/${d}/keep`);
    expect([district.statusCode, district.json().error.code]).toEqual([409, 'live.keep_school_only']);
  });
});

describe('a sound-only meeting kept', () => {
  test('its Opus recording gets a still frame and becomes a video of the school', async () => {
    const id = (
      await call('admin', 'POST', '/api/live/broadcasts', { scope: 'school', targetId: ids.cityId, topic: 'Kept sound', startsAt: '2020-12-09T09:30:00+06:00' })
    ).json().id;
    await call('admin', 'POST', `/api/live/broadcasts/${id}/end`);
    mkdirSync(path.join(DIR, String(id)), { recursive: true });
    execFileSync('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000:duration=2',
      '-c:a',
      'libopus',
      '-f',
      'matroska',
      path.join(DIR, String(id), 'recording.mka'),
    ]);
    const kept = await call('admin', 'POST', `/api/live/broadcasts/${id}/keep`);
    expect(kept.statusCode, kept.body).toBe(201);
    expect(await t.one<string>('select source from video_videos where id = $1', [kept.json().keptVideoId])).toBe('recording');
  });
});

describe('broadcast rules (properties)', () => {
  test('only the ladder names are served: anything else is refused', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        if (isLiveFileName(s)) expect(s).toMatch(/^(master\.m3u8|(240p|360p|audio)\/(index\.m3u8|seg-\d{5}\.ts))$/);
        expect(isLiveFileName(`../${s}`)).toBe(false);
      }),
    );
    expect(isLiveFileName('240p/seg-00012.ts')).toBe(true);
  });

  test('the room opens from 30 minutes before the start until the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: -600, max: 600 }), fc.integer({ min: 10, max: 240 }), (offsetMin, minutes) => {
        const start = new Date('2020-12-09T04:00:00Z');
        const end = new Date(start.getTime() + minutes * 60_000);
        const now = new Date(start.getTime() + offsetMin * 60_000);
        const v = canOpen(now, start, end);
        if (offsetMin < -30) expect(v).toBe('too_early');
        else if (offsetMin >= minutes) expect(v).toBe('over');
        else expect(v).toBe('ok');
      }),
    );
  });

  test('the live ladder: 240p then 360p then sound only in the master; ffmpeg writes each rung and copies the forward into the recording', () => {
    const master = masterPlaylist(true);
    expect(master.split('\n').filter((l) => l.endsWith('index.m3u8'))).toEqual(['240p/index.m3u8', '360p/index.m3u8', 'audio/index.m3u8']);
    expect(
      masterPlaylist(false)
        .split('\n')
        .filter((l) => l.endsWith('index.m3u8')),
    ).toEqual(['audio/index.m3u8']);
    const args = liveHlsArgs('/in.sdp', '/out', true).join(' ');
    expect(args).toContain('scale=-2:240');
    expect(args).toContain('scale=-2:360');
    for (const f of ['/out/240p/index.m3u8', '/out/360p/index.m3u8', '/out/audio/index.m3u8', '-c copy -f matroska /out/recording.mkv'])
      expect(args).toContain(f);
    expect(liveHlsArgs('/in.sdp', '/out', false).join(' ')).not.toContain('0:v:0');
    expect(liveHlsArgs('/in.sdp', '/out', false).join(' ')).toContain('-c copy -f matroska /out/recording.mka');
    expect(isLiveFileName('360p/seg-00001.ts')).toBe(true);
    expect(isLiveFileName('recording.mkv')).toBe(false);
  });

  test('the SDP describes Opus and, with a camera, VP8 on the given ports; a playlist counts once it lists a segment', () => {
    expect(forwardSdp({ audio: 5002, video: 5004 })).toContain('m=video 5004 RTP/AVP 96');
    expect(forwardSdp({ audio: 5002, video: null })).not.toContain('m=video');
    expect(playlistHasSegments('#EXTM3U\n#EXTINF:2.0,\nseg-00000.ts\n')).toBe(true);
    expect(playlistHasSegments('#EXTM3U\n#EXT-X-TARGETDURATION:2\n')).toBe(false);
  });
});
